// Huawei import benchmark in headless Chromium (docs/huawei-data.md §7): opening a set of Huawei BSS
// responses as one workspace through the page's own path (quotedesk.loadFiles: bytes → wasm heap →
// LoadFiles → ImportHuawei, simdjson fast path) beside decoding and JSON.parse of the same texts in the
// same page, alternating runs (QD_BENCH_RUNS, default 3); prints the best and median of each, their
// ratio and the wasm heap. Prints figures and ratios; asserts nothing.
// usage: node bench_huawei.mjs SITE_DIR FILE...   (the files inside SITE_DIR, given as paths in it)
import path from 'node:path';
import { serve, launch, openPage } from './harness.mjs';

const [siteDir, ...files] = process.argv.slice(2);
const runs = Number(process.env.QD_BENCH_RUNS || 3);
const site = path.resolve(siteDir);
const names = files.map((f) => path.relative(site, path.resolve(f)));
const server = await serve(site);
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { page, context } = await openPage(browser, server.url, { scale: 1 });
const r = await page.evaluate(async ({ names, runs }) => {
  const all = await Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await (await fetch(name)).arrayBuffer()) })));
  const heap = () => JSON.parse(window.quotedesk.state()).heap_bytes;
  const out = { size: all.reduce((n, f) => n + f.bytes.length, 0), parse: [], load: [], ok: true, heapBefore: heap(), records: 0 };
  for (let run = 0; run < runs; ++run) {
    let t0 = performance.now();
    for (const f of all) JSON.parse(new TextDecoder().decode(f.bytes));
    out.parse.push(performance.now() - t0);
    t0 = performance.now();
    const answer = JSON.parse(await window.quotedesk.loadFiles(all));
    out.load.push(performance.now() - t0);
    out.ok &&= answer.ok;
    if (!answer.ok) out.error = JSON.stringify(answer.errors).slice(0, 300);
    if (run === 0) out.heapFirst = heap();
    await new Promise((resolve) => setTimeout(resolve, 50));  // let the page draw between runs
  }
  out.heapLast = heap();
  return out;
}, { names, runs });
const fmt = (xs) => `best ${Math.min(...xs).toFixed(1).padStart(7)} ms  median ${median(xs).toFixed(1).padStart(7)} ms`;
console.log(`${files.length} file(s), ${(r.size / 1e6).toFixed(1)} MB${r.ok ? '' : ` (LOAD FAILED: ${r.error})`}, ${runs} alternating runs`);
console.log(`  chromium qd loadFiles      ${fmt(r.load)}   runs: ${r.load.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`  decode + JSON.parse        ${fmt(r.parse)}   runs: ${r.parse.map((x) => x.toFixed(0)).join(' ')}`);
const ratios = r.load.map((x, i) => x / r.parse[i]);
console.log(`  ratio load/(decode + JSON.parse)  median ${median(ratios).toFixed(2)}  (per run: ${ratios.map((x) => x.toFixed(2)).join(' ')})`);
console.log(`  wasm heap  ${(r.heapFirst / 1e6).toFixed(1)} MB after the first open (was ${(r.heapBefore / 1e6).toFixed(1)}), ${(r.heapLast / 1e6).toFixed(1)} MB after ${runs}`);
await context.close();
await browser.close();
server.close();
