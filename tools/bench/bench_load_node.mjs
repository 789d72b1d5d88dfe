// Wasm load benchmark under node: qd load (bench_load.js, -O3) beside JSON.parse of the same text,
// in the same process. usage: node --no-experimental-fetch bench_load_node.mjs BUILD/bench_load.js FILE...
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [modulePath, ...files] = process.argv.slice(2);
const mod = await require(modulePath)();

for (const file of files) {
  const bytes = fs.readFileSync(file);
  const mb = bytes.length / 1e6;
  let t0 = performance.now();
  const text = new TextDecoder().decode(bytes);
  JSON.parse(text);
  const parseMs = performance.now() - t0;

  const heapBefore = mod.HEAPU8.length;
  const p = mod._malloc(bytes.length);
  mod.HEAPU8.set(bytes, p);
  t0 = performance.now();
  const inside = mod._bench_load(p, bytes.length);
  const loadMs = performance.now() - t0;
  mod._free(p);
  const heapAfter = mod.HEAPU8.length;
  if (inside < 0) { console.log(`${file}: load failed`); process.exitCode = 1; continue; }
  console.log(`${file}: ${mb.toFixed(1)} MB`);
  console.log(`  wasm qd load   ${loadMs.toFixed(1).padStart(8)} ms  (${(mb / (loadMs / 1000)).toFixed(1)} MB/s)`);
  console.log(`  JSON.parse     ${parseMs.toFixed(1).padStart(8)} ms`);
  console.log(`  ratio          ${(loadMs / parseMs).toFixed(2).padStart(8)}`);
  console.log(`  wasm heap      ${(heapAfter / 1e6).toFixed(1)} MB (was ${(heapBefore / 1e6).toFixed(1)}), ${(heapAfter / bytes.length).toFixed(2)}x file`);
}
