// The printable quote sheet (docs/architecture.md §10, issue 18 point 3): the sheet the test API gives for
// renew / buy / refund arguments carries the same total and lines as renew / buy / refund; the console's
// 打印 / 导出 PDF buttons (renewal dialog, refund dialog) put it in the print area and open the print
// dialog; the page printed to PDF (Chromium's own print path, A4) reads back with the title, the
// reference, the resource, every line's amount and the total (pdftotext); data cannot inject markup.
// The PDFs and a PNG of each first page are left in build/screenshots/ to be looked at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  serve, launch, openPage, run, assert, settle, uiItems, clickItem, typeInto, pressKey, screenshot, shotDir,
} from './harness.mjs';

const server = await serve();
const browser = await launch();
let page, problems;

const api = (fn, ...args) => page.evaluate(({ fn, args }) => window.quotedesk[fn](...args), { fn, args });
const json = async (fn, ...args) => JSON.parse(await api(fn, ...args));
const state = async () => json('state');
const sample = JSON.parse(fs.readFileSync(new URL('../../assets/sample-workspace.json', import.meta.url), 'utf8'));
const R8 = sample.resources.find((r) => r.resource_name === 'ecs-淼-batch-04');
const R16 = sample.resources.find((r) => r.resource_name === 'evs-淼-new');
const yuan = (s) => { const [i, f] = s.replace('-', '').split('.'); return (s.startsWith('-') ? '-' : '') + '¥' + i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + f; };
fs.mkdirSync(shotDir, { recursive: true });

async function reset(lang = 'zh') {
  for (let i = 0; i < 5 && (await uiItems(page)).windows.some((w) => w.modal); i++) await pressKey(page, 'Escape');
  const before = (await state()).frames_drawn;
  assert(JSON.parse(await api('restoreSample')).ok, 'restoreSample');
  await settle(page, before);
  await api('setLanguage', lang);
  await page.evaluate(() => { document.getElementById('qd-print').replaceChildren(); window.__printed = []; });
}

// window.print is replaced by a recorder (headless Chromium has no dialog to show): what was asked,
// and the document's title at that moment (the PDF's default name).
async function recordPrints() {
  await page.evaluate(() => {
    window.__printed = [];
    window.print = () => window.__printed.push(document.title);
  });
}

// The page as Chromium prints it (print media, A4) -> its text, pages and size; PDF and PNG kept.
function readPdf(buffer, name) {
  const pdf = path.join(shotDir, name + '.pdf');
  fs.writeFileSync(pdf, buffer);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(shotDir, name)]);
  return { text, pages: Number(info.match(/Pages:\s+(\d+)/)[1]), size: info.match(/Page size:\s+(.*)/)[1] };
}
const printed = async (name) => readPdf(await page.pdf({ format: 'A4', printBackground: true }), name);
// pdftotext keeps the words but may set columns apart: compare without spaces.
const squeeze = (s) => s.replace(/\s+/g, '');

function checkA4(doc) {
  assert(/^595(\.\d+)? x 841(\.\d+)? pts \(A4\)$/.test(doc.size) || /\(A4\)/.test(doc.size), 'page size ' + doc.size);
}

({ page, problems } = await openPage(browser, server.url, { width: 1280, height: 800, scale: 1 }));
const failed = await run([
  ['quoteSheet(renew args): the sheet has renew()\'s total and every line amount; English labels are renew()\'s', async () => {
    await reset('en');
    const args = { resources: [R16.resource_id], months: 2 };
    const quote = await json('renew', args);
    const sheet = await json('quoteSheet', args, 'renew');
    assert(!sheet.error, 'quoteSheet: ' + JSON.stringify(sheet));
    assert(sheet.kind === 'renewal' && sheet.title === 'Renewal quote', sheet.kind + ' ' + sheet.title);
    assert(/^QD-R-\d{6}-[0-9A-F]{8}$/.test(sheet.reference), 'reference ' + sheet.reference);
    assert(sheet.total === quote.total, `total ${sheet.total} vs renew ${quote.total}`);
    assert(sheet.html.includes(`<td class="num">${yuan(quote.total)}</td></tr></tfoot>`) ||
      sheet.html.includes(`<tr class="qd-sheet-total"><th colspan="5">Total</th><td class="num">${yuan(quote.total)}</td>`),
    'the total row is not ' + yuan(quote.total));
    for (const item of quote.items)
      for (const line of item.lines)
        assert(sheet.html.includes(`${line.label}</td><td class="num">${yuan(line.amount)}</td>`), 'line missing: ' + line.label);
    // The same quote in Chinese: another language, the same reference and total.
    await api('setLanguage', 'zh');
    const zh = await json('quoteSheet', args, 'renew');
    assert(zh.reference === sheet.reference && zh.total === sheet.total, `zh ${zh.reference} ${zh.total}`);
    assert(zh.title === '续费报价单' && zh.html.includes('lang="zh-CN"'), zh.title);
    // Another duration: another reference.
    const one = await json('quoteSheet', { resources: [R16.resource_id], months: 1 }, 'renew');
    assert(one.reference !== sheet.reference, 'a 1-month quote has the 2-month reference');
  }],

  ['quoteSheet: alignment, purchase and refund kinds; malformed arguments answer an error', async () => {
    await reset('zh');
    const align = await json('quoteSheet', { resources: [R16.resource_id], unified_day: 1, align_only: true }, 'renew');
    assert(align.kind === 'alignment' && align.title === '统一到期日报价单' && align.reference.startsWith('QD-A-'), JSON.stringify(align).slice(0, 200));
    const buyArgs = { product: 'p-evs-ssd-40', months: 3, quantity: 2 };
    const buy = await json('buy', buyArgs);
    const bought = await json('quoteSheet', buyArgs, 'buy');
    assert(bought.kind === 'purchase' && bought.total === buy.total && bought.reference.startsWith('QD-P-'), JSON.stringify(bought).slice(0, 200));
    const refund = await json('refund', { resources: [R8.resource_id] });
    const sheet = await json('quoteSheet', { resources: [R8.resource_id] }, 'refund');
    assert(sheet.kind === 'refund' && sheet.total === refund.total && sheet.title === '退订退费说明', JSON.stringify(sheet).slice(0, 200));
    assert(sheet.html.includes(yuan(refund.total)), 'refund total ' + yuan(refund.total));
    for (const [args, kind, want] of [
      [{ resources: [R16.resource_id], fortnights: 2 }, 'renew', 'unknown argument "fortnights"'],
      [{ product: 'p-evs-ssd-40' }, 'buy', 'give months or years'],
      [{ resources: 'r1' }, 'refund', 'resources: expected an array of resource ids'],
      [{}, 'lease', 'kind: expected renew, buy or refund, got "lease"'],
    ]) {
      const answer = await json('quoteSheet', args, kind);
      assert(answer.error === want, `${kind} ${JSON.stringify(args)}: ${JSON.stringify(answer)}`);
    }
  }],

  ['续费 dialog: 打印 / 导出 PDF opens the print dialog; the A4 PDF reads back renew()\'s total, lines and reference', async () => {
    await reset('zh');
    await recordPrints();
    await clickItem(page, '续费管理', { window: '##nav' });
    await clickItem(page, /^手动续费项/);
    await typeInto(page, '##search', R16.resource_id.slice(-12));
    await clickItem(page, '续费');
    await clickItem(page, '2个月');
    await screenshot(page, 'sheet-renewal-dialog');
    await clickItem(page, '打印 / 导出 PDF');
    await page.waitForFunction(() => window.__printed.length === 1, null, { timeout: 15000 });
    const title = await page.evaluate(() => window.__printed[0]);
    const quote = await json('renew', { resources: [R16.resource_id], months: 2 });
    const sheet = await json('quoteSheet', { resources: [R16.resource_id], months: 2 }, 'renew');
    assert(title === sheet.reference, `printed as "${title}", the sheet is ${sheet.reference}`);
    const shown = await page.evaluate(() => document.querySelector('#qd-print .qd-sheet').textContent);
    assert(shown.startsWith('续费报价单') && shown.includes(R16.resource_id), 'print area: ' + shown.slice(0, 200));
    const pdf = await printed('sheet-renewal');
    checkA4(pdf);
    const text = squeeze(pdf.text);
    for (const want of ['续费报价单', sheet.reference, R16.resource_name, yuan(quote.total), '计算所依据的规则', '仅供内部审批参考'])
      assert(text.includes(squeeze(want)), `the PDF lacks "${want}"`);
    for (const item of quote.items) for (const line of item.lines) assert(text.includes(yuan(line.amount)), 'the PDF lacks the line ' + line.amount);
    assert(!text.includes('续费管理'), 'the console itself was printed');
    // The page goes on as before: the dialog is still open, nothing changed.
    assert((await uiItems(page)).windows.some((w) => w.modal), 'the renewal dialog closed');
  }],

  ['English: the purchase sheet printed through the API reads back in English with buy()\'s total', async () => {
    await reset('en');
    await recordPrints();
    const args = { product: 'p-evs-ssd-40', years: 1, quantity: 3 };
    const buy = await json('buy', args);
    const sheet = await json('quoteSheet', args, 'buy', { print: true });
    assert(sheet.title === 'New purchase quote', sheet.title);
    assert((await page.evaluate(() => window.__printed)).join() === sheet.reference, 'not printed as ' + sheet.reference);
    const pdf = await printed('sheet-purchase-en');
    checkA4(pdf);
    const text = squeeze(pdf.text);
    for (const want of ['New purchase quote', sheet.reference, yuan(buy.total), buy.items[0].lines[0].label, 'Rules in force', 'internal approval'])
      assert(text.includes(squeeze(want)), `the PDF lacks "${want}"`);
  }],

  ['退订 dialog: 打印 / 导出 PDF prints the refund statement with refund()\'s total', async () => {
    await reset('zh');
    await recordPrints();
    await clickItem(page, '云服务退订', { window: '##nav' });
    await typeInto(page, '##uns-search', R8.resource_id.slice(-12));
    await clickItem(page, '退订资源', { nth: -1 });
    await screenshot(page, 'sheet-refund-dialog');
    await clickItem(page, '打印 / 导出 PDF');
    await page.waitForFunction(() => window.__printed.length === 1, null, { timeout: 15000 });
    const refund = await json('refund', { resources: [R8.resource_id] });
    const pdf = await printed('sheet-refund');
    checkA4(pdf);
    const text = squeeze(pdf.text);
    for (const want of ['退订退费说明', R8.resource_id, '实际退款', yuan(refund.total), '退还现金账户', '计算所依据的规则'])
      assert(text.includes(squeeze(want)), `the PDF lacks "${want}"`);
  }],

  ['data cannot inject markup: names with tags print as text; nothing runs', async () => {
    await reset('zh');
    await recordPrints();
    const ws = JSON.parse(JSON.stringify(sample));
    const r = ws.resources.find((x) => x.resource_id === R16.resource_id);
    r.resource_name = '<img src=x onerror="window.__pwned=1">&<b>';
    ws.account.name = '<script>window.__pwned=2</script>';
    const opened = JSON.parse(await api('load', JSON.stringify(ws), 'hostile.json'));
    assert(opened.ok, 'load: ' + JSON.stringify(opened).slice(0, 300));
    const sheet = await json('quoteSheet', { resources: [R16.resource_id], months: 1 }, 'renew', { print: true });
    assert(!sheet.error, JSON.stringify(sheet));
    assert(!/<img|<script|<b>/.test(sheet.html), 'markup in the sheet');
    const area = await page.evaluate(() => {
      const p = document.getElementById('qd-print');
      return { text: p.textContent, tags: [...p.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()), pwned: window.__pwned };
    });
    assert(area.pwned === undefined, 'something ran');
    assert(!area.tags.some((t) => ['img', 'script', 'b'].includes(t)), 'tags: ' + area.tags.join(','));
    assert(area.text.includes('<img src=x onerror="window.__pwned=1">&<b>') && area.text.includes('<script>'), 'the names are not shown as text');
    const pdf = await printed('sheet-escaped');
    assert(squeeze(pdf.text).includes(squeeze('<img src=x')), 'the PDF lacks the name as text');
  }],

  ['no console errors, no page errors, no requests outside the page', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
], {
  onFail: async () => { console.log('problems:', problems); },
});

await browser.close();
server.close();
process.exit(failed ? 1 : 0);
