import { test, before, after } from 'node:test';
import { openBrowser, signInAsGuest, saveScreenshot } from './browser.mjs';

let browser;
before(async () => {
  browser = await openBrowser();
});
after(async () => {
  await browser?.close();
});

test('a guest signs in and sees the demo components in the catalog', async () => {
  const page = await signInAsGuest(browser);
  await page.getByRole('heading', { name: /catalog/i }).first().waitFor();
  // The demo organisation's services are listed.
  await page.getByRole('link', { name: 'shipment-service' }).waitFor();
  await saveScreenshot(page, 'catalog');
});
