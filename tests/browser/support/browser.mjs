// Debian's Chromium driven by playwright-core, with the flags this machine needs (no sandbox as
// root, no background network), and French pages that record console and page errors.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// A new French browser context (its own cookies: another visitor) in `browser`, with one page.
export async function openFrenchContext(browser, baseUrl) {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  const pageErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (err) => { pageErrors.push(String(err && err.stack || err)); });
  return { context, page, consoleErrors, pageErrors };
}

export async function openFrenchPage(baseUrl) {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, ...(await openFrenchContext(browser, baseUrl)) };
}
