import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openBrowser,
  portalUrl,
  reloadUntil,
  saveScreenshot,
  signInAsGuest,
} from './browser.mjs';

// The demo campaign (app-config.yaml's readiness.campaigns) asks the Acme
// Freight services for a PodDisruptionBudget. Its progress comes from the
// first cycle (reloadUntil waits for it).
const CAMPAIGN_CHECK = 'pdb';
// examples/README.md: notification-service has no PodDisruptionBudget.
const FAILING_SERVICE = 'notification-service';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test("the Campaigns tab shows the demo campaign's progress, and opens it with its teams and burndown", async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-campaigns'));

  // The demo campaign's row: the one asking for the PDB check.
  const row = page
    .getByRole('row')
    .filter({ has: page.getByText(CAMPAIGN_CHECK, { exact: true }) });
  const progress = row.getByRole('progressbar', { name: /^\d+ of \d+ done/ });
  await reloadUntil(
    page,
    new URL('/readiness/campaigns', portalUrl).href,
    progress,
  );
  await row.getByText('Running', { exact: true }).waitFor();

  // Some freight services have a PDB and some do not: neither 0 nor 100 %.
  const [, done, inScope] = (await progress.getAttribute('aria-label')).match(
    /^(\d+) of (\d+) done/,
  );
  assert.ok(Number(inScope) > 0, 'the campaign covers the freight services');
  assert.ok(Number(done) > 0, 'some services already pass');
  assert.ok(Number(done) < Number(inScope), 'some services still fail');

  // Opening it gives it a link of its own, its teams and its burndown.
  await row.getByRole('link').first().click();
  await page.waitForURL(/\/readiness\/campaigns\?campaign=/);
  await page.getByRole('heading', { name: 'Teams' }).waitFor();
  // An InfoCard's title is text, not a heading element.
  await page.getByText('Burndown', { exact: true }).waitFor();
  await page.getByText(/^\d+ of \d+ failing on /).waitFor();
  await page.getByText(/^Due \d+ \w{3}$/).waitFor();
  await saveScreenshot(page, 'readiness-campaign-detail');
});

test('the Readiness tab of a service without a PDB shows the campaign banner, linked to the campaign', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-campaign-banner'));

  const banner = page
    .getByRole('alert')
    .filter({
      hasText: /, due \d+ \w{3}( \(overdue\))?: this service still fails/,
    })
    .filter({ has: page.locator('code', { hasText: CAMPAIGN_CHECK }) });
  await reloadUntil(
    page,
    new URL(
      `/catalog/default/component/${FAILING_SERVICE}/readiness`,
      portalUrl,
    ).href,
    banner,
  );

  const link = banner.getByRole('link');
  assert.match(
    await link.getAttribute('href'),
    /^\/readiness\/campaigns\?campaign=[a-z0-9-]+$/,
  );
  await link.click();
  await page.getByRole('heading', { name: 'Teams' }).waitFor();
});

test('a platform engineer starts a campaign on the Campaigns tab, sees its progress, moves its due date, and deletes it', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-campaign-started'));
  // The demo's permission policy allows everything, campaigns included.
  const newCampaign = page.getByRole('button', { name: 'New campaign' });
  await reloadUntil(
    page,
    new URL('/readiness/campaigns', portalUrl).href,
    page.getByRole('progressbar', { name: /^\d+ of \d+ done/ }).first(),
  );
  await newCampaign.click();

  const dialog = page.getByRole('dialog', { name: 'New campaign' });
  // A title of its own run, so that a second run against the same portal
  // does not find the id taken.
  const title = `Runbooks for freight ${Date.now()}`;
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  const id = await dialog.getByRole('textbox', { name: 'Id' }).inputValue();
  assert.match(id, /^runbooks-for-freight-\d+$/);
  await dialog
    .getByRole('textbox', { name: 'Checks every entity in scope must pass' })
    .fill('runbook');
  await page
    .getByRole('option', { name: 'A runbook is linked (runbook)' })
    .click();
  const systems = dialog.getByRole('textbox', { name: 'Systems' });
  await systems.fill('freight-platform');
  await systems.press('Enter');
  await saveScreenshot(page, 'readiness-campaign-form');
  await dialog.getByRole('button', { name: 'Start campaign' }).click();

  // It opens at its own link, counted over the stored scorecards at once.
  await page.waitForURL(new RegExp(`campaign=${id}$`));
  await page.getByText(title, { exact: true }).first().waitFor();
  await page.getByText('Defined through the API').waitFor();
  const progress = page.getByRole('progressbar', { name: /^\d+ of \d+ done/ });
  const [, inScope] = (await progress.first().getAttribute('aria-label')).match(
    /^\d+ of (\d+) done/,
  );
  assert.ok(Number(inScope) > 0, 'the freight platform has scored services');
  await saveScreenshot(page, 'readiness-campaign-new-detail');

  // Moving its due date shows on the page at once.
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: `Edit “${title}”` });
  await edit.getByLabel(/^Due date/).fill('2031-03-31');
  await edit.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/– 31 Mar 2031$/).waitFor();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete campaign' }).click();
  await page.waitForURL(/\/readiness\/campaigns$/);
  await newCampaign.waitFor();
  assert.equal(await page.getByText(title).count(), 0);
});
