// Shared helpers for the e2e tests: the system Chromium (never a downloaded one),
// the built app served from dist/, and a page that records console errors.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const distDir = process.env.COFUND_DIST ?? join(repoRoot, 'dist');
export const artifactsDir = join(here, 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Start the static server on a free port and launch Chromium. Call `close()` when done. */
export async function openApp() {
  const site = await startServer(distDir);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    await site.close();
    throw err;
  }
  return {
    url: site.url,
    browser,
    async close() {
      await browser.close();
      await site.close();
    },
  };
}

/** A new page whose console errors, uncaught exceptions and failed requests land in `errors`. */
export async function newPage(browser) {
  const context = await browser.newContext({ locale: 'da-DK' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, errors };
}

/** Save a full-page screenshot to tests/e2e/artifacts/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
