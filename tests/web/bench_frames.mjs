// Frame benchmark in headless Chromium (docs/architecture.md §4: a frame of any page with 100,000 rows < 16 ms;
// an idle page draws no frames). Opens a big workspace through the page's own path, then for each
// page with a big list: the frames after navigating to it (the first visit builds its derived rows;
// the overview computes its forecast a slice per frame) and the frames while the list is scrolled
// with the wheel (nothing may be rebuilt then). Then the save to browser storage that the open
// triggers: the longest main-thread block while it runs; Ctrl+S (the download) the same way; last a
// change (a rule typed on 设置 > 计费规则, QD_BENCH_CHANGES times) from the change to its journal
// entry being stored (docs/architecture.md §6), beside the whole save the open made.
// Frame times are the console's own CPU time per frame (state().last_frame_ms: ImGui build + GL
// submit), read after every frame drawn; the accessibility mirror's share of it (state().a11y.last_ms). Prints figures; asserts nothing. usage: node
// bench_frames.mjs SITE_DIR FILE (FILE inside SITE_DIR; tools/bench/run.sh prepares it);
// QD_BENCH_PAGES=renewals,... visits only those pages ("none": only the saves).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openPage, scrollToItem, typeInto, pressKey, settle } from './harness.mjs';

const [siteDir, file] = process.argv.slice(2);
const name = path.basename(file);
const server = await serve(path.resolve(siteDir));
const browser = await launch();
const { page } = await openPage(browser, server.url, { scale: 1 });

// In the page: a recorder of every frame drawn (its CPU ms) and of long tasks (main-thread blocks
// over 50 ms, with their end time), started before anything heavy happens.
await page.evaluate(() => {
  const rec = { frames: [], longTasks: [], on: false, lastDrawn: 0 };
  window.__qdBench = rec;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ entryTypes: ['longtask'] });
  const tick = () => {
    const s = JSON.parse(window.quotedesk.state());
    if (rec.on && s.frames_drawn > rec.lastDrawn) rec.frames.push({ at: performance.now(), ms: s.last_frame_ms, a11y: s.a11y.last_ms, updates: s.a11y.updates, n: s.frames_drawn - rec.lastDrawn });
    rec.lastDrawn = s.frames_drawn;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

// Frames drawn from now until the console has been idle for `quietMs` (or `limitMs` passed).
async function framesUntilIdle(quietMs = 400, limitMs = 60000) {
  return page.evaluate(async ({ quietMs, limitMs }) => {
    const rec = window.__qdBench;
    rec.frames = [];
    rec.on = true;
    const t0 = performance.now();
    let lastChange = t0, seen = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const s = JSON.parse(window.quotedesk.state());
      if (s.frames_drawn !== seen) { seen = s.frames_drawn; lastChange = performance.now(); }
      if (s.idle && performance.now() - lastChange > quietMs) break;
      if (performance.now() - t0 > limitMs) break;
    }
    rec.on = false;
    const ms = rec.frames.map((f) => f.ms);
    const a11y = rec.frames.map((f) => f.a11y);
    const rebuilds = rec.frames.length ? rec.frames[rec.frames.length - 1].updates - rec.frames[0].updates : 0;
    const busy = rec.frames.length ? rec.frames[rec.frames.length - 1].at - t0 : 0;
    return { frames: rec.frames.reduce((n, f) => n + f.n, 0), ms, a11y, rebuilds, busyMs: busy };
  }, { quietMs, limitMs });
}

const stats = (ms) => {
  if (!ms.length) return 'no frames';
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

// Storage first: the settings page draws no big list, so what blocks after the open is the open's
// own frames and the save it triggers.
await page.evaluate(() => window.quotedesk.navigate('settings'));
await framesUntilIdle();
const load = await page.evaluate(async (file) => {
  const bytes = new Uint8Array(await (await fetch(file)).arrayBuffer());
  const t0 = performance.now();
  const answer = JSON.parse(await window.quotedesk.loadBytes(bytes, file));
  const t1 = performance.now();
  // The open's own frames (the font atlas gets the workspace's characters) come first; the save
  // the open scheduled (debounced) starts after them. Blocks are counted from then.
  for (let i = 0; i < 400 && !JSON.parse(window.quotedesk.state()).idle; i++) await new Promise((r) => setTimeout(r, 5));
  const tIdle = performance.now();
  window.__qdBench.longTasks = [];
  for (let i = 0; i < 1200; i++) {
    const s = JSON.parse(window.quotedesk.state()).storage;
    if (!s.save_pending && (s.saved_at || s.error)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const s = JSON.parse(window.quotedesk.state());
  const t2 = performance.now();
  const blocks = window.__qdBench.longTasks.filter((e) => e.start >= tIdle).map((e) => e.ms);
  return { ok: answer.ok, size: bytes.length, loadMs: t1 - t0, saveMs: t2 - t1, saved: s.storage.saved_at, error: s.storage.error,
    longest: blocks.length ? Math.max(...blocks) : 0, blocks: blocks.length, heap: s.heap_bytes };
}, name);
console.log(`${name}: ${(load.size / 1e6).toFixed(1)} MB${load.ok ? '' : ' (LOAD FAILED)'}, opened in ${load.loadMs.toFixed(0)} ms, wasm heap ${(load.heap / 1e6).toFixed(1)} MB (${(load.heap / load.size).toFixed(2)}x file)`);
console.log(`  save to IndexedDB (in pieces): stored ${load.saveMs.toFixed(0)} ms after the open; ` +
  `longest main-thread block ${load.longest.toFixed(0)} ms (${load.blocks} blocks over 50 ms)${load.error ? '; error: ' + load.error : ''}`);

// Where the list is: the middle of the canvas, below the filters.
const box = await page.evaluate(() => { const r = document.getElementById('canvas').getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
const listX = box.x + box.w * 0.6, listY = box.y + box.h * 0.75;

const pages = process.env.QD_BENCH_PAGES ? process.env.QD_BENCH_PAGES.split(',').filter((p) => p !== 'none')
  : ['overview', 'renewals', 'pending-orders', 'my-orders', 'unsubscribe'];
for (const id of pages) {
  await page.mouse.move(5, 5);
  await page.evaluate((p) => window.quotedesk.navigate(p), id);
  const first = await framesUntilIdle(600);
  // Steady frames: the same page again (a hover and 12 wheel scrolls of the list).
  await page.mouse.move(listX, listY);
  const steady = await (async () => {
    const run = framesUntilIdle(400, 20000);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, i < 8 ? 600 : -300);
      await page.waitForTimeout(60);
    }
    return run;
  })();
  console.log(`${id.padEnd(15)} first visit: ${String(first.frames).padStart(3)} frames in ${first.busyMs.toFixed(0).padStart(5)} ms (${stats(first.ms)})`);
  console.log(`${''.padEnd(15)} scrolling:   ${String(steady.frames).padStart(3)} frames (${stats(steady.ms)})`);
  // The accessibility mirror's share of those frames (docs/architecture.md §9): describing the frame,
  // hashing it, and rebuilding the DOM when it changed; the frame itself is the baseline.
  const med = (a) => { const x = [...a].sort((p, q) => p - q); return x.length ? x[Math.floor(x.length / 2)] : 0; };
  console.log(`${''.padEnd(15)} a11y mirror: scrolling ${stats(steady.a11y)}; ${(100 * med(steady.a11y) / Math.max(med(steady.ms), 1e-9)).toFixed(0)}% ` +
    `of the median frame; ${steady.rebuilds} DOM rebuilds in ${steady.frames} frames`);
  if (process.env.QD_BENCH_VERBOSE) console.log('  first visit frames (ms): ' + first.ms.map((m) => m.toFixed(1)).join(' '));
}

// Idle: nothing drawn after a second without input.
await page.mouse.move(5, 5);
await page.waitForTimeout(1000);
const idle = await page.evaluate(async () => {
  const a = JSON.parse(window.quotedesk.state()).frames_drawn;
  await new Promise((r) => setTimeout(r, 1500));
  return JSON.parse(window.quotedesk.state()).frames_drawn - a;
});
console.log(`idle: ${idle} frames drawn in 1.5 s without input`);

// Ctrl+S of the 100k workspace, the way a person saves it: from the key press to the download,
// the longest main-thread block meanwhile (long tasks over 50 ms), and the bytes: the download must be
// the text the save to browser storage wrote (both are SaveWorkspace's bytes, written in pieces).
await page.mouse.move(5, 5);
await page.evaluate(() => { window.__qdBench.longTasks = []; window.__qdBench.t0 = performance.now(); });
const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300000 }), page.keyboard.press('Control+s')]);
const downloaded = fs.readFileSync(await download.path());
const ctrlS = await page.evaluate(async () => {
  const rec = window.__qdBench;
  const ms = performance.now() - rec.t0;
  await new Promise((r) => setTimeout(r, 200));   // long-task entries arrive a moment later
  const blocks = rec.longTasks.filter((e) => e.start >= rec.t0).map((e) => e.ms);
  const when = rec.longTasks.filter((e) => e.start >= rec.t0).map((e) => `${(e.start - rec.t0).toFixed(0)}+${e.ms.toFixed(0)}`);
  const stored = await new Promise((resolve, reject) => {
    const rq = indexedDB.open('quotedesk', 1);
    rq.onsuccess = () => {
      const get = rq.result.transaction('workspace', 'readonly').objectStore('workspace').get('current');
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    };
    rq.onerror = () => reject(rq.error);
  });
  const bytes = stored && stored.bytes ? await stored.bytes.arrayBuffer() : new ArrayBuffer(0);
  const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  return { ms, when, longest: blocks.length ? Math.max(...blocks) : 0, blocks: blocks.length, storedSize: bytes.byteLength, storedHash: hash,
    heap: JSON.parse(window.quotedesk.state()).heap_bytes };
});
if (process.env.QD_BENCH_VERBOSE) console.log('  Ctrl+S blocks (ms from the key press + ms): ' + ctrlS.when.join(' '));
const downloadHash = crypto.createHash('sha256').update(downloaded).digest('hex');
console.log(`Ctrl+S download: ${(downloaded.length / 1e6).toFixed(1)} MB in ${ctrlS.ms.toFixed(0)} ms from the key press; longest main-thread block ` +
  `${ctrlS.longest.toFixed(0)} ms (${ctrlS.blocks} blocks over 50 ms); wasm heap then ${(ctrlS.heap / 1e6).toFixed(1)} MB`);
console.log(`  bytes: sha256 ${downloadHash.slice(0, 16)}, ${downloadHash === ctrlS.storedHash && downloaded.length === ctrlS.storedSize
  ? 'the same as' : 'DIFFERENT FROM'} the text saved to browser storage (${ctrlS.storedSize} bytes)`);
// A change stored: typed on 设置 > 计费规则 (Enter makes the change), stored as a journal entry.
const frames = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn;
await page.evaluate(() => window.quotedesk.navigate('settings'));
await settle(page, (await frames()) - 1, 60000);
await scrollToItem(page, '##rule-five_day_window_hours');
const changes = [];
const saves = async () => JSON.parse(await page.evaluate(() => window.quotedesk.storageLog()));
const wholeSave = (await saves()).filter((e) => e.kind === 'whole').pop();
for (let i = 0; i < Number(process.env.QD_BENCH_CHANGES || 3); i++) {
  const n = (await saves()).length;
  await typeInto(page, '##rule-five_day_window_hours', String(2 + i));
  await page.evaluate(() => { window.__qdBench.longTasks = []; });
  await pressKey(page, 'Enter');
  for (let t = 0; t < 1200 && (await saves()).length <= n; t++) await page.waitForTimeout(25);
  const save = (await saves()).pop();
  const blocks = await page.evaluate(() => window.__qdBench.longTasks.map((e) => e.ms));
  changes.push({ ...save, ms: save.storedAt - save.changedAt, longest: blocks.length ? Math.max(...blocks) : 0 });
}
for (const c of changes) {
  console.log(`a change stored: ${c.kind}${c.ok ? '' : ' (FAILED)'} of ${(c.bytes / 1e3).toFixed(1)} KB, stored ${c.ms.toFixed(0)} ms after the change ` +
    `(of which ${300} ms the wait for more typing); longest main-thread block ${c.longest.toFixed(0)} ms`);
}
if (wholeSave && changes.length) {
  const best = Math.min(...changes.map((c) => c.ms));
  console.log(`  the whole workspace (what every change wrote before the journal): ${(wholeSave.bytes / 1e6).toFixed(1)} MB stored ` +
    `${(wholeSave.storedAt - wholeSave.changedAt).toFixed(0)} ms after its change; a change now ${best.toFixed(0)} ms ` +
    `(${((wholeSave.storedAt - wholeSave.changedAt) / best).toFixed(1)}x faster), ${(wholeSave.bytes / changes[0].bytes).toFixed(0)}x fewer bytes`);
}

// A reload opens the base and applies the journal's entries: the time from the IndexedDB read to the
// open workspace (window.quotedesk.timings), and whether it is the workspace left before the reload.
const before = JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint()));
await page.reload();
await page.evaluate(() => window.quotedesk.ready);
const reload = await page.evaluate(() => ({ t: window.quotedesk.timings, fp: JSON.parse(window.quotedesk.fingerprint()),
  entries: JSON.parse(window.quotedesk.state()).history.log.length }));
console.log(`reload: base + journal opened in ${reload.t.workspace - reload.t.storage} ms (IndexedDB read done at ` +
  `${reload.t.storage} ms, first frame at ${reload.t.first_frame ?? '?'} ms); the workspace is ` +
  `${reload.fp.fnv1a === before.fnv1a && reload.fp.bytes === before.bytes ? 'the same as' : 'DIFFERENT FROM'} before the reload`);

await browser.close();
server.close();
