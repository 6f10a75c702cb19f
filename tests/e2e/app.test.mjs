// The built app loads in Chromium, renders the Vækstpilot preset and shows its total.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, newPage, gotoApp, screenshot, axeViolations, expectText, norm } from './browser.mjs';

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

const LANDMARK_RULES = ['landmark-one-main', 'landmark-no-duplicate-main', 'landmark-main-is-top-level'];

/** The main landmarks of the page, and axe's landmark findings (its WCAG rules must pass too). */
async function mainLandmarks(page, state) {
  assert.deepEqual(await axeViolations(page, state), [], `axe WCAG rules (${state})`);
  const found = await page.evaluate(async (rules) => {
    const result = await window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    const mains = [...document.querySelectorAll('main, [role="main"]')];
    return {
      violations: result.violations.map((v) => v.id),
      count: mains.length,
      holdsApp: mains.length === 1 && mains[0].contains(document.getElementById('cofund-app')),
      holdsBoard: mains.length === 1 && mains[0].contains(document.getElementById('cofund-board')),
    };
  }, LANDMARK_RULES);
  return found;
}

// QA D14: axe's landmark-one-main failed in every view; the app now sits in the page's one
// main landmark, which holds the board views' element too.
test('the page has exactly one main landmark, around the app, in the editor, Compare, Analysis and the presentation', { timeout: 90_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(app.url, { waitUntil: 'load' });
    await page.locator('[data-testid="total-cost"]').waitFor({ state: 'visible', timeout: 30_000 });
    const expected = { violations: [], count: 1, holdsApp: true, holdsBoard: true };
    assert.deepEqual(await mainLandmarks(page, 'editor'), expected, 'the editor');
    const views = page.locator('nav.cofund-views');
    await views.getByRole('button', { name: 'Sammenlign', exact: true }).click();
    await page.locator('.cofund-board-compare').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await mainLandmarks(page, 'compare'), expected, 'Compare');
    await views.getByRole('button', { name: 'Analyse', exact: true }).click();
    await page.locator('.cofund-analysis').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await mainLandmarks(page, 'analysis'), expected, 'Analysis');
    // The presentation is a region of that main, not a second main inside it.
    await views.getByRole('button', { name: 'Præsentation', exact: true }).click();
    await page.locator('#cofund-present-heading').waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual(await mainLandmarks(page, 'presentation'), expected, 'the presentation');
    assert.deepEqual(errors, [], 'the page logged errors');
  } finally {
    await screenshot(page, 'app-landmarks').catch(() => {});
    await page.context().close();
  }
});

// The workspace bar's tools in the editor say what they did (WCAG 4.1.3), once per action:
// the comparison and the analysis have their own region, and the results' region only says
// totals. A new, blank scenario has nothing to fund yet and says so, not "fully funded".
test('in the editor, adding, duplicating, deleting, undoing and a new baseline are announced once each', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await gotoApp(page, app.url, '?preset=vaekstpilot-150');
    const live = page.locator('.cofund-workspace-changes[role="status"][aria-live="polite"]');
    await live.waitFor({ state: 'attached', timeout: 5_000 });
    await live.evaluate((el) => {
      window.cofundSaid = [];
      new MutationObserver(() => {
        const text = el.textContent.replace(/\s+/gu, ' ').trim();
        if (text) window.cofundSaid.push(text);
      }).observe(el, { childList: true, subtree: true, characterData: true });
    });
    const bar = page.getByRole('navigation', { name: 'Scenarier', exact: true });
    const active = async () => norm(await bar.locator('.cofund-tab[aria-current="true"]').evaluate((b) => b.firstChild.textContent));
    const tool = (name) => bar.getByRole('button', { name, exact: true });

    await tool('+ Nyt scenarie').click();
    const blank = await active();
    await expectText(live, `Tilføjet: ${blank}. Åbent scenarie: ${blank}.`, 'after a new scenario');
    await expectText(page.locator('.cofund-results-balance'), 'Intet at finansiere endnu', 'a blank scenario\'s balance');

    await tool('Duplikér').click();
    const copy = await active();
    await expectText(live, `Tilføjet: ${copy}. Åbent scenarie: ${copy}.`, 'after duplicate');
    await tool('Slet scenarie').click();
    const after = await active();
    await expectText(live, `Slettet: ${copy}. Åbent scenarie: ${after}.`, 'after delete');
    await page.keyboard.press('Control+z');
    await expectText(live, `Tilføjet: ${copy}. Åbent scenarie: ${await active()}.`, 'after undoing the delete');
    await tool('Brug som basis').click();
    await expectText(live, `Basis er nu ${await active()}.`, 'after a new baseline');
    assert.equal((await page.evaluate(() => window.cofundSaid)).length, 5, 'one announcement per action');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});
