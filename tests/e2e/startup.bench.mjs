// Start-up over a slower network: time from navigation until the first total is shown, for
// the app and for the iframe widget, with Chromium's network emulation (latency and
// bandwidth; files as the test server sends them, uncompressed). Not part of the test run:
// a benchmark to compare builds, interleaved so that the machine's slow spells hit both.
//
//   node tests/e2e/startup.bench.mjs [--latency 40] [--mbit 50] [--loads 8] DIST [DIST…]
//
// Prints the median and every load per build and page (BENCHMARKS.md, "Start-up"). For the
// app it also times the first explanation: from focusing and clicking the total (at once,
// so nothing was fetched on intent before) until its calculation is shown, and the same
// after the pointer has rested on the figure for 250 ms (a hand on its way to a click).
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { CHROMIUM_ARGS, median } from './browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(args.splice(i, 2)[1]);
};
const latency = option('latency', 40);
const mbit = option('mbit', 50);
const loads = option('loads', 8);
const dists = args.length ? args : ['dist'];

const PAGES = {
  app: { path: '?preset=vaekstpilot-150', total: () => document.querySelectorAll('[data-testid="total-cost"]') },
  widget: {
    path: 'embed/embed.html?preset=vaekstpilot-150&mode=compact&readonly',
    total: () => [...document.querySelectorAll('[data-cofund]')].flatMap((h) => [...(h.shadowRoot?.querySelectorAll('[data-testid="total-cost"]') ?? [])]),
  },
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const servers = await Promise.all(dists.map((d) => startServer(d)));

/** A fresh context (empty cache) with the emulated network, at `path` of build `i`, once its
 * first total is shown; `shown` is when that was, in the page's clock. */
async function load(i, path, total) {
  const context = await browser.newContext();
  // Polled every frame from the start: the first frame with the total shown.
  await context.addInitScript(`(() => {
    window.__shown = 0;
    const total = ${total.toString()};
    const tick = () => {
      const shown = [...total()].some((t) => t.checkVisibility() && t.textContent.includes('21.900.000'));
      if (shown) window.__shown = performance.now(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency,
    downloadThroughput: (mbit * 1e6) / 8,
    uploadThroughput: (mbit * 1e6) / 8,
  });
  await page.goto(servers[i].url + path);
  await page.waitForFunction(() => window.__shown > 0, null, { timeout: 60_000 });
  return { context, page, shown: await page.evaluate(() => window.__shown) };
}

/** Clicks the total figure (after focusing it, when `focus`) and resolves with the time
 * until its explanation's calculation is shown. */
const explainTotal = (page, focus) => page.evaluate((focus) => new Promise((done) => {
  const figure = document.querySelector('[data-testid="total-cost"]');
  const start = performance.now();
  if (focus) figure.focus();
  figure.click();
  const tick = () => {
    if (document.querySelector('#cofund-explain .cofund-explain-formula')) done(performance.now() - start);
    else requestAnimationFrame(tick);
  };
  tick();
}), focus);

try {
  for (const [name, { path, total }] of Object.entries(PAGES)) {
    const times = dists.map(() => []);
    const explained = dists.map(() => []);
    const hovered = dists.map(() => []);
    for (let round = 0; round < loads; round++) {
      for (let i = 0; i < dists.length; i++) {
        const { context, page, shown } = await load(i, path, total);
        times[i].push(shown);
        if (name === 'app') explained[i].push(await explainTotal(page, true));
        await context.close();
        if (name === 'app') {
          // A fresh page again, this time with the pointer resting on the figure first.
          const { context, page } = await load(i, path, total);
          await page.locator('[data-testid="total-cost"]').first().hover();
          await page.waitForTimeout(250);
          hovered[i].push(await explainTotal(page, false));
          await context.close();
        }
      }
    }
    for (let i = 0; i < dists.length; i++) {
      console.log(`${name} ${dists[i]}: latency ${latency} ms, ${mbit} Mbit/s, median ${median(times[i]).toFixed(0)} ms over ${times[i].length} loads (${times[i].map((t) => t.toFixed(0)).join(' ')})`);
      if (explained[i].length) {
        console.log(`  first explanation: median ${median(explained[i]).toFixed(0)} ms (${explained[i].map((t) => t.toFixed(0)).join(' ')})`);
        console.log(`  after 250 ms on it: median ${median(hovered[i]).toFixed(0)} ms (${hovered[i].map((t) => t.toFixed(0)).join(' ')})`);
      }
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
