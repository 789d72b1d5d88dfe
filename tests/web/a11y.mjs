// The accessibility mirror of the canvas (docs/architecture.md §9, site/a11y.js, wasm/web/a11y_mirror.h):
// the browser's accessibility tree (playwright's ariaSnapshot) lists each page's navigation, tabs,
// buttons and table cells with the sample's texts, in Chinese and in English; a dialog is a dialog
// with its title; and a renewal (seed 4.2.1) and an unsubscription (seed 4.4) are done with the
// keyboard alone: Tab to an element of the mirror, Enter or Space to press it, typing into the
// console's text fields. No mouse event is sent in this file.
import fs from 'node:fs';
import { serve, launch, openPage, waitFrames, screenshot, run, assert, settle } from './harness.mjs';

const server = await serve();
const browser = await launch();
let page, problems;

const state = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state()));
const sample = JSON.parse(fs.readFileSync(new URL('../../assets/sample-workspace.json', import.meta.url), 'utf8'));
const resourceNamed = (ws, name) => ws.resources.find((r) => r.resource_name === name);
const R8 = resourceNamed(sample, 'ecs-淼-batch-04');
const R16 = resourceNamed(sample, 'evs-淼-new');

// The mirror once the console is idle (the last frame's description is in the DOM).
async function snapshot() {
  await settle(page, (await state()).frames_drawn - 1);
  return page.locator('#qd-a11y').ariaSnapshot();
}
async function show(pageId) {
  const before = (await state()).frames_drawn;
  const r = JSON.parse(await page.evaluate((p) => window.quotedesk.navigate(p), pageId));
  assert(r.page === pageId, 'navigate ' + pageId + ': ' + JSON.stringify(r));
  await settle(page, before);
  await waitFrames(page, (await state()).frames_drawn + 2);
}
const has = (snap, line, what) => assert(line instanceof RegExp ? line.test(snap) : snap.includes(line),
  `${what}: no ${line instanceof RegExp ? line : JSON.stringify(line)} in\n${snap.slice(0, 3000)}`);

// ---- keyboard only ----------------------------------------------------------------------------------
// What has the DOM focus: its role, name and the dialog it is in.
const focused = () => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || !a.closest('#qd-a11y')) return { inMirror: false, tag: a ? a.tagName : null };
  const dialog = a.closest('[role=dialog]');
  return {
    inMirror: true, tag: a.tagName, type: a.type || null, role: a.getAttribute('role'), name: a.getAttribute('aria-label') || a.textContent,
    checked: a.checked, region: a.closest('header,nav,main,[role=dialog],[role=region],[role=group]')?.tagName.toLowerCase(),
    dialog: dialog ? dialog.getAttribute('aria-label') : null, row: a.closest('tr') ? a.closest('tr').textContent : null,
  };
});
async function press(key) {
  const before = (await state()).frames_drawn;
  await page.keyboard.press(key);
  await settle(page, before).catch(() => {});   // a key the console ignores draws no frame
}
// Tab (at most `limit` times) until the focused element is the one wanted; Tab wraps through the page.
async function tabTo(want, what, limit = 160) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    const f = await focused();
    if (f.inMirror && want(f)) return f;
    seen.push(f.inMirror ? `${f.role || f.tag}:${f.name}` : '(outside)');
    await press('Tab');
  }
  throw new Error(`Tab did not reach ${what}; met ${seen.slice(-60).join(' | ')}`);
}
const named = (name) => (f) => f.name === name;
async function waitDialog(title, open = true) {
  const end = Date.now() + 15000;
  for (;;) {
    const n = await page.locator(`#qd-a11y [role=dialog][aria-label^="${title}"]`).count();
    if ((n > 0) === open) return;
    if (Date.now() > end) throw new Error(`dialog ${title} did not ${open ? 'open' : 'close'}`);
    await page.waitForTimeout(50);
  }
}
async function savedWorkspace() {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.keyboard.press('Control+s')]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
}
// Types into the console's text field that has the focus in the mirror: Enter starts editing, the
// IME textarea takes the keys, Enter ends the edit and the field's element has the focus again.
async function typeHere(text) {
  await press('Enter');
  await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).text_input.wanted, null, { timeout: 10000, polling: 20 });
  await press('Control+a');
  await press('Backspace');
  await page.keyboard.type(text);
  await page.waitForFunction((t) => JSON.parse(window.quotedesk.state()).text_input.text === t, text, { timeout: 10000, polling: 20 });
  await press('Enter');
  await page.waitForFunction(() => !JSON.parse(window.quotedesk.state()).text_input.wanted, null, { timeout: 10000, polling: 20 });
  const f = await focused();
  assert(f.inMirror && f.tag === 'INPUT', 'after typing, the focus is not on the field: ' + JSON.stringify(f));
}

const failed = await run([
  ['open the console: the mirror exists and costs little per frame', async () => {
    ({ page, problems } = await openPage(browser, server.url, { scale: 1 }));
    page.on('dialog', () => {});
    await show('overview');
    const s = await state();
    assert(s.a11y && s.a11y.frames > 0 && s.a11y.updates > 0, 'the mirror was never described: ' + JSON.stringify(s.a11y));
    console.log(`     mirror: ${s.a11y.updates} descriptions in ${s.a11y.frames} frames, last ${s.a11y.last_ms} ms, ${s.a11y.bytes} bytes`);
  }],

  ['the DOM is rebuilt only when what the frame shows changed (a hover is not a change, a page is), the menu kept', async () => {
    await show('renewals');
    const builds = () => page.evaluate(() => window.qdA11y.builds);
    const before = await builds();
    const s0 = await state();
    // The pointer over the navigation's entries: each hover draws frames, none changes the description.
    for (const y of [150, 180, 215, 250]) {
      const f = (await state()).frames_drawn;
      await page.mouse.move(60, y);
      await settle(page, f);
    }
    const s1 = await state();
    assert(s1.frames_drawn > s0.frames_drawn, 'the hovers drew no frame');
    assert(await builds() === before, `hovers rebuilt the mirror ${(await builds()) - before} times in ${s1.frames_drawn - s0.frames_drawn} frames`);
    await page.evaluate(() => { document.querySelector('#qd-a11y nav').dataset.mark = 'kept'; });
    await show('my-orders');
    assert(await builds() > before, 'another page did not rebuild the mirror');
    // The menu is described as before: its elements stay (a reader's place in it survives).
    assert(await page.evaluate(() => document.querySelector('#qd-a11y nav').dataset.mark === 'kept'), 'the navigation was rebuilt with the page');
    await page.mouse.move(5, 795);
  }],

  ['every page lists its navigation, heading, tabs, buttons and table cells (中文)', async () => {
    const pages = {
      overview: ['heading "概览"'],
      'pending-orders': ['heading "待支付订单"', /gridcell "[^"]*CS25011316401M3QF/, /gridcell "[^"]*¥219\.40/, 'button "合并支付"'],
      renewals: ['heading "续费管理"', 'tablist', 'tab "手动续费项', /columnheader "实例名称\/ID/, new RegExp('gridcell "' + R16.resource_name), 'button "续费"',
        /gridcell "2025\/02\/12 23:59:59 GMT\+08:00"/],
      'my-orders': ['heading "我的订单"', 'columnheader'],
      unsubscribe: ['heading "云服务退订"', 'tab ', 'button "退订资源"'],
      'export-records': ['heading "导出记录"'],
      'quote-calculator': ['heading "报价计算器"'],
      settings: ['heading "设置"', 'button "恢复示例数据"', 'textbox'],
    };
    for (const [id, lines] of Object.entries(pages)) {
      await show(id);
      const snap = await snapshot();
      fs.mkdirSync('build/a11y', { recursive: true });
      fs.writeFileSync(`build/a11y/${id}-zh.yaml`, snap);
      has(snap, 'navigation:', id);
      for (const n of ['概览', '待支付订单', '续费管理', '我的订单', '云服务退订', '设置']) has(snap, `button "${n}"`, id + ' navigation');
      has(snap, 'main:', id);
      for (const l of lines) has(snap, l, id);
    }
    // The selected tab is marked; a ticked checkbox is checked.
    await show('renewals');
    const snap = await snapshot();
    assert(/tab "[^"]+" \[selected\]/.test(snap), 'no selected tab on 续费管理:\n' + snap.slice(0, 2000));
  }],

  ['after the English switch the mirror speaks English', async () => {
    await page.evaluate(() => window.quotedesk.setLanguage('en'));
    await show('renewals');
    const snap = await snapshot();
    fs.writeFileSync('build/a11y/renewals-en.yaml', snap);
    for (const n of ['Overview', 'Pending Orders', 'Renewals', 'My Orders', 'Unsubscribe', 'Settings']) has(snap, `button "${n}"`, 'en navigation');
    has(snap, 'heading "Renewals"', 'en');
    has(snap, new RegExp('gridcell "' + R16.resource_name), 'en');
    // A combo is named by the caption beside it; an empty field's hint is its placeholder, not a value.
    has(snap, 'button "Expiry: All"', 'en combo');
    has(snap, /textbox "ID \/ name/, 'en search field named by its hint');
    assert(!/textbox: ID \/ name/.test(snap), 'the search field\'s hint is read as its value');
    assert(!snap.includes('续费管理'), 'Chinese left after the switch');
    await page.evaluate(() => window.quotedesk.setLanguage('zh'));
    await show('overview');
  }],

  ['ImGui\'s keyboard navigation moves the DOM focus (arrows), and back (Tab)', async () => {
    await page.locator('body').focus();
    await tabTo((f) => f.region === 'nav' && f.name === '概览', 'the navigation');
    const a = (await state()).a11y.nav_id;
    const idA = await page.evaluate(() => Number(document.activeElement.dataset.id));
    assert(a === idA, `Tab to 概览: ImGui's navigation item ${a}, the focused element ${idA}`);
    await press('ArrowDown');
    const f = await focused();
    const idB = await page.evaluate(() => Number(document.activeElement.dataset.id));
    assert(f.inMirror && f.name === '待支付订单' && idB === (await state()).a11y.nav_id, 'ArrowDown: focus on ' + JSON.stringify(f));
  }],

  ['a long list: the arrows scroll it (ImGui\'s navigation) and the DOM focus follows into rows not drawn before', async () => {
    // Setup through the test API: the sample with 300 more resources, so that 续费管理 lists more rows
    // than its clipper draws.
    const long = JSON.parse(JSON.stringify(sample));
    for (let i = 0; i < 300; i++)
      long.resources.push({ ...R16, resource_id: R16.resource_id.slice(0, -4) + String(i).padStart(4, '0'), resource_name: 'evs-long-' + String(i).padStart(3, '0'), periods: [] });
    const loaded = JSON.parse(await page.evaluate((t) => window.quotedesk.load(t, 'long.json'), JSON.stringify(long)));
    assert(loaded.ok, 'the long workspace did not open: ' + JSON.stringify(loaded).slice(0, 300));
    await show('renewals');
    const rowsShown = () => page.evaluate(() => [...document.querySelectorAll('#qd-a11y main [role=row]')].map((r) => r.textContent));
    const before = await rowsShown();
    assert(before.length > 3 && before.length < 200, `the mirror lists ${before.length} rows of 316: the clipper's visible ones expected`);
    await tabTo((f) => f.name === '续费' && f.row, 'a row\'s 续费');
    for (let i = 0; i < 40; i++) await press('ArrowDown');
    const f = await focused();
    const id = await page.evaluate(() => Number(document.activeElement.dataset.id));
    assert(f.inMirror && f.row, 'after the arrows the focus is not on a row: ' + JSON.stringify(f));
    assert(id === (await state()).a11y.nav_id, `the focused element ${id} is not ImGui's navigation item ${(await state()).a11y.nav_id}`);
    assert(!before.includes(f.row), 'the focused row was already drawn before the arrows: ' + f.row);
    const back = JSON.parse(await page.evaluate(() => window.quotedesk.restoreSample()));
    assert(back.ok, 'restoreSample: ' + JSON.stringify(back));
    await show('overview');
  }],

  ['keyboard only: 续费管理 -> 续费 -> 2个月 -> 去支付 -> 确认付款 (seed 4.2.1)', async () => {
    const start = JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint()));
    await tabTo((f) => f.region === 'nav' && f.name === '续费管理', '续费管理');
    await press('Enter');
    assert((await state()).page === 'renewals', 'Enter on 续费管理 did not open the page: ' + (await state()).page);
    await tabTo((f) => f.role === 'tab' && f.name.startsWith('手动续费项'), 'the tab 手动续费项');
    await press('Enter');
    await tabTo((f) => f.region === 'main' && f.tag === 'INPUT' && f.type === 'text', 'the search field');
    await typeHere(R16.resource_id.slice(-12));
    // A greyed button is read (and reached) but cannot be pressed: nothing is ticked yet.
    await tabTo((f) => f.name === '批量续费', '批量续费');
    assert(await page.evaluate(() => document.activeElement.getAttribute('aria-disabled')) === 'true', '批量续费 is not marked disabled');
    await press('Enter');
    await waitFrames(page, (await state()).frames_drawn + 2);
    assert(await page.locator('#qd-a11y [role=dialog]').count() === 0, 'Enter on the greyed 批量续费 opened a dialog');
    await tabTo((f) => f.name === '续费' && f.row && f.row.includes(R16.resource_name), 'the row\'s 续费');
    await press('Enter');
    await waitDialog('续费');
    const snap = await snapshot();
    assert(/dialog "续费[^"]*"/.test(snap), 'the renewal dialog is not a dialog with its title:\n' + snap.slice(0, 2000));
    fs.writeFileSync('build/a11y/renewal-dialog-zh.yaml', snap);
    assert((await focused()).dialog, 'the focus did not move into the dialog: ' + JSON.stringify(await focused()));
    await tabTo((f) => f.dialog && f.name === '2个月', '2个月');
    await press('Enter');
    await tabTo((f) => f.dialog && f.name === '去支付', '去支付');
    await screenshot(page, 'a11y-renewal-quote');
    await press('Enter');
    await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).page === 'pending-orders', null, { timeout: 10000 });
    await tabTo((f) => f.dialog && f.name === '确认付款', '确认付款');
    await press('Enter');
    await tabTo((f) => f.dialog && f.name === '确定', '确定');
    await press('Enter');
    const ws = await savedWorkspace();
    const r = ws.resources.find((x) => x.resource_id === R16.resource_id);
    assert(r.expire_time.startsWith('2025-04-12'), 'R16 expires ' + r.expire_time + ' (sample ' + R16.expire_time + ')');
    assert(JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint())).fnv1a !== start.fnv1a, 'the workspace did not change');
  }],

  ['keyboard only: 云服务退订 -> 退订资源 -> reason -> 退订 -> 退订 -> 关闭 (seed 4.4)', async () => {
    const orders = (await savedWorkspace()).orders.length;
    await tabTo((f) => f.region === 'nav' && f.name === '云服务退订', '云服务退订');
    await press('Enter');
    assert((await state()).page === 'unsubscribe', 'Enter on 云服务退订 did not open the page');
    await tabTo((f) => f.region === 'main' && f.tag === 'INPUT' && f.type === 'text', 'the search field');
    await typeHere(R8.resource_id.slice(-12));
    await tabTo((f) => f.name === '退订资源' && f.row && f.row.includes(R8.resource_name), 'the row\'s 退订资源');
    await press('Enter');
    await tabTo((f) => f.dialog && f.name === '购买时选错参数', 'the reason');
    await press('Space');
    await tabTo((f) => f.dialog && f.name === '展开退款明细', '展开退款明细');
    await press('Enter');
    await tabTo((f) => f.dialog && f.type === 'checkbox' && !f.checked && f.name !== '购买时选错参数', 'the acknowledgement');
    await press('Space');
    await screenshot(page, 'a11y-unsubscribe-preview');
    await tabTo((f) => f.dialog && f.name === '退订', '退订');
    await press('Enter');
    await tabTo((f) => f.dialog && f.name === '暂不退订', 'the confirmation');
    await tabTo((f) => f.dialog && f.name === '退订', '退订 in the confirmation');
    await press('Enter');
    await tabTo((f) => f.dialog && f.name === '关闭', '关闭');
    await press('Enter');
    const ws = await savedWorkspace();
    assert(ws.orders.length > orders, `no unsubscription order (${orders} orders before, ${ws.orders.length} after)`);
  }],

  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
