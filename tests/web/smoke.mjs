// Browser smoke test: the served page starts, draws in Chinese, answers the test API, goes idle,
// and never talks to anything but 127.0.0.1. Prints the time to first frame.
import { serve, launch, openPage, waitFrames, screenshot, run, assert } from './harness.mjs';

const server = await serve();
const browser = await launch();
let page, problems;

const failed = await run([
  ['page starts and draws a first frame', async () => {
    ({ page, problems } = await openPage(browser, server.url));
    await waitFrames(page, 1);
    await page.waitForFunction(() => window.quotedesk.timings.first_frame !== undefined, null, { polling: 50 });
    const timings = await page.evaluate(() => window.quotedesk.timings);
    const startup = JSON.parse(await page.evaluate(() => window.quotedesk.state())).startup;
    // The page's own marks (ms since navigation start; tests/web/bench_start.mjs runs it several times).
    console.log(`     first frame on screen ${timings.first_frame} ms after navigation start; ${JSON.stringify(timings)}; ${JSON.stringify(startup)}`);
  }],
  ['canvas is HiDPI (backing store = CSS size × devicePixelRatio)', async () => {
    const s = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    assert(s.canvas.device_pixel_ratio === 2, 'dpr ' + s.canvas.device_pixel_ratio);
    assert(s.canvas.width === 2560 && s.canvas.height === 1600, `canvas ${s.canvas.width}x${s.canvas.height}`);
    assert(s.font.glyphs > 100, 'font glyphs ' + s.font.glyphs);
    console.log(`     atlas ${s.font.atlas_width}x${s.font.atlas_height}, ${s.font.glyphs} glyphs, built in ${s.last_font_build_ms} ms; last frame ${s.last_frame_ms} ms`);
  }],
  ['summary() answers with the sample workspace', async () => {
    const summary = JSON.parse(await page.evaluate(() => window.quotedesk.summary()));
    assert(summary.format === 'quotedesk/1', 'summary: ' + JSON.stringify(summary));
    assert(summary.resources > 0 && summary.orders > 0, 'sample not loaded: ' + JSON.stringify(summary));
  }],
  ['every page opens (screenshots in build/screenshots)', async () => {
    for (const id of ['overview', 'pending-orders', 'renewals', 'my-orders', 'unsubscribe', 'export-records', 'quote-calculator', 'settings']) {
      const r = JSON.parse(await page.evaluate((p) => window.quotedesk.navigate(p), id));
      assert(r.page === id, 'navigate ' + id + ': ' + JSON.stringify(r));
      const s = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
      await waitFrames(page, s.frames_drawn + 1);
      await screenshot(page, 'page-' + id);
    }
    const unknown = JSON.parse(await page.evaluate(() => window.quotedesk.navigate('no"where')));
    assert(unknown.error && unknown.error.code === 'unknown_page' && unknown.error.message === 'no page called no"where',
      'navigate to an unknown page: ' + JSON.stringify(unknown));
    await page.evaluate(() => window.quotedesk.navigate('overview'));
    await page.evaluate(() => window.quotedesk.setLanguage('en'));
    await waitFrames(page, JSON.parse(await page.evaluate(() => window.quotedesk.state())).frames_drawn + 1);
    await screenshot(page, 'overview-en');
    await page.evaluate(() => window.quotedesk.setLanguage('zh'));
  }],
  ['idle page draws no frames', async () => {
    await page.mouse.move(300, 200);
    await page.waitForTimeout(1000);
    const a = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    await page.waitForTimeout(1500);
    const b = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    assert(a.idle && b.idle, 'not idle');
    assert(a.frames_drawn === b.frames_drawn, `drew ${b.frames_drawn - a.frames_drawn} frames while idle`);
  }],
  ['input wakes it up: a click on the navigation changes the page', async () => {
    const before = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    // The third entry of the left navigation (续费管理); positions in CSS pixels.
    await page.mouse.click(60, 168);
    // A loaded machine may take a few frames to see the click: wait for the page to change (bounded).
    await page.waitForFunction(() => JSON.parse(window.quotedesk.state()).page !== 'overview', null, { timeout: 10000 }).catch(() => {});
    const after = JSON.parse(await page.evaluate(() => window.quotedesk.state()));
    assert(after.frames_drawn > before.frames_drawn, 'no frame after a click');
    assert(after.page !== 'overview', 'click did not navigate: ' + after.page);
    await screenshot(page, 'after-click');
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
