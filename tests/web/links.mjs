// Addresses and history (docs/architecture.md §8, wasm/ui/view_address.h): a deep link to each page and
// tab, a filtered list and an order's details opens that view; Back and Forward step through the views
// a person clicked to; a search typed replaces the history entry instead of adding one per key; reload
// restores the view; the test API's navigate() updates the address; an order id the workspace does not
// have gives a notice and the list.
import { serve, launch, openPage, waitFrames, screenshot, run, assert, clickItem, typeInto, uiItems, settle } from './harness.mjs';

const server = await serve();
const browser = await launch();
let page, problems;

const state = async () => JSON.parse(await page.evaluate(() => window.quotedesk.state()));
// Lets the console draw until it is idle: tab switches take a frame or two, and the address follows.
async function quiet() {
  await waitFrames(page, (await state()).frames_drawn + 3);
  await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).idle, null, { timeout: 15000, polling: 20 });
}
const hash = () => page.evaluate(() => location.hash.slice(1));
const historyLength = () => page.evaluate(() => history.length);
// Opens an address like a link pasted into the address bar of the open page.
async function paste(address) {
  const before = (await state()).frames_drawn;
  await page.evaluate((a) => { location.hash = a; }, address);
  await settle(page, before);
  await quiet();
}

// Every page, and every tab of the pages with tabs: the address the view settles on is the link's.
const deepLinks = [
  'overview', 'pending-orders', 'renewals', 'renewals?tab=auto', 'renewals?tab=to_on_demand', 'renewals?tab=no_renew',
  'my-orders', 'unsubscribe', 'unsubscribe?tab=not_effective', 'unsubscribe?tab=periods', 'unsubscribe?tab=records',
  'unsubscribe?list=five_day', 'unsubscribe?list=blocked', 'unsubscribe?tab=periods&list=blocked', 'export-records',
  'quote-calculator?tab=purchase', 'settings',
];

let orderIds = [];

const failed = await run([
  ['a link opened in a new tab shows its view (renewals, 自动续费项, searched for "web")', async () => {
    ({ page, problems } = await openPage(browser, server.url + '#renewals?tab=auto&q=web'));
    await waitFrames(page, 1);
    await quiet();
    const s = await state();
    assert(s.page === 'renewals', 'page ' + s.page);
    assert(s.address === 'renewals?tab=auto&q=web', 'address ' + s.address);
    assert(await hash() === 'renewals?tab=auto&q=web', 'location.hash ' + await hash());
    const all = await uiItems(page, ['##search']);
    const search = all.items.find((it) => it.raw && it.raw.endsWith('##search'));
    assert(search, 'no search field');
    await screenshot(page, 'links-renewals-auto-web');
    const sample = await page.evaluate(() => fetch('sample-workspace.json').then((r) => r.json()));
    orderIds = sample.orders.map((o) => o.order_id);
    assert(orderIds.length > 3, 'sample orders: ' + orderIds.length);
  }],
  ['every page and tab has a link that opens it', async () => {
    for (const address of deepLinks) {
      await paste(address);
      const s = await state();
      assert(s.address === address, `link #${address} settled on #${s.address}`);
      assert(await hash() === address, `location.hash after #${address}: ${await hash()}`);
    }
  }],
  ['a malformed or unknown address opens the nearest valid view', async () => {
    for (const [address, opens] of [['nowhere?x=1', 'overview'], ['renewals?tab=nine&q=x', 'renewals?q=x'],
      ['my-orders?status=done', 'my-orders'], ['unsubscribe?q=%zz', 'unsubscribe']]) {
      await paste(address);
      const s = await state();
      assert(s.address === opens, `#${address} opened #${s.address}, expected #${opens}`);
      assert(await hash() === opens, `the address bar says #${await hash()} for #${address}`);
      assert(s.address_notice === '', 'a notice for a malformed address: ' + s.address_notice);
    }
  }],
  ['a filtered list and an order\'s details open from their links', async () => {
    const id = orderIds[1];
    await paste('my-orders?q=' + encodeURIComponent(id));
    let all = await uiItems(page);
    const shown = all.items.filter((it) => it.label && orderIds.includes(it.label) && it.vh > 0);
    assert(shown.length >= 1 && shown.every((it) => it.label.includes(id)), 'rows of the filtered list: ' + shown.map((it) => it.label).join(' '));
    await paste('my-orders?status=cancelled');
    assert((await state()).address === 'my-orders?status=cancelled', 'status filter: ' + (await state()).address);
    // Every kind of filter: choices, typed days, and names of the workspace (product types, regions),
    // which the lists learn only once built; a name the workspace does not have is left out.
    for (const [address, settles] of [
      ['my-orders?product=云硬盘&created=last_year', null],
      ['my-orders?created=custom&from=2024-03-01&to=2024-09-01', null],
      ['pending-orders?product=弹性云服务器', null],
      ['renewals?status=in_use&expiring=30&pending=hide&product=云硬盘&region=cn-north-4&packages=only', null],
      ['renewals?product=NoSuchProduct', 'renewals'],
      ['unsubscribe?product=云硬盘&region=cn-north-4&countdown=15', null],
      ['unsubscribe?region=xx-nowhere-1', 'unsubscribe'],
    ]) {
      await paste(address);
      const at = (await state()).address;
      assert(at === (settles || address), `#${address} settled on #${at}`);
      assert(decodeURIComponent(await hash()) === at, 'location.hash ' + await hash());
    }

    await paste('my-orders/' + encodeURIComponent(id));
    const s = await state();
    assert(s.address === 'my-orders/' + id, 'details address ' + s.address);
    all = await uiItems(page);
    // the details panel names the order (its id appears twice: the row and the panel's heading or field)
    await screenshot(page, 'links-order-details');
    assert(s.address_notice === '', 'notice for an order that exists: ' + s.address_notice);
  }],
  ['an order id that is not in the workspace gives a notice, not a crash', async () => {
    await paste('my-orders/CS-NOT-THERE-1');
    const s = await state();
    assert(s.page === 'my-orders', 'page ' + s.page);
    assert(s.address === 'my-orders', 'address ' + s.address);
    assert(s.address_notice.includes('CS-NOT-THERE-1'), 'notice: ' + JSON.stringify(s.address_notice));
    await screenshot(page, 'links-unknown-order');
  }],
  ['Back and Forward step through the views clicked to; a typed search replaces', async () => {
    await paste('renewals');   // the page keeps its filters across page switches: start from none
    await paste('my-orders');
    await paste('overview');
    const start = await historyLength();
    await clickItem(page, '续费管理');
    await quiet();
    assert(await hash() === 'renewals', 'after the navigation click: ' + await hash());
    await clickItem(page, /^自动续费项/);
    await quiet();
    assert(await hash() === 'renewals?tab=auto', 'after the tab click: ' + await hash());
    const beforeTyping = await historyLength();
    await typeInto(page, '##search', 'web');
    await quiet();
    assert(await hash() === 'renewals?tab=auto&q=web', 'after typing: ' + await hash());
    assert(await historyLength() === beforeTyping, `typing added ${await historyLength() - beforeTyping} history entries`);
    await clickItem(page, '我的订单');
    await quiet();
    assert(await hash() === 'my-orders', 'after 我的订单: ' + await hash());
    assert(await historyLength() === start + 3, `history grew by ${await historyLength() - start}, expected 3`);

    const back = async () => { const b = (await state()).frames_drawn; await page.goBack(); await settle(page, b); await quiet(); };
    const forward = async () => { const b = (await state()).frames_drawn; await page.goForward(); await settle(page, b); await quiet(); };
    await back();
    let s = await state();
    assert(s.page === 'renewals' && s.address === 'renewals?tab=auto&q=web', 'Back 1: ' + s.address);
    await back();
    s = await state();
    assert(s.address === 'renewals', 'Back 2: ' + s.address);
    await back();
    s = await state();
    assert(s.page === 'overview' && s.address === 'overview', 'Back 3: ' + s.address);
    await forward();
    await forward();
    s = await state();
    assert(s.address === 'renewals?tab=auto&q=web', 'Forward 2: ' + s.address);
    await screenshot(page, 'links-after-forward');
  }],
  ['an open dialog has an address: opened by a link, closed by Back, reopened by Forward', async () => {
    const modal = async () => (await uiItems(page)).windows.filter((w) => w.modal).map((w) => w.name);
    const id = 'CS25011316401M3QF';   // the sample's pending ECS order
    await paste('pending-orders?dialog=pay&ids=' + id);
    let s = await state();
    assert(s.address === 'pending-orders?dialog=pay&ids=' + id, 'pay link settled on ' + s.address);
    assert((await modal()).length === 1, 'modal windows after the pay link: ' + JSON.stringify(await modal()));
    await screenshot(page, 'links-pay-dialog');

    await paste('pending-orders');
    assert((await modal()).length === 0, 'a dialog stays open on the list\'s link: ' + JSON.stringify(await modal()));
    const start = await historyLength();
    await clickItem(page, '支付', { row: id });
    await quiet();
    assert(await hash() === 'pending-orders?dialog=pay&ids=' + id, 'after clicking 支付: ' + await hash());
    assert(await historyLength() === start + 1, 'opening the dialog did not add a history entry');
    let b = (await state()).frames_drawn;
    await page.goBack();
    await settle(page, b);
    await quiet();
    assert((await state()).address === 'pending-orders' && (await modal()).length === 0, 'Back did not close the dialog: ' + (await state()).address);
    b = (await state()).frames_drawn;
    await page.goForward();
    await settle(page, b);
    await quiet();
    assert((await modal()).length === 1, 'Forward did not reopen the dialog');

    // 续费管理's 续费 dialog and 云服务退订's refund dialog from their links
    await paste('renewals?dialog=renew&ids=2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18');
    s = await state();
    assert(s.address === 'renewals?dialog=renew&ids=2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18' && (await modal()).length === 1,
      'renew link: ' + s.address + ' ' + JSON.stringify(await modal()));
    await paste('unsubscribe?tab=periods&dialog=unsubscribe&ids=b7e10c4a-9d2f-4683-a5b1-0e7c3f9d2a86in01');
    s = await state();
    assert(s.address === 'unsubscribe?tab=periods&dialog=unsubscribe&ids=b7e10c4a-9d2f-4683-a5b1-0e7c3f9d2a86in01' && (await modal()).length === 1,
      'unsubscribe link: ' + s.address + ' ' + JSON.stringify(await modal()));
    await screenshot(page, 'links-unsubscribe-dialog');

    // ids the workspace does not have: a notice, no dialog
    await paste('renewals?dialog=renew&ids=no-such-instance');
    s = await state();
    assert(s.address === 'renewals' && (await modal()).length === 0, 'unknown ids: ' + s.address + ' ' + JSON.stringify(await modal()));
    assert(s.address_notice.includes('no-such-instance'), 'notice: ' + JSON.stringify(s.address_notice));
  }],
  ['reload restores the view', async () => {
    await paste('unsubscribe?tab=periods&list=blocked');
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    await waitFrames(page, 1);
    await quiet();
    const s = await state();
    assert(s.page === 'unsubscribe' && s.address === 'unsubscribe?tab=periods&list=blocked', 'after reload: ' + s.address);
    // names of the workspace chosen before the page has built its lists (a fresh page)
    await paste('renewals?product=云硬盘&region=cn-north-4');
    await page.reload();
    await page.evaluate(() => window.quotedesk.ready.then(() => true));
    await waitFrames(page, 1);
    await quiet();
    const r = await state();
    assert(r.address === 'renewals?product=云硬盘&region=cn-north-4', 'after reload: ' + r.address);
    await screenshot(page, 'links-renewals-product-region');
  }],
  ['the test API\'s navigate goes through the address and the history', async () => {
    const before = await historyLength();
    const r = JSON.parse(await page.evaluate(() => window.quotedesk.navigate('renewals?tab=no_renew&status=expired')));
    assert(r.page === 'renewals' && r.address === 'renewals?tab=no_renew&status=expired', 'answer ' + JSON.stringify(r));
    await quiet();
    assert(await hash() === 'renewals?tab=no_renew&status=expired', 'location.hash ' + await hash());
    assert(await historyLength() === before + 1, `history grew by ${await historyLength() - before}`);
    JSON.parse(await page.evaluate(() => window.quotedesk.navigate('settings')));
    await quiet();
    assert(await hash() === 'settings', 'location.hash ' + await hash());
    const back = (await state()).frames_drawn;
    await page.goBack();
    await settle(page, back);
    await quiet();
    assert((await state()).address === 'renewals?tab=no_renew&status=expired', 'Back after navigate: ' + (await state()).address);
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
