// QuoteDesk offline support: a cache-first service worker for the site's own files.
//
// tools/dist.sh writes the build's content hash into VERSION, the list of the site's files into
// FILES (fetched at install) and the fallback fonts into LAZY (fonts/qd-cjk-x*.otf, fetched by the
// page only when the data shows a character outside the main font: cached the first time they are
// fetched, never at install). Each build gets its own cache ("quotedesk-<hash>"): a new build installs
// beside the old one, takes over at once, and deletes the caches of older builds. Only those files
// are served from the cache; anything else (and every request to another origin, of which there are
// none) goes to the network untouched. Registered by app.js (http(s) only; the standalone file needs none).
'use strict';
const VERSION = '__QD_BUILD_HASH__';
const FILES = ['./' /* __QD_FILES__ */];
const LAZY = [/* __QD_LAZY_FILES__ */];
const CACHE = 'quotedesk-' + VERSION;
const OWN = new Set(FILES.concat(LAZY).map((f) => new URL(f, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('quotedesk-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  if (!OWN.has(url.href)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(url.href);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) cache.put(url.href, response.clone());
    return response;
  }));
});
