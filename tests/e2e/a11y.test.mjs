// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no violations in the app's main states:
// Danish, English, with an invalid field, with an explanation open, and 320 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openApp, newPage, gotoApp, screenshot, eventually, withTimeout } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = join(dirname(require.resolve('axe-core/package.json')), 'axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** Run axe on the whole document; fail with one line per violation and affected node. */
async function assertNoViolations(page, state) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await withTimeout(
    page.evaluate((tags) => window.axe.run(document, { runOnly: tags, resultTypes: ['violations'] }), TAGS),
    30_000,
    `axe.run (${state})`,
  );
  const lines = result.violations.map((v) =>
    [
      `- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})`,
      ...v.nodes.map((n) => `    target ${JSON.stringify(n.target)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    ].join('\n'),
  );
  assert.equal(result.violations.length, 0, `axe violations in state "${state}":\n${lines.join('\n')}`);
  assert.ok(result.passes === undefined || Array.isArray(result.passes));
}

async function inState(name, body, { query = '', context = {} } = {}) {
  const { page, errors } = await newPage(app.browser, context);
  try {
    await gotoApp(page, app.url, query);
    await body?.(page);
    await screenshot(page, `a11y-${name}`).catch(() => {});
    await assertNoViolations(page, name);
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await page.context().close();
  }
}

test('no axe violations: default, Danish', { timeout: 60_000 }, async () => {
  await inState('default-da');
});

test('no axe violations: English', { timeout: 60_000 }, async () => {
  await inState('english', async (page) => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await eventually(() => page.locator('html').getAttribute('lang'), (l) => l === 'en', '<html lang="en">');
  });
});

test('no axe violations: an invalid field', { timeout: 60_000 }, async () => {
  await inState('error', async (page) => {
    const field = page.locator('input[id^="cofund-cost-"][id$="-amount"]').first();
    await field.fill('32.850.0000');
    await eventually(() => field.getAttribute('aria-invalid'), (v) => v === 'true', 'aria-invalid=true');
  });
});

test('no axe violations: an explanation open', { timeout: 60_000 }, async () => {
  await inState('explanation', async (page) => {
    const figure = page.locator('tr[data-source="deb"]').getByRole('button').first();
    await figure.focus();
    await page.keyboard.press('Enter');
    await page.locator(`#${await figure.getAttribute('aria-controls')}`).waitFor({ state: 'visible', timeout: 5_000 });
  });
});

test('no axe violations: 320 px wide', { timeout: 60_000 }, async () => {
  await inState('320px', null, { context: { viewport: { width: 320, height: 800 } } });
});
