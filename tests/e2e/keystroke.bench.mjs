// Keystroke latency of several builds, interleaved so that the machine's slow spells hit
// them all: the latency test's edit loop (a unit field of the 200-line scenario, 20 warm-up
// edits, 150 measured, one edit per frame), split into the input handler (`dispatchEvent`
// until it returns) and Yew's render after it (until a microtask queued behind the render
// runs). Not part of the test run: a benchmark to compare builds (BENCHMARKS.md).
//
//   node tests/e2e/keystroke.bench.mjs [--rounds 3] [--preset synthetic-200] DIST [DIST…]
//
// Prints, per build, the median over the rounds of each page's mean handler and render time
// and of each page's median whole edit, then the whole-edit medians of every round.
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { CHROMIUM_ARGS, median } from './browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const rounds = Number(option('rounds', 3));
const preset = option('preset', 'synthetic-200');
const dists = args.length ? args : ['dist'];

/** In the page: the edits, timed; returns the means of the two parts and the median edit. */
function editLoop() {
  return (async () => {
    const field = document.querySelector('input[id^="cofund-driver-"][id$="-value"]');
    const base = field.value.trim();
    const values = [String(Number(base) + 1), base];
    const handler = [];
    const render = [];
    const whole = [];
    for (let i = 0; i < 170; i++) {
      const total = document.querySelector('[data-testid="total-cost"]');
      await new Promise((ok) => {
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        const observer = new MutationObserver(() => {
          const t3 = performance.now();
          observer.disconnect();
          if (i >= 20) {
            handler.push(t1 - t0);
            render.push(t2 - t1);
            whole.push(t3 - t0);
          }
          ok();
        });
        observer.observe(total, { childList: true, subtree: true, characterData: true });
        field.value = values[i % 2];
        t0 = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        t1 = performance.now();
        // Yew queued its render as a microtask while the handler ran: this one runs after it.
        queueMicrotask(() => {
          t2 = performance.now();
        });
      });
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sorted = [...whole].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    return { handler: mean(handler), render: mean(render), whole: (sorted[mid - 1] + sorted[mid]) / 2 };
  })();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const sites = await Promise.all(dists.map((dist) => startServer(dist)));
try {
  const results = dists.map(() => ({ handler: [], render: [], whole: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, site] of sites.entries()) {
      const context = await browser.newContext({ locale: 'da-DK' });
      const page = await context.newPage();
      await page.goto(`${site.url}?preset=${preset}`);
      await page.locator('[data-testid="total-cost"]').first().waitFor({ timeout: 30_000 });
      const r = await page.evaluate(editLoop);
      for (const key of ['handler', 'render', 'whole']) results[i][key].push(r[key]);
      await context.close();
    }
  }
  for (const [i, dist] of dists.entries()) {
    const r = results[i];
    console.log(
      `${dist}: handler ${median(r.handler).toFixed(2)} ms, render ${median(r.render).toFixed(2)} ms, ` +
        `whole edit ${median(r.whole).toFixed(2)} ms (rounds: ${r.whole.map((x) => x.toFixed(2)).join(' ')})`,
    );
  }
} finally {
  await browser.close();
  for (const site of sites) await site.close();
}
