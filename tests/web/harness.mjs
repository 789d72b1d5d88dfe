// Shared by the browser tests: serve dist/ on a free loopback port, launch Debian's Chromium
// headless through playwright-core, and record anything that should fail a test (console errors,
// page errors, requests that leave 127.0.0.1).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotDir = path.join(repo, 'build', 'screenshots');

// QD_SITE=<dir> serves another copy of the site (a private one, while others rebuild dist/).
export async function serve(dir = process.env.QD_SITE ? path.resolve(process.env.QD_SITE) : path.join(repo, 'dist')) {
  const child = spawn(process.execPath, [path.join(repo, 'tools/serve.mjs'), dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
    child.on('exit', (code) => reject(new Error('server exited with ' + code)));
  });
  return { url, close: () => child.kill() };
}

// CHROMIUM=<path> runs another Chromium build (default: Debian's /usr/bin/chromium).
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// QD_JS_FLAGS=<flags> passes V8 flags (investigations, e.g. --trace-wasm-compilation-times with
// DEBUG=pw:browser to see its output, or --no-wasm-tier-up to see what background tier-up costs).
export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-sync',
      ...(process.env.QD_JS_FLAGS ? ['--js-flags=' + process.env.QD_JS_FLAGS] : [])],
  });
}

// A page that records what must never happen.
export async function openPage(browser, url, { width = 1280, height = 800, scale = 2 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  // Debugging switches: QD_INPUT_LOG=1 records the input events and frames (site/app.js, inputLog;
  // dumped by dumpInputLog), QD_CPU_THROTTLE=<rate> slows the page's CPU like a loaded machine.
  if (process.env.QD_INPUT_LOG) await page.addInitScript(() => { window.__qdInputLog = []; });
  if (process.env.QD_CPU_THROTTLE) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.QD_CPU_THROTTLE) });
  }
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push('request outside 127.0.0.1: ' + u);
  });
  await page.goto(url);
  await page.evaluate(() => window.quotedesk.ready.then(() => true));
  return { page, context, problems };
}

// Resolves (with performance.now()) once the page has drawn `n` frames in all, or once it is idle (no frame pending) on several
// animation frames in a row: then no frame comes without input and what it shows is final (a page
// that went idle before the wait started would otherwise be waited for forever; seen under load).
// Throws after `timeoutMs` rather than hang.
export async function waitFrames(page, n = 1, timeoutMs = 30000) {
  return page.evaluate(async ([count, timeout]) => {
    const start = performance.now();
    let idleTicks = 0;
    for (;;) {
      const s = JSON.parse(window.quotedesk.state());
      if (s.frames_drawn >= count) return performance.now();
      idleTicks = s.idle && s.frames_drawn > 0 ? idleTicks + 1 : 0;  // after its first frame
      if (idleTicks >= 5) return performance.now();
      if (performance.now() - start > timeout)
        throw new Error(`waitFrames: ${s.frames_drawn} of ${count} frames after ${timeout} ms, and not idle`);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, [n, timeoutMs]);
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

// Minimal runner: named cases in order, a closing "N passed, N failed" line; returns the failures.
// `retries`: how many more times a failed case runs (only for cases that start from a reset state, like
// the procedures); a pass on a retry is printed with the first failure, so flakiness stays visible.
export async function run(cases, { retries = 0, onFail = null } = {}) {
  let passed = 0, failed = 0, onRetry = 0;
  for (const [name, fn] of cases) {
    for (let attempt = 0; ; attempt++) {
      try {
        await fn();
        passed++;
        if (attempt > 0) onRetry++;
        console.log((attempt ? 'ok   (on retry ' + attempt + ') ' : 'ok   ') + name);
        break;
      } catch (e) {
        const text = e && e.stack ? e.stack : String(e);
        if (onFail) await onFail(name, attempt).catch(() => {});
        if (attempt < retries) { console.log('RETRY ' + name + '\n     ' + text.split('\n')[0]); continue; }
        failed++;
        console.log('FAIL ' + name + '\n     ' + text);
        break;
      }
    }
  }
  console.log(`web: ${passed} passed${onRetry ? ` (${onRetry} on a retry)` : ''}, ${failed} failed`);
  return failed;
}

export function assert(cond, message) { if (!cond) throw new Error(message); }

// With QD_INPUT_LOG=1: a step of the test in the page's input log (what the next events are for).
export async function logMark(page, ...what) {
  if (process.env.QD_INPUT_LOG) await page.evaluate((w) => window.__qdInputLog.push([Math.round(performance.now() * 10) / 10, 'MARK', ...w]), what);
}
// Writes the page's input log (the last `last` entries) to a file; returns its path (null when off).
export async function dumpInputLog(page, name, last = 400) {
  if (!process.env.QD_INPUT_LOG) return null;
  const log = await page.evaluate(() => window.__qdInputLog || []);
  fs.mkdirSync(path.join(repo, 'build', 'input-logs'), { recursive: true });
  const file = path.join(repo, 'build', 'input-logs', name.replace(/[^\w.-]+/g, '_') + '.txt');
  fs.writeFileSync(file, log.slice(-last).map((e) => JSON.stringify(e)).join('\n') + '\n');
  return file;
}

// ---- driving the console like a person (window.quotedesk.items(), wasm/web/ui_locator.h) ----------
// Items are found by their visible label (the text before "##") or their raw label ("##search");
// every wait is bounded and waits for the console itself (a frame drawn, then idle), never a sleep.

const parseState = async (page) => JSON.parse(await page.evaluate(() => window.quotedesk.state()));

// Waits until the console drew a frame after `after` (frames_drawn) and went idle again.
export async function settle(page, after, timeout = 15000) {
  await page.waitForFunction((n) => {
    const s = JSON.parse(window.quotedesk.state());
    return s.frames_drawn > n && s.idle;
  }, after, { timeout, polling: 20 });
}

// The items of the last frame drawn; switches the recording on (and waits for it) the first time.
export async function uiItems(page, names = []) {
  let answer = JSON.parse(await page.evaluate((n) => window.quotedesk.items(n), names));
  if (!answer.recording) {
    await page.waitForFunction(() => JSON.parse(window.quotedesk.items()).recording, null, { timeout: 15000, polling: 20 });
    await settle(page, (await parseState(page)).frames_drawn - 1);
    answer = JSON.parse(await page.evaluate((n) => window.quotedesk.items(n), names));
  }
  return answer;
}

// Finds one item: `label` is the visible text (or the raw label when it starts with "##"; a RegExp
// matches the visible text). Options: window (substring of the window name), row (visible text of
// another item on the same row, e.g. an order id), nth (among several matches, top to bottom),
// includeBlocked (items under a modal). Throws with the candidates when nothing or several match.
export function pickItem(all, label, { window, row, nth, includeBlocked = false } = {}) {
  const matches = (it) => label instanceof RegExp ? it.label !== null && label.test(it.label)
    : label.startsWith('##') ? it.raw === label || (it.raw && it.raw.endsWith(label)) : it.label === label;
  let found = all.items.filter((it) => matches(it) && (includeBlocked || !it.blocked) && (!window || it.window.includes(window)));
  if (row !== undefined) {
    const anchors = all.items.filter((it) => (row instanceof RegExp ? it.label !== null && row.test(it.label) : it.label === row) && !it.blocked);
    found = found.filter((it) => anchors.some((a) => a.window === it.window && Math.abs((a.y + a.h / 2) - (it.y + it.h / 2)) < Math.max(a.h, it.h) / 2));
  }
  // Several frames of the same window may repeat an id (a clipper's measuring row): one per id.
  const seen = new Set();
  found = found.filter((it) => (seen.has(it.id + it.window) ? false : seen.add(it.id + it.window)));
  found.sort((a, b) => a.y - b.y || a.x - b.x);
  if (nth !== undefined) { const one = found.at(nth); found = one ? [one] : []; }
  if (found.length !== 1) {
    const near = all.items.filter((it) => it.label).map((it) => JSON.stringify(it.label) + '@' + it.window.split('/').pop()).slice(0, 80);
    throw new Error(`${found.length ? found.length + ' items' : 'no item'} labelled ${label}${row ? ' on the row of ' + row : ''}` +
      `${window ? ' in ' + window : ''}; labelled items: ${near.join(' ')}`);
  }
  return found[0];
}

export async function findItem(page, label, opts = {}) {
  const names = typeof label === 'string' && label.startsWith('##') ? [label] : [];
  return pickItem(await uiItems(page, names), label, opts);
}

// Scrolls the console's page (the mouse wheel over its middle) until the item labelled `label` is in
// view below the header; returns it. For an item of a long page, e.g. a rule on 设置 > 计费规则.
export async function scrollToItem(page, label, timeout = 60000) {
  for (let i = 0; ; i++) {
    const it = await findItem(page, label);
    if (it.vh > 0 && it.vy > 40 && it.vy < 600) return it;
    if (i > 40) throw new Error(`${label} did not come into view: ${JSON.stringify(it)}`);
    const before = (await parseState(page)).frames_drawn;
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, (it.vh > 0 ? it.vy : it.y) < 40 ? -200 : 200);   // hidden: vy is 0, y is where it lies
    await settle(page, before, timeout);
  }
}

// Waits (bounded) until an item with this label is on screen; returns it.
export async function waitItem(page, label, opts = {}, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    try { return await findItem(page, label, opts); }
    catch (e) {
      if (Date.now() > end) throw e;
      const s = await parseState(page);
      await page.waitForFunction((n) => JSON.parse(window.quotedesk.state()).frames_drawn > n || JSON.parse(window.quotedesk.state()).idle, s.frames_drawn, { timeout: 2000, polling: 50 }).catch(() => {});
      await page.waitForTimeout(50);   // bounded poll of the console (not a wait for time to pass)
    }
  }
}

// Scrolls the item's window with the wheel until the item is wholly visible.
async function scrollIntoView(page, label, opts) {
  for (let i = 0; i < 40; i++) {
    const it = await findItem(page, label, opts);
    if (it.vw >= it.w - 1 && it.vh >= it.h - 1) return it;
    const all = await uiItems(page);
    const win = all.windows.find((w) => w.name === it.window) || all.windows[0];
    const before = (await parseState(page)).frames_drawn;
    await page.mouse.move(win.x + win.w / 2, win.y + Math.min(win.h / 2, 40));
    const above = it.vh === 0 ? it.y < win.y : it.vy > it.y;
    await page.mouse.wheel(0, above ? -120 : 120);
    await settle(page, before);
  }
  throw new Error('could not scroll ' + label + ' into view');
}

// Moves the mouse onto the item and clicks it like a person: visible, not disabled, under no modal.
// opts.scrollIn: a window (name substring) to scroll down with the wheel while the item is not there
// (ImGui skips the items of child regions scrolled wholly out of view, like a person who must scroll).
export async function clickItem(page, label, opts = {}) {
  if (opts.scrollIn) {
    for (let i = 0; i < 12; i++) {
      try { await findItem(page, label, opts); break; } catch { /* not submitted yet: scroll */ }
      const win = (await uiItems(page)).windows.find((w) => w.name.includes(opts.scrollIn));
      if (!win) break;
      const before = (await parseState(page)).frames_drawn;
      await page.mouse.move(win.x + win.w / 2, win.y + win.h - 20);
      await page.mouse.wheel(0, 200);
      await settle(page, before);
    }
  }
  let it = await waitItem(page, label, opts);
  if (!(it.vw >= it.w - 1 && it.vh >= it.h - 1)) it = await scrollIntoView(page, label, opts);
  if (!it.enabled && !opts.allowDisabled) throw new Error(`item ${label} is disabled`);
  // A window in front of the item's own would take the click: a person sees it is covered.
  {
    const all = await uiItems(page);
    const own = all.windows.find((w) => w.name === it.window);
    const cx = it.vx + it.vw / 2, cy = it.vy + it.vh / 2;
    const cover = all.windows.find((w) => own && w.order > own.order && cx >= w.x && cx < w.x + w.w && cy >= w.y && cy < w.y + w.h);
    if (cover) throw new Error(`item ${label} is covered by the window ${cover.name}`);
  }
  // Move onto it, then check it is still there (a dialog that auto-resizes or centres itself moves
  // its items for a frame or two); move again until the pointer rests on it.
  for (let attempt = 0; ; attempt++) {
    const x = it.vx + Math.min(it.vw / 2, 12 + it.vw / 4), y = it.vy + it.vh / 2;
    const before = (await parseState(page)).frames_drawn;
    await page.mouse.move(x, y);
    await settle(page, before);
    const now = await findItem(page, label, opts);
    if (Math.abs(now.vx - it.vx) < 1 && Math.abs(now.vy - it.vy) < 1 && now.vw > 0) break;
    if (attempt >= 5) throw new Error(`item ${label} keeps moving`);
    it = now;
  }
  const down = (await parseState(page)).frames_drawn;
  await logMark(page, 'click', label, it.vx, it.vy, it.vw, it.vh, it.window);
  await page.mouse.down();
  await page.mouse.up();
  await settle(page, down);
  return it;
}

// Clicks a text field, replaces its text with `text` (typed key by key into the IME textarea).
// (It used to try twice: Ctrl+A was lost when all its key events came between two frames, the
// modifier let go before ImGui saw the key; wasm/web/backend.cpp OnKey keeps it down till then.)
export async function typeInto(page, label, text, opts = {}) {
  await clickItem(page, label, opts);
  await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).text_input.wanted, null, { timeout: 10000, polling: 20 });
  let before = (await parseState(page)).frames_drawn;
  await logMark(page, 'type', label, text);
  await page.keyboard.press('Control+a');
  await settle(page, before);
  before = (await parseState(page)).frames_drawn;
  await page.keyboard.press('Backspace');
  await settle(page, before);
  await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).text_input.text === '', null, { timeout: 10000, polling: 20 });
  before = (await parseState(page)).frames_drawn;
  if (!text) return;
  await page.keyboard.type(text);
  await page.waitForFunction((t) => JSON.parse(window.quotedesk.state()).text_input.text === t, text, { timeout: 10000, polling: 20 });
  await settle(page, before);
}

// Presses a key (or chord, playwright names: 'Enter', 'Escape', 'Tab', 'Control+a') and waits for the console.
export async function pressKey(page, key) {
  const before = (await parseState(page)).frames_drawn;
  await logMark(page, 'press', key);
  await page.keyboard.press(key);
  await settle(page, before);
}

// Waits (bounded) until fn(state, summary) is true; returns [state, summary].
export async function waitFor(page, fn, what, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const [s, w] = await page.evaluate(() => [JSON.parse(window.quotedesk.state()), JSON.parse(window.quotedesk.summary())]);
    if (fn(s, w)) return [s, w];
    if (Date.now() > end) throw new Error('timed out waiting for ' + what + '; state ' + JSON.stringify(s).slice(0, 300) + ' summary ' + JSON.stringify(w).slice(0, 600));
    await page.waitForTimeout(50);
  }
}
