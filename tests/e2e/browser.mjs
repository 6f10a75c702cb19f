// Shared helpers for the e2e tests: the system Chromium (never a downloaded one),
// the built app served from dist/, and a page that records console errors.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * A new page whose console errors, uncaught exceptions and failed requests land in `errors`.
 * `contextOptions` go to `browser.newContext` (viewport, deviceScaleFactor, ...).
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'da-DK', ...contextOptions });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(30_000);
  // A CSP violation also prints a console error; this names the directive precisely.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  // Except a request the page itself gave up (net::ERR_ABORTED): a navigation, or a frame
  // replaced, while a favicon or a stylesheet was still on its way. That is no error of the
  // app's, and it failed tests at random on a busy machine; a file that is missing still
  // fails them (HTTP 404 below), as does one the network or the CSP refuses.
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, errors };
}

/**
 * Save a full-page screenshot to tests/e2e/artifacts/NAME.png. A full-page capture keeps the
 * viewport's height, and the app's results column is sticky, as tall as the viewport and
 * scrolls inside: the picture would show only its top, its tables cut off as if empty. So
 * for the picture the viewport is as tall as the page; then its size and every scroll
 * position (the page's and inner ones) are put back, for the test to go on as it was.
 */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => {
    window.__cofundScrolled = [...document.querySelectorAll('*')]
      .filter((el) => el.scrollTop || el.scrollLeft)
      .map((el) => [el, el.scrollLeft, el.scrollTop]);
    return document.documentElement.scrollHeight;
  });
  const taller = viewport && height > viewport.height;
  if (taller) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    if (taller) await page.setViewportSize(viewport);
    await page.evaluate(() => {
      for (const [el, left, top] of window.__cofundScrolled ?? []) el.scrollTo(left, top);
      delete window.__cofundScrolled;
    });
  }
  return path;
}

/**
 * Runs `body(page)` on a fresh page (and context) of `app` opened at `query`; the page must
 * log no errors. Screenshot `shot` at the end, also when the body failed.
 */
export async function withAppPage(app, body, { query = '', context = {}, shot } = {}) {
  const { page, errors } = await newPage(app.browser, context);
  try {
    await gotoApp(page, app.url, query);
    await body(page);
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    if (shot) await screenshot(page, shot).catch(() => {});
    await page.context().close();
  }
}

/** The median of `samples` (the mean of the middle two for an even count). */
export function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Whitespace (including the no-break spaces of formatted amounts) as single spaces, trimmed. */
export function norm(text) {
  return String(text ?? '').replace(/\s+/gu, ' ').trim();
}

/**
 * Open the app at `query` (e.g. '?preset=design-sprint&lang=en') and wait until the
 * results show a total. Returns the page's URL.
 */
export async function gotoApp(page, baseUrl, query = '') {
  await page.goto(baseUrl + query, { waitUntil: 'load' });
  await page.locator('[data-testid="total-cost"]').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Poll `read()` until `accept(value)` is true, for at most `timeout` ms; then fail with
 * `what` and the last value read. Every wait in the tests goes through here or has its own
 * timeout, so nothing hangs.
 */
export async function eventually(read, accept, what, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (err) {
      last = `(error: ${err.message})`;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
}

/** Wait until the (normalized) text of `locator` equals `expected`. */
export async function expectText(locator, expected, what = 'text', timeout = 5_000) {
  return eventually(
    async () => norm(await locator.innerText({ timeout })),
    (t) => t === norm(expected),
    `${what} to read ${JSON.stringify(expected)}`,
    timeout,
  );
}

/** `promise`, or a rejection naming `what` after `ms` milliseconds. */
export function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const AXE_SOURCE = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('axe-core/package.json')), 'axe.min.js'),
  'utf8',
);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's WCAG 2.0–2.2 A/AA rules on `target` (a page or a frame), as one line per
 * violation and affected node. axe is evaluated through DevTools rather than added as a
 * <script>, so the page keeps its strict CSP while it is checked.
 */
export async function axeViolations(target, state, timeout = 60_000) {
  await target.evaluate(AXE_SOURCE);
  const result = await withTimeout(
    target.evaluate((tags) => window.axe.run(document, { runOnly: tags, resultTypes: ['violations'] }), AXE_TAGS),
    timeout,
    `axe.run (${state})`,
  );
  return result.violations.map((v) =>
    [
      `- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`,
      ...v.nodes.slice(0, 5).map((n) => `    target ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    ].join('\n'),
  );
}

/** Fails with axe's findings unless the page and every frame in it have no violations. */
export async function assertNoAxeViolations(page, state) {
  const lines = [];
  for (const frame of page.frames()) lines.push(...(await axeViolations(frame, state)));
  if (lines.length > 0) throw new Error(`axe violations in state "${state}":\n${lines.join('\n')}`);
}
