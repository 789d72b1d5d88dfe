// Nothing lost, nothing broken (docs/architecture.md §6): two tabs of the console on one origin, browser
// storage that is missing, full or holds a record that cannot be read, and a file too big for the page.
// Every change is kept or refused in words; the last workspace saved whole is never replaced by one that
// failed to save; the page stays alive. Workspace changes here are file opens (the sample under another
// account name), the one change a test can make in both tabs at the same moment, and rule edits typed
// on 设置 > 计费规则, which the journal keeps as small entries (a base and the patches since).
import fs from 'node:fs';
import path from 'node:path';
import { repo, serve, launch, screenshot, run, assert, uiItems, clickItem, scrollToItem, typeInto, pressKey, settle } from './harness.mjs';

const sampleText = fs.readFileSync(path.join(repo, 'assets/sample-workspace.json'), 'utf8');
// The sample under another account name: one workspace per name.
function fileNamed(name) {
  const ws = JSON.parse(sampleText);
  ws.account.name = name;
  return { name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ws)) };
}

const server = await serve();
const browser = await launch();
const problems = [];

// A page of the console in `context`, ready; console errors and page errors are recorded.
async function tab(context, label) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${label}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
  await page.goto(server.url);
  await page.evaluate(() => window.quotedesk.ready.then(() => true));
  return page;
}
const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
const accountOf = async (page) => JSON.parse(await page.evaluate(() => window.quotedesk.summary())).account.name;
const storageOf = async (page) => JSON.parse(await page.evaluate(() => window.quotedesk.state())).storage;
const noticeOf = (page) => page.evaluate(() => {
  const n = document.getElementById('notice');
  return n.hidden ? '' : document.getElementById('notice-text').textContent;
});
// The record in IndexedDB as the page keeps it: {generation, text} (text null: nothing kept).
const storedOf = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const rq = indexedDB.open('quotedesk', 1);
  rq.onupgradeneeded = () => rq.result.createObjectStore('workspace');
  rq.onerror = () => reject(rq.error);
  rq.onsuccess = () => {
    const get = rq.result.transaction('workspace', 'readonly').objectStore('workspace').get('current');
    get.onerror = () => reject(get.error);
    get.onsuccess = () => {
      const r = get.result;
      if (!r) resolve(null);
      else if (!r.bytes) resolve({ generation: r.generation, text: null });
      else r.bytes.text().then((text) => resolve({ generation: r.generation, text }), reject);
    };
  };
}));
// The journal as stored: {generation, base (the base's generation), entries: [{index, text}], head}.
const journalOf = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const rq = indexedDB.open('quotedesk', 1);
  rq.onerror = () => reject(rq.error);
  rq.onsuccess = () => {
    const store = rq.result.transaction('workspace', 'readonly').objectStore('workspace');
    const base = store.get('current'), head = store.get('head');
    const entries = store.getAll(IDBKeyRange.bound(['entry'], ['entry', []]));
    entries.onerror = () => reject(entries.error);
    entries.onsuccess = () => resolve({ base: base.result ? base.result.generation : null, head: head.result || null,
      entries: entries.result.map((e) => ({ base: e.base, index: e.index, text: e.text })) });
  };
}));
// Replaces the text of stored journal entry `index` (a broken write, a foreign tool).
const breakEntry = (page, index, text) => page.evaluate(({ index, text }) => new Promise((resolve, reject) => {
  const rq = indexedDB.open('quotedesk', 1);
  rq.onerror = () => reject(rq.error);
  rq.onsuccess = () => {
    const tx = rq.result.transaction('workspace', 'readwrite');
    const store = tx.objectStore('workspace');
    const head = store.get('head');
    head.onsuccess = () => store.put({ base: head.result.base, index, text, savedAt: Date.now() }, ['entry', head.result.base, index]);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  };
}), { index, text });
const savesOf = async (page) => JSON.parse(await page.evaluate(() => window.quotedesk.storageLog()));
const fingerprintOf = async (page) => JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint()));
// A change of the workspace through the console: 设置 > 计费规则, 五天无理由退订 window in hours.
async function setRule(page, hours) {
  const frames = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn;
  await page.evaluate(() => window.quotedesk.navigate('settings'));
  await settle(page, (await frames()) - 1);
  await scrollToItem(page, '##rule-five_day_window_hours');
  const saves = (await savesOf(page)).length;
  await typeInto(page, '##rule-five_day_window_hours', String(hours));
  await pressKey(page, 'Enter');
  return saves;
}
// Waits for the save after `before` saves: the newest one.
async function nextSave(page, before) {
  await until(async () => (await savesOf(page)).length > before && !(await storageOf(page)).save_pending, 'the change to be stored');
  const saves = await savesOf(page);
  return saves[saves.length - 1];
}
const reloaded = async (page) => {
  await page.reload();
  await page.evaluate(() => window.quotedesk.ready.then(() => true));
};

async function until(fn, what, ms = 20000) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const saved = (page) => until(async () => { const s = await storageOf(page); return !s.save_pending && s.saved_at && !s.error; }, 'the save to browser storage');
const open = (page, name) => page.setInputFiles('#file-input', fileNamed(name));
// The download the notice's button offers: the downloaded text.
async function noticeDownload(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#notice-action')]);
  return fs.readFileSync(await download.path(), 'utf8');
}

// Ctrl+S pressed: {text, log} (the download's text; how the page came by it: downloadLog's last entry).
async function ctrlS(page) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.keyboard.press('Control+s')]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const log = JSON.parse(await page.evaluate(() => window.quotedesk.downloadLog())).pop();
  return { text, log };
}

// QD_ONLY=words runs only the cases whose name has them (and the last, which gathers page errors).
const only = (cases) => cases.filter(([name], i) => !process.env.QD_ONLY || name.includes(process.env.QD_ONLY) || i === cases.length - 1);
const failed = await run(only([
  ['two tabs: a change in one is followed by the other, both ways', async () => {
    const context = await newContext();
    const a = await tab(context, 'tab A');
    const b = await tab(context, 'tab B');
    await open(a, '甲单位');
    await saved(a);
    await until(async () => (await accountOf(b)) === '甲单位', 'tab B to follow tab A');
    assert((await noticeOf(b)).includes('已载入另一个标签页中的更改'), 'tab B says nothing: ' + await noticeOf(b));
    await open(b, '乙单位');
    await saved(b);
    await until(async () => (await accountOf(a)) === '乙单位', 'tab A to follow tab B');
    const stored = await storedOf(a);
    assert(stored.generation === 2 && JSON.parse(stored.text).account.name === '乙单位', 'stored ' + JSON.stringify({ g: stored.generation }));
    await context.close();
  }],
  ['two tabs changing at once: one change is kept, the other refused in words; a reload shows the kept one', async () => {
    const context = await newContext();
    const a = await tab(context, 'tab A');
    const b = await tab(context, 'tab B');
    // Both changes must wait for their save at once: tab A holds the storage lock (the one every save
    // takes, site/app.js withStorageLock) while both files are opened, then lets go. One tab saves
    // first, the other finds storage moved on. (Without the lock the first open may be saved before the
    // second is made: then the second is a later change, followed by the other tab, and nothing is refused.)
    await a.evaluate(() => { navigator.locks.request('quotedesk-storage', () => new Promise((r) => { window.__qdRelease = r; })); });
    await until(() => a.evaluate(() => !!window.__qdRelease), 'the test to hold the storage lock');
    await Promise.all([open(a, '丙单位'), open(b, '丁单位')]);
    await until(async () => (await accountOf(a)) === '丙单位' && (await accountOf(b)) === '丁单位' &&
      (await storageOf(a)).save_pending && (await storageOf(b)).save_pending, 'both opens waiting for their save');
    await a.evaluate(() => window.__qdRelease());
    // (Both still on the sample agree too: wait for one of the two files.)
    await until(async () => ['丙单位', '丁单位'].includes(await accountOf(a)) && (await accountOf(a)) === (await accountOf(b)) &&
      !(await storageOf(a)).save_pending && !(await storageOf(b)).save_pending, 'the two tabs to agree');
    const kept = await accountOf(a);
    const notices = [await noticeOf(a), await noticeOf(b)];
    const refused = notices.filter((n) => n.includes('另一个标签页先更改了工作区'));
    assert(refused.length === 1, 'exactly one tab must say its change was refused: ' + JSON.stringify(notices));
    const lost = kept === '丙单位' ? '丁单位' : '丙单位';
    assert([...notices].join('').includes('已打开') || refused.length === 1, 'notices ' + JSON.stringify(notices));
    await screenshot(notices[0] === refused[0] ? a : b, 'storage-two-tabs-refused');
    const stored = await storedOf(a);
    assert(JSON.parse(stored.text).account.name === kept, `stored ${JSON.parse(stored.text).account.name}, kept ${kept}`);
    await a.reload();
    await a.evaluate(() => window.quotedesk.ready.then(() => true));
    assert((await accountOf(a)) === kept && kept !== lost, 'after reload: ' + await accountOf(a));
    await context.close();
  }],
  ['no browser storage (a private window): said at once, the work goes on in memory, the workspace downloads', async () => {
    const context = await newContext();
    await context.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }); });
    const page = await tab(context, 'no storage');
    const said = await noticeOf(page);
    assert(said.includes('不提供浏览器存储'), 'notice at start: ' + said);
    await open(page, '戊单位');
    await until(async () => (await storageOf(page)).error, 'the failed save');
    assert((await accountOf(page)) === '戊单位', 'the work is not kept in memory');
    await until(async () => (await noticeOf(page)).includes('不提供浏览器存储'), 'the notice again after the failed save');
    await screenshot(page, 'storage-missing');
    const text = await noticeDownload(page);
    assert(JSON.parse(text).account.name === '戊单位', 'the download is not the open workspace');
    await context.close();
  }],
  ['storage full: told with a download, the work goes on, the last workspace saved whole stays', async () => {
    const context = await newContext();
    // Quota exceeded on demand: IndexedDB refuses the write as a full disk does.
    await context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__qdFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const page = await tab(context, 'full');
    await open(page, '己单位');
    await saved(page);
    const before = await storedOf(page);
    await page.evaluate(() => { window.__qdFull = true; });
    await open(page, '庚单位');
    await until(async () => (await noticeOf(page)).includes('浏览器存储空间已满'), 'the storage-full notice');
    assert((await accountOf(page)) === '庚单位', 'the work is not kept in memory');
    const after = await storedOf(page);
    assert(after.generation === before.generation && after.text === before.text, 'the stored workspace changed');
    assert(JSON.parse(after.text).account.name === '己单位', 'the stored one is not the last saved whole');
    await screenshot(page, 'storage-full');
    assert(JSON.parse(await noticeDownload(page)).account.name === '庚单位', 'the download is not the open workspace');
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    assert((await accountOf(page)) === '己单位', 'after reload: ' + await accountOf(page));
    await context.close();
  }],
  ['a stored record that cannot be read: said, the sample opens, the stored copy downloads and stays', async () => {
    const context = await newContext();
    const page = await tab(context, 'unreadable');
    const broken = '{"format":"quotedesk/1","account":';
    await page.evaluate((text) => new Promise((resolve, reject) => {
      const rq = indexedDB.open('quotedesk', 1);
      rq.onerror = () => reject(rq.error);
      rq.onsuccess = () => {
        const tx = rq.result.transaction('workspace', 'readwrite');
        tx.objectStore('workspace').put({ bytes: new Blob([text]), savedAt: Date.now(), size: text.length, generation: 7 }, 'current');
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      };
    }), broken);
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    const said = await noticeOf(page);
    assert(said.includes('浏览器存储中的工作区无法读取') && said.includes('browser-storage.json'), 'notice: ' + said);
    assert((await storageOf(page)).source === 'sample', 'not the sample');
    await screenshot(page, 'storage-unreadable');
    assert((await noticeDownload(page)) === broken, 'the download is not the stored copy');
    const stored = await storedOf(page);
    assert(stored.generation === 7 && stored.text === broken, 'the stored copy changed before any change');
    await context.close();
  }],
  ['a file too big for the page: refused in words before it is read, the workspace unchanged, the page alive', async () => {
    const context = await newContext();
    const page = await tab(context, 'too big');
    const file = fileNamed('辛单位');
    const before = await accountOf(page);
    // A device with less memory: the limit just above what is in use now, so the open cannot fit.
    const now = JSON.parse(await page.evaluate(() => window.quotedesk.checkOpen(0)));
    const limit = now.ceiling - now.available + 2 * file.buffer.length;
    await page.evaluate((bytes) => window.quotedesk.setMemoryLimit(bytes), limit);
    const check = JSON.parse(await page.evaluate((n) => window.quotedesk.checkOpen(n), file.buffer.length));
    assert(!check.fits && check.needed === 4 * file.buffer.length, 'check ' + JSON.stringify(check));
    await page.setInputFiles('#file-input', file);
    await until(async () => (await noticeOf(page)).includes('文件太大'), 'the too-big notice');
    const said = await noticeOf(page);
    assert(said.includes('当前工作区保持不变') && said.includes('命令行工具 quotedesk'), 'notice: ' + said);
    assert((await accountOf(page)) === before, 'the workspace changed');
    const answer = JSON.parse(await page.evaluate((t) => window.quotedesk.load(t, 'big.json'), file.buffer.toString('utf8')));
    assert(!answer.ok && answer.memory && !answer.memory.fits, 'test API load: ' + JSON.stringify(answer).slice(0, 200));
    await screenshot(page, 'storage-too-big');
    // The page is alive: with its memory back, the same file opens.
    await page.evaluate(() => window.quotedesk.setMemoryLimit(0));
    await open(page, '辛单位');
    await until(async () => (await accountOf(page)) === '辛单位', 'the file to open once it fits');
    await context.close();
  }],
  ['undo and redo: Ctrl+Z steps back over an opened file, Ctrl+Shift+Z forward; 设置 > 数据 lists it', async () => {
    const context = await newContext();
    const page = await tab(context, 'undo');
    const sample = await accountOf(page);
    await open(page, '壬单位');
    await until(async () => (await accountOf(page)) === '壬单位', 'the file to open');
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await page.click('#canvas', { position: { x: 900, y: 60 } });  // the console has the keyboard
    await page.keyboard.press('Control+z');
    await until(async () => (await accountOf(page)) === sample, 'Ctrl+Z to bring the sample back');
    await page.keyboard.press('Control+Shift+z');
    await until(async () => (await accountOf(page)) === '壬单位', 'Ctrl+Shift+Z to open the file again');
    const labels = JSON.stringify(await uiItems(page));
    assert(labels.includes('撤销') && labels.includes('重做'), 'no undo / redo buttons on 设置');
    const history = JSON.parse(await page.evaluate(() => window.quotedesk.state())).history;
    assert(history.log.length === 1 && history.log[0].first_subject === '壬单位' && !history.log[0].undone &&
      history.undo_steps === 1 && !history.can_redo, 'history ' + JSON.stringify(history));
    // The buttons do the same as the keys.
    await clickItem(page, '撤销');
    await until(async () => (await accountOf(page)) === sample, '撤销 to bring the sample back');
    await screenshot(page, 'storage-undo-log');
    await clickItem(page, '重做');
    await until(async () => (await accountOf(page)) === '壬单位', '重做 to open the file again');
    // The redo kept the file's workspace; it is what browser storage holds once saved (the base, or the
    // base and journal entries: the undo and redo of a name are small patches), as the reload shows.
    await saved(page);
    // A reload brings the log back with the workspace (its undo steps were memory only).
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    const after = JSON.parse(await page.evaluate(() => window.quotedesk.state())).history;
    assert((await accountOf(page)) === '壬单位' && after.log.length === 1 && after.log[0].first_subject === '壬单位' &&
      after.undo_steps === 0, 'after reload: ' + JSON.stringify(after));
    await context.close();
  }],
  ['the journal: each change is a small entry, a reload applies them all, opening a file or a long journal writes it whole', async () => {
    const context = await newContext();
    const page = await tab(context, 'journal');
    await open(page, '甲单位');
    await saved(page);
    const whole = (await savesOf(page)).pop();
    assert(whole.kind === 'whole' && whole.ok, 'the open is not saved whole: ' + JSON.stringify(whole));
    for (const hours of [1, 2, 3]) {
      const entry = await nextSave(page, await setRule(page, hours));
      assert(entry.kind === 'entry' && entry.ok && entry.bytes * 10 < whole.bytes,
        `change ${hours}: not a small entry: ${JSON.stringify(entry)} (the workspace: ${whole.bytes} bytes)`);
    }
    let stored = await journalOf(page);
    assert(stored.head && stored.head.entries === 3 && stored.head.base === stored.base && stored.entries.length === 3 &&
      stored.entries.every((e) => e.base === stored.base && e.text.startsWith('{"quotedesk_patch":1')),
    'the journal: ' + JSON.stringify({ head: stored.head, n: stored.entries.length }));
    const before = await fingerprintOf(page);
    await reloaded(page);
    const after = await fingerprintOf(page);
    assert(after.fnv1a === before.fnv1a && after.bytes === before.bytes, `after reload: ${JSON.stringify(after)} != ${JSON.stringify(before)}`);
    assert((await storageOf(page)).source === 'browser_storage', 'not reopened from storage');
    assert((await noticeOf(page)) === '', 'a notice after the reload: ' + await noticeOf(page));
    // Another file: written whole, the journal gone.
    await open(page, '乙单位');
    await saved(page);
    stored = await journalOf(page);
    assert((await savesOf(page)).pop().kind === 'whole' && !stored.head && stored.entries.length === 0,
      'a file open kept the journal: ' + JSON.stringify(stored.head));
    // A journal grown past its share of the base is compacted: the base is written whole again.
    let kinds = '';
    for (let i = 0; i < 25 && !kinds.includes('whole'); i++) kinds += ' ' + (await nextSave(page, await setRule(page, 10 + i))).kind;
    assert(/entry.*whole/.test(kinds), 'no compaction: ' + kinds);
    stored = await journalOf(page);
    assert(!stored.head || stored.head.entries < 3, 'after compaction: ' + JSON.stringify(stored.head));
    const compacted = await fingerprintOf(page);
    await reloaded(page);
    assert((await fingerprintOf(page)).fnv1a === compacted.fnv1a, 'the compacted workspace did not come back');
    await context.close();
  }],
  ['the journal: a broken entry is said, the base and the entries before it open, the download is offered', async () => {
    const context = await newContext();
    const page = await tab(context, 'journal broken');
    await open(page, '丙单位');
    await saved(page);
    await nextSave(page, await setRule(page, 1));
    const first = await fingerprintOf(page);
    await nextSave(page, await setRule(page, 2));
    const broken = (await journalOf(page)).entries[1].text.slice(0, 300);
    await breakEntry(page, 2, broken);
    await reloaded(page);
    const said = await noticeOf(page);
    assert(said.includes('第 2 条更改（共 2 条）无法读取') && said.includes('browser-storage journal 2'), 'notice: ' + said);
    const open1 = await fingerprintOf(page);
    assert(open1.fnv1a === first.fnv1a, 'not the base with the first change');
    await screenshot(page, 'storage-journal-broken');
    const text = await noticeDownload(page);
    assert(JSON.parse(text).rules.five_day_window_hours === 1, 'the download is not the open workspace');
    let stored = await journalOf(page);
    assert(stored.head.entries === 2 && stored.entries[1].text === broken, 'storage changed before any change');
    // The next change writes the workspace whole: the broken journal is gone.
    const save = await nextSave(page, await setRule(page, 5));
    stored = await journalOf(page);
    assert(save.kind === 'whole' && save.ok && !stored.head && stored.entries.length === 0, 'after the next change: ' + JSON.stringify(stored.head));
    await context.close();
  }],
  ['the journal in two tabs: a change stored as an entry in one is followed by the other (applying it), both ways', async () => {
    const context = await newContext();
    const a = await tab(context, 'journal tab A');
    const b = await tab(context, 'journal tab B');
    await open(a, '丁单位');
    await saved(a);
    await until(async () => (await accountOf(b)) === '丁单位', 'tab B to follow the open');
    await nextSave(a, await setRule(a, 1));
    const fa = await fingerprintOf(a);
    await until(async () => (await fingerprintOf(b)).fnv1a === fa.fnv1a, 'tab B to follow the entry');
    // By applying the new entry, not by reopening base and journal.
    assert((await savesOf(b)).some((e) => e.kind === 'followed' && e.entries === 1), 'tab B reopened storage: ' + JSON.stringify(await savesOf(b)));
    assert((await savesOf(a)).pop().kind === 'entry', 'tab A did not store an entry');
    await nextSave(b, await setRule(b, 2));
    assert((await savesOf(b)).pop().kind === 'entry', 'tab B did not store an entry');
    const fb = await fingerprintOf(b);
    await until(async () => (await fingerprintOf(a)).fnv1a === fb.fnv1a, 'tab A to follow the entry');
    assert((await savesOf(a)).some((e) => e.kind === 'followed'), 'tab A reopened storage: ' + JSON.stringify(await savesOf(a)));
    const stored = await journalOf(a);
    assert(stored.head.entries === 2, 'the journal: ' + JSON.stringify(stored.head));
    await context.close();
  }],
  ['the journal: a failed write is told, the stored state stays; the next entry carries both changes', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__qdFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    const page = await tab(context, 'journal full');
    await open(page, '戊单位');
    await saved(page);
    const before = await journalOf(page);
    await page.evaluate(() => { window.__qdFull = true; });
    const failedSave = await nextSave(page, await setRule(page, 1));
    assert(failedSave.kind === 'entry' && !failedSave.ok, 'the failed write: ' + JSON.stringify(failedSave));
    assert((await noticeOf(page)).includes('浏览器存储空间已满'), 'no storage-full notice: ' + await noticeOf(page));
    const still = await journalOf(page);
    assert(JSON.stringify(still) === JSON.stringify(before), 'the stored state changed');
    await page.evaluate(() => { window.__qdFull = false; });
    await nextSave(page, await setRule(page, 2));
    const kept = await journalOf(page);
    assert(kept.head.entries === 1, 'one entry for both changes: ' + JSON.stringify(kept.head));
    const fp = await fingerprintOf(page);
    await reloaded(page);
    assert((await fingerprintOf(page)).fnv1a === fp.fnv1a, 'both changes did not come back');
    await context.close();
  }],
  ['Ctrl+S: the text stored whole is the download while nothing changed; after a change, in this tab or followed from another, the workspace as it is', async () => {
    const context = await newContext();
    const a = await tab(context, 'ctrl+s tab A');
    const b = await tab(context, 'ctrl+s tab B');
    // Ctrl+S as soon as the open is there (its save to storage not yet stored): the download and the
    // stored base are the same text, written once (docs/performance.md "Saving: the journal").
    await open(a, '己单位');
    await until(async () => (await accountOf(a)) === '己单位', 'the open');
    const first = await ctrlS(a);
    await saved(a);
    const base = await storedOf(a);
    assert(first.text === base.text, `the download (${first.text.length} bytes) is not the stored base (${base.text && base.text.length})`);
    // Nothing changed since: the text storage holds, handed over at once, the same bytes.
    const again = await ctrlS(a);
    assert(again.log.from === 'stored' && again.text === first.text, 'the second Ctrl+S: ' + JSON.stringify(again.log));
    // A change: the download holds it at once, before the change is stored, and is the open workspace's text.
    await setRule(a, 7);
    const changed = await ctrlS(a);
    assert(changed.log.from === 'made' && JSON.parse(changed.text).rules.five_day_window_hours === 7,
      'Ctrl+S after a change: ' + JSON.stringify(changed.log) + ' ' + JSON.stringify(JSON.parse(changed.text).rules));
    await until(async () => !(await storageOf(a)).save_pending, 'the change to be stored');
    // Tab B follows the change (the entry applied) and downloads it; then tab B changes the rule again,
    // tab A follows: A's download of the change it made itself (kept above) is no longer what is open.
    await until(async () => (await fingerprintOf(b)).fnv1a === (await fingerprintOf(a)).fnv1a, 'tab B to follow the change');
    const inB = await ctrlS(b);
    assert(inB.text === changed.text, 'tab B\'s download is not the change it followed');
    await nextSave(b, await setRule(b, 8));
    await until(async () => (await fingerprintOf(a)).fnv1a === (await fingerprintOf(b)).fnv1a, 'tab A to follow tab B');
    const followed = await ctrlS(a);
    assert(followed.log.from === 'made' && JSON.parse(followed.text).rules.five_day_window_hours === 8,
      'tab A\'s Ctrl+S after following tab B: ' + JSON.stringify(followed.log));
    for (const [page, got] of [[a, followed], [b, inB]]) {
      const fp = await fingerprintOf(page);
      assert(Buffer.byteLength(got.text) === fp.bytes, 'a download is not the open workspace');
    }
    await context.close();
  }],
  ['no page error, no console error', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
// One retry: every case makes its own browser context (fresh storage). "the journal in two tabs" failed
// once in about seven runs on its entry count (head.entries 2), cause not found; a pass on the retry is
// printed with the first failure, so it stays visible.
]), { retries: 1 });
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
