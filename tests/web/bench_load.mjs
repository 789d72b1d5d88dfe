// Load benchmark in headless Chromium (docs/architecture.md §4, docs/performance.md): opening a workspace
// through the page's own path (bytes → wasm heap → loader: simdjson fast path → model) beside
// JSON.parse of the same text in the same page, alternating runs (JSON.parse, open, JSON.parse, open,
// ...; QD_BENCH_RUNS, default 3; each open from a quiet page), printing the best and median of each and their ratio. Each file in a
// fresh page: the heap after the first open is that file's (wasm memory never shrinks); the heap
// after the last is what reopening the file while it is open costs.
// Prints figures and ratios; asserts nothing. usage: node bench_load.mjs SITE_DIR FILE...
// (the files must be inside SITE_DIR; tools/bench/run.sh prepares it).
import path from 'node:path';
import { serve, launch, openPage } from './harness.mjs';

const [siteDir, ...files] = process.argv.slice(2);
const runs = Number(process.env.QD_BENCH_RUNS || 3);
const server = await serve(path.resolve(siteDir));
const browser = await launch();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const file of files) {
  const { page, context } = await openPage(browser, server.url, { scale: 1 });
  const r = await page.evaluate(async ({ name, runs }) => {
    const bytes = new Uint8Array(await (await fetch(name)).arrayBuffer());
    const heap = () => JSON.parse(window.quotedesk.state()).heap_bytes;
    // what malloc has handed out and not taken back: the memory check's ceiling minus what is available
    const inUse = () => { const m = JSON.parse(window.quotedesk.checkOpen(0)); return m.ceiling - m.available; };
    const out = { size: bytes.length, decode: [], parse: [], load: [], shown: [], ok: true, heapBefore: heap() };
    for (let run = 0; run < runs; ++run) {
      let t0 = performance.now();
      const text = new TextDecoder().decode(bytes);
      out.decode.push(performance.now() - t0);
      t0 = performance.now();
      JSON.parse(text);
      out.parse.push(performance.now() - t0);
      t0 = performance.now();
      const answer = JSON.parse(await window.quotedesk.loadBytes(bytes, name));
      out.load.push(performance.now() - t0);
      // On screen: the start of the animation frame after the first frame the console drew with the
      // new workspace (as site/app.js marks the page's first frame): what a person waits for.
      const drawn = JSON.parse(window.quotedesk.state()).frames_drawn;
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      let shown = await frame();
      while (JSON.parse(window.quotedesk.state()).frames_drawn === drawn) shown = await frame();
      shown = await frame();
      out.shown.push(shown - t0);
      out.ok &&= answer.ok;
      out.streamed = answer.streamed;
      if (run === 0) { out.heapFirst = heap(); out.inUseFirst = inUse(); }
      // A quiet page before the next run, as a person's next open finds it: the frames the open asked
      // for drawn, the console idle and the opened workspace stored.
      await window.quotedesk.whenQuiet(60000);
    }
    out.heapLast = heap();
    out.inUseLast = inUse();
    return out;
  }, { name: path.basename(file), runs });
  const mb = r.size / 1e6;
  const fmt = (xs) => `best ${Math.min(...xs).toFixed(1).padStart(7)} ms  median ${median(xs).toFixed(1).padStart(7)} ms`;
  console.log(`${path.basename(file)}: ${mb.toFixed(1)} MB${r.ok ? '' : ' (LOAD FAILED)'}, ${runs} alternating runs${r.streamed ? ', read a piece at a time' : ', staged whole'}`);
  console.log(`  chromium qd load  ${fmt(r.load)}   runs: ${r.load.map((x) => x.toFixed(0)).join(' ')}`);
  console.log(`  ... on screen     ${fmt(r.shown)}   runs: ${r.shown.map((x) => x.toFixed(0)).join(' ')} (the console's first frame with it)`);
  console.log(`  JSON.parse        ${fmt(r.parse)}   runs: ${r.parse.map((x) => x.toFixed(0)).join(' ')} (+ TextDecoder ${median(r.decode).toFixed(1)} ms)`);
  const ratios = r.load.map((x, i) => x / r.parse[i]);
  console.log(`  ratio load/JSON.parse  median ${median(ratios).toFixed(2)}  (per run: ${ratios.map((x) => x.toFixed(2)).join(' ')}; to decode + parse ${(median(r.load) / (median(r.parse) + median(r.decode))).toFixed(2)})`);
  console.log(`  wasm heap  ${(r.heapFirst / 1e6).toFixed(1)} MB after the first open (${(r.heapFirst / r.size).toFixed(2)}x file; was ${(r.heapBefore / 1e6).toFixed(1)}), ${(r.heapLast / 1e6).toFixed(1)} MB after ${runs} (${(r.heapLast / r.size).toFixed(2)}x)`);
  console.log(`  malloc in use  ${(r.inUseFirst / 1e6).toFixed(1)} MB after the first open (${(r.inUseFirst / r.size).toFixed(2)}x file), ${(r.inUseLast / 1e6).toFixed(1)} MB after ${runs} (${(r.inUseLast / r.size).toFixed(2)}x)`);
  await context.close();
}
await browser.close();
server.close();
