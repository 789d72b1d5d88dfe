// Every width people use (#18 point 6, docs/architecture.md §8): at 1280×720 and 1366×768, in Chinese
// and in English, each page is drawn (screenshots in build/screens/) and every row's action buttons lie
// wholly inside their table's visible rectangle: no column is clipped (ui/widgets.h BeginListTable sizes
// the columns from their content and scrolls sideways when they need more than there is).
import fs from 'node:fs';
import path from 'node:path';
import { repo, serve, launch, openPage, waitFrames, run, assert, uiItems, settle, clickItem } from './harness.mjs';

const server = await serve();
const browser = await launch();
const screens = path.join(repo, 'build', 'screens');
fs.mkdirSync(screens, { recursive: true });

// The views with a list, the table's id and the labels of its rows' action buttons (both languages).
const views = [
  { address: 'pending-orders', table: '##orders', actions: ['支付', '取消', '详情', 'Pay', 'Cancel', 'Details'] },
  { address: 'renewals', table: '##renewals', actions: ['续费', '更多', '设为自动续费', 'Renew', 'More', 'Set auto-renew'] },
  { address: 'renewals?tab=auto', table: '##renewals', actions: ['续费', '更多', '修改自动续费', 'Renew', 'More', 'Modify auto-renew'] },
  { address: 'my-orders', table: '##orders', actions: ['支付', '取消', '详情', 'Pay', 'Cancel', 'Details'] },
  { address: 'unsubscribe', table: '##uns-resources', actions: ['退订资源', 'Unsubscribe'] },
  { address: 'unsubscribe?tab=not_effective', table: '##uns-resources', actions: ['退订资源', 'Unsubscribe'] },
  { address: 'unsubscribe?tab=periods', table: '##uns-resources', actions: ['退订续费周期', 'Renewal periods'] },
  { address: 'unsubscribe?tab=records', table: '##uns-records', actions: ['详情', 'Details'] },
  { address: 'export-records', table: '##export-records', actions: ['下载', 'Download'] },
  { address: 'overview' }, { address: 'quote-calculator' }, { address: 'settings' },
];

const sizes = [[1280, 720], [1366, 768]];
const cases = [];
for (const [width, height] of sizes) {
  for (const lang of ['zh', 'en']) {
    cases.push([`${width}×${height} ${lang}: every row's actions inside its table`, async () => {
      const { page, context, problems } = await openPage(browser, server.url, { width, height, scale: 1 });
      try {
        await page.evaluate((l) => window.quotedesk.setLanguage(l), lang);
        const report = [];
        let checked = 0;
        for (const v of views) {
          await page.evaluate((a) => window.quotedesk.navigate(a), v.address);
          const s = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
          await waitFrames(page, s.frames_drawn + 4);
          await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).idle, null, { timeout: 15000, polling: 20 });
          const name = `${v.address.replace(/[^\w]+/g, '-')}-${lang}-${width}x${height}`;
          await page.screenshot({ path: path.join(screens, name + '.png') });
          if (!v.table) continue;
          const all = await uiItems(page);
          const table = all.windows.filter((w) => w.name.includes(v.table)).sort((a, b) => b.name.length - a.name.length)[0];
          if (!table) { report.push(`${v.address}: no table (empty list?)`); continue; }
          const buttons = all.items.filter((it) => it.window === table.name && it.label !== null && v.actions.includes(it.label) && it.vh > 0);
          if (v.address !== 'export-records') assert(buttons.length > 0, `${v.address} (${lang}, ${width}): no action button on screen in ${table.name}`);
          for (const b of buttons) {
            const inside = b.vw >= b.w - 1 && b.x >= table.x - 1 && b.x + b.w <= table.x + table.w + 1;
            if (!inside) report.push(`${v.address}: "${b.label}" at x ${b.x.toFixed(0)}..${(b.x + b.w).toFixed(0)} (visible ${b.vw.toFixed(0)} of ${b.w.toFixed(0)}), table ${table.x.toFixed(0)}..${(table.x + table.w).toFixed(0)}`);
            checked++;
          }
        }
        const clipped = report.filter((r) => !r.endsWith('(empty list?)'));
        assert(clipped.length === 0, 'clipped action buttons:\n     ' + clipped.join('\n     '));
        assert(checked > 20, 'only ' + checked + ' buttons checked');
        assert(problems.length === 0, problems.join('\n'));
        console.log(`     ${checked} action buttons inside their tables${report.length ? '; ' + report.join('; ') : ''}`);
      } finally {
        await context.close();
      }
    }]);
  }
}

// A long id cut to its column: the whole id in a tooltip on hover, and 复制 / Copy on right click puts
// the whole id on the clipboard (ui/widgets.h ElidedText).
cases.push(['1280×720 en: an elided id shows whole on hover and copies whole', async () => {
  const { page, context, problems } = await openPage(browser, server.url + '#unsubscribe?tab=periods', { width: 1280, height: 720, scale: 1 });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.evaluate(() => window.quotedesk.setLanguage('en'));
    await waitFrames(page, JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn + 3);
    const frames = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn;
    const sample = await page.evaluate(() => fetch('sample-workspace.json').then((r) => r.json()));
    const ids = new Set(sample.resources.map((r) => r.resource_id));
    const all = await uiItems(page, ['##id']);
    const cells = all.items.filter((it) => it.raw && it.raw.endsWith('##id') && it.window.includes('##uns-resources') && it.vh > 0);
    assert(cells.length > 0, 'no id cell in the table');
    let elided = null;
    for (const c of cells) {
      const before = await frames();
      await page.mouse.move(c.vx + c.vw / 2, c.vy + c.vh / 2);
      await settle(page, before);
      const now = await uiItems(page);
      if (now.windows.some((w) => w.name.startsWith('##Tooltip'))) { elided = c; break; }
    }
    assert(elided, 'no elided id shows a tooltip (' + cells.length + ' id cells)');
    await page.screenshot({ path: path.join(screens, 'elided-id-tooltip-en-1280x720.png') });
    const before = await frames();
    await page.mouse.click(elided.vx + elided.vw / 2, elided.vy + elided.vh / 2, { button: 'right' });
    await settle(page, before);
    await clickItem(page, 'Copy');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert(ids.has(copied), 'the clipboard has ' + JSON.stringify(copied) + ', not a whole resource id');
    assert(problems.length === 0, problems.join('\n'));
    console.log('     copied ' + copied);
  } finally {
    await context.close();
  }
}]);

const failed = await run(cases);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
