// The page stays alive while a big file opens (docs/architecture.md §2 "Opening a file", issue 14
// point 6): the loader is stepped, the page's events run between its slices (core/io/load.h
// StreamedLoad, site/app.js openPacer), the console draws a bar with the bytes read and 取消; Cancel (the button, or Esc) leaves the open workspace, the
// address and browser storage exactly as they were; a second open while one runs is refused; and a
// complete open afterwards works. Prints the figures: frames drawn during the open, the longest gap
// between animation frames, the cancel latency (pointer up to the open's answer).
// QD_PROGRESS_RESOURCES=N sets the generated workspace's size (default 50,000: ~67 MB).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repo, serve, launch, openPage, run, assert, pickItem, waitFor, screenshot, waitFrames, uiItems } from './harness.mjs';

const resources = Number(process.env.QD_PROGRESS_RESOURCES || 50000);
const cli = path.join(repo, 'build/native/quotedesk');
const big = execFileSync(cli, ['gen', '--resources', String(resources), '--seed', '5'], { maxBuffer: 1 << 30 });
const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
console.log(`generated workspace: ${resources} resources, ${mb(big.length)}`);

// The site served from a copy of dist/ with the file beside it (a route's body of 135 MB crashes the
// page), fetched by the page like any file of the site.
const site = path.join(repo, 'build', 'load-progress-site');
fs.rmSync(site, { recursive: true, force: true });
fs.cpSync(process.env.QD_SITE ? path.resolve(process.env.QD_SITE) : path.join(repo, 'dist'), site, { recursive: true });
fs.writeFileSync(path.join(site, 'load-progress-big.json'), big);
const server = await serve(site);
const browser = await launch();
const { page, problems } = await openPage(browser, server.url, { scale: 1 });
await page.evaluate(async () => {
  const r = await fetch('load-progress-big.json');
  window.__big = new Uint8Array(await r.arrayBuffer());
});
const fingerprint = async () => page.evaluate(() => window.quotedesk.fingerprint());
const state = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state()));

// Starts opening the big file in the page (not awaited): window.__open resolves to the answer, with
// the rAF timestamps and progress samples of every animation frame meanwhile, and the time it ended.
async function startOpen() {
  await page.evaluate(() => {
    const frames = [];
    const samples = [];
    const drawnBefore = JSON.parse(window.quotedesk.state()).frames_drawn;
    let running = true;
    const tick = (t) => {
      if (!running) return;
      frames.push(t);
      samples.push(JSON.parse(window.quotedesk.loadProgress()));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const started = performance.now();
    window.__open = window.quotedesk.loadBytes(window.__big, 'big.json').then((a) => {
      running = false;
      const drawn = JSON.parse(window.quotedesk.state()).frames_drawn - drawnBefore;
      return { answer: JSON.parse(a), frames, samples, started, ended: performance.now(), drawn };
    });
  });
}
const waitOpen = () => page.evaluate(() => window.__open);
const longestGap = (frames) => frames.slice(1).reduce((m, t, i) => Math.max(m, t - frames[i]), 0);
// Waits until the open is under way (some bytes read); with the bar: until the console's last frame has
// drawn it too (from 500 ms on: the case slows the CPU so that the open lasts; the page must be
// recording its items already, harness.mjs uiItems).
const waitUnderWay = (bar = true) => page.waitForFunction((bar) => {
  const p = JSON.parse(window.quotedesk.loadProgress());
  return p.active && p.done > 0 && (!bar || JSON.parse(window.quotedesk.items()).windows.some((w) => w.name.includes('open-progress')));
}, bar, { timeout: 30000, polling: 'raf' });

// A person's click on the bar's 取消: the pointer onto it, a frame for ImGui to see it there, then the
// button pressed and let go (harness.mjs clickItem takes several round trips, in which an open under
// way may end).
async function clickCancel() {
  const it = pickItem(await uiItems(page), '取消');
  const drawn = (await state()).frames_drawn;
  await page.mouse.move(it.vx + it.vw / 2, it.vy + it.vh / 2);
  await page.waitForFunction((n) => JSON.parse(window.quotedesk.state()).frames_drawn > n + 1, drawn, { timeout: 10000, polling: 'raf' });
  await page.mouse.down();
  await page.mouse.up();
}


// The cases that act in the middle of an open slow the page's CPU 4x meanwhile (DevTools' throttling),
// so that the open lasts long enough for a person's click whatever the machine.
const cdp = await page.context().newCDPSession(page);
const throttle = (rate) => cdp.send('Emulation.setCPUThrottlingRate', { rate });

const failed = await run([
  ['a big open draws frames, with the bar, and its progress grows to the file size', async () => {
    // CPU slowed 4x (the open and its baseline alike), so that the open outlasts the bar's first 500 ms
    // and its next frame however fast the machine.
    await uiItems(page);
    await throttle(4);
    await startOpen();
    await waitUnderWay();
    await screenshot(page, 'load-progress-zh');
    const r = await waitOpen();
    assert(r.answer.ok, 'refused: ' + JSON.stringify(r.answer).slice(0, 300));
    assert(r.answer.summary.resources === resources, 'resources ' + r.answer.summary.resources);
    const ms = r.ended - r.started;
    const gap = longestGap(r.frames);
    // A baseline in the same page (printed, never asserted): JSON.parse of the same text.
    const parseMs = await page.evaluate(() => {
      const t0 = performance.now();
      const n = JSON.parse(new TextDecoder().decode(window.__big)).resources.length;
      return n > 0 ? performance.now() - t0 : -1;
    });
    await throttle(1);
    console.log(`  open of ${mb(big.length)}: ${Math.round(ms)} ms (JSON.parse of the text ${Math.round(parseMs)} ms: ` +
      `${(ms / parseMs).toFixed(2)}x), ${r.frames.length} animation frames, ${r.drawn} console frames drawn, ` +
      `longest gap between frames ${Math.round(gap)} ms`);
    // Synchronous, the open would give one or two animation frames in all; stepped, the page's events
    // run after every slice of 12 ms (site/app.js openPacer), so the page keeps its frames: at least four
    // a second even on a loaded machine. The console draws the bar from 500 ms on, then at most every
    // 500 ms (and a frame's time): at least one frame per 750 ms of the open.
    const least = Math.max(5, Math.floor(ms / 250));
    assert(r.frames.length >= least, `only ${r.frames.length} animation frames during an open of ${Math.round(ms)} ms`);
    assert(r.drawn >= Math.max(1, Math.floor(ms / 750)), `the console drew ${r.drawn} frames during the open of ${Math.round(ms)} ms`);
    const active = r.samples.filter((s) => s.active);
    assert(active.length >= least - 1, `progress seen on ${active.length} frames`);
    for (let i = 1; i < active.length; i++) {
      assert(active[i].done >= active[i - 1].done, `progress went back: ${JSON.stringify(active.slice(i - 1, i + 1))}`);
      assert(active[i].total === big.length, `total ${active[i].total}, the file ${big.length}`);
    }
    const distinct = new Set(active.map((s) => s.done)).size;
    assert(distinct >= Math.min(4, least - 1), `progress took only ${distinct} values`);
    assert(active[active.length - 1].done <= big.length, 'more than the file');
    const after = JSON.parse(await page.evaluate(() => window.quotedesk.loadProgress()));
    assert(!after.active, 'still active after the answer: ' + JSON.stringify(after));
  }],
  ['the bar is the console\'s: 取消 in a dialog over the page, with the file name; Cancel in English', async () => {
    await throttle(4);
    await startOpen();
    await waitUnderWay();
    const items = await uiItems(page);
    const cancel = items.items.filter((it) => it.label === '取消' && !it.blocked);
    const modal = items.windows.find((w) => w.name.includes('open-progress'));
    await page.evaluate(() => window.quotedesk.setLanguage('en'));
    await page.waitForFunction(() => JSON.parse(window.quotedesk.items()).items.some((it) => it.label === 'Cancel' && !it.blocked),
      null, { timeout: 20000, polling: 'raf' });
    await screenshot(page, 'load-progress-en');
    await page.evaluate(() => window.quotedesk.setLanguage('zh'));
    await page.evaluate(() => window.quotedesk.cancelLoad());
    await throttle(1);
    const r = await waitOpen();
    assert(r.answer.cancelled === true, 'not cancelled: ' + JSON.stringify(r.answer).slice(0, 200));
    assert(modal && modal.modal, 'no modal bar: ' + JSON.stringify(items.windows));
    assert(cancel.length === 1, `取消 items not blocked: ${cancel.length}`);
  }],
  ['取消 mid-open: the workspace, the address and storage are as they were; then a complete open works', async () => {
    // A workspace of the user's, saved, on a page with an address of its own.
    await page.evaluate(() => window.quotedesk.restoreSample());
    await page.evaluate(() => window.quotedesk.navigate('renewals?tab=auto&q=web'));
    await waitFor(page, (s) => !s.storage.save_pending, 'the sample stored', 20000);
    const before = { f: await fingerprint(), s: await state(), log: await page.evaluate(() => window.quotedesk.storageLog()),
      summary: await page.evaluate(() => window.quotedesk.summary()) };
    await page.evaluate(() => { window.addEventListener('pointerup', () => { window.__pointerUp = performance.now(); }, { capture: true, once: true }); });
    await throttle(4);
    await startOpen();
    await waitUnderWay();
    const mid = JSON.parse(await page.evaluate(() => window.quotedesk.loadProgress()));
    await clickCancel();
    const r = await waitOpen();
    assert(r.answer.cancelled === true && !r.answer.ok, 'not cancelled: ' + JSON.stringify(r.answer).slice(0, 300));
    const latency = r.ended - (await page.evaluate(() => window.__pointerUp));
    console.log(`  cancelled at ${mb(mid.done)} of ${mb(mid.total)} (or later); latency from the pointer up to the answer ` +
      `${Math.round(latency)} ms (CPU throttled 4x)`);
    await page.waitForTimeout(700);   // a save would be scheduled 300 ms after a change: none may come
    const after = { f: await fingerprint(), s: await state(), log: await page.evaluate(() => window.quotedesk.storageLog()),
      summary: await page.evaluate(() => window.quotedesk.summary()) };
    assert(after.f === before.f, `the workspace changed: ${before.f} -> ${after.f}`);
    assert(after.summary === before.summary, 'the summary changed');
    assert(after.s.address === before.s.address && after.s.address.startsWith('renewals'), `the address: ${before.s.address} -> ${after.s.address}`);
    assert(after.log === before.log, 'storage was written: ' + after.log.slice(-300));
    assert(!after.s.storage.save_pending, 'a save is pending');
    assert(!JSON.parse(await page.evaluate(() => window.quotedesk.loadProgress())).active, 'the bar stayed');
    // Esc cancels too.
    await startOpen();
    await waitUnderWay();
    await page.keyboard.press('Escape');
    const e = await waitOpen();
    assert(e.answer.cancelled === true, 'Esc did not cancel: ' + JSON.stringify(e.answer).slice(0, 300));
    assert((await fingerprint()) === before.f, 'the workspace changed after Esc');
    await throttle(1);
    // And then the whole open goes through.
    const whole = JSON.parse(await page.evaluate(() => window.quotedesk.loadBytes(window.__big, 'big.json')));
    assert(whole.ok && whole.summary.resources === resources, 'the complete open: ' + JSON.stringify(whole).slice(0, 300));
  }],
  ['a second open while one runs is refused, and the first goes on', async () => {
    await page.evaluate(() => window.quotedesk.restoreSample());
    await throttle(4);
    await startOpen();
    await waitUnderWay(false);
    const second = JSON.parse(await page.evaluate(() => window.quotedesk.load('{"format":"quotedesk/1"}', 'other.json')));
    assert(!second.ok && second.busy === true, 'the second open: ' + JSON.stringify(second));
    assert(/big\.json/.test(second.errors[0].text), 'the refusal does not name the open in progress: ' + second.errors[0].text);
    await throttle(1);
    const r = await waitOpen();
    assert(r.answer.ok && r.answer.summary.resources === resources, 'the first open: ' + JSON.stringify(r.answer).slice(0, 300));
  }],
  ['several files: progress per file, and they open as one', async () => {
    const answer = JSON.parse(await page.evaluate(async () => {
      const seen = [];
      let running = true;
      const tick = () => { if (!running) return; seen.push(JSON.parse(window.quotedesk.loadProgress())); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const a = JSON.parse(await window.quotedesk.loadFiles([{ name: 'big.json', bytes: window.__big },
        { name: 'orders.json', text: '{"order_infos":[],"total_count":0}' }]));
      running = false;
      return JSON.stringify({ a, seen: seen.filter((s) => s.active) });
    }));
    assert(answer.a.ok && answer.a.summary.resources === resources, JSON.stringify(answer.a).slice(0, 300));
    assert(answer.seen.every((s) => s.files === 2), 'files: ' + JSON.stringify(answer.seen.slice(0, 3)));
  }],
  ['several files: cancelled between two files (staged a file per slice), nothing changes', async () => {
    const before = await fingerprint();
    await throttle(4);
    const r = JSON.parse(await page.evaluate(async () => {
      let seen = null;
      // The first frame the page lets through is after the first file was staged: cancel there.
      const tick = () => {
        const p = JSON.parse(window.quotedesk.loadProgress());
        if (!p.active) { requestAnimationFrame(tick); return; }
        seen = p;
        window.quotedesk.cancelLoad();
      };
      requestAnimationFrame(tick);
      const a = JSON.parse(await window.quotedesk.loadFiles([{ name: 'big.json', bytes: window.__big },
        { name: 'orders.json', text: '{"order_infos":[],"total_count":0}' }]));
      return JSON.stringify({ a, seen });
    }));
    await throttle(1);
    assert(r.a.cancelled === true, 'not cancelled: ' + JSON.stringify(r.a).slice(0, 300));
    assert(r.seen && r.seen.files === 2 && r.seen.file >= 1 && r.seen.done >= 0, 'progress: ' + JSON.stringify(r.seen));
    assert((await fingerprint()) === before, 'the workspace changed');
  }],
  ['the workspace an open replaced is freed once the new one is drawn (not inside the answer, not kept)', async () => {
    const r = await page.evaluate(async () => {
      const inUse = () => { const m = JSON.parse(window.quotedesk.checkOpen(0)); return m.ceiling - m.available; };
      const state = () => JSON.parse(window.quotedesk.state());
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const quiet = () => window.quotedesk.whenQuiet();
      await window.quotedesk.restoreSample();
      await quiet();
      const sample = inUse();
      await window.quotedesk.loadBytes(window.__big, 'big.json');   // the big one replaces the sample
      const first = inUse();   // the workspace alone: the console has derived nothing from it yet
      await quiet();
      const one = inUse();     // with what the console keeps (the history's copy, the forecast, ...)
      await window.quotedesk.loadBytes(window.__big, 'big.json');   // and replaces the big one
      const atAnswer = inUse();
      const drawn = state().frames_drawn;
      while (state().frames_drawn === drawn) await frame();        // the new one's first frame
      await new Promise((resolve) => setTimeout(resolve, 50));      // the task after it
      return { sample, first, one, atAnswer, afterFrame: inUse() };
    });
    const ws = r.first - r.sample;   // about what the big workspace takes
    const mb1 = (n) => (n / 1e6).toFixed(1) + ' MB';
    console.log(`  in use: the sample ${mb1(r.sample)}, the big one ${mb1(r.first)} (${mb1(r.one)} once the console is idle), ` +
      `both at the next open's answer ${mb1(r.atAnswer)}, ` +
      `after the first frame ${mb1(r.afterFrame)}`);
    assert(ws > 20e6, 'the big workspace takes ' + mb1(ws));
    assert(r.atAnswer - r.one > 0.5 * ws, 'the old workspace was freed inside the answer: ' + JSON.stringify(r));
    assert(r.atAnswer - r.afterFrame > 0.5 * ws, 'the old workspace was not freed after the first frame: ' + JSON.stringify(r));
  }],
  ['no page error, no console error', async () => {
    await waitFrames(page, 1);
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
