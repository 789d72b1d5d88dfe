// Static file server for dist/ (no dependencies): correct MIME types (application/wasm), gzip (the
// precompressed FILE.gz of tools/dist.sh when there is one),
// the same Content-Security-Policy as the page, no caching surprises during development (the
// service worker, dist/sw.js, is re-checked on every visit: Cache-Control no-cache).
// usage: node tools/serve.mjs [DIR] [PORT]   (PORT 0 = any free port; prints the URL)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.otf': 'font/otf', '.ttf': 'font/ttf', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
};
// The header repeats the page's own CSP meta tag (site/index.html), read from the served index.html
// so the two cannot drift apart; this constant is the fallback for a folder without one.
const defaultCsp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
function pageCsp() {
  try {
    const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    if (m) return m[1];
  } catch { /* no index.html */ }
  return defaultCsp;
}
const csp = pageCsp();
const gzipCache = new Map();   // path -> { mtimeMs, body }

// The file's gzip body: its precompressed copy (FILE.gz, written by tools/dist.sh) when that is not
// older than the file, else compressed now and kept.
function gzipped(file, stat) {
  try {
    const pre = fs.statSync(file + '.gz');
    if (pre.mtimeMs >= stat.mtimeMs) return fs.readFileSync(file + '.gz');
  } catch { /* none: compress */ }
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.body;
  const body = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  gzipCache.set(file, { mtimeMs: stat.mtimeMs, body });
  return body;
}

const server = http.createServer((req, res) => {
  let rel;
  try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, rel);
  if (!file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n'); return; }
    const headers = {
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    if (wantsGzip && stat.size > 1024) {
      const body = gzipped(file, stat);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': stat.size });
      if (req.method === 'HEAD') res.end(); else fs.createReadStream(file).pipe(res);
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`QuoteDesk: serving ${root} at http://127.0.0.1:${server.address().port}/`);
});
