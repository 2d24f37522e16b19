// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), signed in as guest.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const portalUrl = process.env.PORTAL_URL ?? 'http://localhost:3000';
const screenshotDir = join(
  import.meta.dirname,
  '..',
  'artifacts',
  'screenshots',
);

// Without the networking flags Chromium keeps trying to reach hosts that
// this closed network refuses.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
}

/** Opens the portal and passes the guest sign-in page. */
export async function signInAsGuest(browser) {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  page.setDefaultTimeout(30_000);
  await page.goto(portalUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the app's navigation shows; only then is the session kept
  // across page loads.
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  return page;
}

export async function saveScreenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: join(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

// A fresh portal scores its entities after the demo's initial delay (about
// 20 s) and a first cycle: the tests wait generously for it.
const FIRST_CYCLE_WAIT_MS = 150_000;
/** How often reloadUntil tries; one try waits for twice as long. */
export const RETRY_EVERY_MS = 5_000;

/**
 * Loads `url` until `ready` shows, reloading while the portal's first cycle
 * runs. `ready` is a locator, whose first match must show, or a function
 * that throws until the page is ready; `onEachTry` runs after each load.
 */
export async function reloadUntil(page, url, ready, { onEachTry } = {}) {
  const deadline = Date.now() + FIRST_CYCLE_WAIT_MS;
  for (;;) {
    try {
      await page.goto(url);
      await onEachTry?.();
      if (typeof ready === 'function') await ready();
      else await ready.first().waitFor({ timeout: RETRY_EVERY_MS * 2 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(RETRY_EVERY_MS);
    }
  }
}
