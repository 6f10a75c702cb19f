// Board-meeting views, as a user reaches them: the 150 vs 225 Vækstpilot comparison built
// with the workspace bar and the preset picker must reproduce the published financing table
// cell by cell (amounts and differences from the baseline); presentation mode works by
// keyboard alone; the comparison and presentation views have no axe violations; and the
// comparison prints as an A4 landscape handout with the date and the scenario names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { openApp, newPage, gotoApp, withAppPage, screenshot, norm, eventually, expectText, withTimeout, assertNoAxeViolations } from './browser.mjs';


const NAME_150 = 'Nordjysk Vækstpilotordning 2020–2023, 150 vækstpiloter';
const NAME_225 = 'Nordjysk Vækstpilotordning 2020–2023, 225 vækstpiloter';

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** Runs `body(page)` on a fresh app page with the Vækstpilot preset unless told otherwise. */
const withPage = (body, options = {}) => withAppPage(app, body, { query: '?preset=vaekstpilot-150', ...options });

const total = (page) => page.locator('[data-testid="total-cost"]').first();

/** 150 pilots (from the address), then "+ Nyt scenarie" and the 225 preset in the picker. */
async function buildComparison(page) {
  await expectText(total(page), '21.900.000 kr.', 'total for 150 pilots');
  await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
  await page.locator('#cofund-preset').selectOption('vaekstpilot-225');
  await expectText(total(page), '32.850.000 kr.', 'total for 225 pilots');
  await page.locator('nav.cofund-views').getByRole('button', { name: 'Sammenlign', exact: true }).click();
  await page.locator('.cofund-board-table').waitFor({ state: 'visible', timeout: 5_000 });
}


/** Every body cell of the comparison: { row: { col: { value, amount, percent } } }. */
async function readTable(page) {
  return page.locator('.cofund-board-table').evaluate((table) => {
    const clean = (el) => (el ? el.textContent.replace(/\s+/gu, ' ').trim() : null);
    const out = {};
    for (const tr of table.querySelectorAll('tbody tr[data-row]')) {
      const row = { label: clean(tr.querySelector('th[scope="row"]')) };
      for (const td of tr.querySelectorAll('td[data-col]')) {
        row[td.dataset.col] = {
          value: clean(td.querySelector('[data-value]')) ?? clean(td),
          amount: clean(td.querySelector('[data-diff="amount"]')),
          percent: clean(td.querySelector('[data-diff="percent"]')),
        };
      }
      out[tr.dataset.row] = row;
    }
    return out;
  });
}

/** Today as the handout prints it in Danish: dd-mm-yyyy (the browser shares this time zone). */
function todayDa() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getDate())}-${two(d.getMonth() + 1)}-${d.getFullYear()}`;
}

// --- 1. The published table -----------------------------------------------------------------

test('150 vs 225 Vækstpiloter: every cell of the published table, with differences', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    const heads = await page.locator('.cofund-board-table thead th[data-col]').allInnerTexts();
    assert.deepEqual(heads.map(norm), [`${NAME_150} (basis)`, NAME_225], 'column headers, baseline marked in words');
    assert.equal(await page.locator('.cofund-board-table caption').count(), 1, 'the table has a caption');
    assert.equal(await page.locator('.cofund-board-table tbody th[scope="row"]').count(), 10, 'row headers');

    const table = await readTable(page);
    assert.deepEqual(Object.keys(table), [
      'years', 'count:pilots', 'total', 'eligible', 'source:deb', 'source:companies', 'source:local', 'funded', 'balance',
      'per-unit:pilots',
    ]);
    // [row, label, 150 pilots, 225 pilots, difference (in units or kroner), difference in per cent]
    const expected = [
      ['years', 'Periode (år)', '3', '3', '0', '0,0 %'],
      ['count:pilots', 'Vækstpiloter', '150', '225', '+75', '+50,0 %'],
      ['total', 'Samlede udgifter', '21.900.000 kr.', '32.850.000 kr.', '+10.950.000 kr.', '+50,0 %'],
      ['eligible', 'Støtteberettigede udgifter', '21.900.000 kr.', '32.850.000 kr.', '+10.950.000 kr.', '+50,0 %'],
      ['source:deb', 'DEB', '10.950.000 kr.', '16.425.000 kr.', '+5.475.000 kr.', '+50,0 %'],
      ['source:companies', 'Virksomhedernes egenbetaling', '7.500.000 kr.', '11.250.000 kr.', '+3.750.000 kr.', '+50,0 %'],
      ['source:local', 'Lokal/regional medfinansiering', '3.450.000 kr.', '5.175.000 kr.', '+1.725.000 kr.', '+50,0 %'],
      ['funded', null, '21.900.000 kr.', '32.850.000 kr.', '+10.950.000 kr.', '+50,0 %'],
      ['balance', null, 'Fuldt finansieret', 'Fuldt finansieret', '0 kr.', null],
      ['per-unit:pilots', 'Udgift pr. vækstpilot', '146.000 kr.', '146.000 kr.', '0 kr.', '0,0 %'],
    ];
    for (const [row, label, base, other, amount, percent] of expected) {
      const r = table[row];
      if (label) assert.equal(r.label, label, `${row}: row header`);
      assert.equal(r['0'].value, base, `${row}: 150 pilots`);
      assert.equal(r['0'].amount, null, `${row}: no difference in the baseline column`);
      assert.equal(r['1'].value, other, `${row}: 225 pilots`);
      assert.equal(r['1'].amount, amount, `${row}: difference in kroner`);
      assert.equal(r['1'].percent, percent, `${row}: difference in per cent (none of a baseline of 0)`);
    }
    // Fully financed in both: the difference is "0 kr." and nothing more, no riddle of a dash.
    assert.equal(norm(await page.locator('tr[data-row="balance"] td[data-col="1"] .cofund-board-diff').innerText()),
      'Forskel fra basis: 0 kr.', 'the balance\'s difference in words');
    // The counts were entered, not worked out: plain figures, no explanation to open.
    assert.equal(await page.locator('tr[data-row="count:pilots"] button').count(), 0, 'no figure button for a count');
    assert.equal(await page.locator('tr[data-row="total"] button.cofund-figure').count(), 2, 'the results explain themselves');
  }, { shot: 'board-compare' });
});

test('a scenario without a source shows "—" in that row', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Rediger', exact: true }).click();
    await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
    await page.locator('#cofund-preset').selectOption('design-sprint');
    await expectText(total(page), '30.000.000 kr.', 'design sprint total');
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Sammenlign', exact: true }).click();
    const table = await readTable(page);
    assert.match(table['source:deb']['2'].value, /^—/u, 'DEB is not in the design sprint');
    assert.equal(table['source:state']['0'].value.startsWith('—'), true, 'the government is not in the Vækstpilot');
    assert.equal(table['source:state']['2'].value, '15.000.000 kr.');
    assert.match(table['source:state']['2'].amount, /^—/u, 'no difference where the baseline has no such source');
    assert.equal(table['source:state']['2'].percent, null);
    assert.equal(table.total['2'].amount, '+8.100.000 kr.');
    assert.equal(table.total['2'].percent, '+37,0 %');
    assert.equal(table['per-unit:smes']['2'].value, '300.000 kr.');
  });
});

// --- 2. Presentation by keyboard -----------------------------------------------------------

test('the comparison and presentation mode say beside DEB when the scenario counts on more than DEB gives', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    const rate = page.getByRole('group', { name: 'DEB', exact: true }).getByLabel('Sats (%)', { exact: true });
    await rate.fill('60');
    await expectText(page.locator('tr[data-source="deb"] th'), 'DEB (over DEB\'s højeste sats på 50 %)', 'the results say so');
    // So does the comparison, under the scenario's figure.
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Sammenlign', exact: true }).click();
    await expectText(page.locator('.cofund-board-table tr[data-row="source:deb"] td[data-col="0"] [data-note]'),
      '(over DEB\'s højeste sats på 50 %)', 'the comparison says so');
    assert.equal(await page.locator('.cofund-board-table tr[data-row="source:local"] [data-note]').count(), 0, 'not beside the others');
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Præsentation', exact: true }).click();
    const deb = page.locator('.cofund-present [data-figure="source:deb"] dt');
    await expectText(deb, 'DEB (over DEB\'s højeste sats på 50 %)', 'and so does the room');
    await expectText(page.locator('.cofund-present [data-figure="source:local"] dt'), 'Lokal/regional medfinansiering', 'nothing beside the others');
    await page.keyboard.press('Escape');
    await rate.fill('50');
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Præsentation', exact: true }).click();
    await expectText(deb, 'DEB', 'nothing at 50 %');
  });
});

test('with a surplus the presentation says its shares are of the funding', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    const rate = page.getByRole('group', { name: 'DEB', exact: true }).getByLabel('Sats (%)', { exact: true });
    const present = page.locator('nav.cofund-views').getByRole('button', { name: 'Præsentation', exact: true });
    const note = page.locator('.cofund-present .cofund-present-shares');
    // 80 % of 21.900.000 and the companies' 7.500.000 fund 3.120.000 kr. beyond the cost.
    await rate.fill('80');
    await present.click();
    await expectText(page.locator('.cofund-present [data-figure="balance"]'), 'Overfinansiering: 3.120.000 kr.', 'a surplus');
    await expectText(page.locator('.cofund-present [data-figure="source:deb"] .cofund-present-share'), '70,0 %', 'of the funding');
    await expectText(note, 'Andelene er af den samlede finansiering, da den er større end udgifterne.', 'said under the figures');
    await page.keyboard.press('Escape');
    await rate.fill('50');
    await present.click();
    await expectText(page.locator('.cofund-present [data-figure="source:deb"] .cofund-present-share'), '50,0 %', 'of the total cost');
    assert.equal(await note.count(), 0, 'no note without a surplus');
  });
});

test('presentation mode by keyboard only: Tab, Enter, arrows, Escape', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    // From the top of the page, Tab until the view switch's "Præsentation" button has focus.
    await page.evaluate(() => document.activeElement?.blur());
    const isPresentButton = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return !!el && el.closest('nav.cofund-views') !== null && el.textContent.trim() === 'Præsentation';
      });
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await isPresentButton();
    }
    assert.ok(found, 'Tab reaches the "Præsentation" button');
    await page.keyboard.press('Enter');

    const heading = page.locator('#cofund-present-heading');
    await expectText(heading, NAME_225, 'the active scenario (225) is presented');
    await eventually(() => page.evaluate(() => document.activeElement?.id), (id) => id === 'cofund-present-heading', 'focus on the heading');
    assert.equal(await page.locator('.cofund-editor, #cofund-preset, input, select, textarea').count(), 0, 'no editing controls');
    await expectText(page.locator('[data-figure="total"] dd'), '32.850.000 kr.', 'total in large type');
    await expectText(page.locator('[data-figure="balance"]'), 'Fuldt finansieret', 'balance in words');
    // What the figures follow from, under the name: the period and the count.
    await expectText(page.locator('[data-figure="assumptions"]'), 'Periode (år): 3 Vækstpiloter: 225', 'period and pilots');
    await page.getByRole('button', { name: 'Tilbage til redigering (Esc)' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Forrige' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Næste' }).waitFor({ state: 'visible' });

    // Two scenarios: the next after the last is the first (wrapping).
    await page.keyboard.press('ArrowRight');
    await expectText(heading, NAME_150, 'ArrowRight: the next scenario (wraps to 150)');
    await expectText(page.locator('[data-figure="total"] dd'), '21.900.000 kr.', 'its total');
    await expectText(page.locator('[data-figure="assumptions"]'), 'Periode (år): 3 Vækstpiloter: 150', 'its pilots');
    await page.keyboard.press('ArrowRight');
    await expectText(heading, NAME_225, 'ArrowRight again: 225');
    await page.keyboard.press('ArrowLeft');
    await expectText(heading, NAME_150, 'ArrowLeft: back to 150');
    await page.keyboard.press('PageDown');
    await expectText(heading, NAME_225, 'PageDown: 225');
    await page.keyboard.press('Home');
    await expectText(heading, NAME_150, 'Home: the first scenario');
    await page.keyboard.press('End');
    await expectText(heading, NAME_225, 'End: the last scenario');
    // A figure of the table has the focus, in a box that fits (nothing to scroll): the
    // arrows still switch (a QA round found them dead there).
    const figure = page.locator('.cofund-present .cofund-board-scroll button.cofund-figure').first();
    await figure.focus();
    await page.keyboard.press('ArrowLeft');
    await expectText(heading, NAME_150, 'ArrowLeft from a figure: 150');
    await page.keyboard.press('ArrowRight');
    await expectText(heading, NAME_225, 'ArrowRight from a figure: 225');
    // An explanation open and the focus on the toolbar: the first Escape closes the
    // explanation; the presentation stays.
    await figure.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#cofund-explain');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    await page.getByRole('button', { name: 'Næste' }).focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: 5_000 });
    await expectText(heading, NAME_225, 'Escape closed the explanation, not the presentation');
    // In a table wider than its box the arrows and Home scroll the table; they switch nothing.
    await page.setViewportSize({ width: 320, height: 720 });
    const box = page.locator('.cofund-present .cofund-board-scroll').first();
    await eventually(() => box.evaluate((el) => el.scrollWidth > el.clientWidth), (yes) => yes, 'a table wider than its box at 320 px');
    await box.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expectText(heading, NAME_225, 'arrows and Home inside the table leave the scenario');
    await page.setViewportSize({ width: 1280, height: 720 });
    await heading.focus();

    await page.keyboard.press('Escape');
    await page.locator('#cofund-preset').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await heading.count(), 0, 'presentation closed');
    const current = page.locator('nav.cofund-views [aria-current="page"]');
    await expectText(current, 'Rediger', 'back in the editing view');
    await eventually(isPresentButton, (yes) => yes, 'focus back on the "Præsentation" button');
  });
});

// --- 3. Accessibility ------------------------------------------------------------------------

test('no axe violations: comparison view', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    await assertNoAxeViolations(page, 'compare');
  });
});

test('a figure of the comparison explains itself and its difference; Escape goes back to it', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    // DEB of the 225 scenario, reached by keyboard as a board member at the projector would.
    const figure = page.locator('tr[data-row="source:deb"] td[data-col="1"] button.cofund-figure');
    await figure.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('#cofund-explain');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    await eventually(() => panel.evaluate((el) => el.contains(document.activeElement)), (yes) => yes, 'focus in the explanation');
    assert.equal(await figure.getAttribute('aria-expanded'), 'true');
    await expectText(panel.locator('.cofund-explain-title'), `DEB – ${NAME_225}`, 'the title names the scenario');
    // Tabbing from figure to figure, each says its row and scenario, not the amount alone.
    const described = await figure.evaluate((el) => el.getAttribute('aria-describedby').split(' ')
      .map((id) => document.getElementById(id)?.textContent.replace(/\s+/gu, ' ').trim()));
    assert.deepEqual(described, ['DEB', NAME_225]);
    await expectText(panel.locator('.cofund-explain-math'),
      'DEB = 50 % × støtteberettigede udgifter 32.850.000 kr. = 16.425.000 kr.', 'the calculation, from the core');
    const notes = (await panel.locator('.cofund-explain-notes li').allInnerTexts()).map(norm);
    assert.ok(notes.includes('Forskel fra basis: 16.425.000 kr. − 10.950.000 kr. = +5.475.000 kr. (+50,0 %).'), JSON.stringify(notes));
    // The panel's focus ring (3px, 2px off) clears the note under it (a QA round saw it
    // drawn over the note's first line).
    const [panelBottom, noteTop] = await page.evaluate(() => [
      document.getElementById('cofund-explain').getBoundingClientRect().bottom,
      document.querySelector('.cofund-board-compare > .cofund-board-note').getBoundingClientRect().top]);
    assert.ok(noteTop - panelBottom >= 5, `room for the focus ring: ${noteTop - panelBottom}px`);
    await assertNoAxeViolations(page, 'compare with an explanation open');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await figure.evaluate((el) => el === document.activeElement), true, 'focus back on the figure');
    assert.equal(await figure.getAttribute('aria-expanded'), 'false');
    // The printed parts of a wide comparison are plain figures: no buttons twice over.
    assert.equal(await page.locator('.cofund-board-print-parts button').count(), 0);

    // A figure whose scenario is deleted closes its explanation, and stays closed when
    // another scenario takes its column (a review found the choice kept, invisibly).
    await figure.click();
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    await page.getByRole('button', { name: 'Slet scenarie', exact: true }).click();
    await panel.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await eventually(() => page.locator('.cofund-board-scroll thead th[data-col]').count(), (n) => n === 2, 'a second column again');
    await page.waitForTimeout(300);
    assert.equal(await panel.isVisible(), false, 'no explanation opens by itself');
    assert.equal(await page.locator('.cofund-board-scroll button[aria-expanded="true"]').count(), 0);
  });
});

for (const [width, height] of [[1920, 1080], [1280, 720]]) {
  test(`no axe violations: presentation view at ${width}×${height}`, { timeout: 60_000 }, async () => {
    await withPage(async (page) => {
      await buildComparison(page);
      await page.locator('nav.cofund-views').getByRole('button', { name: 'Præsentation', exact: true }).click();
      await expectText(page.locator('#cofund-present-heading'), NAME_225, 'presented scenario');
      // Large type: the heading is at least 36 px and body text at least 18 px.
      const sizes = await page.evaluate(() => ({
        heading: parseFloat(getComputedStyle(document.querySelector('#cofund-present-heading')).fontSize),
        body: parseFloat(getComputedStyle(document.querySelector('.cofund-present')).fontSize),
      }));
      assert.ok(sizes.heading >= 36, `heading font size ${sizes.heading}px`);
      assert.ok(sizes.body >= 18, `body font size ${sizes.body}px`);
      await screenshot(page, `board-present-${width}x${height}`);
      await assertNoAxeViolations(page, `present ${width}×${height}`);
    }, { context: { viewport: { width, height } } });
  });
}

// --- 4. Print handout ------------------------------------------------------------------------

test('the comparison prints on A4 landscape with the date, the names and each scenario\'s assumptions', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    // On screen only the split shows under the table; the assumptions print (a QA round read
    // "Forudsætninger og fordeling" over bars alone).
    const subheading = page.locator('.cofund-board-subheading');
    assert.equal(norm(await subheading.innerText()), 'Fordeling', 'the handouts\' heading on screen');
    await page.emulateMedia({ media: 'print' });
    assert.equal(norm(await subheading.innerText()), 'Forudsætninger og fordeling', 'and on paper');
    const printed = norm(await page.locator('body').innerText());
    assert.ok(printed.includes(`Dato: ${todayDa()}`), `the date ${todayDa()} is printed`);
    assert.ok(printed.includes(NAME_150) && printed.includes(NAME_225), 'both scenario names are printed');
    const handouts = page.locator('.cofund-board-handout');
    assert.equal(await handouts.count(), 2, 'one handout block per scenario');
    for (let i = 0; i < 2; i++) {
      const block = handouts.nth(i);
      assert.ok(await block.locator('.cofund-assumptions').isVisible(), `assumptions of scenario ${i} are printed`);
      assert.ok(await block.locator('svg.cofund-bar-svg').isVisible(), `bar of scenario ${i} is printed`);
    }
    const assumptions = norm(await handouts.nth(1).locator('.cofund-assumptions').innerText());
    assert.ok(assumptions.includes('225'), 'the 225 scenario lists its number of pilots');
    assert.ok(assumptions.includes('50 % af støtteberettigede udgifter'), 'and DEB\'s rate');
    await screenshot(page, 'board-print');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    // Table, note and both handouts on one sheet (the handouts went to a page of their own
    // for want of 9 px before the print margins were made tighter).
    assert.equal(pdfPages(pdf).length, 1, 'two scenarios print on one page');
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
      .map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
    assert.ok(boxes.length >= 1, 'the PDF has pages');
    for (const box of boxes) {
      assert.ok(box.width > box.height, `landscape page: ${box.width} × ${box.height} pt`);
      // A4 landscape is 841,89 × 595,28 pt.
      assert.ok(Math.abs(box.width - 841.89) < 2 && Math.abs(box.height - 595.28) < 2, `A4: ${box.width} × ${box.height} pt`);
    }
  });
});

// --- 5. The board program cannot be fetched ----------------------------------------------

// The board views and the embed dialog are a second program, fetched when first opened.
// Offline (or with the file missing), the view says so and why, and the editor goes on working.
test('when the board program cannot be fetched, the view (or the embed button) says why and editing goes on', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.route('**/board/**', (route) => route.abort('internetdisconnected'));
    await gotoApp(page, app.url, '?preset=vaekstpilot-150');
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Sammenlign', exact: true }).click();
    const alert = page.locator('.cofund-error[role="alert"]');
    const said = 'Visningen kunne ikke hentes. Du kan arbejde videre under Rediger; genindlæs siden for at prøve igen. Årsag:';
    await eventually(async () => norm(await alert.innerText()), (t) => t.startsWith(said), 'the failure, in words');
    assert.ok(norm(await alert.innerText()).length > said.length, 'the browser\'s reason follows');
    await screenshot(page, 'board-unavailable');

    // The presentation view has no controls of its own until its program is there: the
    // message comes with a way back.
    await page.locator('nav.cofund-views').getByRole('button', { name: 'Præsentation', exact: true }).click();
    await eventually(async () => norm(await alert.innerText()), (t) => t.startsWith(said), 'the failure in the presentation view');
    await page.getByRole('button', { name: 'Tilbage til redigering', exact: true }).click();
    await page.locator('#cofund-preset').waitFor({ state: 'visible', timeout: 5_000 });

    // The embed dialog comes with the same program: its button says so in words, beside it,
    // and "Luk" takes the message away with focus back on the button.
    const embed = page.getByRole('button', { name: 'Indlejr på en anden side …' });
    await embed.click();
    const embedSaid = 'Indlejringen kunne ikke hentes. Genindlæs siden for at prøve igen. Årsag:';
    await eventually(async () => norm(await alert.innerText()), (t) => t.startsWith(embedSaid), 'the embed failure, in words');
    await page.getByRole('button', { name: 'Luk', exact: true }).click();
    await alert.waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await embed.evaluate((el) => el === document.activeElement), true, 'focus back on the embed button');

    await page.locator('input[id^="cofund-driver-"][id$="-value"]').first().fill('225');
    await expectText(page.locator('[data-testid="total-cost"]').first(), '32.850.000 kr.', 'the editor still computes');
    // The only errors are the refused requests themselves.
    const others = errors.filter((e) => !e.includes('/board/') && !e.includes('ERR_INTERNET_DISCONNECTED'));
    assert.deepEqual(others, [], 'nothing else went wrong');
    assert.ok(errors.some((e) => e.includes('/board/')), 'the board program was asked for (and refused)');
  } finally {
    await page.context().close();
  }
});

// --- 6. Reflow at 320 px -------------------------------------------------------------------

/** Words of each column heading's name that the browser broke across lines. */
function brokenHeadingWords(page, selector = '.cofund-board-table thead th[data-col]') {
  return page.evaluate((selector) => {
    const broken = [];
    for (const th of document.querySelectorAll(selector)) {
      const node = [...th.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!node) continue;
      for (const m of node.textContent.matchAll(/\S+/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (range.getClientRects().length > 1) broken.push(m[0]);
      }
    }
    return broken;
  }, selector);
}

/** How far the page, and the table's caption text, reach past the viewport's right edge. */
function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const caption = document.querySelector('.cofund-board-table caption');
    let captionRight = 0;
    if (caption) {
      const range = document.createRange();
      range.selectNodeContents(caption);
      captionRight = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
    }
    return { page: root.scrollWidth - root.clientWidth, caption: Math.ceil(captionRight - root.clientWidth) };
  });
}

test('at 320 px the comparison and the presentation reflow: no sideways page scroll, the caption wraps, headings break between words', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    for (const view of ['Sammenlign', 'Præsentation']) {
      if (view === 'Præsentation') {
        await page.locator('nav.cofund-views').getByRole('button', { name: view, exact: true }).click();
        await expectText(page.locator('#cofund-present-heading'), NAME_225, 'presented scenario');
      }
      await page.locator('.cofund-board-table').waitFor({ state: 'visible', timeout: 5_000 });
      const over = await overflow(page);
      assert.ok(over.page <= 0, `${view}: the page scrolls ${over.page} px sideways`);
      assert.ok(over.caption <= 0, `${view}: the caption reaches ${over.caption} px past the viewport`);
      assert.deepEqual(await brokenHeadingWords(page), [], `${view}: column headings break only between words`);
      if (view === 'Præsentation') {
        assert.deepEqual(await brokenHeadingWords(page, '#cofund-present-heading'), [],
          'the presented name breaks only between words');
      }
      // The box says it has more: a shadow at its edge (a phone showed the second scenario
      // out of sight with no hint).
      assert.match(await page.locator('.cofund-board-scroll').first().evaluate((el) => getComputedStyle(el).backgroundImage),
        /radial-gradient/u, `${view}: the scroll box's shadow`);
      // Each figure tabbed to is wholly in view in the table's box, also in the column
      // beyond its right edge (a QA round saw only the focus ring's edge).
      const figures = page.locator('.cofund-board-scroll button.cofund-figure');
      await figures.first().focus();
      for (let i = 1; i < 6; i++) {
        await page.keyboard.press('Tab');
        const hidden = await page.evaluate(() => {
          const el = document.activeElement;
          const box = el.closest('.cofund-board-scroll').getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return r.left < box.left - 1 || r.right > box.right + 1 ? el.textContent : null;
        });
        assert.equal(hidden, null, `${view}: figure ${i} wholly in view`);
      }
      await screenshot(page, `board-320-${view === 'Sammenlign' ? 'compare' : 'present'}`);
    }
  }, { context: { viewport: { width: 320, height: 800 } } });
});

// --- 7. Figures that are not current -------------------------------------------------------

const STALE_SHOWS = 'viser sidste gyldige resultat – ret de markerede felter under Rediger.';
const budgetAmount = (page) =>
  page.getByRole('group', { name: 'Budgetpost pr. vækstpilot', exact: true }).getByLabel('Beløb (kr.)', { exact: true });
const openView = (page, name) => page.locator('nav.cofund-views').getByRole('button', { name, exact: true }).click();

test('a scenario whose field cannot be read is marked not current, in words, in every board view and in print; fixing it removes the marks', { timeout: 90_000 }, async () => {
  await withPage(async (page) => {
    const copy = `${NAME_150} (kopi)`;
    await expectText(total(page), '21.900.000 kr.', 'total for 150 pilots');
    await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await budgetAmount(page).fill('200.000');
    await expectText(total(page), '36.900.000 kr.', 'the copy at 200.000 kr. per pilot');
    await budgetAmount(page).fill('2OO.000');
    await eventually(() => budgetAmount(page).getAttribute('aria-invalid'), (v) => v === 'true', 'the field is invalid');
    await page.locator('#cofund-results-stale').waitFor({ state: 'visible' });
    // The scenario's own button says so too; the other one's does not.
    const tabs = page.locator('.cofund-tab');
    await expectText(tabs.nth(1), `${copy} ikke opdateret`, 'the copy\'s button');
    assert.ok(!norm(await tabs.nth(0).innerText()).includes('ikke opdateret'), 'the current scenario\'s button');

    // The comparison: a banner naming the scenario, and its column's header, in words.
    await openView(page, 'Sammenlign');
    const note = page.locator('.cofund-board-compare .cofund-board-stale-note');
    await expectText(note, `Ikke opdateret: ${copy} ${STALE_SHOWS}`, 'the comparison\'s banner');
    const heads = page.locator('.cofund-board-table thead th[data-col]');
    await expectText(heads.nth(1), `${copy} (ikke opdateret)`, 'the stale column\'s header');
    assert.equal(norm(await heads.nth(0).innerText()), `${NAME_150} (basis)`, 'the current column is not marked');
    const table = await readTable(page);
    assert.equal(table.total['1'].value, '36.900.000 kr.', 'the stale column shows the last valid figures');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await note.isVisible(), 'the banner is printed');
    assert.ok(norm(await page.locator('.cofund-board-handout').nth(1).innerText()).includes(`${copy} (ikke opdateret)`),
      'the handout block is marked in print');
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'board-compare-not-current');
    await assertNoAxeViolations(page, 'compare, not current');

    // The analysis of the active (stale) scenario: by its name and under it, and the region
    // is described by the banner.
    await openView(page, 'Analyse');
    const analysis = page.locator('[data-testid="analysis"]');
    await expectText(page.locator('.cofund-analysis-name'), `${copy} (ikke opdateret)`, 'the analysed scenario\'s name');
    const analysisNote = page.locator('#cofund-analysis-not-current');
    await expectText(analysisNote, `Ikke opdateret: ${STALE_SHOWS}`, 'the analysis\'s banner');
    assert.equal(await analysis.getAttribute('aria-describedby'), 'cofund-analysis-not-current');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await analysisNote.isVisible(), 'the analysis\'s banner is printed');
    await page.emulateMedia({ media: 'screen' });

    // The presentation: under the heading, as the focused heading's description, and in
    // the announcement of the scenario.
    await openView(page, 'Præsentation');
    const heading = page.locator('#cofund-present-heading');
    await expectText(heading, copy, 'the presented scenario');
    await expectText(page.locator('#cofund-present-stale'), `Ikke opdateret: ${STALE_SHOWS}`, 'the slide\'s banner');
    assert.equal(await heading.getAttribute('aria-describedby'), 'cofund-present-stale');
    assert.ok(norm(await page.locator('.cofund-present [role="status"]').innerText()).endsWith(`Ikke opdateret: ${STALE_SHOWS}`),
      'the announcement says so');
    await expectText(page.locator('[data-figure="total"] dd'), '36.900.000 kr.', 'the last valid total');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#cofund-present-stale').isVisible(), 'the slide\'s banner is printed');
    await page.emulateMedia({ media: 'screen' });
    await assertNoAxeViolations(page, 'present, not current');
    // The other scenario is current: no banner on its slide.
    await page.keyboard.press('ArrowRight');
    await expectText(heading, NAME_150, 'the next scenario');
    assert.equal(await page.locator('#cofund-present-stale').count(), 0, 'the current scenario\'s slide has no banner');
    await page.keyboard.press('ArrowLeft');
    await expectText(heading, copy, 'back to the copy');
    await page.keyboard.press('Escape');

    // The embed dialog says that its code holds the last valid scenario.
    await page.getByRole('button', { name: 'Indlejr på en anden side …' }).click();
    const embedNote = page.locator('dialog.cofund-dialog .cofund-results-stale-banner');
    await expectText(embedNote, 'Ikke opdateret: et felt kan ikke læses, så koden indeholder det sidste gyldige scenarie. '
      + 'Ret de markerede felter under Rediger, hvis koden skal have dem med.', 'the embed dialog\'s note');
    // The preview shows that last valid scenario (and has loaded before the dialog closes).
    await expectText(total(page.frameLocator('.cofund-embed-preview')), '36.900.000 kr.', 'the preview');
    await page.keyboard.press('Escape');
    await page.locator('dialog.cofund-dialog').waitFor({ state: 'detached', timeout: 5_000 });

    // Fixed: every mark goes.
    await budgetAmount(page).fill('200.000');
    await eventually(() => budgetAmount(page).getAttribute('aria-invalid'), (v) => v === 'false', 'the field is valid');
    await expectText(tabs.nth(1), copy, 'the copy\'s button without the mark');
    await openView(page, 'Sammenlign');
    await expectText(heads.nth(1), copy, 'the header without the mark');
    assert.equal(await page.locator('.cofund-board-stale-note').count(), 0, 'no banner in the comparison');
    await openView(page, 'Analyse');
    await expectText(page.locator('.cofund-analysis-name'), copy, 'the analysed name without the mark');
    assert.equal(await page.locator('#cofund-analysis-not-current').count(), 0, 'no banner in the analysis');
    assert.equal(await analysis.getAttribute('aria-describedby'), null);
    await openView(page, 'Præsentation');
    await expectText(heading, copy, 'the presented scenario');
    assert.equal(await page.locator('#cofund-present-stale, .cofund-board-stale-note').count(), 0, 'no banner in the presentation');
    await page.keyboard.press('Escape');
  });
});

// --- 8. Print: the presentation and a wide comparison ---------------------------------------

/** The pages of a PDF as { width, height } in points. */
function pdfPages(pdf) {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

test('the presentation prints as one A4 landscape page: the slide and its table, no buttons or keyboard help', { timeout: 90_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    await openView(page, 'Præsentation');
    await expectText(page.locator('#cofund-present-heading'), NAME_225, 'presented scenario');
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.cofund-present-toolbar', '.cofund-present-keys']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    assert.ok(await page.locator('.cofund-present .cofund-board-table').isVisible(), 'the comparison is printed');
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    // QA D1: a blank portrait page first, and the table cut off from its heading onto a third.
    assert.equal(pages.length, 1, `pages: ${JSON.stringify(pages)}`);
    assert.ok(pages[0].width > pages[0].height, 'landscape');

    // Four variants of one programme (the units and sources shared): still one page, the
    // table's rows tighter on paper (with three, the last note went to a second page).
    await page.emulateMedia({ media: 'screen' });
    await page.locator('.cofund-present-exit').click();
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await eventually(() => page.locator('.cofund-tabs .cofund-tab').count(), (n) => n === 4, 'four scenarios');
    await openView(page, 'Præsentation');
    await page.locator('.cofund-present .cofund-board-table').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.locator('.cofund-present .cofund-board-table thead th').count(), 5, 'four scenario columns');
    await page.emulateMedia({ media: 'print' });
    const four = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.equal(four.length, 1, `pages with four variants: ${JSON.stringify(four)}`);

    // Three programmes, each with units and sources of its own: a row for each, and the
    // table goes on to a second page, starting on the slide's (a QA round: kept whole, it
    // left the slide alone on page 1).
    await page.emulateMedia({ media: 'screen' });
    await page.locator('.cofund-present-exit').click();
    for (const preset of ['design-sprint', 'marketing-platform']) {
      await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
      await page.locator('#cofund-preset').selectOption(preset);
    }
    await eventually(() => page.locator('.cofund-tabs .cofund-tab').count(), (n) => n === 6, 'six scenarios');
    await openView(page, 'Præsentation');
    await page.locator('.cofund-present .cofund-board-table').waitFor({ state: 'visible', timeout: 5_000 });
    await page.emulateMedia({ media: 'print' });
    const mixed = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.equal(mixed.length, 2, `pages with three programmes: ${JSON.stringify(mixed)}`);
    const pageHeight = ((210 - 20) / 25.4) * 96;
    await page.setViewportSize({ width: Math.floor(((297 - 20) / 25.4) * 96), height: Math.floor(pageHeight) });
    const tableTop = await page.locator('.cofund-present .cofund-board-table').evaluate((t) =>
      t.getBoundingClientRect().top + window.scrollY);
    assert.ok(tableTop < pageHeight - 100, `the table starts on page 1: at ${tableTop} px of ${pageHeight}`);
  });
});

test('the presentation of five scenarios of two programmes prints on one page, the comparison\'s note included', { timeout: 90_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    await openView(page, 'Rediger');
    for (const preset of ['design-sprint', 'vaekstpilot-225', 'design-sprint']) {
      await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
      await page.locator('#cofund-preset').selectOption(preset);
    }
    await eventually(() => page.locator('.cofund-tabs .cofund-tab').count(), (n) => n === 5, 'five scenarios');
    await openView(page, 'Præsentation');
    await page.locator('.cofund-present .cofund-board-table').waitFor({ state: 'visible', timeout: 5_000 });
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.cofund-present .cofund-board-note').isVisible(), 'the note is printed');
    // With 8 mm of bar and 6 pt gaps the note alone went to a second page.
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.equal(pages.length, 1, `pages: ${JSON.stringify(pages)}`);
  });
});

test('a comparison of five scenarios prints its table from the first page; a long scenario\'s handout breaks in its assumptions, not before its name', { timeout: 90_000 }, async () => {
  // A QA round: kept whole, the five-scenario table jumped to page 2 and left page 1 blank
  // but for the title (4 pages); a 32-line scenario's handout left a page with only its name
  // and bar, its assumptions on the next (3 pages).
  await withPage(async (page) => {
    for (const preset of ['vaekstpilot-225', 'design-sprint', 'marketing-platform', 'design-society']) {
      await gotoApp(page, app.url, `?preset=${preset}`);
    }
    await eventually(() => page.locator('.cofund-tabs .cofund-tab').count(), (n) => n === 5, 'five scenarios');
    await openView(page, 'Sammenlign');
    await page.locator('.cofund-board-table').first().waitFor({ state: 'visible', timeout: 5_000 });
    const fivePdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    if (process.env.SAVE_PDF) (await import('node:fs')).writeFileSync(process.env.SAVE_PDF, fivePdf);
    const five = pdfPages(fivePdf);
    // The table from page 1 on (its last rows on page 2), the handouts on page 2 (on 2 and
    // 3 before the print margins were made tighter).
    assert.equal(five.length, 2, `two pages: ${JSON.stringify(five)}`);
    // Four or more: the handouts are unbreakable boxes, three to a line, so that none is cut
    // between pages (a QA round found a row of assumptions split over pages 2 and 3).
    await page.emulateMedia({ media: 'print' });
    const boxes = await page.locator('.cofund-board-handout').evaluateAll((all) => all.map((h) => {
      const r = h.getBoundingClientRect();
      return { display: getComputedStyle(h).display, left: Math.round(r.left), top: Math.round(r.top) };
    }));
    assert.deepEqual(boxes.map((b) => b.display), Array(5).fill('inline-block'));
    assert.equal(new Set(boxes.slice(0, 3).map((b) => b.top)).size, 1, `three on the first line: ${JSON.stringify(boxes)}`);
    assert.ok(boxes[3].top > boxes[0].top && boxes[3].left === boxes[0].left, `the fourth starts the next: ${JSON.stringify(boxes)}`);
    // A legend's colour keeps its size beside a label that wraps.
    const swatches = await page.locator('.cofund-board-handout .cofund-swatch').evaluateAll((all) =>
      all.map((s) => Math.round(s.getBoundingClientRect().width)));
    assert.equal(new Set(swatches).size, 1, `every swatch the same width: ${swatches}`);
    await page.emulateMedia({ media: 'screen' });
  }, { context: { viewport: { width: 1920, height: 1080 } } });
  await withPage(async (page) => {
    for (let i = 0; i < 30; i++) await page.getByRole('button', { name: /Tilføj udgiftspost/u }).click();
    await eventually(() => page.locator('input[id^="cofund-cost-"][id$="-amount"]').count(), (n) => n === 32, '32 cost lines');
    await openView(page, 'Sammenlign');
    await page.locator('.cofund-board-handout .cofund-assumptions').waitFor({ state: 'attached', timeout: 5_000 });
    const long = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.equal(long.length, 2, `the handout goes on from page 1 to page 2: ${JSON.stringify(long)}`);
  }, { context: { viewport: { width: 1920, height: 1080 } } });
});

test('a comparison of 12 scenarios prints every column: in parts, each with the row labels and the baseline', { timeout: 90_000 }, async () => {
  // As wide as the landscape page's text (297 mm less 2 × 10 mm margins, at 96 px per inch),
  // so that what the print layout needs can be measured against it.
  const pageWidth = Math.floor(((297 - 20) / 25.4) * 96);
  await withPage(async (page) => {
    await buildComparison(page);
    await openView(page, 'Rediger');
    for (let i = 0; i < 10; i++) await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await openView(page, 'Sammenlign');
    await eventually(() => page.locator('.cofund-board-scroll thead th[data-col]').count(), (n) => n === 12, '12 columns');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.cofund-board-scroll').isVisible(), false, 'the one wide table is not printed');
    const parts = await page.locator('.cofund-board-print-parts .cofund-board-table').evaluateAll((tables) =>
      tables.map((table) => ({
        width: table.getBoundingClientRect().width,
        caption: table.caption.textContent.replace(/\s+/gu, ' ').trim(),
        cols: [...table.querySelectorAll('thead th[data-col]')].map((th) => Number(th.dataset.col)),
        rows: table.querySelectorAll('tbody th[scope="row"]').length,
      })));
    assert.equal(parts.length, 2, 'two parts');
    assert.deepEqual(parts.map((p) => p.cols), [[0, 1, 2, 3, 4, 5, 6], [0, 7, 8, 9, 10, 11]], 'the baseline first in each part');
    for (const [i, part] of parts.entries()) {
      assert.ok(part.width <= pageWidth, `part ${i + 1} is ${part.width} px wide, the page ${pageWidth} px`);
      assert.equal(part.rows, 10, `part ${i + 1} repeats the row labels`);
      assert.ok(part.caption.endsWith(`Del ${i + 1} af 2.`), part.caption);
    }
    const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    assert.ok(pages.every((p) => p.width > p.height), 'landscape pages');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.locator('.cofund-board-print-parts').isVisible(), false, 'the parts are for paper only');
  }, { context: { viewport: { width: pageWidth, height: 800 } } });
});

// --- 9. What the workspace bar did, said in the comparison ----------------------------------

test('in the comparison, undo, duplicate and delete are announced once by a polite live region', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await expectText(total(page), '21.900.000 kr.', 'total for 150 pilots');
    await budgetAmount(page).fill('200.000');
    await expectText(total(page), '36.900.000 kr.', 'at 200.000 kr. per pilot');
    await openView(page, 'Sammenlign');
    const live = page.locator('.cofund-board-changes[role="status"][aria-live="polite"]');
    await live.waitFor({ state: 'attached', timeout: 5_000 });
    assert.equal(norm(await live.textContent()), '', 'nothing is said on opening');
    // Every text the region ever holds, to see that each action is said once.
    await live.evaluate((el) => {
      window.cofundSaid = [];
      new MutationObserver(() => window.cofundSaid.push(el.textContent.replace(/\s+/gu, ' ').trim()))
        .observe(el, { childList: true, subtree: true, characterData: true });
    });

    await page.getByRole('button', { name: 'Fortryd', exact: true }).click();
    await expectText(live, `${NAME_150}. Samlede udgifter: 21.900.000 kr. Fuldt finansieret.`, 'after undo');
    await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await expectText(live, `Tilføjet: ${NAME_150} (kopi).`, 'after duplicate');
    await page.getByRole('button', { name: 'Slet scenarie', exact: true }).click();
    await expectText(live, `Slettet: ${NAME_150} (kopi).`, 'after delete');
    assert.deepEqual(await page.evaluate(() => window.cofundSaid), [
      `${NAME_150}. Samlede udgifter: 21.900.000 kr. Fuldt finansieret.`,
      `Tilføjet: ${NAME_150} (kopi).`,
      `Slettet: ${NAME_150} (kopi).`,
    ], 'one announcement per action');
  });
});

// --- 10. A difference that cannot be taken, and handouts of the same name -------------------

test('a copy with 0 pilots: its missing difference blames itself, not the baseline', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await expectText(total(page), '21.900.000 kr.', 'total for 150 pilots');
    await page.getByRole('button', { name: 'Duplikér', exact: true }).click();
    await page.locator('input[id^="cofund-driver-"][id$="-value"]').first().fill('0');
    await openView(page, 'Sammenlign');
    const diff = page.locator('tr[data-row="per-unit:pilots"] td[data-col="1"] .cofund-board-diff');
    await expectText(diff, 'Forskel fra basis: — scenariet har ingen værdi', 'the difference says which side has no value');
  });
});

test('handouts of scenarios with the same name are no landmarks of the same name', { timeout: 60_000 }, async () => {
  await withPage(async (page) => {
    await expectText(total(page), '21.900.000 kr.', 'total for 150 pilots');
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: '+ Nyt scenarie' }).click();
    await openView(page, 'Sammenlign');
    await eventually(() => page.locator('.cofund-board-handout').count(), (n) => n === 3, 'three handouts');
    await assertNoAxeViolations(page, 'compare, two blank scenarios');
    const unique = await page.evaluate(() => window.axe.run(document, { runOnly: ['landmark-unique'] }));
    assert.deepEqual(unique.violations.map((v) => v.id), [], 'axe landmark-unique');
  });
});

// --- A projector and paper ---------------------------------------------------------------

test('five scenarios compared fit a 1024 px projector and a 1280 px one without scrolling sideways, in Danish and English', { timeout: 120_000 }, async () => {
  // A QA round: at 1024 px the fifth column sat under the box's edge (table 1191 px in 992);
  // another: in English, with its wider figures, 1021 px in 992.
  for (const [width, lang] of [[1024, 'da'], [1280, 'da'], [1024, 'en'], [1280, 'en']]) {
    await withPage(async (page) => {
      for (const preset of ['vaekstpilot-225', 'design-sprint', 'marketing-platform', 'design-society']) {
        await gotoApp(page, app.url, `?preset=${preset}&lang=${lang}`);
      }
      await eventually(() => page.locator('.cofund-tabs .cofund-tab').count(), (n) => n === 5, 'five scenarios');
      await openView(page, lang === 'da' ? 'Sammenlign' : 'Compare');
      const box = page.locator('.cofund-board-scroll').first();
      await box.waitFor({ state: 'visible', timeout: 5_000 });
      const fit = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      assert.ok(fit.scroll <= fit.client, `${width} px, ${lang}: the table fits its box: ${JSON.stringify(fit)}`);
      assert.ok(fit.page <= fit.view, `${width} px, ${lang}: the page does not scroll sideways: ${JSON.stringify(fit)}`);
      // Every difference keeps its amount on one line, whatever wraps.
      const amounts = await page.locator('.cofund-board-diff-amount').evaluateAll((all) =>
        all.filter((a) => a.getClientRects().length > 1).map((a) => a.textContent));
      assert.deepEqual(amounts, [], `${width} px, ${lang}: no amount broken over two lines`);
    }, { context: { viewport: { width, height: 768 } } });
  }
});

test('every printout carries today\'s date once: the editor, the analysis, the comparison and the presentation', { timeout: 90_000 }, async () => {
  await withPage(async (page) => {
    await buildComparison(page);
    const dates = async () => {
      await page.emulateMedia({ media: 'print' });
      const text = norm(await page.locator('body').innerText());
      await page.emulateMedia({ media: 'screen' });
      return text.split(`Dato: ${todayDa()}`).length - 1;
    };
    assert.equal(await dates(), 1, 'the comparison prints the date once');
    for (const view of ['Rediger', 'Analyse', 'Præsentation']) {
      await openView(page, view);
      const shown = { Rediger: '.cofund-editor', Analyse: '.cofund-analysis', Præsentation: '.cofund-present' }[view];
      await page.locator(shown).first().waitFor({ state: 'visible', timeout: 5_000 });
      assert.equal(await dates(), 1, `${view}: the date is printed once`);
    }
    // On screen the date is not shown: it is for paper.
    await page.keyboard.press('Escape');
    await openView(page, 'Rediger');
    assert.ok(!norm(await page.locator('body').innerText()).includes(`Dato: ${todayDa()}`), 'no date on screen');
  });
});
