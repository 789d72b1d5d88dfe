#!/usr/bin/env bash
# Assembles the deployable static site dist/ from site/, the wasm build and the assets, then
#  - stamps dist/sw.js with the build's content hash, the list of the site's files (precached for
#    offline use) and the list of the fallback fonts (fonts/qd-cjk-x*.otf: cached when first fetched,
#    never precached, so they are no part of a first visit unless its data needs them),
#  - writes dist/quotedesk-standalone.html: one self-contained file (scripts and styles inline, the
#    wasm and the font base64-embedded, the sample inline) that works from file:// with a strict CSP
#    of its own (script and style hashes instead of 'self'). It carries the main font only (qd-cjk.otf,
#    GB 2312 + the sources' characters, as its page font; the served page starts with the small
#    qd-cjk-ui.otf and fetches qd-cjk.otf after its first frame): the
#    fallback fonts (6 MB gzip, 8 MB raw, 10.7 MB as base64) would triple it, so there a character
#    outside the main subset (GB 2312 + the sources' characters) draws as an empty box,
#  - writes FILE.gz beside each compressible file, which tools/serve.mjs (like nginx's gzip_static)
#    sends as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/wasm
rm -rf dist && mkdir -p dist/fonts
cp -r site/. dist/
cp "$B/wasm/quotedesk.js" "$B/wasm/quotedesk.wasm" dist/
cp "$B/fonts/qd-cjk-ui.otf" "$B/fonts/qd-cjk.otf" "$B"/fonts/qd-cjk-x*.otf dist/fonts/
for f in assets/*.json; do [ -e "$f" ] && cp "$f" dist/; done

# ---- service worker: cache name from a hash of everything it serves ----------------------------------
all=$(cd dist && find . -type f ! -name sw.js ! -name 'quotedesk-standalone.html' | sed 's|^\./||' | LC_ALL=C sort)
hash=$(cd dist && printf '%s\n' "$all" | xargs sha256sum | sha256sum | cut -c1-16)
files=$(printf '%s\n' "$all" | grep -v '^fonts/qd-cjk-x')
lazy=$(printf '%s\n' "$all" | grep '^fonts/qd-cjk-x')
list=$(printf '%s\n' "$files" | sed "s/.*/'&'/" | paste -sd, -)
lazylist=$(printf '%s\n' "$lazy" | sed "s/.*/'&'/" | paste -sd, -)
sed -i -e "s|__QD_BUILD_HASH__|$hash|" -e "s|'./' /\* __QD_FILES__ \*/|'./',$list|" \
       -e "s|/\* __QD_LAZY_FILES__ \*/|$lazylist|" dist/sw.js
grep -q "$hash" dist/sw.js && grep -q "'index.html'" dist/sw.js && grep -q "'fonts/qd-cjk-x1.otf'" dist/sw.js ||
  { echo "dist.sh: could not stamp dist/sw.js" >&2; exit 1; }

# ---- the standalone file -----------------------------------------------------------------------------
node --input-type=module - <<'JS'
import fs from 'node:fs';
import crypto from 'node:crypto';
const read = (f) => fs.readFileSync('dist/' + f);
// Inline scripts must not contain "</script"; in JS source "<\/" means the same.
const script = (f) => read(f).toString().replace(/<\/(script)/gi, '<\\/$1');
const css = read('app.css').toString();
const glue = script('quotedesk.js');
const app = script('app.js');
const a11y = script('a11y.js');
// JSON can only hold "<" inside strings, where \u003c means the same: no "</script" or "<!--".
const sample = read('sample-workspace.json').toString().replace(/</g, '\\u003c');
const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = `default-src 'none'; script-src ${hash(a11y)} ${hash(glue)} ${hash(app)} 'wasm-unsafe-eval'; style-src ${hash(css)}; ` +
  "img-src data: blob:; font-src 'none'; connect-src 'none'; worker-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "require-trusted-types-for 'script'; trusted-types quotedesk";

let html = read('index.html').toString();
const swap = (pattern, text) => {
  if (!pattern.test(html)) throw new Error('dist.sh: index.html has no ' + pattern);
  html = html.replace(pattern, () => text);   // a function: "$&" in the scripts stays as it is
};
swap(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
swap(/<link rel="stylesheet" href="app.css">/, `<style>${css}</style>`);
// Preload hints (fetches over http) would be requests from file://: none in the standalone file.
html = html.replace(/\n<link rel="preload"[^>]*>/g, '');
swap(/<link rel="icon" href="favicon.svg"[^>]*>/, `<link rel="icon" href="data:image/svg+xml;base64,${read('favicon.svg').toString('base64')}" type="image/svg+xml">`);
// The served page's scripts are deferred in <head>; inline scripts cannot be, so the standalone file runs
// them at the end of <body>, after the data blocks they read.
swap(/\n<script defer src="a11y.js"><\/script>\s*<script defer src="quotedesk.js"><\/script>\s*<script defer src="app.js"><\/script>/, '');
swap(/<\/body>/, `<script type="application/octet-stream" id="qd-wasm">${read('quotedesk.wasm').toString('base64')}</script>\n` +
  `<script type="application/octet-stream" id="qd-font">${read('fonts/qd-cjk.otf').toString('base64')}</script>\n` +
  `<script type="application/json" id="qd-sample">${sample}</script>\n` +
  `<script>${a11y}</script>\n<script>${glue}</script>\n<script>${app}</script>\n</body>`);
fs.writeFileSync('dist/quotedesk-standalone.html', html);
JS
# ---- precompressed copies: what a static server sends (tools/serve.mjs, nginx's gzip_static) --------
# Compressing the 2 MB font and the 1.4 MB wasm at gzip -9 when they are first asked for would put a
# few hundred ms into a first visit. Not for the standalone file, which is opened, not served.
find dist -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.otf' -o -name '*.json' -o -name '*.css' \
  -o -name '*.svg' -o -name 'index.html' \) -size +1k -print0 | xargs -0 -P2 -n4 gzip -9 -k -n -f

echo "dist: $(du -sh dist | cut -f1) in dist/ ($(find dist -type f | wc -l) files), build $hash;" \
     "standalone $(du -h dist/quotedesk-standalone.html | cut -f1)"
