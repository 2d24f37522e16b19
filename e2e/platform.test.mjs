import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openBrowser,
  portalUrl,
  reloadUntil,
  saveScreenshot,
  signInAsGuest,
} from './browser.mjs';

// What examples/README.md says the staging cluster lacks on purpose.
const STAGING_MISSING = {
  'cluster-logging': 'A DaemonSet ships container logs',
  'backup-system': 'Velero backs up the cluster on a schedule',
  'default-deny-ingress':
    'Every application namespace denies ingress by default',
};

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('the Platform tab shows both demo clusters and what staging lacks, with remediation', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-platform'));

  const matrix = page.getByRole('table', { name: 'Capabilities by cluster' });
  await reloadUntil(
    page,
    new URL('/readiness/platform', portalUrl).href,
    matrix.getByRole('img', { name: 'staging: Failing' }),
  );
  // Both clusters side by side: prod-eu passes what staging fails.
  for (const title of Object.values(STAGING_MISSING)) {
    const row = matrix.getByRole('row', { name: title });
    await row.getByRole('img', { name: 'staging: Failing' }).waitFor();
    await row.getByRole('img', { name: 'prod-eu: Passing' }).waitFor();
  }

  const missing = page.getByRole('region', { name: /^Missing on Staging/ });
  for (const [id, title] of Object.entries(STAGING_MISSING)) {
    await missing.locator(`#check-${id}-summary`).getByText(title).waitFor();
  }
  // prod-eu lacks nothing, so it has no such list.
  assert.equal(
    await page.getByRole('region', { name: /^Missing on Production/ }).count(),
    0,
  );

  // Opening one shows how to add it: the prose and the command to run.
  await missing.locator('#check-cluster-logging-summary').click();
  const details = missing.locator('#check-cluster-logging-details');
  await details.getByText('How to fix it').waitFor();
  await details.getByText(/Run a log shipper as a DaemonSet/).waitFor();
  await details
    .getByText(/helm install fluent-bit/)
    .first()
    .waitFor();
});

test("a cluster's Readiness tab groups its capabilities and names what satisfied each", async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'readiness-cluster-tab'));

  const score = page.getByLabel(/^Score \d+ of 100$/);
  await reloadUntil(
    page,
    new URL('/catalog/default/resource/staging/readiness', portalUrl).href,
    score,
  );
  // A failing capability, and a passing one with what satisfied it.
  await page.locator('#check-backup-system-summary').waitFor();
  await page
    .locator('#check-backup-system-summary')
    .getByText('Failing', { exact: true })
    .waitFor();
  await page.locator('#check-cluster-metrics-summary').click();
  await page
    .locator('#check-cluster-metrics-details')
    .getByText(/prometheus/i)
    .first()
    .waitFor();
});
