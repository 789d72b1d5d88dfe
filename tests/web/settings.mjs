// 设置 > 计费规则 in words (docs/rules.md §6) and the keyboard shortcuts dialog: a number rule is changed
// with the keyboard, a value just outside its range is refused at the field with the reason, and the
// quote follows the rule; `?` shows every shortcut (and is text in a text field). Screenshots: build/screenshots/settings-rules-*.png.
import { serve, launch, openPage, waitFrames, screenshot, run, assert, uiItems, findItem, waitItem, typeInto, pressKey,
  settle } from './harness.mjs';

const server = await serve();
const browser = await launch();
let page, problems;
const fiveDay = '3a5f9c0e-2d8b-4e67-9b14-e6a0d3f7c2b9';  // the sample's resource inside the five-day window
const refund = async () => JSON.parse(await page.evaluate((r) => window.quotedesk.refund(JSON.stringify({ resources: [r] })), fiveDay));
const frames = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn;

// Scrolls the settings page with the wheel until the rule table's first field is on screen.
async function showRules() {
  for (let i = 0; i < 20; i++) {
    const it = await findItem(page, '##rule-zone');
    if (it.vh > 0 && it.vy < 300) return;
    const before = await frames();
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, 200);
    await settle(page, before);
  }
  throw new Error('the rule table did not come into view');
}

const failed = await run([
  ['the rule page shows every rule with a control of its kind (Chinese)', async () => {
    ({ page, problems } = await openPage(browser, server.url, { width: 1280, height: 800 }));
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await waitFrames(page, (await frames()) + 1);
    await showRules();
    for (const key of ['zone', 'expiry_clock', 'five_day_window_hours', 'grace_days', 'day_price', 'large_refund_warning'])
      await findItem(page, '##rule-' + key);
    await findItem(page, '##fee-add');   // the fee table's grid: add a term, and a year of use per term
    await findItem(page, '+ 年', { nth: 3 });
    await screenshot(page, 'settings-rules-zh');
  }],
  ['a number rule typed with the keyboard: 8761 hours is refused with the reason, 1 hour changes the quote', async () => {
    const before = await refund();
    assert(before.items[0].scenario === 'five_day' && before.total === '63.00', 'before: ' + JSON.stringify(before));
    await typeInto(page, '##rule-five_day_window_hours', '8761');
    await pressKey(page, 'Enter');
    const refusal = await waitItem(page, /^未接受：须为 1 至 8760 之间的整数/);
    assert(refusal.label.includes('expected an integer 1..8760, got 8761'), 'refusal: ' + refusal.label);
    const still = await refund();
    assert(still.items[0].scenario === 'five_day', 'a refused value changed the quote: ' + JSON.stringify(still));
    await screenshot(page, 'settings-rules-refused');
    await typeInto(page, '##rule-five_day_window_hours', '1');
    await pressKey(page, 'Enter');
    const after = await refund();
    assert(after.items[0].scenario === 'standard' && after.total !== before.total, 'after: ' + JSON.stringify(after));
    const items = await uiItems(page);
    assert(!items.items.some((it) => it.label && it.label.startsWith('未接受')), 'the refusal stayed after a good value');
    await findItem(page, '恢复默认', { nth: 1 });   // the rule's own reset, beside its default
  }],
  ['the rule page in English', async () => {
    await page.evaluate(() => window.quotedesk.setLanguage('en'));
    await waitFrames(page, (await frames()) + 1);
    await findItem(page, '+ year', { nth: 3 });
    await screenshot(page, 'settings-rules-en');
    await page.evaluate(() => window.quotedesk.setLanguage('zh'));
    await waitFrames(page, (await frames()) + 1);
  }],
  ['the fee table grid: 101% is refused at the grid, 0% for monthly terms changes a standard refund', async () => {
    const monthly = 'c41f8e27-6b0d-4a95-b3e2-8f1a7c64d920';   // the sample's monthly resource, fee 10% = 7.00
    const quote = async () => JSON.parse(await page.evaluate((r) => window.quotedesk.refund(JSON.stringify({ resources: [r] })), monthly));
    const before = await quote();
    assert(before.items[0].scenario === 'standard' && before.items[0].fee === '7.00' && before.total === '39.48', 'before: ' + JSON.stringify(before));
    await typeInto(page, '##cell', '101', { nth: 0 });   // 按月, 第 1 年
    await pressKey(page, 'Enter');
    const refusal = await waitItem(page, /^未接受：每格须为 0 至 100 之间的整数百分比/);
    assert(refusal.label.includes('fee_table "month": expected an integer 0..100, got 101'), 'refusal: ' + refusal.label);
    assert((await quote()).total === '39.48', 'a refused table changed the quote');
    await typeInto(page, '##cell', '0', { nth: 0 });
    await pressKey(page, 'Enter');
    const after = await quote();
    assert(after.items[0].fee === '0.00' && after.total === '46.48', 'after: ' + JSON.stringify(after));
  }],
  ['? shows every shortcut of the console in a dialog; Esc closes it', async () => {
    await page.evaluate(() => window.quotedesk.navigate('overview'));
    await waitFrames(page, (await frames()) + 1);
    await pressKey(page, '?');
    await waitItem(page, 'Ctrl+O', { window: 'shortcuts' });
    const keys = ['?（Shift+/）', 'Ctrl+O', 'Ctrl+S', 'Ctrl+Z', 'Ctrl+Shift+Z / Ctrl+Y', '方向键', '空格', 'Enter', 'Tab / Shift+Tab',
      'PageUp / PageDown', 'Esc', 'Ctrl+A', 'Ctrl+C / Ctrl+X / Ctrl+V', 'Ctrl+Z / Ctrl+Y', 'Home / End'];
    const shown = (await uiItems(page)).items.filter((it) => it.window.includes('shortcuts') && it.label !== null);
    for (const k of keys) assert(shown.some((it) => it.label === k), 'no shortcut ' + k + ' in ' + shown.map((it) => it.label).join(', '));
    assert(shown.filter((it) => it.label === 'Enter').length === 2 && shown.filter((it) => it.label === 'Esc').length === 2,
      'Enter and Esc: once for navigation or text, once for dialogs');
    await findItem(page, '关闭', { window: 'shortcuts' });
    await screenshot(page, 'shortcuts-zh');
    await pressKey(page, 'Escape');
    const after = (await uiItems(page)).items.filter((it) => it.window.includes('shortcuts'));
    assert(after.length === 0, 'the dialog stayed after Esc');
  }],
  ['? typed into a text field is text, not the dialog', async () => {
    await page.evaluate(() => window.quotedesk.navigate('settings'));
    await waitFrames(page, (await frames()) + 1);
    await typeInto(page, '##asof', 'a?');
    const s = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    assert(s.text_input.wanted && s.text_input.text === 'a?', 'text field: ' + JSON.stringify(s.text_input));
    assert(!(await uiItems(page)).items.some((it) => it.window.includes('shortcuts')), 'the dialog opened while typing');
    await pressKey(page, 'Escape');   // leaves the field, dropping the edit
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
