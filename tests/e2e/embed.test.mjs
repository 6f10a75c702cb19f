// The embeddable widget (issue "Embed it anywhere"): the demo intranet page with an iframe
// widget and an element widget, served with the strict CSP (tests/e2e/server.mjs); the
// postMessage API from an allowed and from another origin; option errors; axe in every
// theme; and the load time and transferred size of the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openApp, newPage, screenshot, eventually, expectText, norm, withTimeout, artifactsDir, distDir, assertNoAxeViolations, median } from './browser.mjs';
import { startServer, STRICT_CSP } from './server.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

let app;
before(async () => {
  app = await openApp();
});
after(async () => {
  await app?.close();
});

/** The total cost shown by the widget in `scope` (a page, frame or locator). */
const total = (scope) => scope.locator('[data-testid="total-cost"]').first();

/** Appends `<div data-cofund id=…>` with the `data` attributes to the page's <main>. */
const addContainer = (page, id, data = {}) => page.evaluate(([id, data]) => {
  const div = document.createElement('div');
  div.id = id;
  Object.assign(div.dataset, { cofund: '' }, data);
  document.querySelector('main').append(div);
}, [id, data]);

/** The loader's `mount()`: of the whole page, or of the element with `id`. */
const mountIn = (page, id) => page.evaluate(async (id) => {
  const { mount } = await import('/embed/cofund.js');
  await mount(id ? document.getElementById(id) : undefined);
}, id);

async function openDemo(query = '', context = {}) {
  const { page, errors } = await newPage(app.browser, { viewport: { width: 1280, height: 900 }, ...context });
  await page.goto(`${app.url}demo/intranet.html${query}`, { waitUntil: 'load' });
  const frame = page.frameLocator('#frame-widget');
  const element = page.locator('#element-widget');
  await total(frame).waitFor({ state: 'visible', timeout: 30_000 });
  await total(element).waitFor({ state: 'visible', timeout: 30_000 });
  return { page, errors, frame, element };
}

test('an element widget whose program cannot be fetched says so in its place, not an empty box', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser, { viewport: { width: 1280, height: 900 } });
  try {
    // As a page whose CSP has no connect-src for the widget's origin, or a server that lost
    // the file: the loader runs, the wasm does not come.
    await page.route('**/embed/cofund-embed_bg.wasm', (route) => route.abort());
    await page.goto(`${app.url}demo/intranet.html`, { waitUntil: 'load' });
    const element = page.locator('#element-widget');
    await expectText(element, 'Beregneren kunne ikke indlæses.', 'the element says so');
    assert.equal(await element.evaluate((el) => el.shadowRoot), null, 'no widget mounted');
    // One mounted by itself, which asks for English in capitals (as the widget allows).
    await addContainer(page, 'late-en', { lang: 'EN' });
    await mountIn(page, 'late-en').catch(() => {});
    await expectText(page.locator('#late-en'), 'The calculator could not be loaded.', 'in English');
    assert.ok(errors.some((e) => e.includes('Cofund: the widget could not be loaded')), JSON.stringify(errors));
    assert.ok(!errors.some((e) => /uncaught/iu.test(e)), `no uncaught error: ${JSON.stringify(errors)}`);
  } finally {
    await page.context().close();
  }
});

test('demo page: both widgets load under the strict CSP and work independently', { timeout: 90_000 }, async () => {
  const { page, errors, frame, element } = await openDemo();
  try {
    await expectText(total(frame), '21.900.000 kr.', 'iframe total (Vækstpilot, 150)');
    await expectText(total(element), '30.000.000 kr.', 'element total (Designsprint)');

    // The iframe widget is compact and read-only: the pilots field, no editor.
    const pilots = frame.getByLabel('Vækstpiloter', { exact: true });
    await pilots.fill('225');
    await expectText(total(frame), '32.850.000 kr.', 'iframe total after 225 pilots');
    assert.equal(await frame.locator('.cofund-editor').count(), 0, 'read-only widget shows no editor');
    await expectText(total(element), '30.000.000 kr.', 'the element widget did not move');

    // The element widget has the full editor; editing it leaves the iframe alone.
    await element.getByLabel('Antal', { exact: true }).fill('120');
    await expectText(total(element), '36.000.000 kr.', 'element total after 120 SMEs');
    await expectText(total(frame), '32.850.000 kr.', 'the iframe widget did not move');

    // A bad value: the message by the field, the text kept, the last result marked stale.
    await pilots.fill('32.850.0000');
    await eventually(() => pilots.getAttribute('aria-invalid'), (v) => v === 'true', 'pilots marked invalid');
    assert.equal(await pilots.inputValue(), '32.850.0000');
    await expectText(total(frame), '32.850.000 kr.', 'last good total still shown');
    await frame.locator('.cofund-results--stale').waitFor();

    // The frame is sized to its content by cofund-host.js: no inner scrollbar.
    const [frameHeight, contentHeight] = await Promise.all([
      page.locator('#frame-widget').evaluate((f) => f.getBoundingClientRect().height),
      frame.locator('.cofund-embed').evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom)),
    ]);
    assert.ok(frameHeight > 300, `frame height ${frameHeight}`);
    assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `frame ${frameHeight} px vs content ${contentHeight} px`);

    // The host page's own button talks to the frame through postMessage.
    await pilots.fill('150');
    await expectText(total(frame), '21.900.000 kr.', 'back to 150');
    await page.getByRole('button', { name: 'Sæt piloter til 225' }).click();
    await expectText(total(frame), '32.850.000 kr.', 'set by the host page');
    await expectText(page.locator('#frame-total'), 'samlede udgifter 32.850.000 kr., manglende finansiering 0 kr.', 'result reported to the host page');
    // Not a live region: a result comes on every slider step, and the widget announces its own.
    assert.deepEqual(await page.locator('#frame-total').evaluate((el) => [el.tagName, el.getAttribute('aria-live'), el.closest('[aria-live], [role="status"], output')?.id ?? null]),
      ['SPAN', null, null], 'the host page\'s result is no live region');
    // The user's edit after the host's is a step of its own: Ctrl+Z takes back only it (a
    // QA round's undo went back past the host's 225 to 150).
    await pilots.fill('200');
    await expectText(total(frame), '29.200.000 kr.', 'the user\'s 200');
    await pilots.press('Control+z');
    await expectText(total(frame), '32.850.000 kr.', 'undo takes back the user\'s edit, not the host\'s');

    // The widgets never style the page: the host's font reaches the element widget, and
    // nothing of the widget's leaks out.
    const fonts = await page.evaluate(() => ({
      body: getComputedStyle(document.body).fontFamily,
      widget: getComputedStyle(document.querySelector('#element-widget').shadowRoot.querySelector('.cofund')).fontFamily,
      heading: getComputedStyle(document.querySelector('h1')).color,
    }));
    assert.equal(fonts.widget, fonts.body, 'the element widget inherits the host font');
    assert.equal(fonts.heading, 'rgb(29, 29, 29)', 'host headings keep the host colour');

    await screenshot(page, 'embed-demo');
    assert.deepEqual(errors, [], 'console errors or CSP violations on the demo page');
  } finally {
    await page.context().close();
  }
});

test('element widgets added later: mount() starts them, each independent, commands by DOM event', { timeout: 60_000 }, async () => {
  const { page, errors, element } = await openDemo();
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  try {
    // Two more containers, added after the page loaded, then the documented mount().
    for (const [id, preset] of [['late-a', 'marketing-platform'], ['late-b', 'design-society']]) {
      // `track` is the page's own attribute: not an option.
      await addContainer(page, id, { preset, mode: 'compact', track: 'intranet-stats' });
    }
    await mountIn(page);
    // Each widget's results region is named by its scenario, so that a screen reader can
    // tell the two apart (a QA round: regions all named "Resultat").
    const regionNames = await Promise.all(['#late-a', '#late-b'].map(async (id) => {
      const region = page.locator(id).locator('section.cofund-results');
      await region.waitFor();
      const ids = (await region.getAttribute('aria-labelledby')).split(' ');
      return norm((await Promise.all(ids.map((one) => region.locator(`[id="${one}"]`).innerText()))).join(' '));
    }));
    assert.ok(regionNames[0].startsWith('Resultat ') && regionNames[0] !== regionNames[1], `names: ${regionNames}`);
    // One more inside the page's own web component, reached by mount(its shadow root).
    await page.evaluate(async () => {
      customElements.define('intranet-card', class extends HTMLElement {
        constructor() {
          super();
          const div = document.createElement('div');
          div.dataset.cofund = '';
          div.dataset.preset = 'marketing-platform';
          div.dataset.mode = 'compact';
          this.attachShadow({ mode: 'open' }).append(div);
        }
      });
      const card = document.createElement('intranet-card');
      document.querySelector('main').append(card);
      const { mount } = await import('/embed/cofund.js');
      await mount(card.shadowRoot);
    });
    await expectText(total(page.locator('intranet-card')), '145.000 kr.', 'the widget inside a web component');
    // The element itself, as a single-page app mounts the one it has just made.
    await addContainer(page, 'late-own', { preset: 'marketing-platform', mode: 'compact' });
    await mountIn(page, 'late-own');
    await expectText(total(page.locator('#late-own')), '145.000 kr.', 'mount(element) mounts the element itself');
    // Commands sent right after mount() is called, before the widget listens, are kept and
    // carried out in order once it is there.
    const early = await page.evaluate(async () => {
      const container = (id) => {
        const div = document.createElement('div');
        div.id = id;
        div.dataset.cofund = '';
        div.dataset.preset = 'vaekstpilot-150';
        div.dataset.mode = 'compact';
        return document.querySelector('main').appendChild(div);
      };
      const div = container('late-c');
      const { mount } = await import('/embed/cofund.js');
      window.lateResults = [];
      div.addEventListener('cofund:result', (e) => window.lateResults.push(e.detail.result.total_cost));
      // More than the loader keeps (100), to a second element: the last 3 are not kept.
      const flood = container('late-d');
      window.floodResults = 0;
      flood.addEventListener('cofund:result', () => { window.floodResults += 1; });
      const mounted = mount();
      const send = (el, detail) => el.dispatchEvent(new CustomEvent('cofund:command', { detail }));
      for (const value of [200, 225]) {
        send(div, { type: 'cofund:set-driver', id: 'pilots', value });
      }
      send(div, { type: 'cofund:get-result' });
      for (let i = 0; i < 99; i += 1) send(flood, { type: 'cofund:get-result' });
      send(flood, { type: 'cofund:set-driver', id: 'pilots', value: 225 });
      for (let i = 0; i < 3; i += 1) send(flood, { type: 'cofund:get-result' });
      const widgetThere = div.shadowRoot !== null || flood.shadowRoot !== null;
      await mounted;
      return widgetThere;
    });
    assert.equal(early, false, 'the commands were sent before the widget was there');
    await expectText(total(page.locator('#late-c')), '32.850.000 kr.', 'the early commands carried out in order');
    // The ready signal first (150 pilots); each command is carried out on the scenario the
    // ones before it left, so get-result answers with the 225 pilots sent before it; then the
    // result of the render that shows both edits.
    const results = await eventually(() => page.evaluate(() => window.lateResults), (r) => r.length >= 3, 'three results');
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.lateResults), ['21900000', '32850000', '32850000']);
    assert.equal(await page.evaluate(() => document.getElementById('late-c').cofundEarlyCommands), null,
      "the widget took the loader's list and closed it");
    // The loader keeps 100 commands (99 get-result, and the set-driver carried out); the 3
    // after them are dropped, and the page's developer hears so once, in the console.
    await expectText(total(page.locator('#late-d')), '32.850.000 kr.', 'the 100th command carried out');
    // The ready signal, 99 answers and the set-driver's result; none for the dropped three.
    await eventually(() => page.evaluate(() => window.floodResults), (n) => n >= 101, 'the kept commands answered');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.floodResults), 101, 'no answer to a dropped command');
    assert.equal(warnings.filter((w) => /commands after the first 100 are dropped unanswered/.test(w)).length, 1, warnings.join('\n'));
    const a = page.locator('#late-a');
    const b = page.locator('#late-b');
    await total(a).waitFor({ state: 'visible', timeout: 10_000 });
    await total(b).waitFor({ state: 'visible', timeout: 10_000 });
    const before = { a: norm(await total(a).innerText()), b: norm(await total(b).innerText()) };
    assert.notEqual(before.a, before.b, 'two different presets');
    assert.equal(await a.locator('.cofund-embed-problems').count(), 0, "the page's own data attribute is not reported");

    // A command as a DOM event on one element; its result comes back as a DOM event.
    const result = await page.evaluate(() => new Promise((done) => {
      const el = document.getElementById('late-a');
      el.addEventListener('cofund:result', (e) => done(e.detail), { once: true });
      const scenario = { format: 1, name: 'Sat af værtssiden', currency: 'DKK', years: 1, drivers: [],
        costs: [{ id: 'c', label: 'Udgift', kind: 'fixed', amount: '1234567.89' }],
        sources: [{ id: 's', label: 'Tilskud', kind: 'fixed', amount: '1000000' }] };
      el.dispatchEvent(new CustomEvent('cofund:command', { detail: { type: 'cofund:set-scenario', scenario } }));
    }));
    assert.equal(result.type, 'cofund:result');
    assert.equal(result.result.total_cost, '1234567.89');
    assert.equal(result.result.gap, '234567.89');
    await expectText(total(a), '1.234.568 kr.', 'the scenario set by the host page');
    assert.equal(await a.locator('[data-testid="deb-note"]').count(), 0, 'no DEB, nothing said of it');

    // DEB above its 50 %: a compact widget has no funding table to say it in, so it says it
    // under the split.
    await page.evaluate(() => {
      const scenario = { format: 1, name: 'Over DEB', currency: 'DKK', years: 1, drivers: [],
        costs: [{ id: 'c', label: 'Udgift', kind: 'fixed', amount: '10000' }],
        sources: [{ id: 'deb', label: 'DEB', kind: 'share', rate: '60' }] };
      document.getElementById('late-a').dispatchEvent(new CustomEvent('cofund:command', { detail: { type: 'cofund:set-scenario', scenario } }));
    });
    await expectText(a.locator('[data-testid="deb-note"]'), 'DEB (over DEB\'s højeste sats på 50 %)', 'said in the compact widget');

    // A scenario that reads but cannot be calculated (its product overflows) is an error the
    // host hears of, with the reason, and so is asking for the result; the widget says why.
    const [overflow, asked] = await page.evaluate(() => {
      const el = document.getElementById('late-a');
      const next = () => new Promise((done) => el.addEventListener('cofund:error', (e) => done(e.detail), { once: true }));
      const scenario = { format: 1, name: 'For stor', currency: 'DKK', years: 1,
        drivers: [{ id: 'u', label: 'Enheder', value: '10' }],
        costs: [{ id: 'c', label: 'Udgift', kind: 'per_unit', driver: 'u', amount: '79228162514264337593543950335' }],
        sources: [] };
      const first = next();
      el.dispatchEvent(new CustomEvent('cofund:command', { detail: { type: 'cofund:set-scenario', scenario } }));
      return first.then((one) => {
        const second = next();
        el.dispatchEvent(new CustomEvent('cofund:command', { detail: { type: 'cofund:get-result' } }));
        return second.then((two) => [one, two]);
      });
    });
    for (const reply of [overflow, asked]) {
      assert.equal(reply.type, 'cofund:error');
      assert.match(reply.message, /^Scenariet kunne ikke beregnes: .+/, reply.message);
    }
    assert.match(norm(await a.locator('.cofund-error').innerText()), /^Scenariet kunne ikke beregnes: .+/);
    // A command that is no JSON at all (a cycle) is answered too, with what is wrong.
    const unreadable = await withTimeout(page.evaluate(() => new Promise((done) => {
      const el = document.getElementById('late-a');
      el.addEventListener('cofund:error', (e) => done(e.detail), { once: true });
      const detail = { type: 'cofund:get-result' };
      detail.self = detail;
      el.dispatchEvent(new CustomEvent('cofund:command', { detail }));
    })), 5_000, 'the answer to a command that is no JSON');
    // It names the command by its type, as an iframe's answer does.
    assert.equal(unreadable.message, 'cofund:get-result: beskeden kan ikke skrives som JSON (fx et BigInt-tal eller en løkke af referencer); send tal som tekst, fx "225".');
    // So is a detail that reads but is no command: the event was addressed to the widget.
    const noCommands = await withTimeout(page.evaluate(async () => {
      const el = document.getElementById('late-a');
      const replies = [];
      for (const detail of [null, 'hej', 42, { hello: 1 }]) {
        replies.push(await new Promise((done) => {
          el.addEventListener('cofund:error', (e) => done(e.detail.message), { once: true });
          el.dispatchEvent(new CustomEvent('cofund:command', { detail }));
        }));
      }
      return replies;
    }), 5_000, 'the answers to details that are no command');
    for (const message of noCommands) {
      assert.match(message, /^cofund:command: detail skal være en kommando som JSON-objekt, fx \{"type": "cofund:get-result"\}\.$/);
    }
    await expectText(total(b), before.b, 'the other late widget did not move');
    await expectText(total(element), '30.000.000 kr.', 'the demo\'s element widget did not move');
    assert.deepEqual(errors, []);

    // An element that cannot hold a widget is reported once and marked, however often the
    // page calls mount() afterwards.
    const refused = await page.evaluate(async () => {
      const list = document.createElement('ul');
      const item = document.createElement('li');
      item.dataset.cofund = '';
      list.append(item);
      document.querySelector('main').append(list);
      const { mount } = await import('/embed/cofund.js');
      await mount();
      await mount();
      return item.hasAttribute('data-cofund-refused');
    });
    assert.ok(refused, 'the <li> is marked as refused');
    await eventually(() => errors.length, (n) => n > 0, 'the console message for the <li>');
    await new Promise((ok) => setTimeout(ok, 300)); // time for a second message, if any
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /cannot be shown in a <li> element/);
  } finally {
    await page.context().close();
  }
});

test('an element widget keeps its size and its text styles on a page that shrinks the root font and styles its text', { timeout: 60_000 }, async () => {
  const { page, errors, element } = await openDemo();
  try {
    // What one widget measures: its text, a button (the 44px target) and its padding.
    const sizes = (widget) => widget.evaluate((host) => {
      const style = (el) => getComputedStyle(el);
      const root = host.shadowRoot.querySelector('.cofund');
      const button = host.shadowRoot.querySelector('.cofund-button, .cofund-icon-button');
      return { text: style(root).fontSize, button: style(button).minHeight, padding: style(root.querySelector('.cofund-input')).paddingLeft };
    });
    const normal = await sizes(element);
    assert.equal(normal.text, '16px', 'the default size on a page that leaves the root alone');
    assert.equal(normal.button, '44px');

    // The page shrinks its root; a widget mounted afterwards, and the one mounted before it,
    // keep the reader's default size instead of following the page's root.
    await page.evaluate(() => { document.documentElement.style.fontSize = '10px'; });
    await addContainer(page, 'small-root', { preset: 'design-sprint' });
    await mountIn(page);
    const late = page.locator('#small-root');
    await expectText(total(late), '30.000.000 kr.', 'the widget on the small-root page computes');
    // Visible means styled: the widget is hidden until its stylesheet is in, and its text
    // reads before that.
    await total(late).waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(await sizes(late), normal, 'mounted on the small-root page');
    assert.deepEqual(await sizes(element), normal, 'mounted before the root changed');

    // A content column styled as intranet pages do: its text styles inherit into the shadow
    // root, yet none of them reaches the widget's labels and figures, and nothing overflows.
    const text = (widget) => widget.evaluate((host) => {
      const figure = getComputedStyle(host.shadowRoot.querySelector('[data-testid="total-cost"]'));
      const root = host.shadowRoot.querySelector('.cofund');
      return {
        look: [figure.textAlign, figure.textTransform, figure.letterSpacing, figure.whiteSpace, figure.fontStyle, figure.textIndent, figure.wordBreak],
        // A text fill colour would paint over the theme's colours, font features over the
        // figures' tabular digits; an indented line would push the widget out of its box.
        paint: [figure.webkitTextFillColor, figure.fontFeatureSettings],
        shift: root.getBoundingClientRect().left - host.getBoundingClientRect().left,
        overflows: root.scrollWidth > root.clientWidth,
      };
    });
    const plain = await text(element);
    assert.deepEqual({ ...plain, paint: plain.paint[1] }, { look: ['start', 'none', 'normal', 'normal', 'normal', '0px', 'normal'],
      paint: 'normal', shift: 0, overflows: false });
    // Through the style object: the demo page's CSP blocks a <style> element.
    await page.evaluate(() => Object.assign(document.querySelector('main').style, {
      textAlign: 'center', textTransform: 'uppercase', letterSpacing: '3px', whiteSpace: 'nowrap',
      fontStyle: 'italic', textIndent: '2em', wordBreak: 'break-all', webkitTextFillColor: 'rgb(0, 128, 0)',
      fontFeatureSettings: '"pnum"',
    }));
    assert.deepEqual(await text(element), plain, 'the page\'s text styles stay outside the widget');
    // A decoration is not inherited but drawn through every box inside the one that has it
    // (the computed styles inside say "none" either way): the widget's pixels must not
    // change when the page underlines its column.
    await page.evaluate(() => Object.assign(document.querySelector('main').style, {
      textAlign: '', textTransform: '', letterSpacing: '', whiteSpace: '', fontStyle: '', textIndent: '', wordBreak: '',
      webkitTextFillColor: '', fontFeatureSettings: '',
    }));
    // A heading: the figures are buttons, inline blocks, which a decoration skipped already.
    const figure = element.locator('h2').first();
    const before = await figure.screenshot();
    await page.evaluate(() => Object.assign(document.querySelector('main').style, {
      textDecoration: 'underline wavy rgb(255, 0, 0)',
    }));
    assert.ok((await figure.screenshot()).equals(before), 'the page\'s underline stays outside the widget');
    await screenshot(page, 'embed-styled-host');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('an element widget takes a usable width in boxes sized by their content, fits narrow boxes, and reads left to right on a right-to-left page', { timeout: 60_000 }, async () => {
  const { page, errors } = await openDemo();
  try {
    // Three boxes, styled through the style object (the demo page's CSP blocks <style>):
    // a flex row that sizes the widget by its content, a 250px sidebar on a wide window,
    // and a right-to-left section.
    await page.evaluate(async () => {
      const main = document.querySelector('main');
      const box = (id, style, preset, mode) => {
        const wrap = document.createElement('section');
        Object.assign(wrap.style, style);
        const div = document.createElement('div');
        div.id = id;
        div.dataset.cofund = '';
        div.dataset.preset = preset;
        div.dataset.mode = mode;
        wrap.append(div);
        main.append(wrap);
        return wrap;
      };
      box('in-flex', { display: 'flex', gap: '1rem' }, 'design-sprint', 'full')
        .append(Object.assign(document.createElement('p'), { textContent: 'Tekst ved siden af beregneren.' }));
      box('in-sidebar', { width: '250px' }, 'vaekstpilot-150', 'compact');
      box('in-rtl', { direction: 'rtl' }, 'vaekstpilot-150', 'compact');
      box('in-narrow', { width: '230px' }, 'design-sprint', 'full');
      const { mount } = await import('/embed/cofund.js');
      await mount();
    });
    for (const id of ['in-flex', 'in-sidebar', 'in-rtl', 'in-narrow']) {
      await total(page.locator(`#${id}`)).waitFor({ state: 'visible', timeout: 10_000 });
    }
    const measure = (id) => page.locator(`#${id}`).evaluate((host) => {
      const root = host.shadowRoot.querySelector('.cofund');
      const amount = host.shadowRoot.querySelector('.cofund-legend-amount');
      return {
        width: host.getBoundingClientRect().width,
        overflows: root.scrollWidth > root.clientWidth,
        legendColumn: getComputedStyle(amount).gridColumnStart,
        direction: getComputedStyle(root).direction,
      };
    });
    const flex = await measure('in-flex');
    assert.ok(flex.width > 400, `the widget in a flex row is ${flex.width}px wide, not squeezed`);
    assert.equal(flex.overflows, false);
    const sidebar = await measure('in-sidebar');
    assert.equal(sidebar.width, 250);
    assert.equal(sidebar.overflows, false, 'nothing sticks out of the sidebar');
    assert.equal(sidebar.legendColumn, '2', 'the legend\'s narrow layout: the amount under the label');
    // The full editor as narrow as on a phone: its number fields shrink with it.
    assert.equal((await measure('in-narrow')).overflows, false, 'nothing sticks out of the 230px editor');
    const rtl = await measure('in-rtl');
    assert.equal(rtl.direction, 'ltr');
    assert.equal(rtl.legendColumn, '3', 'the wide legend where the widget is wide');
    await screenshot(page, 'embed-boxes');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('a frame below the fold is told its height without being scrolled to', { timeout: 60_000 }, async () => {
  // Chromium runs no ResizeObserver in a cross-origin frame off screen: a QA round found
  // such a frame at its first height, with an inner scrollbar, until the reader scrolled.
  const widget = app.url.replace(/\/$/, '');
  const host = await startServer(fixtures, 0, { headers: { 'content-security-policy': `${STRICT_CSP}; frame-src ${widget}` } });
  const { page, errors } = await newPage(app.browser, { viewport: { width: 1280, height: 800 } });
  try {
    const src = `${widget}/embed/embed.html?preset=vaekstpilot-150&mode=full&origins=${encodeURIComponent(host.origin)}`;
    await page.goto(`${host.url}host.html?below&src=${encodeURIComponent(src)}`, { waitUntil: 'load' });
    assert.ok(await page.locator('#widget').evaluate((f) => f.getBoundingClientRect().top > innerHeight), 'off screen');
    const heights = await eventually(() => page.evaluate(() => window.received.filter((m) => m.data?.type === 'cofund:height')),
      (r) => r.length > 0 && r.at(-1).data.height > 600, 'a height message for the full widget', 15_000);
    assert.ok(await page.evaluate(() => scrollY === 0), 'never scrolled');
    // An edit that changes the height is told too, still off screen.
    const before = heights.at(-1).data.height;
    await page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-scenario', scenario: { format: 1, name: 'Kort', years: 1,
      costs: [{ id: 'a', label: 'A', kind: 'fixed', amount: '100' }], sources: [] } }, o), widget);
    const edited = await eventually(() => page.evaluate(() => window.received.filter((m) => m.data?.type === 'cofund:height').at(-1).data.height),
      (h) => h !== before, 'the new height', 15_000);
    // A narrower window makes the frame narrower and its content taller: told too, still off
    // screen (a QA round saw the old height, and an inner scrollbar, until it was scrolled to).
    await page.setViewportSize({ width: 420, height: 800 });
    await eventually(() => page.evaluate(() => window.received.filter((m) => m.data?.type === 'cofund:height').at(-1).data.height),
      (h) => h > edited, 'a taller height in a narrower window', 15_000);
    assert.ok(await page.locator('#widget').evaluate((f) => f.getBoundingClientRect().top > innerHeight), 'still off screen');
    assert.ok(await page.evaluate(() => scrollY === 0), 'still never scrolled');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
    await host.close();
  }
});

test('postMessage: commands and results only with the allowed origin', { timeout: 90_000 }, async () => {
  const widget = app.url.replace(/\/$/, '');
  // Two host pages on two other origins; both may frame the widget.
  const hostCsp = `${STRICT_CSP}; frame-src ${widget}`;
  const allowed = await startServer(fixtures, 0, { headers: { 'content-security-policy': hostCsp } });
  const other = await startServer(fixtures, 0, { headers: { 'content-security-policy': hostCsp } });
  // A staging origin is allowed too: the widget posts only to the parent's own origin, so
  // the host page's console gets no "target origin does not match" warning for it.
  const origins = `https://staging.example,${allowed.origin}`;
  const src = `${widget}/embed/embed.html?preset=vaekstpilot-150&mode=compact&origins=${encodeURIComponent(origins)}`;
  const warnings = [];
  const open = async (host) => {
    const { page, errors } = await newPage(app.browser);
    page.on('console', (msg) => {
      if (msg.type() === 'warning' && /does not match/.test(msg.text())) warnings.push(msg.text());
    });
    await page.goto(`${host.url}host.html?src=${encodeURIComponent(src)}`, { waitUntil: 'load' });
    const frame = page.frameLocator('#widget');
    await total(frame).waitFor({ state: 'visible', timeout: 30_000 });
    return { page, errors, frame };
  };
  const received = (page, type) => page.evaluate((t) => window.received.filter((m) => m.data?.type === t), type);
  try {
    // The allowed origin: results from the start, commands carried out, errors answered.
    const a = await open(allowed);
    const first = await eventually(() => received(a.page, 'cofund:result'), (r) => r.length > 0, 'first result');
    assert.equal(first[0].origin, widget);
    assert.equal(first[0].data.result.total_cost, '21900000');
    assert.equal(first[0].data.current, true);
    await eventually(() => received(a.page, 'cofund:height'), (r) => r.length > 0 && r.at(-1).data.height > 200, 'height message');
    await a.page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-driver', id: 'pilots', value: 225 }, o), widget);
    await expectText(total(a.frame), '32.850.000 kr.', 'set by the allowed origin');
    const after = await eventually(
      () => received(a.page, 'cofund:result'),
      (r) => r.at(-1)?.data.result.total_cost === '32850000',
      'result after the command',
    );
    assert.equal(after.at(-1).data.result.sources[0].amount, '16425000', 'DEB 50 % of 32.850.000, exact');
    await a.page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-driver', id: 'pilots', value: 'mange' }, o), widget);
    const errorReplies = await eventually(() => received(a.page, 'cofund:error'), (r) => r.length > 0, 'error reply');
    assert.match(errorReplies[0].data.message, /»mange« er ikke et tal/);
    await a.page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-driver', id: 'nope', value: 1 }, o), widget);
    await eventually(() => received(a.page, 'cofund:error'), (r) => r.length > 1 && /ingen enhed »nope«/.test(r[1].data.message), 'unknown unit reply');
    // A BigInt crosses postMessage but not JSON: answered all the same (a QA round got no
    // answer at all).
    await a.page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-driver', id: 'pilots', value: 5n }, o), widget);
    await eventually(() => received(a.page, 'cofund:error'), (r) => r.length > 2
      && r[2].data.message === 'cofund:set-driver: beskeden kan ikke skrives som JSON (fx et BigInt-tal eller en løkke af referencer); send tal som tekst, fx "225".',
    'the unreadable command answered');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(warnings, [], 'no post to an allowed origin that is not the parent');

    // A command sent as soon as the frame has loaded, before the widget listens, is kept by
    // the loader and carried out once the widget is there.
    // Sent in one go, get-result is answered with the figures of the commands before it.
    const early = JSON.stringify([
      { type: 'cofund:set-driver', id: 'pilots', value: 200 },
      { type: 'cofund:set-driver', id: 'pilots', value: 225 },
      { type: 'cofund:get-result' },
    ]);
    const soon = await newPage(app.browser);
    try {
      await soon.page.goto(`${allowed.url}host.html?src=${encodeURIComponent(src)}&early=${encodeURIComponent(early)}`, { waitUntil: 'load' });
      await expectText(total(soon.page.frameLocator('#widget')), '32.850.000 kr.', 'the early command carried out', 30_000);
      // Kept by the loader or heard as they come: either way get-result answers with the
      // 225 pilots sent before it, never with the 150 the widget started with.
      const results = await eventually(
        () => received(soon.page, 'cofund:result'),
        (r) => r.length >= 3 && r.at(-1).data.result.total_cost === '32850000',
        'the ready signal, the answer to get-result and the result of the edits',
      );
      const totals = results.map((m) => m.data.result.total_cost);
      assert.equal(totals[0], '21900000', totals.join());
      assert.ok(totals.slice(1).every((t) => t !== '21900000'), totals.join());
      assert.deepEqual(soon.errors, []);
    } finally {
      await soon.page.context().close();
    }

    // Another origin: the same widget ignores its commands and sends it nothing.
    const b = await open(other);
    await b.page.evaluate((o) => window.sendToWidget({ type: 'cofund:set-driver', id: 'pilots', value: 225 }, o), widget);
    await b.page.waitForTimeout(750);
    await expectText(total(b.frame), '21.900.000 kr.', 'command from another origin ignored');
    assert.deepEqual(await b.page.evaluate(() => window.received), [], 'nothing sent to another origin');
    assert.deepEqual(b.errors, []);
    await a.page.context().close();
    await b.page.context().close();
  } finally {
    await allowed.close();
    await other.close();
  }
});

test('bad embed options are listed in the widget, which still works', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?preset=nope&mode=tiny&theme=neon&controls=pilots,nope&origins=*`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    const problems = norm(await page.locator('.cofund-embed-problems').innerText());
    for (const expected of [
      '»mode=tiny« kan ikke bruges',
      '»theme=neon« kan ikke bruges',
      'Oprindelsen »*« blev ignoreret',
      '»preset=nope« kan ikke bruges: der er ingen sådan skabelon; standardskabelonen vises. '
        + 'Mulige værdier: vaekstpilot-150, vaekstpilot-225, design-sprint, marketing-platform, design-society.',
    ]) {
      assert.ok(problems.includes(expected), `${expected} in: ${problems}`);
    }
    await expectText(total(page), '21.900.000 kr.', 'the default template still computes');
    assert.ok(problems.includes("»nope« i indstillingen »controls« er hverken editor, lang, drivers eller id'et på en af scenariets enheder (pilots)."),
      `the unknown control, with what the option takes, in: ${problems}`);
    assert.ok(!problems.includes('Standardvisningen bruges'), 'pilots could be shown: no fallback');
    assert.deepEqual(errors, []);

    // Nothing of the list can be shown: the default (the editor, in full mode) instead.
    await page.goto(`${app.url}embed/embed.html?controls=nope`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(norm(await page.locator('.cofund-embed-problems').innerText()).endsWith('Standardvisningen bruges.'));
    await page.locator('input[id^="cofund-driver-"][id$="-value"]').first().waitFor({ state: 'visible', timeout: 5_000 });
    // In compact mode the default is the units and the language switch: the units' slider
    // and field are back (a QA round found a compact widget left with no control at all).
    await page.goto(`${app.url}embed/embed.html?preset=vaekstpilot-150&mode=compact&controls=Pilots`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(norm(await page.locator('.cofund-embed-problems').innerText()).endsWith('Standardvisningen bruges.'));
    await page.getByLabel('Skyder for vækstpiloter', { exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
    await page.getByLabel('Vækstpiloter', { exact: true }).fill('225');
    await expectText(total(page), '32.850.000 kr.', 'the fallback\'s field works');
    assert.deepEqual(errors, []);

    // The editor asked for where readonly takes it away: said, not silently dropped.
    await page.goto(`${app.url}embed/embed.html?readonly&controls=editor`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(norm(await page.locator('.cofund-embed-problems').innerText()).includes(
      '»controls=editor« gælder ikke sammen med »readonly«: en skrivebeskyttet widget viser ingen editor.'));
    assert.equal(await page.locator('input').count(), 0, 'no editor');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});


// `cofund preset vaekstpilot-225 | cofund link -`
const LINK_225 =
  's1.0k-FBZVRS07DMBC9iuV1BCGlLLqsyqoIseoGVciJp-k0jh2NnYiqisQduAMX4SachHFAJGVXbzx-Hs_7-CR3jmoV5OImkVbVIBfy0ZE-HH0lNp8flQ8NGhcYsmhLkaVZ-vX2ztssEVk2F93YAyQTWbREYIsjz1mt1wwcQZGXi1kiNWEHsX4-SdTcMLzy3GNUDoaBzb9hnTJtVMREfKrRcn0zT2OtXv9wH6CJF7LfMr_zYUKRt7qEMKFYDkDDXaKhq6l8bqrQDrqAXlqLEfnRPNWqatfaEPnSuGSf_FIpHQWOTE_kDlAFAxqMh0QM9-gDqYDOJgIGd8SpJoKgQ8_opRpu7wYJ7Nu7lgqYONeQT8Ss7pfjbL9XBHxkJTHdIVC34woMlpgbGE0Vrm6URTj7JaTKu3rPxsiCF1CCzSEow1YuNTA_z9C4QpkJ1YOrlLkmKDkbZUQNeodWWY9DbiMZgUfd8tN-238D';

test('compact widget: the slider stays in place while the number field is empty, and moving it fills the field', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?preset=vaekstpilot-150&mode=compact`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    const field = page.getByLabel('Vækstpiloter', { exact: true });
    const slider = page.getByLabel('Skyder for vækstpiloter', { exact: true });
    // Where the slider sits in the widget (the page may scroll as the field is filled).
    const box = () =>
      slider.evaluate((el) => {
        const [r, widget] = [el.getBoundingClientRect(), el.closest('.cofund-embed').getBoundingClientRect()];
        return [r.left - widget.left, r.top - widget.top, r.width, r.height].map(Math.round);
      }, null, { timeout: 5_000 });
    const before = await box();
    await field.fill('');
    await eventually(() => field.getAttribute('aria-invalid'), (v) => v === 'true', 'the empty field marked invalid');
    assert.deepEqual(await box(), before, 'the slider did not move or vanish');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => field.inputValue(), (v) => v === '151', 'the field set by the slider');
    await expectText(total(page), '22.046.000 kr.', 'total for 151 pilots');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('the full widget undoes and redoes its edits with Ctrl+Z and Ctrl+Shift+Z, and lists the fields to correct', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?mode=full&preset=vaekstpilot-150`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    const unit = () => page.getByRole('group', { name: 'Vækstpiloter', exact: true });
    await page.getByRole('button', { name: 'Fjern: Vækstpiloter' }).click();
    await eventually(() => unit().count(), (n) => n === 0, 'the unit removed');
    const banner = page.locator('.cofund-error-summary');
    assert.equal((await banner.getByRole('button').allInnerTexts()).length, 3, 'three fields to correct, listed');
    await page.keyboard.press('Control+z');
    await eventually(() => unit().count(), (n) => n === 1, 'the unit back with Ctrl+Z');
    await expectText(page.locator('.cofund-editor-changes'), 'Tilbage: Vækstpiloter.', 'and said');
    assert.equal(await banner.count(), 0, 'nothing left to correct');
    await page.keyboard.press('Control+Shift+z');
    await eventually(() => unit().count(), (n) => n === 0, 'removed again with Ctrl+Shift+Z');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('with the focus on the widget\'s text, not a field, Ctrl+Z still undoes the typing as one step, never the browser\'s own way', { timeout: 60_000 }, async () => {
  // A QA round: after typing 32.850.0000, then 225, and a click on the results' heading,
  // Ctrl+Z went 225 → 2 → 225 → 150, the browser's undo of the field's text, with "2" shown
  // as a current result of 292.000 kr.
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?mode=full&preset=vaekstpilot-150`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    const pilots = page.locator('#cofund-driver-1-value');
    await pilots.selectText();
    await page.keyboard.type('32.850.0000');
    await pilots.selectText();
    await page.keyboard.type('225');
    await expectText(total(page), '32.850.000 kr.', 'the 225 pilots');
    await page.locator('h2, h3').filter({ hasText: /^Resultat/u }).first().click();
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'the focus on the page');
    await page.keyboard.press('Control+z');
    await expectText(total(page), '21.900.000 kr.', 'one undo: back to 150');
    assert.equal(await pilots.inputValue(), '150');
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(200);
    assert.equal(await pilots.inputValue(), '150', 'nothing before it to undo');
    await expectText(total(page), '21.900.000 kr.', 'still 150');
    await page.keyboard.press('Control+y');
    await expectText(total(page), '32.850.000 kr.', 'redo: 225 again');
    assert.equal(await pilots.inputValue(), '225');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('an element widget takes the browser\'s own undo of its field, with the focus on the host page, as its own undo', { timeout: 60_000 }, async () => {
  // The host page's keys are the host's, but the browser's undo still reaches the field
  // typed in last: before, it put back half-typed text ("1" of "120") as a current result.
  const { page, errors, element } = await openDemo();
  try {
    const smes = element.getByLabel('Antal', { exact: true });
    await smes.selectText();
    await page.keyboard.type('120');
    await expectText(total(element), '36.000.000 kr.', '120 SMEs');
    await page.locator('h1').first().click();
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'the focus on the host page');
    await page.keyboard.press('Control+z');
    await expectText(total(element), '30.000.000 kr.', 'one undo: back to 100 SMEs');
    assert.equal(await smes.inputValue(), '100');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

/** The name of the focused element, followed into shadow roots; 'body' when none. */
const deepFocusedName = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return 'body';
    const label = el.getAttribute('aria-label') ?? (el.labels?.length ? el.labels[0].textContent : el.textContent);
    return label.replace(/\s+/gu, ' ').trim();
  });

test('undoing an added line or a move keeps the focus in the widget, so the next Ctrl+Z still reaches it', { timeout: 90_000 }, async () => {
  // The iframe's page, then an element widget in the demo page's shadow root: the widget
  // hears Ctrl+Z only while the focus is inside it.
  const { page, errors } = await newPage(app.browser);
  const demo = await openDemo();
  try {
    await page.goto(`${app.url}embed/embed.html?mode=full&preset=vaekstpilot-150`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    for (const [where, on, scope] of [['iframe page', page, page], ['element widget', demo.page, demo.element]]) {
      const costRows = () => scope.locator('fieldset.cofund-row:has([id^="cofund-cost-"][id$="-remove"])').count();
      const rows = await costRows();
      await scope.getByRole('button', { name: '+ Tilføj udgiftspost' }).click();
      await eventually(costRows, (n) => n === rows + 1, `${where}: a line added`);
      await on.keyboard.press('Control+z');
      await eventually(costRows, (n) => n === rows, `${where}: the line undone`);
      await eventually(() => deepFocusedName(on), (n) => n === '+ Tilføj udgiftspost', `${where}: focus on the add button`);
      await on.keyboard.press('Control+Shift+z');
      await eventually(costRows, (n) => n === rows + 1, `${where}: the line back with Ctrl+Shift+Z`);

      const first = scope.locator('fieldset.cofund-row:has([id^="cofund-cost-"][id$="-remove"]) legend').first();
      const name = (await first.textContent()).trim();
      await scope.getByRole('button', { name: `Flyt ned: ${name}` }).click();
      await eventually(() => first.textContent(), (n) => n.trim() !== name, `${where}: the first line moved down`);
      await on.keyboard.press('Control+z');
      await eventually(() => first.textContent(), (n) => n.trim() === name, `${where}: the move undone`);
      await eventually(() => deepFocusedName(on), (n) => n === `Flyt ned: ${name}`, `${where}: focus on the row's ↓ (its ↑ is disabled at the top)`);
      await on.keyboard.press('Control+Shift+z');
      await eventually(() => first.textContent(), (n) => n.trim() !== name, `${where}: moved down again with Ctrl+Shift+Z`);
    }
    // Ctrl+Z in the host page's own field, or with the focus on its body, is the page's:
    // the browser undoes the typing, and the widget keeps its edits.
    const rowsNow = await demo.element.locator('fieldset.cofund-row').count();
    const movedFirst = await demo.element.locator('fieldset.cofund-row legend').first().textContent();
    await demo.page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'host-search';
      input.setAttribute('aria-label', 'Søg');
      document.querySelector('main').prepend(input);
    });
    await demo.page.locator('#host-search').click();
    await demo.page.keyboard.type('abc');
    await demo.page.keyboard.press('Control+z');
    await eventually(() => demo.page.locator('#host-search').inputValue(), (v) => v === '', "the host page's typing undone");
    await demo.page.evaluate(() => {
      document.getElementById('host-search').remove();
      document.activeElement?.blur();
    });
    await demo.page.keyboard.press('Control+z');
    await demo.page.keyboard.press('Control+z');
    await demo.page.waitForTimeout(300);
    assert.equal(await demo.element.locator('fieldset.cofund-row').count(), rowsNow, 'no widget edit undone from the host page');
    assert.equal(await demo.element.locator('fieldset.cofund-row legend').first().textContent(), movedFirst, 'the move kept');
    assert.deepEqual(errors, []);
    assert.deepEqual(demo.errors, []);
  } finally {
    await page.context().close();
    await demo.page.context().close();
  }
});

test('compact widget: text that cannot be read, then the slider: Ctrl+Z gives the text back', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?preset=vaekstpilot-150&mode=compact`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    const field = page.getByLabel('Vækstpiloter', { exact: true });
    await field.fill('225,5,');
    await field.press('Tab');
    const slider = page.getByLabel('Skyder for vækstpiloter', { exact: true });
    await slider.focus();
    await slider.press('ArrowRight');
    await eventually(() => field.inputValue(), (v) => v === '151', 'the slider\'s value in the field');
    await slider.press('Control+z');
    await eventually(() => field.inputValue(), (v) => v === '225,5,', 'the typed text back');
    assert.equal(await field.getAttribute('aria-invalid'), 'true', 'with its error');
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

test('a shared scenario opens in the widget; a damaged one is explained', { timeout: 60_000 }, async () => {
  const { page, errors } = await newPage(app.browser);
  try {
    await page.goto(`${app.url}embed/embed.html?mode=compact&scenario=${LINK_225}`, { waitUntil: 'load' });
    // Visible means styled: the widget stays hidden until its stylesheet is in. Reading the
    // text alone raced the stylesheet, and the next navigation aborted its request.
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    await expectText(total(page), '32.850.000 kr.', 'total of the shared 225-pilot scenario');
    assert.equal(await page.locator('.cofund-embed-problems').count(), 0);
    // One character changed in the middle: the checksum or the inflater catches it.
    const damaged = LINK_225.slice(0, 200) + (LINK_225[200] === 'A' ? 'B' : 'A') + LINK_225.slice(201);
    await page.goto(`${app.url}embed/embed.html?scenario=${damaged}`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    await expectText(total(page), '21.900.000 kr.', 'the default template instead');
    const problems = norm(await page.locator('.cofund-embed-problems').innerText());
    assert.match(problems, /Scenariet i indstillingen »scenario« kunne ikke læses: linket er beskadiget/);
    // The figures shown are the template's, and the message says so.
    assert.match(problems, /igen\. Standardskabelonen vises i stedet\./);

    // With a preset beside it, the page's own choice of template is shown instead, and the
    // two messages agree (a QA round: "the scenario is used" beside "it could not be read",
    // over the default template rather than the page's).
    await page.goto(`${app.url}embed/embed.html?scenario=${damaged}&preset=design-sprint`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    await expectText(total(page), '30.000.000 kr.', 'the design sprint template instead');
    const both = norm(await page.locator('.cofund-embed-problems').innerText());
    assert.ok(both.includes('Både »preset« og »scenario« er angivet; scenariet bruges, og skabelonen kun, hvis scenariet ikke kan læses.'), both);
    assert.ok(both.includes('Skabelonen »design-sprint« fra »preset« vises i stedet.'), both);
    assert.deepEqual(errors, []);
  } finally {
    await page.context().close();
  }
});

for (const theme of ['light', 'dark', 'contrast']) {
  test(`no axe violations on the demo page, theme ${theme}`, { timeout: 90_000 }, async () => {
    const { page, errors } = await openDemo(`?theme=${theme}`);
    try {
      assert.equal(await page.locator('#element-widget').getAttribute('data-theme'), theme);
      await screenshot(page, `embed-demo-${theme}`);
      // Checked before axe runs: axe adds a <style> of its own, which the CSP refuses.
      assert.deepEqual(errors, []);
      await assertNoAxeViolations(page, `demo, theme ${theme}`);
    } finally {
      await page.context().close();
    }
  });
}

test('load time to the first result and transferred size of the widget', { timeout: 120_000 }, async () => {
  const LOADS = 20;
  const times = [];
  const files = new Map();
  for (let i = 0; i < LOADS; i++) {
    // A new context per load: nothing cached, as a first visit.
    const { page, errors } = await newPage(app.browser);
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (path.startsWith('/embed/')) files.set(path, null);
    });
    await page.goto(`${app.url}embed/embed.html?preset=vaekstpilot-150&mode=compact&readonly`, { waitUntil: 'commit' });
    // performance.now() counts from the start of navigation.
    const handle = await page.waitForFunction(
      () => {
        const figure = document.querySelector('[data-cofund]')?.shadowRoot?.querySelector('[data-testid="total-cost"]');
        const root = figure?.closest('.cofund')?.parentElement;
        return figure && root && !root.hidden && figure.textContent.includes('21.900.000') ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 30_000 },
    );
    times.push(await handle.jsonValue());
    assert.deepEqual(errors, []);
    await page.context().close();
  }
  times.sort((a, b) => a - b);
  const middle = median(times);
  const sizes = [...files.keys()].sort().map((path) => {
    const body = readFileSync(join(distDir, path));
    return { path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const gzipTotal = sizes.reduce((sum, f) => sum + f.gzip, 0);
  const report = { loads: LOADS, median_ms: Math.round(middle * 10) / 10, min_ms: Math.round(times[0] * 10) / 10, max_ms: Math.round(times.at(-1) * 10) / 10, files: sizes, gzip_total: gzipTotal };
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(join(artifactsDir, 'embed-load.json'), JSON.stringify(report, null, 2));
  console.log(`embed load: median ${report.median_ms} ms (min ${report.min_ms}, max ${report.max_ms}) over ${LOADS} cold loads; ${gzipTotal} B gzip in ${sizes.length} files`);
  assert.ok(gzipTotal < 250_000, `widget download ${gzipTotal} B gzip, target < 250.000`);
  // The target is 300 ms on a developer machine; a loaded CI runner gets room, not a pass for anything.
  assert.ok(middle < 1_500, `median load ${middle} ms`);
});

test('the app\'s embed dialog: snippet for the current scenario, live preview, keyboard and axe', { timeout: 90_000 }, async () => {
  const { page, errors } = await newPage(app.browser, { viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(`${app.url}?preset=vaekstpilot-150`, { waitUntil: 'load' });
    await total(page).waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByLabel('Antal', { exact: true }).fill('225');
    await expectText(total(page), '32.850.000 kr.', 'the app at 225 pilots');

    const open = page.getByRole('button', { name: 'Indlejr på en anden side …' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Indlejr beregneren' });
    await dialog.waitFor({ state: 'visible' });

    // The default: a compact, read-only iframe of the scenario as it is now.
    const code = dialog.getByLabel('Kode til jeres side');
    const iframeCode = await code.inputValue();
    assert.match(iframeCode, /^<iframe data-cofund-frame title="Cofund: [^"]+"\n {2}width="100%" height="760"\n {2}src="http:\/\/127\.0\.0\.1:\d+\/embed\/embed\.html\?scenario=s1\.[A-Za-z0-9_-]+&amp;mode=compact&amp;readonly"><\/iframe>\n<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/embed\/cofund-host\.js"><\/script>$/);
    const preview = page.frameLocator('.cofund-embed-preview');
    await expectText(total(preview), '32.850.000 kr.', 'the preview shows the scenario as edited');

    // Copying says so (or that the browser would not), until the code in the box changes:
    // then the clipboard holds the old code, and the message would tell an editor otherwise.
    const copiedNote = dialog.locator('.cofund-share-status');
    await dialog.getByRole('button', { name: 'Kopiér koden' }).click();
    await eventually(async () => norm(await copiedNote.innerText()), (t) => t.startsWith('Koden'), 'the copy is said');

    // The element way, dark, English, no language switch, an allowed origin.
    await dialog.getByLabel('Element og script (arver sidens skrift)').check();
    await expectText(copiedNote, '', 'no "copied" once the code is another');
    await dialog.getByLabel('Farvetema').selectOption('dark');
    await dialog.getByLabel('Sprog', { exact: true }).selectOption('en');
    await dialog.getByLabel('Sprogskift (dansk/engelsk)').uncheck();
    const origins = dialog.getByLabel('Sider, der må styre beregneren (postMessage)');
    await origins.fill('intranet.example/x');
    await eventually(() => origins.getAttribute('aria-invalid'), (v) => v === 'true', 'a bad origin is marked');
    assert.match(norm(await dialog.locator('#cofund-embed-origins-error').innerText()), /»intranet\.example\/x« er ikke en oprindelse/);
    assert.equal(await code.inputValue(), '', 'no snippet while an origin is wrong');
    await origins.fill('https://Intranet.Example');
    const elementCode = await eventually(() => code.inputValue(), (v) => v.startsWith('<div data-cofund'), 'element snippet');
    for (const part of ['data-scenario="s1.', 'data-lang="en"', 'data-mode="compact"', 'data-readonly', 'data-controls="drivers"', 'data-theme="dark"', 'data-origins="https://intranet.example"', '/embed/cofund.js"></script>']) {
      assert.ok(elementCode.includes(part), `${part} in ${elementCode}`);
    }
    await eventually(() => page.locator('.cofund-embed-preview').getAttribute('src'), (s) => s.includes('theme=dark') && s.includes('lang=en'), 'preview follows the choices');
    await expectText(total(preview), 'DKK 32,850,000', 'the preview in English');

    // Each change reloads the preview frame, which cancels what it was still loading: such
    // requests are not counted (browser.mjs, newPage).
    assert.deepEqual(errors, [], 'console errors or CSP violations with the dialog open');
    await screenshot(page, 'embed-dialog');
    await assertNoAxeViolations(page, 'embed dialog open');
    // The app's undo keys leave the dialog alone: Ctrl+Z in one of its fields must not undo
    // the 225 pilots behind it (the field's own undo may take back what was typed there).
    await origins.focus();
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(300);
    await expectText(total(page), '32.850.000 kr.', 'the scenario behind the dialog is as it was');
    // Escape closes the modal dialog and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await open.evaluate((el) => el === document.activeElement), true, 'focus back on the button');

    // So it does from inside the live preview, whose keys go to the frame's own document.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'visible' });
    await expectText(total(preview), '32.850.000 kr.', 'the preview again');
    await preview.locator('input, button, [tabindex="0"]').first().focus();
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'cofund-embed-preview', 'focus in the preview');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await open.evaluate((el) => el === document.activeElement), true, 'focus back on the button from the preview');
  } finally {
    await page.context().close();
  }
});
