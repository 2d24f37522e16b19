import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openBrowser,
  portalUrl,
  reloadUntil,
  RETRY_EVERY_MS,
  saveScreenshot,
  signInAsGuest,
} from './browser.mjs';

// examples/README.md, "Drift between Git and the cluster": notification-service
// keeps its manifests in Git and runs in the acme-prod source, which was
// scaled down by hand. payment-gateway has no manifests in Git: nothing to
// compare, so it never drifts.
const DRIFTING = {
  name: 'notification-service',
  title: 'Notification Service',
};
const STEADY = { name: 'payment-gateway', title: 'Payment Gateway' };
// detectDrift's words (packages/backend/src/demoDrift.test.ts holds the demo to them).
const DRIFT_MESSAGE =
  'live Deployment notification-service runs 1 replica, Git says 3';

// Sections low on the tab render only as they scroll near; the wheel scrolls
// whatever is under this point of the 1440 × 900 viewport: the content, not
// the sidebar.
const CONTENT_POINT = { x: 900, y: 600 };
const SCROLL_STEPS = 20;

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

/** Scrolls the content down until `target` is on the page, then to it. */
async function scrollTo(page, target) {
  await page.mouse.move(CONTENT_POINT.x, CONTENT_POINT.y);
  for (let step = 0; step < SCROLL_STEPS; step++) {
    if ((await target.count()) > 0) break;
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(250);
  }
  await target.first().scrollIntoViewIfNeeded({ timeout: RETRY_EVERY_MS });
}

test('the Readiness tab of the drifting service shows its drift from Git', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-drift-tab'));

  const score = page.getByLabel(/^Score \d+ of 100$/);
  const evaluateNow = page.getByRole('button', { name: 'Evaluate now' });
  const section = page.getByText('Drift from Git', { exact: true });
  await reloadUntil(
    page,
    new URL(`/catalog/default/component/${DRIFTING.name}/readiness`, portalUrl)
      .href,
    async () => {
      // Not scored yet: use the tab's own way out rather than waiting.
      await score
        .or(evaluateNow)
        .first()
        .waitFor({ timeout: RETRY_EVERY_MS * 2 });
      if (await evaluateNow.isVisible()) await evaluateNow.click();
      await score.first().waitFor({ timeout: RETRY_EVERY_MS * 2 });
      await scrollTo(page, section);
    },
  );

  // The difference is shown in the developer's words, as the engine wrote it.
  const message = page.getByText(DRIFT_MESSAGE);
  await message.first().waitFor();
  assert.ok(await message.first().isVisible());
});

test('/readiness with "Only drifting" lists the drifting service and not a steady one', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-overview-drift'));

  // The entities table is the one with the Drift column; the other cards
  // of the page name services too.
  const table = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Drift' }) });
  const drifting = table.getByRole('link', {
    name: DRIFTING.title,
    exact: true,
  });
  const steady = table.getByRole('link', { name: STEADY.title, exact: true });
  await reloadUntil(page, new URL('/readiness', portalUrl).href, async () => {
    await drifting.waitFor({ timeout: RETRY_EVERY_MS * 2 });
    await steady.waitFor({ timeout: RETRY_EVERY_MS * 2 });
  });

  await page.getByLabel('Only drifting').check();
  // The table reloads from the backend with the filter.
  await steady.waitFor({ state: 'detached' });
  await drifting.waitFor();
  assert.equal(await steady.count(), 0);
  assert.equal(await drifting.count(), 1);
});
