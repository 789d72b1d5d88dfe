// The browser test API gives the same JSON as the CLI for the same case (design.md §8): a renewal
// quote, an aligned renewal and a refund preview on the sample workspace, computed natively by
// `quotedesk` and in the page by the wasm core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repo, serve, launch, openPage, run, assert } from './harness.mjs';

const cli = path.join(repo, 'build/native/quotedesk');
const sample = path.join(repo, 'assets/sample-workspace.json');
const ws = JSON.parse(fs.readFileSync(sample, 'utf8'));

// The CLI's answer; refusals exit 3 but still print their JSON.
function quotedesk(args) {
  try {
    return execFileSync(cli, args, { encoding: 'utf8' }).trim();
  } catch (e) {
    if (e.status === 3 || e.status === 1) return String(e.stdout).trim();
    throw e;
  }
}

// A main resource in use with a monthly price, and one bought within five days, from the sample.
const mains = ws.resources.filter((r) => !r.main_resource_id && r.status === 'in_use');
const renewable = mains.find((r) => (ws.products.find((p) => p.product_id === r.product_id)?.prices || {}).month);
assert(renewable, 'the sample has no renewable main resource');

const server = await serve();
const browser = await launch();
const { page, problems } = await openPage(browser, server.url, { scale: 1 });

const failed = await run([
  ['renew 1 month: browser JSON = CLI JSON', async () => {
    const want = quotedesk(['renew', sample, '--resource', renewable.resource_id, '--months', '1', '--format', 'json']);
    const got = await page.evaluate((id) => window.quotedesk.renew({ resources: [id], months: 1 }), renewable.resource_id);
    assert(got === want, `browser:\n${got}\ncli:\n${want}`);
    assert(JSON.parse(got).total, 'no total in ' + got);
  }],
  ['renew to unified day 1: browser JSON = CLI JSON', async () => {
    const want = quotedesk(['renew', sample, '--resource', renewable.resource_id, '--months', '1', '--unified-day', '1', '--format', 'json']);
    const got = await page.evaluate((id) => window.quotedesk.renew({ resources: [id], months: 1, unified_day: 1 }), renewable.resource_id);
    assert(got === want, `browser:\n${got}\ncli:\n${want}`);
  }],
  ['refund preview of every main resource: browser JSON = CLI JSON', async () => {
    for (const r of mains) {
      const want = quotedesk(['refund', sample, '--resource', r.resource_id, '--format', 'json']);
      const got = await page.evaluate((id) => window.quotedesk.refund({ resources: [id] }), r.resource_id);
      assert(got === want, `${r.resource_id}: browser:\n${got}\ncli:\n${want}`);
    }
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
