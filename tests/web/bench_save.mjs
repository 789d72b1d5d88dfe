// Ctrl+S benchmark in headless Chromium (issue 14 point 5, docs/performance.md "Saving: the journal"):
// the open workspace as a download, from `window.quotedesk.saveWorkspace()` (what Ctrl+S calls) to the
// download handed to the browser (its promise resolves right after the page's a.click()).
//
// Two fresh pages per run, the file opened through the page's own path (`quotedesk.loadBytes`):
//  - page "stored": the open, then Ctrl+S as soon as its whole save to browser storage is stored (what
//    a person who opens a file and saves it meets: the console still drawing the new workspace), again
//    on a quiet page (the console idle), then a rule typed on 设置 > 计费规则 and Ctrl+S twice (a text
//    the page has not written yet, then the same once its change is stored);
//  - page "at once": Ctrl+S right after the open's answer, before the open is stored.
// Each Ctrl+S is printed with its phases from `quotedesk.downloadLog()` (the text made in wasm, the
// Blobs built from its pieces, the rest: waits between pieces) where the page has it, the wasm heap
// before and after, the longest main-thread block meanwhile (long tasks over 50 ms) and the page's
// animation frames meanwhile (it keeps drawing), and the download's size and sha256 (every download of one workspace must be the
// same bytes; the one after the change must differ). Beside it, in the same page, baselines: `new Blob`
// of the same 189 MB from a Uint8Array, and JSON.stringify(…, null, 2) of the file parsed, so ratios
// are printed. Prints figures; asserts nothing about time.
//
// usage: node bench_save.mjs SITE_DIR FILE (FILE inside SITE_DIR; tools/bench/run.sh prepares it)
// QD_BENCH_RUNS=N (default 1) repeats both pages; QD_BENCH_SAVE_DIR=DIR writes each page's first
// download there (cmp two builds' bytes); QD_BENCH_PROFILE=1 records a CPU profile of the first
// Ctrl+S of the "stored" page and prints its heaviest functions (self time).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, scrollToItem, typeInto, pressKey, settle } from './harness.mjs';

const [siteDir, file] = process.argv.slice(2);
if (!siteDir || !file) { console.error('usage: node bench_save.mjs SITE_DIR FILE'); process.exit(2); }
const name = path.basename(file);
const runs = Number(process.env.QD_BENCH_RUNS || 1);
const saveDir = process.env.QD_BENCH_SAVE_DIR;
const server = await serve(path.resolve(siteDir));
const browser = await launch();

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('  page error: ' + e.message));
  // Main-thread blocks over 50 ms (long tasks), recorded from the start: the longest during each Ctrl+S.
  await page.addInitScript(() => {
    window.__qdLongTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__qdLongTasks.push({ start: e.startTime, ms: e.duration }); })
      .observe({ entryTypes: ['longtask'] });
    window.__qdAnimationFrames = 0;   // the page's animation frames: does it keep drawing meanwhile?
    const tick = () => { window.__qdAnimationFrames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.goto(server.url);
  await page.evaluate(() => window.quotedesk.ready.then(() => true));
  return { page, context };
}

// Opens the file through the page's own path; resolves with the open's time once its answer came.
const openFile = (page) => page.evaluate(async (name) => {
  const bytes = new Uint8Array(await (await fetch(name)).arrayBuffer());
  const t0 = performance.now();
  const answer = JSON.parse(await window.quotedesk.loadBytes(bytes, name));
  return { ok: answer.ok, ms: performance.now() - t0, size: bytes.length };
}, name);

// The open's whole save stored (the storage log has it), polled every 10 ms: the console may be busy.
const stored = (page) => page.evaluate(async () => {
  const t0 = performance.now();
  for (;;) {
    const whole = JSON.parse(window.quotedesk.storageLog()).filter((e) => e.kind === 'whole').pop();
    if (whole || performance.now() - t0 > 120000) return { waited: performance.now() - t0, whole };
    await new Promise((r) => setTimeout(r, 10));
  }
});

// A quiet page (the test API's whenQuiet): the open's whole save stored, the console idle.
const quiet = (page) => page.evaluate(async () => {
  const waited = await window.quotedesk.whenQuiet(120000);
  return { waited, saves: JSON.parse(window.quotedesk.storageLog()) };
});

// One Ctrl+S: the call to the download handed over (the promise resolves after a.click()), the page's
// phases, the heap; the download itself read back (Chromium writes it to disk) before the next step.
async function ctrlS(page, keep) {
  const [download, r] = await Promise.all([page.waitForEvent('download', { timeout: 300000 }), page.evaluate(async () => {
    const heap = () => JSON.parse(window.quotedesk.state()).heap_bytes;
    const heapBefore = heap();
    const framesBefore = window.__qdAnimationFrames;
    const t0 = performance.now();
    const ok = await window.quotedesk.saveWorkspace();
    const ms = performance.now() - t0;
    const frames = window.__qdAnimationFrames - framesBefore;
    const log = window.quotedesk.downloadLog ? JSON.parse(window.quotedesk.downloadLog()) : [];
    await new Promise((r) => setTimeout(r, 100));   // long-task entries come a moment later
    const blocks = window.__qdLongTasks.filter((e) => e.start >= t0 && e.start < t0 + ms).map((e) => e.ms);
    return { ok, ms, heapBefore, heapAfter: heap(), phases: log.length ? log[log.length - 1] : null, longest: Math.max(0, ...blocks), frames };
  })]);
  const bytes = fs.readFileSync(await download.path());
  r.size = bytes.length;
  r.sha = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  if (keep) fs.writeFileSync(keep, bytes);
  await download.delete();
  return r;
}

// A change through the console (as storage.mjs and bench_frames.mjs make one): a rule typed on
// 设置 > 计费规则, Enter.
async function changeRule(page, hours) {
  const frames = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn;
  await page.evaluate(() => window.quotedesk.navigate('settings'));
  await settle(page, (await frames()) - 1, 60000);
  await scrollToItem(page, '##rule-five_day_window_hours');
  await typeInto(page, '##rule-five_day_window_hours', String(hours));
  await pressKey(page, 'Enter');
}

// Baselines in the same page: the browser's own cost of handing 189 MB to a Blob, and of writing a
// comparable object as indented JSON text.
const baselines = (page, savedBytes) => page.evaluate(async ({ name, savedBytes }) => {
  const text = await (await fetch(name)).text();
  let t0 = performance.now();
  const obj = JSON.parse(text);
  const parse = performance.now() - t0;
  t0 = performance.now();
  const out = JSON.stringify(obj, null, 2);
  const stringify = performance.now() - t0;
  const stringified = out.length;
  const bytes = new Uint8Array(savedBytes);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = 32;   // touched: the pages are the page's own
  t0 = performance.now();
  const blob = new Blob([bytes], { type: 'application/json' });
  const blobMs = performance.now() - t0;
  t0 = performance.now();
  const pieces = [];
  const piece = 2 * 1024 * 1024;
  for (let at = 0; at < bytes.length; at += piece) pieces.push(new Blob([bytes.subarray(at, at + piece)]));
  const whole = new Blob(pieces, { type: 'application/json' });
  const piecesMs = performance.now() - t0;
  return { parse, stringify, stringified, blobMs, piecesMs, blobSize: blob.size, piecesSize: whole.size };
}, { name, savedBytes });

// The heaviest functions of a CPU profile, by self time.
function topSelf(profile, n = 15) {
  const dt = new Map();
  const { samples, timeDeltas, nodes } = profile;
  const byId = new Map(nodes.map((x) => [x.id, x]));
  for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) || 0) + (timeDeltas[i] || 0));
  const self = new Map();
  for (const [id, us] of dt) {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) : ''}`.trim();
    self.set(key, (self.get(key) || 0) + us);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

async function startProfile(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}
async function stopProfile(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  return topSelf(profile);
}

const mb = (x) => (x / 1e6).toFixed(1) + ' MB';
const fmtPhases = (p) => (p
  ? `  [${p.from}: text in wasm ${p.textMs.toFixed(0)} ms, Blobs ${p.blobMs.toFixed(0)} ms, waits ${(p.totalMs - p.textMs - p.blobMs).toFixed(0)} ms; ${p.pieces} pieces${p.restarts ? `, ${p.restarts} restarts` : ''}]`
  : '');
const line = (label, r) => console.log(`  ${label.padEnd(34)} ${r.ms.toFixed(0).padStart(6)} ms  ${mb(r.size)} sha256 ${r.sha}  ` +
  `heap ${mb(r.heapBefore)} -> ${mb(r.heapAfter)}; longest block ${r.longest.toFixed(0)} ms, ${r.frames} animation frames${fmtPhases(r.phases)}`);

for (let run = 0; run < runs; run++) {
  console.log(`${name}, run ${run + 1} of ${runs}`);
  // The page a person opens a file in and saves it once it is stored.
  {
    const { page, context } = await freshPage();
    const opened = await openFile(page);
    const { whole } = await stored(page);
    console.log(`  open ${mb(opened.size)}${opened.ok ? '' : ' (FAILED)'} ${opened.ms.toFixed(0)} ms` +
      (whole ? `; its whole save ${mb(whole.bytes)} stored ${(whole.storedAt - whole.changedAt).toFixed(0)} ms after the open` : '; no whole save logged'));
    const profiler = process.env.QD_BENCH_PROFILE ? await startProfile(context, page) : null;
    const first = await ctrlS(page, saveDir && path.join(saveDir, `stored-${run + 1}.json`));
    if (profiler) console.log('  CPU profile of the first Ctrl+S, self time:\n    ' + (await stopProfile(profiler)).join('\n    '));
    line('Ctrl+S 1 (as soon as stored)', first);
    const q = await quiet(page);
    line(`Ctrl+S 2 (quiet page, ${(q.waited / 1000).toFixed(1)} s later)`, await ctrlS(page));
    line('Ctrl+S 3', await ctrlS(page));
    await changeRule(page, 100 + run);
    const changed = await ctrlS(page);
    line('Ctrl+S right after a change', changed);
    const q2 = await quiet(page);
    line('Ctrl+S 2 after the change (stored)', await ctrlS(page));
    console.log(`    the change's bytes ${changed.sha !== first.sha ? 'differ from' : 'ARE THE SAME AS'} the open's; ` +
      `its save: ${q2.saves.length ? q2.saves[q2.saves.length - 1].kind : '-'}`);
    const b = await baselines(page, first.size);
    console.log(`  baseline, same page: new Blob of ${mb(first.size)} ${b.blobMs.toFixed(0)} ms (in 2 MB Blobs ${b.piecesMs.toFixed(0)} ms); ` +
      `JSON.stringify(parsed file, null, 2) ${b.stringify.toFixed(0)} ms (${mb(b.stringified)} of text; JSON.parse ${b.parse.toFixed(0)} ms)`);
    console.log(`  ratio Ctrl+S 1 / JSON.stringify ${(first.ms / b.stringify).toFixed(2)}, / new Blob ${(first.ms / Math.max(b.blobMs, 0.1)).toFixed(1)}; ` +
      `Ctrl+S after a change / JSON.stringify ${(changed.ms / b.stringify).toFixed(2)}`);
    await context.close();
  }
  // Ctrl+S at once: the open's answer, then the key, before the open is stored.
  {
    const { page, context } = await freshPage();
    const opened = await openFile(page);
    const profiler = process.env.QD_BENCH_PROFILE ? await startProfile(context, page) : null;
    const atOnce = await ctrlS(page, saveDir && path.join(saveDir, `at-once-${run + 1}.json`));
    if (profiler) console.log('  CPU profile of Ctrl+S right after the open, self time:\n    ' + (await stopProfile(profiler)).join('\n    '));
    line('Ctrl+S right after the open', atOnce);
    const q = await quiet(page);
    const whole = q.saves.filter((e) => e.kind === 'whole').pop();
    console.log(`    open ${opened.ms.toFixed(0)} ms; its whole save ${whole ? `stored ${(whole.storedAt - whole.changedAt).toFixed(0)} ms after the open` : 'not logged'}`);
    line('Ctrl+S once stored', await ctrlS(page));
    await context.close();
  }
}
await browser.close();
server.close();
