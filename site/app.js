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

  // Hands a file's bytes to the core; returns the JSON answer of qd_load.
  function loadBytes(name, bytes) {
    const n = mod.lengthBytesUTF8(name) + 1;
    const namePtr = mod._malloc(n);
    mod.stringToUTF8(name, namePtr, n);
    const p = mod._malloc(Math.max(1, bytes.length));
    mod.HEAPU8.set(bytes, p);
    try {
      return mod.UTF8ToString(mod._qd_load(namePtr, p, bytes.length));
    } finally {
      mod._free(p);
      mod._free(namePtr);
    }
  }

  // Moving the window to a screen with another devicePixelRatio fires no resize event; a media
  // query on the current ratio does. The shell re-reads the ratio on resize.
  function watchPixelRatio() {
    const mq = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    mq.addEventListener('change', () => { window.dispatchEvent(new Event('resize')); watchPixelRatio(); }, { once: true });
  }

  async function fetchBytes(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
    return new Uint8Array(await r.arrayBuffer());
  }

  async function start() {
    const timings = window.quotedesk.timings;
    const mark = (name) => { timings[name] = Math.round(performance.now()); };
    const fontPromise = fetchBytes('fonts/qd-cjk.otf');
    const samplePromise = fetchBytes('sample-workspace.json');
    mod = await createQuoteDesk({ canvas: document.getElementById('canvas') });
    mark('module');
    const font = await fontPromise;
    mark('font');
    const p = mod._malloc(font.length);
    mod.HEAPU8.set(font, p);
    mod._qd_set_font(p, font.length);
    mod._free(p);
    if (!mod._qd_start()) throw new Error('WebGL 2 is not available in this browser.');
    let fragment = '';
    try { fragment = decodeURIComponent(location.hash.slice(1)); } catch { /* a mangled link opens the default page */ }
    call('qd_set_fragment', fragment);
    mark('started');
    status.classList.add('hidden');
    const sample = await samplePromise;
    const opened = JSON.parse(loadBytes('sample-workspace.json', sample));
    if (!opened.ok) throw new Error(opened.errors.map((e) => e.text).join('\n'));
    mark('sample');
    watchPixelRatio();
    resolveReady(window.quotedesk);
  }

  window.quotedesk = {
    ready,
    timings: {},          // ms since navigation start: module, font, started, sample (startup profile)
    // Opens a workspace (JSON text); resolves to {"ok":true,"summary":...} or {"ok":false,"errors":[...]}.
    load: async (jsonText, fileName = 'workspace.json') => loadBytes(fileName, new TextEncoder().encode(jsonText)),
    // The same from the file's bytes (file picker, drop, benchmarks): no decode/encode round trip.
    loadBytes: async (bytes, fileName = 'workspace.json') => loadBytes(fileName, bytes),
    summary: () => call('qd_summary'),
    // Quotes (design.md §8): arguments mirror the CLI flags; the answer is the CLI's --format json.
    renew: (argsJson) => call('qd_renew', typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson)),
    refund: (argsJson) => call('qd_refund', typeof argsJson === 'string' ? argsJson : JSON.stringify(argsJson)),
    state: () => call('qd_state'),
    navigate: (page) => call('qd_navigate', page),
    setLanguage: (lang) => call('qd_set_lang', lang),
  };

  if (typeof createQuoteDesk !== 'function') { fail('quotedesk.js did not load.'); return; }
  start().catch((e) => fail(e && e.message ? e.message : String(e)));
})();
