// The browser test API gives the same JSON as the CLI for the same case (docs/architecture.md §3): renewal
// quotes (months, years, unified day 1 and month end, the align-only action, a refusal), refund
// previews (every in-use main resource, the renewal periods alone) and new purchase quotes (every
// product by the month and the year, refusals) on the sample workspace, computed
// natively by `quotedesk ... --format json` and in the page by the wasm core. The cases are built
// from the sample's data, not from expected numbers: the check is that the two faces agree byte for
// byte, and that each answer is a real quote (a total) or a named refusal.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repo, serve, launch, openPage, run, assert } from './harness.mjs';

const cli = path.join(repo, 'build/native/quotedesk');
const sample = path.join(repo, 'assets/sample-workspace.json');
const sampleText = fs.readFileSync(sample, 'utf8');
const ws = JSON.parse(sampleText);

// The CLI's answer; a refusal exits 3 but still prints its JSON.
function quotedesk(args) {
  try {
    return execFileSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    if (e.status === 3) return String(e.stdout).trim();
    throw new Error(`quotedesk ${args.join(' ')}: exit ${e.status}\n${e.stderr}`);
  }
}

const product = (r) => ws.products.find((p) => p.product_id === r.product_id) || {};
const pendingIds = new Set(ws.orders.filter((o) => o.status === 'pending_payment')
  .flatMap((o) => (o.items || []).map((i) => i.resource_id)));
const mains = ws.resources.filter((r) => !r.main_resource_id && r.status === 'in_use');
// Renewable: a manual / auto main with no pending order, a listed standard product with both prices.
const renewable = mains.filter((r) => ['manual', 'auto'].includes(r.renewal_policy) && !pendingIds.has(r.resource_id) &&
  !product(r).delisted && (product(r).kind || 'standard') === 'standard' && product(r).prices?.month && product(r).prices?.year);
assert(renewable.length >= 2, 'the sample has fewer than 2 renewable standard main resources');
const pending = mains.find((r) => pendingIds.has(r.resource_id));
assert(pending, 'the sample has no resource with a pending order');
// A main resource with a paid renewal period that has not started (for 退订续费周期).
const withUnusedRenewal = mains.find((r) => r.periods.some((p) => p.kind === 'renewal' && p.start > ws.as_of));
assert(withUnusedRenewal, 'the sample has no resource with an unused renewal period');

const one = renewable[0].resource_id;
const two = renewable.slice(0, 2).map((r) => r.resource_id);

// [name, CLI flags, browser arguments, what the answer must hold]
const renewCases = [
  ['1 month', ['--resource', one, '--months', '1'], { resources: [one], months: 1 }, 'total'],
  ['3 months, two resources', ['--resource', two.join(','), '--months', '3'], { resources: two, months: 3 }, 'total'],
  ['1 year', ['--resource', one, '--years', '1'], { resources: [one], years: 1 }, 'total'],
  ['2 years, two resources', ['--resource', two.join(','), '--years', '2'], { resources: two, years: 2 }, 'total'],
  ['1 month to unified day 1', ['--resource', one, '--months', '1', '--unified-day', '1'], { resources: [one], months: 1, unified_day: 1 }, 'total'],
  ['1 year to month end', ['--resource', two.join(','), '--years', '1', '--unified-day', 'last'], { resources: two, years: 1, unified_day: 'last' }, 'total'],
  ['default duration', ['--resource', two.join(',')], { resources: two }, 'total'],
  ['as of another time', ['--resource', one, '--months', '2', '--as-of', '2025-02-01T08:00:00+08:00'],
    { resources: [one], months: 2, as_of: '2025-02-01T08:00:00+08:00' }, 'total'],
  ['refused: pending order', ['--resource', pending.resource_id, '--months', '1'], { resources: [pending.resource_id], months: 1 }, 'refusals'],
];
const alignCases = [
  ['align to day 1', ['--resource', two.join(','), '--unified-day', '1'], { resources: two, unified_day: 1, align_only: true }, 'total'],
  ['align to month end', ['--resource', one, '--unified-day', 'last'], { resources: [one], unified_day: 'last', align_only: true }, 'total'],
  ['align to day 15', ['--resource', one, '--unified-day', '15'], { resources: [one], unified_day: 15, align_only: true }, 'total'],
];

// New purchase (seed 3.1, 3.3): every product of the sample's catalogue, by the month and the year.
const buyCases = ws.products.flatMap((p) => [
  [`${p.product_id} 1 month`, ['--product', p.product_id, '--months', '1'], { product: p.product_id, months: 1 }],
  [`${p.product_id} 1 year × 3`, ['--product', p.product_id, '--years', '1', '--quantity', '3'], { product: p.product_id, years: 1, quantity: 3 }],
]).concat([
  ['3 months × 2 as of another time', ['--product', 'p-evs-ssd-40', '--months', '3', '--quantity', '2', '--as-of', '2024-01-31T09:00:00+08:00'],
    { product: 'p-evs-ssd-40', months: 3, quantity: 2, as_of: '2024-01-31T09:00:00+08:00' }],
  ['refused: 10 months', ['--product', 'p-evs-ssd-40', '--months', '10'], { product: 'p-evs-ssd-40', months: 10 }],
  ['refused: quantity 101', ['--product', 'p-evs-ssd-40', '--months', '1', '--quantity', '101'], { product: 'p-evs-ssd-40', months: 1, quantity: 101 }],
]);

const server = await serve();
const browser = await launch();
const { page, problems } = await openPage(browser, server.url, { scale: 1 });
// The page opens the sample (or what browser storage holds): open the sample explicitly.
const opened = JSON.parse(await page.evaluate((text) => window.quotedesk.load(text, 'sample-workspace.json'), sampleText));
assert(opened.ok, 'the page did not open the sample: ' + JSON.stringify(opened));

async function same(what, cliArgs, browserCall, browserArgs, mustHave) {
  const want = quotedesk(cliArgs);
  const got = await page.evaluate(([fn, a]) => window.quotedesk[fn](a), [browserCall, browserArgs]);
  assert(got === want, `${what}: browser:\n${got}\ncli:\n${want}`);
  assert(mustHave in JSON.parse(got), `${what}: no ${mustHave} in ${got}`);
}

const failed = await run([
  ...renewCases.map(([name, flags, args, must]) => [`renew ${name}: browser JSON = CLI JSON`,
    () => same(name, ['renew', sample, ...flags, '--format', 'json'], 'renew', args, must)]),
  ...alignCases.map(([name, flags, args, must]) => [`${name} (align-only): browser JSON = CLI JSON`,
    () => same(name, ['align', sample, ...flags, '--format', 'json'], 'renew', args, must)]),
  [`refund preview of each of the ${mains.length} in-use main resources: browser JSON = CLI JSON`, async () => {
    for (const r of mains)
      await same(r.resource_id, ['refund', sample, '--resource', r.resource_id, '--format', 'json'], 'refund', { resources: [r.resource_id] }, 'as_of');
  }],
  ['refund preview of all in-use main resources at once: browser JSON = CLI JSON', async () => {
    const ids = mains.map((r) => r.resource_id);
    await same('all', ['refund', sample, '--resource', ids.join(','), '--format', 'json'], 'refund', { resources: ids }, 'as_of');
  }],
  ['refund of the renewal periods only: browser JSON = CLI JSON', async () => {
    const id = withUnusedRenewal.resource_id;
    await same('periods only', ['refund', sample, '--resource', id, '--periods-only', '--format', 'json'], 'refund',
      { resources: [id], periods_only: true }, 'total');
    const keep = withUnusedRenewal.periods.find((p) => p.start > ws.as_of).start;  // keep the current period's end
    await same('periods only, keep until', ['refund', sample, '--resource', id, '--periods-only', '--keep-until', keep, '--format', 'json'],
      'refund', { resources: [id], periods_only: true, keep_until: keep }, 'total');
  }],
  ['refund preview as of another time: browser JSON = CLI JSON', async () => {
    const id = mains[0].resource_id;
    await same('as of', ['refund', sample, '--resource', id, '--as-of', '2025-01-20T12:00:00+08:00', '--format', 'json'], 'refund',
      { resources: [id], as_of: '2025-01-20T12:00:00+08:00' }, 'as_of');
  }],
  [`buy: ${buyCases.length} new purchase quotes and refusals, browser JSON = CLI JSON`, async () => {
    let quotes = 0;
    for (const [name, flags, args] of buyCases) {
      const want = quotedesk(['buy', sample, ...flags, '--format', 'json']);
      const got = await page.evaluate((a) => window.quotedesk.buy(a), args);
      assert(got === want, `buy ${name}: browser:\n${got}\ncli:\n${want}`);
      const answer = JSON.parse(got);
      assert('total' in answer || 'refusals' in answer, `buy ${name}: neither total nor refusals in ${got}`);
      if ('total' in answer) quotes++;
    }
    assert(quotes >= 10, `only ${quotes} of the buy cases were quotes`);
  }],
  ['no console error, no request outside 127.0.0.1', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
