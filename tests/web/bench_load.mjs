// Load benchmark in headless Chromium (docs/architecture.md §4): opening a workspace through the page's own
// path (bytes → wasm heap → SAX loader → model) beside JSON.parse of the same text in the same
// page. Each file in a fresh page, so the heap figure is that file's (wasm memory never shrinks).
// Prints figures and ratios; asserts nothing. usage: node bench_load.mjs SITE_DIR FILE...
// (the files must be inside SITE_DIR; tools/bench/run.sh prepares it).
import path from 'node:path';
import { serve, launch, openPage } from './harness.mjs';

const [siteDir, ...files] = process.argv.slice(2);
const server = await serve(path.resolve(siteDir));
const browser = await launch();

for (const file of files) {
  const { page, context } = await openPage(browser, server.url, { scale: 1 });
  const r = await page.evaluate(async (name) => {
    const bytes = new Uint8Array(await (await fetch(name)).arrayBuffer());
    let t0 = performance.now();
    const text = new TextDecoder().decode(bytes);
    const decodeMs = performance.now() - t0;
    t0 = performance.now();
    JSON.parse(text);
    const parseMs = performance.now() - t0;
    const heapBefore = JSON.parse(window.quotedesk.state()).heap_bytes;
    t0 = performance.now();
    const answer = JSON.parse(await window.quotedesk.loadBytes(bytes, name));
    const loadMs = performance.now() - t0;
    const heapAfter = JSON.parse(window.quotedesk.state()).heap_bytes;
    return { size: bytes.length, decodeMs, parseMs, loadMs, ok: answer.ok, heapBefore, heapAfter };
  }, path.basename(file));
  const mb = r.size / 1e6;
  console.log(`${path.basename(file)}: ${mb.toFixed(1)} MB${r.ok ? '' : ' (LOAD FAILED)'}`);
  console.log(`  chromium qd load ${r.loadMs.toFixed(1).padStart(8)} ms`);
  console.log(`  JSON.parse       ${r.parseMs.toFixed(1).padStart(8)} ms (+ ${r.decodeMs.toFixed(1)} ms TextDecoder)`);
  console.log(`  ratio            ${(r.loadMs / r.parseMs).toFixed(2).padStart(8)} (to decode + parse ${(r.loadMs / (r.parseMs + r.decodeMs)).toFixed(2)})`);
  console.log(`  wasm heap        ${(r.heapAfter / 1e6).toFixed(1)} MB (was ${(r.heapBefore / 1e6).toFixed(1)}), ${(r.heapAfter / r.size).toFixed(2)}x file`);
  await context.close();
}
await browser.close();
server.close();
