#!/usr/bin/env bash
# Assembles the deployable static site dist/ from site/, the wasm build and the assets.
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/wasm
rm -rf dist && mkdir -p dist/fonts
cp -r site/. dist/
cp "$B/wasm/quotedesk.js" "$B/wasm/quotedesk.wasm" dist/
cp "$B/fonts/qd-cjk.otf" dist/fonts/
for f in assets/*.json; do [ -e "$f" ] && cp "$f" dist/; done
echo "dist: $(du -sh dist | cut -f1) in dist/ ($(find dist -type f | wc -l) files)"
