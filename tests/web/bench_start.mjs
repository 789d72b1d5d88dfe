// Startup benchmark in headless Chromium (docs/architecture.md §4: first frame < 1.5 s on localhost). Prints
// figures and ratios; asserts nothing. usage: node bench_start.mjs [RUNS]
//
// - cold: a fresh browser context per run (empty HTTP cache, no service worker, no wasm code cache),
//   the first visit of a user;
// - warm: the same context reloaded (HTTP cache, the service worker, V8's cached wasm code);
// - baseline: in the same browser, a page of the same server that only makes a WebGL2 context and
//   draws one frame: what navigation plus a canvas frame costs here, whatever the app does.
// The app's figures are its own marks (window.quotedesk.timings, ms since navigation start) and its
// start-up profile (qd_state().startup), so the harness's round trips are not counted.
import { serve, launch } from './harness.mjs';

const runs = Number(process.argv[2] || 7);
const server = await serve();
const browser = await launch();

const baselineHtml = `<!doctype html><meta charset="utf-8"><canvas id="c" width="2560" height="1600"></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false });
requestAnimationFrame(() => {
  gl.clearColor(0.9, 0.9, 0.9, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  requestAnimationFrame((frameStart) => { window.firstFrame = frameStart; });   // as site/app.js marks first_frame
});
</script>`;

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  await context.route('**/__baseline.html', (r) => r.fulfill({ contentType: 'text/html', body: baselineHtml }));
  return context;
}

async function appVisit(page, reload) {
  if (reload) await page.reload(); else await page.goto(server.url);
  await page.waitForFunction(() => window.quotedesk && window.quotedesk.timings.first_frame !== undefined, null, { polling: 50 });
  return page.evaluate(() => {
    const t = { ...window.quotedesk.timings };
    for (const e of performance.getEntriesByType('resource')) {
      const name = e.name.split('/').pop();
      if (name === 'quotedesk.wasm') t.wasm_fetched = Math.round(e.responseEnd);
      if (name === 'qd-cjk-ui.otf') t.font_fetched = Math.round(e.responseEnd);   // the first frame's font
      if (name === 'qd-cjk.otf') t.rest_font_fetched = Math.round(e.responseEnd);  // the rest, after the first frame
    }
    const s = JSON.parse(window.quotedesk.state());
    return { ...t, ...(s.startup || {}) };
  });
}

async function baselineVisit(page) {
  await page.goto(server.url + '__baseline.html');
  await page.waitForFunction(() => window.firstFrame !== undefined, null, { polling: 50 });
  return { first_frame: Math.round(await page.evaluate(() => window.firstFrame)) };
}

// Each visit in a fresh context (its own renderer); the browser's first navigation, which also starts
// its GPU process, is run once before and not counted.
async function inContext(fn) {
  const context = await newContext();
  try { return await fn(await context.newPage()); } finally { await context.close(); }
}
await inContext((page) => baselineVisit(page));
const rows = { cold: [], warm: [], baseline: [] };
for (let i = 0; i < runs; i++) {
  rows.baseline.push(await inContext((page) => baselineVisit(page)));
  await inContext(async (page) => {
    rows.cold.push(await appVisit(page, false));
    await page.waitForTimeout(1500);   // the service worker installs and V8 may cache the compiled module
    rows.warm.push(await appVisit(page, true));
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
function report(label, list) {
  const keys = [...new Set(list.flatMap((r) => Object.keys(r)))];
  console.log(`${label} (${list.length} runs): median [min–max], ms since navigation start unless marked`);
  for (const k of keys) {
    const xs = list.map((r) => r[k]).filter((x) => typeof x === 'number');
    if (xs.length) console.log(`  ${k.padEnd(20)} ${String(Math.round(median(xs))).padStart(6)}  [${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}]`);
  }
}
report('baseline: navigation + one WebGL2 frame', rows.baseline);
report('cold: first visit', rows.cold);
report('warm: reload', rows.warm);
const base = median(rows.baseline.map((r) => r.first_frame));
for (const kind of ['cold', 'warm']) {
  const ff = median(rows[kind].map((r) => r.first_frame));
  // Per run: the app's visit against the baseline visit made just before it in the same browser.
  const ratios = rows[kind].map((r, i) => r.first_frame / rows.baseline[i].first_frame);
  console.log(`${kind} first frame ${ff} ms (budget 1500): ${(ff / base).toFixed(2)}x the baseline's ${base} ms; ` +
    `per run: best ${Math.min(...ratios).toFixed(2)}x, median ${median(ratios).toFixed(2)}x (goal: ${kind === 'cold' ? '2.0' : '1.2'}x)`);
}
await browser.close();
server.close();
