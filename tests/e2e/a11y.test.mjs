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

// Windows' high-contrast themes replace the page's colours: the current scenario and view,
// marked on screen by a filled background, must stay marked (WCAG 1.4.11; a QA round found
// all tabs alike). The marks are the system's Highlight colours, so they differ from the rest.
test('in forced colours the current scenario and view are still marked', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser, { forcedColors: 'active' });
  try {
    await gotoApp(page, app.url, '?preset=vaekstpilot-150');
    await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
    await eventually(() => page.locator('.cofund-tab').count(), (n) => n === 2, 'two scenarios');
    assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), 'forced colours are on');
    const look = (selector) => page.locator(selector).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, color: s.color };
    });
    for (const [active, other] of [
      ['.cofund-tab--active', '.cofund-tab:not(.cofund-tab--active)'],
      ['.cofund-view-button--active', '.cofund-view-button:not(.cofund-view-button--active)'],
    ]) {
      const [a, b] = [await look(active), await look(other)];
      assert.notEqual(a.background, b.background, `${active} has its own background: ${JSON.stringify([a, b])}`);
      assert.notEqual(a.color, b.color, `${active} has its own text colour: ${JSON.stringify([a, b])}`);
    }
    await screenshot(page, 'a11y-forced-colors').catch(() => {});
    // A refused field is told by its border too (its red is taken away): double.
    const years = page.locator('#cofund-years');
    await years.fill('abc');
    await eventually(() => years.getAttribute('aria-invalid'), (v) => v === 'true', 'the period refused');
    const border = (el) => el.evaluate((e) => getComputedStyle(e).borderTopStyle);
    assert.equal(await border(years), 'double', 'the refused field');
    assert.equal(await border(page.locator('.cofund-input:not([aria-invalid="true"])').first()), 'solid', 'a field that reads');
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await page.context().close();
  }
});

// A row's ↑ and ↓ have a tooltip for the mouse; a screen reader must not hear it again after
// the button's name ("Flyt op: DEB, knap, Flyt op", a QA round).
test('the row tools\' arrows are named once, not described again by their tooltip', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser, {});
  try {
    await gotoApp(page, app.url, '?preset=vaekstpilot-150');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const arrows = nodes.filter((n) => /^Flyt (op|ned): /u.test(n.name?.value ?? ''));
    assert.ok(arrows.length >= 4, `the arrows are in the tree: ${arrows.length}`);
    const described = arrows.filter((n) => (n.description?.value ?? '') !== '').map((n) => `${n.name.value} – ${n.description.value}`);
    assert.deepEqual(described, [], 'no arrow described by its tooltip');
    assert.equal(await page.locator('button[title^="Flyt op: "]').count(), arrows.length / 2, 'every ↑ keeps its tooltip');
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await page.context().close();
  }
});
