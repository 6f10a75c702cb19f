// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no violations in the app's main states:
// Danish, English, with an invalid field, with an explanation open, and 320 px wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { openApp, newPage, gotoApp, screenshot, eventually, withTimeout, assertNoAxeViolations } from './browser.mjs';


let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});


async function inState(name, body, { query = '', context = {} } = {}) {
  const { page, errors } = await newPage(app.browser, context);
  try {
    await gotoApp(page, app.url, query);
    await body?.(page);
    await screenshot(page, `a11y-${name}`).catch(() => {});
    await assertNoAxeViolations(page, name);
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
