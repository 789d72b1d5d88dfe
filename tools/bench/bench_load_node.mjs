// Wasm load benchmark under node: qd load (bench_load.js, -O3) on its fast path (simdjson) and on the
// precise reader (nlohmann SAX) beside JSON.parse of the same text, in the same process, alternating
// runs (docs/performance.md). Each file in a fresh module, so the heap figure is that of its first load.
// usage: node --no-experimental-fetch bench_load_node.mjs BUILD/bench_load.js FILE...   (QD_BENCH_RUNS=3)
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [modulePath, ...files] = process.argv.slice(2);
const runs = Number(process.env.QD_BENCH_RUNS || 3);
const FAST = 0, PRECISE = 2;  // qd::LoadPath::Auto, qd::LoadPath::Precise

for (const file of files) {
  const mod = await require(modulePath)();
  const bytes = fs.readFileSync(file);
  const mb = bytes.length / 1e6;
  const heapBefore = mod.HEAPU8.length;
  const p = mod._malloc(bytes.length);
  mod.HEAPU8.set(bytes, p);
  const min = { parse: Infinity, fast: Infinity, precise: Infinity };
  let heapAfterFirst = 0, failed = false;
  for (let run = 0; run < runs; ++run) {
    let t0 = performance.now();
    JSON.parse(new TextDecoder().decode(bytes));
    min.parse = Math.min(min.parse, performance.now() - t0);
    t0 = performance.now();
    failed ||= mod._bench_load(p, bytes.length, FAST) < 0;
    min.fast = Math.min(min.fast, performance.now() - t0);
    if (run === 0) heapAfterFirst = mod.HEAPU8.length;
    t0 = performance.now();
    failed ||= mod._bench_load(p, bytes.length, PRECISE) < 0;
    min.precise = Math.min(min.precise, performance.now() - t0);
  }
  mod._free(p);
  if (failed) { console.log(`${file}: load failed`); process.exitCode = 1; continue; }
  const line = (label, ms) => console.log(`  ${label.padEnd(22)} ${ms.toFixed(1).padStart(8)} ms  (${(mb / (ms / 1000)).toFixed(1)} MB/s)`);
  console.log(`${file}: ${mb.toFixed(1)} MB, best of ${runs} alternating runs`);
  line('wasm qd load (fast)', min.fast);
  line('wasm qd load (precise)', min.precise);
  line('JSON.parse (+decode)', min.parse);
  console.log(`  ratio fast/JSON.parse ${(min.fast / min.parse).toFixed(2).padStart(8)}   precise/JSON.parse ${(min.precise / min.parse).toFixed(2)}   fast/precise ${(min.fast / min.precise).toFixed(2)}`);
  console.log(`  wasm heap after the first load ${(heapAfterFirst / 1e6).toFixed(1)} MB (was ${(heapBefore / 1e6).toFixed(1)} with the file), ${(heapAfterFirst / bytes.length).toFixed(2)}x file`);
  // Where the bytes of the workspace go (tools/bench/workspace_bytes.h), in a fresh module: wasm32's sizes.
  const fresh = await require(modulePath)();
  const q = fresh._malloc(bytes.length);
  fresh.HEAPU8.set(bytes, q);
  fresh._bench_load_bytes(q, bytes.length);
}
