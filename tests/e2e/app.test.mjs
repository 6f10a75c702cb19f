// The built app loads in Chromium, renders the Vækstpilot preset and shows its total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, newPage, screenshot } from './browser.mjs';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

test('the app renders the Vækstpilot total, 21.900.000, without console errors', async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(app.url, { waitUntil: 'load' });
    const total = page.locator('[data-testid="total-cost"]');
    await total.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await page.locator('body').innerText();
    assert.ok(
      text.includes('21.900.000'),
      `page text should contain 21.900.000; total-cost shows "${await total.innerText()}"`,
    );
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await screenshot(page, 'app').catch(() => {});
    await page.context().close();
  }
});
