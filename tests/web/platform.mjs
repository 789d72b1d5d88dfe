// Browser platform test (wasm/web, site/): opening files (file input, picker button, Ctrl+O, drop,
// several files merged, a bad file refused with its message while the workspace stays), saving
// (Ctrl+S download), browser storage (an operation and the language survive a reload; restoring the
// sample forgets it), typing through the IME textarea (a composition, then keys), the service
// worker (registers, serves the site offline), the standalone file from file://, the page's
// Content-Security-Policy with Trusted Types (served, in the page and in the standalone file), and nothing
// leaving 127.0.0.1 and no console error throughout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repo, serve, launch, openPage, waitFrames, screenshot, run, assert, clickItem, waitItem, findItem } from './harness.mjs';

const sampleText = fs.readFileSync(path.join(repo, 'assets/sample-workspace.json'), 'utf8');
const sample = JSON.parse(sampleText);
const huawei = (f) => ({ name: f, mimeType: 'application/json', buffer: fs.readFileSync(path.join(repo, 'tests/huawei', f)) });

// The sample under another account name (characters the sample does not have: the atlas must grow).
function renamed(name) {
  const ws = JSON.parse(sampleText);
  ws.account.name = name;
  return { name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ws)) };
}
const badFile = { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"quotedesk/1","resources":[{"resource_id":"r1"}]}') };

const server = await serve();
const browser = await launch();
let page, context, problems;
const otherProblems = [];
const ctx = { sampleSummary: null };

const json = async (expr, arg) => JSON.parse(await page.evaluate(expr, arg));
const state = () => json(() => window.quotedesk.state());
const summary = () => json(() => window.quotedesk.summary());
// Waits until the console has drawn what was asked of it (no frame pending any more).
async function settle() {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await until(async () => (await state()).idle, 'the console to settle');
}
// Polls fn() until it returns something truthy (the page works asynchronously: file reads, storage).
async function until(fn, what, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for ' + what + '; state ' + JSON.stringify((await state()).storage));
    await page.waitForTimeout(50);
  }
}
const savedInStorage = () => until(async () => { const s = await state(); return !s.storage.save_pending && s.storage.saved_at; }, 'the save to browser storage');

// The 打开文件 button's position in CSS pixels on the 1280x800 Settings page (wasm/ui/page_settings.cpp), no load errors shown.
const OPEN_BUTTON = { x: 392, y: 241 };

const failed = await run([
  ['page starts on the sample; nothing stored yet', async () => {
    ({ page, context, problems } = await openPage(browser, server.url));
    ctx.sampleSummary = await summary();
    assert(ctx.sampleSummary.account.name === sample.account.name, 'not the sample: ' + JSON.stringify(ctx.sampleSummary));
    const s = await state();
    assert(s.storage.source === 'sample' && s.storage.restored_saved_at === null, 'storage: ' + JSON.stringify(s.storage));
  }],
  ['a file set on the file input opens, with a busy indication, and is saved to storage', async () => {
    // The busy indication is the console's bar of the open in progress (docs/architecture.md §2): up
    // from before the file is read (seen when the page asks the File for its bytes), gone after.
    await page.evaluate(() => {
      window.busySeen = null;
      const read = File.prototype.arrayBuffer;
      File.prototype.arrayBuffer = function () {
        window.busySeen = JSON.parse(window.quotedesk.loadProgress());
        File.prototype.arrayBuffer = read;
        return read.call(this);
      };
    });
    await page.setInputFiles('#file-input', renamed('测试单位甲'));
    await until(async () => (await summary()).account.name === '测试单位甲', 'the file to open');
    const seen = await page.evaluate(() => window.busySeen);
    assert(seen && seen.active && seen.cancellable && seen.names === '测试单位甲.json' && seen.files === 1,
      'no busy indication while reading and parsing: ' + JSON.stringify(seen));
    assert(!JSON.parse(await page.evaluate(() => window.quotedesk.loadProgress())).active, 'busy indication still shown');
    const notice = await page.evaluate(() => !document.getElementById('notice').hidden && document.getElementById('notice-text').textContent);
    assert(notice && notice.includes('测试单位甲.json'), 'status line: ' + notice);
    const s = await savedInStorage();
    assert(s, 'not saved');
    const st = await state();
    assert(st.storage.source === 'files' && st.storage.files === '测试单位甲.json', 'storage: ' + JSON.stringify(st.storage));
  }],
  ['several files at once are merged (Huawei BSS responses)', async () => {
    const alone = [];
    for (const f of ['resources.json', 'list_customer_orders.json']) {
      const text = fs.readFileSync(path.join(repo, 'tests/huawei', f), 'utf8');
      const r = JSON.parse(await page.evaluate(([t, n]) => window.quotedesk.load(t, n), [text, f]));
      assert(r.ok, f + ' alone: ' + JSON.stringify(r));
      alone.push(r.summary);
    }
    await page.setInputFiles('#file-input', [huawei('resources.json'), huawei('list_customer_orders.json')]);
    const s = await until(async () => { const x = await state(); return x.storage.files.includes(',') && x; }, 'the two files to open');
    const merged = await summary();
    assert(merged.resources === alone[0].resources + alone[1].resources && merged.orders === alone[0].orders + alone[1].orders,
      `merged ${merged.resources} resources / ${merged.orders} orders from ${JSON.stringify(alone.map((a) => [a.resources, a.orders]))}`);
    assert(s.storage.files === 'resources.json, list_customer_orders.json', 'files: ' + s.storage.files);
  }],
  ['a dropped file opens', async () => {
    const file = renamed('拖放单位乙');
    const dt = await page.evaluateHandle(({ name, text }) => {
      const d = new DataTransfer();
      d.items.add(new File([text], name, { type: 'application/json' }));
      return d;
    }, { name: file.name, text: file.buffer.toString('utf8') });
    await page.dispatchEvent('#canvas', 'dragenter', { dataTransfer: dt });
    assert(await page.evaluate(() => !document.getElementById('drop-hint').hidden), 'no drop hint while dragging');
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer: dt });
    await until(async () => (await summary()).account.name === '拖放单位乙', 'the dropped file to open');
    assert(await page.evaluate(() => document.getElementById('drop-hint').hidden), 'drop hint still shown');
  }],
  ['Huawei\'s published responses dropped together open, with the import report one click away', async () => {
    // docs/huawei-data.md: the three published examples, and an orders page with a record that cannot be read
    const published = (f) => fs.readFileSync(path.join(repo, 'tests/huawei/published', f), 'utf8');
    const orders = JSON.parse(published('ListCustomerOrders.example.json'));
    orders.order_infos.push({ order_id: 'CS-HW-1', status: 10, order_type: 1, create_time: '2020-05-06T09:08:03Z', amount_after_discount: 10 });
    const files = [['ListCustomerOrders.json', JSON.stringify(orders)],
      ['ShowCustomerOrderDetails.json', published('ShowCustomerOrderDetails.example.json')],
      ['ListPayPerUseCustomerResources.json', published('ListPayPerUseCustomerResources.example.json')]];
    const dt = await page.evaluateHandle((list) => {
      const d = new DataTransfer();
      for (const [name, text] of list) d.items.add(new File([text], name, { type: 'application/json' }));
      return d;
    }, files);
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer: dt });
    const s = await until(async () => { const x = await state(); return x.storage.import_report.shown && x; }, 'the import report');
    const report = s.storage.import_report;
    assert(report.skipped === 1 && report.records === 5, 'report: ' + JSON.stringify(report));
    assert(report.warnings.some((w) => w.startsWith('ListCustomerOrders.json: /order_infos/1/status: ') && w.endsWith('order CS-HW-1 skipped')),
      'warnings: ' + JSON.stringify(report.warnings));
    const merged = await summary();
    assert(merged.orders === 2 && merged.resources === 1, 'merged: ' + JSON.stringify(merged));
    const text = await page.evaluate(() => document.getElementById('notice-text').textContent);
    assert(text.includes('已打开 5 条，跳过 1 条'), 'notice: ' + text);
    await page.evaluate(() => window.quotedesk.navigate('my-orders'));
    await settle();
    await clickItem(page, '查看');
    await waitItem(page, '导入报告', {}, 5000).catch(() => {});
    await settle();
    await screenshot(page, 'huawei-import-report');
    await clickItem(page, '知道了');
    await settle();
    assert(!(await state()).storage.import_report.shown, 'the report stays after 知道了');
  }],
  ['the 打开文件 button and Ctrl+O open the file chooser', async () => {
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await settle();
    await screenshot(page, 'platform-settings');
    let [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.mouse.click(OPEN_BUTTON.x, OPEN_BUTTON.y)]);
    assert(chooser.isMultiple(), 'the chooser takes one file only');
    await chooser.setFiles(renamed('按钮单位丙'));
    await until(async () => (await summary()).account.name === '按钮单位丙', 'the chosen file to open');
    // Ctrl+O: the picker, or (Chromium gives a Ctrl chord no user activation) a prompt whose button opens it.
    const viaShortcut = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
    await page.keyboard.press('Control+o');
    await until(() => page.evaluate(() => !document.getElementById('open-prompt').hidden), 'the open prompt after Ctrl+O', 2000)
      .catch(() => null);
    chooser = await Promise.race([viaShortcut, page.waitForTimeout(1000).then(() => null)]);
    if (!chooser) {
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.click('#open-prompt-choose')]);
    }
    await page.evaluate(() => { document.getElementById('open-prompt').hidden = true; });
    await chooser.setFiles(renamed('快捷键单位丁'));
    await until(async () => (await summary()).account.name === '快捷键单位丁', 'the file chosen after Ctrl+O to open');
  }],
  ['typing: an IME composition and keys reach the text field; the as-of clock is set', async () => {
    await savedInStorage();
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await settle();
    // The click as a touchpad tap or a loaded machine gives it: the pointer moves there, goes down and
    // up, all before the next frame (sent without waiting). The console must see the pointer there
    // first, then the button down for a frame, then up (wasm/web/backend.cpp OnMouse).
    // The as-of field where the console drew it (sections above it grow: 操作记录).
    const field = await findItem(page, '##asof');
    const AS_OF_FIELD = { x: field.vx + field.vw / 2, y: field.vy + field.vh / 2 };
    const cdp = await context.newCDPSession(page);
    const mouse = (type, buttons) => cdp.send('Input.dispatchMouseEvent',
      { type, x: AS_OF_FIELD.x, y: AS_OF_FIELD.y, button: type === 'mouseMoved' ? 'none' : 'left', buttons, clickCount: 1 });
    await Promise.all([mouse('mouseMoved', 0), mouse('mousePressed', 1), mouse('mouseReleased', 0)]);
    await settle();
    let s = await state();
    assert(s.text_input.wanted, 'the click did not activate the as-of field (layout moved?)');
    assert(await page.evaluate(() => document.activeElement && document.activeElement.id === 'qd-ime'), 'IME textarea not focused');
    const before = s.text_input.text;
    await cdp.send('Input.imeSetComposition', { text: 'baojia', selectionStart: 6, selectionEnd: 6 });
    await cdp.send('Input.insertText', { text: '报价' });
    await settle();
    s = await state();
    assert(s.text_input.text.includes('报价') && s.text_input.text.length === before.length + '报价'.length,
      `composition: "${before}" -> "${s.text_input.text}"`);
    await screenshot(page, 'platform-ime');
    // Select all, type over it, Enter applies. The chord as a fast hand or a loaded machine gives it:
    // Ctrl down, A down, A up, Ctrl up, all four before the next frame (sent without waiting); the
    // console must still see A with Ctrl (wasm/web/backend.cpp OnKey holds the modifier for a frame).
    const key = (type, k, code, modifiers) => cdp.send('Input.dispatchKeyEvent',
      { type, key: k, code: k === 'Control' ? 'ControlLeft' : 'KeyA', windowsVirtualKeyCode: code, modifiers });
    await Promise.all([key('rawKeyDown', 'Control', 17, 2), key('rawKeyDown', 'a', 65, 2), key('keyUp', 'a', 65, 2), key('keyUp', 'Control', 17, 0)]);
    await settle();
    await page.keyboard.type('2024-06-01T08:00:00+08:00');
    await settle();
    s = await state();
    assert(s.text_input.text === '2024-06-01T08:00:00+08:00', 'typed: ' + s.text_input.text);
    await page.keyboard.press('Backspace');
    await settle();
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await settle();
    const as = await summary();
    assert(as.as_of === '2024-06-01T08:00:00+08:00', 'as_of ' + as.as_of);
    s = await state();
    assert(!s.text_input.wanted, 'the field is still active after Enter');
    assert(await page.evaluate(() => document.activeElement.id !== 'qd-ime'), 'IME textarea kept the focus');
  }],
  ['a reload keeps the workspace, the operation and the language', async () => {
    await page.evaluate(() => { window.quotedesk.setLanguage('en'); window.quotedesk.setTheme('dark'); });
    await settle();
    await savedInStorage();
    const before = await summary();
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    const after = await summary();
    assert(JSON.stringify(after) === JSON.stringify(before), `after reload ${JSON.stringify(after)}\nbefore ${JSON.stringify(before)}`);
    const s = await state();
    assert(s.lang === 'en' && s.theme === 'dark', `language ${s.lang}, theme ${s.theme}`);
    assert(s.storage.source === 'browser_storage' && s.storage.restored_saved_at, 'storage: ' + JSON.stringify(s.storage));
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await settle();
    await screenshot(page, 'platform-restored-en');
    await page.evaluate(() => { window.quotedesk.setLanguage('zh'); window.quotedesk.setTheme('light'); });
  }],
  ['a bad file shows its message and keeps the workspace', async () => {
    const before = await summary();
    await page.setInputFiles('#file-input', badFile);
    const text = await until(() => page.evaluate(() => {
      const n = document.getElementById('notice');
      return !n.hidden && n.classList.contains('error') && document.getElementById('notice-text').textContent;
    }), 'the error in the status line');
    assert(text.includes('bad.json: /resources/0: missing required member'), 'status line: ' + text);
    const after = await summary();
    assert(JSON.stringify(after) === JSON.stringify(before), 'the workspace changed');
    const s = await state();
    assert(s.storage.load_errors.length > 0 && s.storage.load_errors[0].startsWith('bad.json: /resources/0'), 'settings errors: ' + JSON.stringify(s.storage.load_errors));
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await settle();
    await screenshot(page, 'platform-bad-file');
  }],
  ['Ctrl+S downloads the workspace (quotedesk/1, the open one)', async () => {
    // The bound is generous: on a loaded 2-core machine Chromium takes up to 20 s to hand over a download.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.keyboard.press('Control+S')]);
    assert(/^quotedesk-workspace-\d{4}-\d{2}-\d{2}\.json$/.test(download.suggestedFilename()), 'name ' + download.suggestedFilename());
    const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const s = await summary();
    assert(saved.format === 'quotedesk/1' && saved.account.name === s.account.name && saved.as_of === s.as_of,
      'saved ' + JSON.stringify({ format: saved.format, name: saved.account.name, as_of: saved.as_of }));
    assert(saved.resources.length === s.resources && saved.orders.length === s.orders, 'saved counts differ');
    // Exactly SaveWorkspace's bytes of the open workspace (written in pieces): its fingerprint. (Browser
    // storage keeps a base and the journal's patches since, docs/architecture.md §6, so its base text is
    // the workspace only when no change was made after it.)
    const bytes = fs.readFileSync(await download.path());
    let hash = 14695981039346656037n;
    for (const b of bytes) hash = ((hash ^ BigInt(b)) * 1099511628211n) & 0xffffffffffffffffn;
    const fp = JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint()));
    assert(fp.bytes === bytes.length && fp.fnv1a === hash.toString(16).padStart(16, '0'),
      `the download is not the open workspace's text: ${bytes.length} bytes, ${hash.toString(16)} vs ${JSON.stringify(fp)}`);
  }],
  ['恢复示例数据 reopens the sample and forgets the stored workspace', async () => {
    await page.evaluate(() => window.quotedesk.restoreSample());
    assert(JSON.stringify(await summary()) === JSON.stringify(ctx.sampleSummary), 'not the sample');
    await page.waitForTimeout(300);
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    const s = await state();
    assert(s.storage.source === 'sample', 'after reload: ' + s.storage.source);
    assert(JSON.stringify(await summary()) === JSON.stringify(ctx.sampleSummary), 'not the sample after reload');
  }],
  ['the service worker registers, caches this build and serves the site offline', async () => {
    const version = fs.readFileSync(path.join(repo, 'dist/sw.js'), 'utf8').match(/const VERSION = '([0-9a-f]+)'/)[1];
    const own = await serve();
    const o = await openPage(browser, own.url, { scale: 1 });
    try {
      const keys = await o.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        return { active: !!reg.active, caches: await caches.keys() };
      });
      assert(keys.active && keys.caches.includes('quotedesk-' + version), 'caches ' + JSON.stringify(keys));
      own.close();
      await new Promise((r) => setTimeout(r, 300));
      await o.page.reload();
      await o.page.evaluate(() => window.quotedesk.ready.then(() => true));
      await waitFrames(o.page, 1);
      const s = JSON.parse(await o.page.evaluate(() => window.quotedesk.summary()));
      assert(s.format === 'quotedesk/1', 'offline summary: ' + JSON.stringify(s));
      otherProblems.push(...o.problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED')));
    } finally {
      own.close();
      await o.context.close();
    }
  }],
  ['a name outside the page\'s font: an empty box until its fallback font arrives, then its glyphs in the atlas', async () => {
    // Characters neither GB 2312 nor the sources have (wasm/web/backend.h): traditional, CJK Ext A and
    // a supplementary-plane one (ImWchar is 32-bit). Their fallback files are held back until the boxes are seen.
    const rare = '龘䶮對説𠮷';
    // Its own context without the service worker (whose fetches the gate below would not see).
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, serviceWorkers: 'block' });
    const o = { context: c, page: await c.newPage(), problems: [] };
    o.page.on('console', (m) => { if (m.type() === 'error') o.problems.push('console error: ' + m.text()); });
    o.page.on('pageerror', (e) => o.problems.push('page error: ' + e.message));
    await o.page.goto(server.url);
    await o.page.evaluate(() => window.quotedesk.ready.then(() => true));
    let release;
    const gate = new Promise((r) => { release = r; });
    const fetched = [];
    await o.context.route('**/fonts/qd-cjk-x*.otf', async (route) => { fetched.push(route.request().url().replace(/.*\//, '')); await gate; await route.continue(); });
    const st = async () => JSON.parse(await o.page.evaluate(() => window.quotedesk.state()));
    // The first frame's font holds the UI's and the sample's characters only; the rest of the page's font
    // (GB 2312, fonts/qd-cjk.otf) comes after the first frame, without an atlas build when nothing waits for it.
    const first = (await st()).font;
    for (const t0 = Date.now(); (await st()).font.rest_font !== 'loaded';) {
      if (Date.now() - t0 > 15000) throw new Error('the rest of the page font never came: ' + JSON.stringify((await st()).font));
      await o.page.waitForTimeout(50);
    }
    const before = (await st()).font;
    assert(before.fallback_loading === 0 && before.fallback_loaded === 0 && before.rest_glyphs === 0 &&
      first.placeholders === before.placeholders, 'the sample needed more than the first frame\'s font: ' + JSON.stringify({ first, before }));
    const ws = JSON.parse(sampleText);
    ws.account.name = rare + '工作室';
    ws.resources[1].resource_name = 'ecs-蝈蛐鳜';   // GB 2312, outside the first frame's font: from qd-cjk.otf
    // after a run of ASCII longer than a word (the scan skips 8 ASCII bytes at a time)
    ws.resources[0].resource_name = 'ecs-web-server-prod-0001-' + rare;
    // Two service names of one length, first and last byte (the scan's slot for texts met before), the
    // second's middle character in no other text: it is read, not taken for the first (2 more glyphs).
    ws.orders[0].service_type_name = '鳝鳝蝈';
    ws.orders[1].service_type_name = '鳝鲟蝈';
    const r = JSON.parse(await o.page.evaluate((t) => window.quotedesk.load(t), JSON.stringify(ws)));
    assert(r.ok, 'load: ' + JSON.stringify(r));
    await o.page.evaluate(() => window.quotedesk.navigate('renewals'));
    await waitFrames(o.page, (await st()).frames_drawn + 2);
    const waiting = (await st()).font;
    assert(waiting.placeholders === before.placeholders + 5 && waiting.fallback_loading >= 1,
      'no boxes while the fallback files load: ' + JSON.stringify(waiting));
    await screenshot(o.page, 'font-fallback-waiting');
    release();
    const t0 = Date.now();
    let after;
    for (;;) {
      after = (await st()).font;
      if (after.fallback_loading === 0 && after.placeholders === before.placeholders && (await st()).idle) break;
      if (Date.now() - t0 > 15000) throw new Error('the fallback glyphs never reached the atlas: ' + JSON.stringify(after));
      await o.page.waitForTimeout(50);
    }
    assert(after.fallback_glyphs === 5 && after.fallback_failed === 0 && after.rest_glyphs === 5, 'fallback: ' + JSON.stringify(after));
    // 對 in x1, 説 and 龘 in x3, 䶮 in x4, 𠮷 in x5: those four files only.
    assert(fetched.sort().join() === 'qd-cjk-x1.otf,qd-cjk-x3.otf,qd-cjk-x4.otf,qd-cjk-x5.otf', 'fetched: ' + fetched.join());
    await screenshot(o.page, 'font-fallback');
    await o.context.close();
    otherProblems.push(...o.problems);
  }],
  ['the standalone file opens from file:// and draws', async () => {
    const file = path.join(repo, 'dist/quotedesk-standalone.html');
    assert(fs.existsSync(file), 'no ' + file + ' (tools/dist.sh writes it)');
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const p = await c.newPage();
    const issues = [];
    p.on('console', (m) => { if (m.type() === 'error') issues.push('console error: ' + m.text()); });
    p.on('pageerror', (e) => issues.push('page error: ' + e.message));
    p.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) issues.push('request: ' + r.url()); });
    const url = pathToFileURL(file).href;
    await p.goto(url);
    await p.evaluate(() => window.quotedesk.ready.then(() => true));
    await waitFrames(p, 2);
    const s = JSON.parse(await p.evaluate(() => window.quotedesk.summary()));
    assert(s.account && s.account.name === sample.account.name, 'standalone summary: ' + JSON.stringify(s));
    const st = JSON.parse(await p.evaluate(() => window.quotedesk.state()));
    assert(st.font.glyphs > 100 && st.canvas.width === 2560, 'standalone state: ' + JSON.stringify(st));
    await screenshot(p, 'platform-standalone');
    const renew = JSON.parse(await p.evaluate(() => window.quotedesk.renew({ resources: [], months: 1 })));
    assert(renew, 'no answer');
    await c.close();
    assert(issues.length === 0, issues.join('\n'));
  }],
  ['the GL state the shell keeps (not asked of WebGL each frame) is WebGL\'s', async () => {
    // wasm/web/gl_state_shadow.h: viewport, scissor box and blend state, after the frames of a list
    // page (ImGui sets and restores them in every frame).
    await page.evaluate(() => window.quotedesk.navigate('renewals'));
    await settle();
    const check = JSON.parse(await page.evaluate(() => window.quotedesk.glShadowCheck()));
    assert(check.checked === 8 && check.mismatches.length === 0, JSON.stringify(check));
  }],
  ['the Content-Security-Policy is strict and requires Trusted Types: header, page and standalone file', async () => {
    const res = await fetch(server.url);
    const header = res.headers.get('content-security-policy') || '';
    const meta = (await res.text()).match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert(meta && meta[1] === header, 'served header and the page\'s policy differ:\n' + header + '\n' + (meta && meta[1]));
    const standalone = fs.readFileSync(path.join(repo, 'dist/quotedesk-standalone.html'), 'utf8')
      .match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert(standalone, 'the standalone file has no policy');
    for (const [where, policy, base] of [['served', header, "default-src 'self'"], ['standalone', standalone[1], "default-src 'none'"]]) {
      for (const d of [base, "object-src 'none'", "base-uri 'none'", "form-action 'none'", "require-trusted-types-for 'script'", 'trusted-types quotedesk'])
        assert(policy.split(/;\s*/).includes(d), `${where} policy lacks ${d}: ${policy}`);
      assert(!/'unsafe-(inline|eval)'|\*/.test(policy), `${where} policy allows inline script, eval or any host: ${policy}`);
    }
    // Enforced, not only declared: a string handed to a script sink is refused by the browser.
    const verdict = await page.evaluate(() => {
      try { document.createElement('script').src = 'evil.js'; return 'allowed'; } catch (e) { return e.name; }
    });
    assert(verdict === 'TypeError', 'a script URL from a plain string was ' + verdict);
    await page.waitForTimeout(100);  // the violation's console message, which this test caused on purpose
    for (let i = problems.length - 1; i >= 0; i--) if (/TrustedScriptURL/.test(problems[i])) problems.splice(i, 1);
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    const all = [...problems, ...otherProblems];
    assert(all.length === 0, all.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
