import { test, before, after } from 'node:test';
import { openBrowser, signInAsGuest, saveScreenshot } from './browser.mjs';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('a guest signs in and sees the demo services in the catalog', async t => {
  const page = await signInAsGuest(browser);
  t.after(() => saveScreenshot(page, 'catalog'));

  await page
    .getByRole('heading', { name: /catalog/i })
    .first()
    .waitFor();
  // The catalog shows entity titles; the demo organisation's services are listed.
  await page.getByRole('link', { name: 'Shipment Service' }).waitFor();
  await page.getByRole('link', { name: 'Legacy Invoicing' }).waitFor();
});
