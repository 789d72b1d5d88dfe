#!/usr/bin/env bash
# `make bench`: generates 10k and 100k workspaces and prints load figures natively, in wasm under
# node and in headless Chromium, each beside a baseline parse of the same text (docs/architecture.md §4,
# docs/performance.md: the fast path beside the precise reader natively and under node); then
# frame times of the pages with big lists, the save to browser storage and idle in Chromium; Ctrl+S;
# the overview forecast's memory; start-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
cmake --build --preset native --target bench_load bench_engine bench_save quotedesk >/dev/null
cmake --build --preset wasm --target bench_load bench_engine >/dev/null
out=build/bench
mkdir -p "$out"
for n in 10000 100000; do
  f=$out/ws-$((n / 1000))k.json
  [ -f "$f" ] || build/native/quotedesk gen --resources $n --seed 1 > "$f"
done
files=("$out/ws-10k.json" "$out/ws-100k.json")
echo "== native: qd load, fast path and precise reader, vs nlohmann DOM"
build/native/bench_load "${files[@]}"
echo "== native: saving (SaveWorkspace, the 2 MB-piece stream of Ctrl+S) vs a copy of the same bytes"
for f in "${files[@]}"; do build/native/bench_save "$f"; done
echo "== wasm under node: qd load, fast path and precise reader, vs JSON.parse (alternating runs)"
node --no-experimental-fetch tools/bench/bench_load_node.mjs "$PWD/build/wasm/bench_load.js" "${files[@]}"
echo "== headless Chromium: qd load vs JSON.parse in the same page (alternating runs), wasm heap"
rm -rf "$out/site" && cp -r dist "$out/site" && cp "${files[@]}" "$out/site/"
node tests/web/bench_load.mjs "$out/site" "${files[@]}"
echo "== headless Chromium, 100k workspace: frames per page (budget < 16 ms), save to IndexedDB, idle"
node tests/web/bench_frames.mjs "$out/site" "$out/ws-100k.json"
echo "== the overview's 12-month auto-renew forecast of 100k: what it holds once built and its build's peak"
cmake --build --preset native --target bench_forecast >/dev/null
cmake --build --preset wasm --target bench_forecast >/dev/null
echo "-- native"
build/native/bench_forecast "$out/ws-100k.json"
echo "-- wasm under node"
node --no-experimental-fetch build/wasm/bench_forecast.js "$out/ws-100k.json"
echo "== headless Chromium, 100k workspace: Ctrl+S (goal < 1.5 s, the first after an open included) beside new Blob / JSON.stringify"
node tests/web/bench_save.mjs "$out/site" "$out/ws-100k.json"
echo "== batch renewal quote of 10,000 resources (budget: < 20 ms in wasm)"
echo "-- native"
build/native/bench_engine "$out/ws-100k.json" 10000
echo "-- wasm under node"
node --no-experimental-fetch build/wasm/bench_engine.js "$out/ws-100k.json" 10000
echo "== headless Chromium: start-up, first frame on screen (budget < 1.5 s), cold and warm, beside a bare WebGL page"
node tests/web/bench_start.mjs 7
echo "== Huawei BSS responses (docs/huawei-data.md §7): 10k resources in pages of 500 and in one page each"
for layout in "10k 500" "10k-one 0"; do
  set -- $layout
  d=$out/hw-$1
  [ -d "$d" ] || node tools/bench/gen_huawei.mjs "$d" 10000 "$2" >/dev/null
done
cmake --build --preset native --target bench_huawei >/dev/null
cmake --build --preset wasm --target bench_huawei >/dev/null
for d in "$out/hw-10k" "$out/hw-10k-one"; do
  echo "-- native, $d"
  build/native/bench_huawei "$d"/*.json
  echo "-- wasm under node, $d"
  node --no-experimental-fetch build/wasm/bench_huawei.js "$d"/*.json
done
