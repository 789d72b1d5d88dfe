// QuoteDesk page glue: starts the wasm module, feeds it the font and the sample workspace, and
// exposes window.quotedesk (design.md §8) — the test API, which calls the same exported core
// functions the console uses. No network access beyond this site's own files.
'use strict';
(function () {
  const status = document.getElementById('status');
  const statusText = document.getElementById('status-text');
  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });
  let mod = null;

  function fail(message) {
    status.classList.remove('hidden');
    status.classList.add('error');
    statusText.textContent = '无法启动 QuoteDesk / QuoteDesk could not start:\n' + message;
    rejectReady(new Error(message));
  }

  // Calls an exported function taking and returning UTF-8 strings; returns the JSON text.
  function call(name, ...strings) {
    const ptrs = strings.map((s) => {
      const n = mod.lengthBytesUTF8(s) + 1;
      const p = mod._malloc(n);
      mod.stringToUTF8(s, p, n);
      return p;
    });
    try {
      return mod.UTF8ToString(mod['_' + name](...ptrs));
    } finally {
      ptrs.forEach((p) => mod._free(p));
    }
  }

  async function fetchBytes(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return new Uint8Array(await r.arrayBuffer());
  }

  async function start() {
    const t0 = performance.now();
    const fontPromise = fetchBytes('fonts/qd-cjk.otf');
    mod = await createQuoteDesk({ canvas: document.getElementById('canvas') });
    const font = await fontPromise;
    const p = mod._malloc(font.length);
    mod.HEAPU8.set(font, p);
    mod._qd_set_font(p, font.length);
    mod._free(p);
    if (!mod._qd_start()) throw new Error('WebGL 2 is not available in this browser.');
    status.classList.add('hidden');
    window.quotedesk.startupMs = performance.now() - t0;
    resolveReady(window.quotedesk);
  }

  window.quotedesk = {
    ready,
    state: () => call('qd_state'),
    navigate: (page) => call('qd_navigate', page),
    setLanguage: (lang) => call('qd_set_lang', lang),
  };

  if (typeof createQuoteDesk !== 'function') { fail('quotedesk.js did not load.'); return; }
  start().catch((e) => fail(e && e.message ? e.message : String(e)));
})();
