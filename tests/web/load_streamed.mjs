// Opening a big file read a piece at a time (docs/performance.md "Streamed"): the page keeps the
// file's bytes and the loader asks for them a piece at a time (qd_load_streamed), so the wasm heap
// never holds the whole text. The workspace must be exactly the one read whole, a broken file must
// get exactly the message it gets read whole, and a refused open must leave the open workspace as it
// was. The workspaces come from the CLI's generator (build/native/quotedesk gen); the same file read
// whole is the file staged with an empty Huawei order list beside it (two files are never streamed).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repo, serve, launch, openPage, run, assert } from './harness.mjs';

const cli = path.join(repo, 'build/native/quotedesk');
const gen = (n) => execFileSync(cli, ['gen', '--resources', String(n), '--seed', '3'], { maxBuffer: 1 << 30 });
const big = gen(1500);  // ~2 MB: read in windows of whole elements, the scan reads 1 MiB pieces
assert(big.length > 1 << 20, `the generated workspace is only ${big.length} bytes`);

const emptyOrders = Buffer.from('{"order_infos":[],"total_count":0}');

// The CLI's first error for a file, as `quotedesk validate` prints it (the message read whole).
function cliError(bytes) {
  const file = path.join(repo, 'build', 'load-streamed-broken.json');
  execFileSync('sh', ['-c', 'cat > "$0"', file], { input: bytes });
  try {
    execFileSync(cli, ['validate', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return String(e.stderr).split('\n')[0].replace(file, 'big.json');
  }
  throw new Error('quotedesk validate took the broken file');
}

const server = await serve();
const browser = await launch();
const { page, problems } = await openPage(browser, server.url, { scale: 1 });
const open = async (bytes, name = 'big.json') =>
  JSON.parse(await page.evaluate(([b, n]) => window.quotedesk.loadBytes(new Uint8Array(b), n), [[...bytes], name]));
const fingerprint = async () => JSON.parse(await page.evaluate(() => window.quotedesk.fingerprint()));

const failed = await run([
  ['a workspace over 1 MiB opens read a piece at a time: the workspace read whole (its fingerprint)', async () => {
    const answer = await open(big);
    assert(answer.ok, 'refused: ' + JSON.stringify(answer.errors));
    assert(answer.streamed === true, 'not read a piece at a time: ' + JSON.stringify({ streamed: answer.streamed }));
    assert(answer.summary.resources === 1500, 'resources ' + answer.summary.resources);
    const streamed = await fingerprint();
    const whole = JSON.parse(await page.evaluate(([b, e]) => window.quotedesk.loadFiles([
      { name: 'big.json', bytes: new Uint8Array(b) }, { name: 'orders.json', bytes: new Uint8Array(e) }]),
    [[...big], [...emptyOrders]]));
    assert(whole.ok && whole.streamed === false, 'read whole: ' + JSON.stringify(whole).slice(0, 300));
    const f = await fingerprint();
    assert(f.bytes === streamed.bytes && f.fnv1a === streamed.fnv1a,
      `read a piece at a time ${JSON.stringify(streamed)}, read whole ${JSON.stringify(f)}`);
  }],
  ['a small workspace and a Huawei response still open (the small one streamed, the response read whole)', async () => {
    const small = gen(3);
    const a = await open(small, 'small.json');
    assert(a.ok && a.streamed === true && a.summary.resources === 3, JSON.stringify(a).slice(0, 300));
    const b = await open(emptyOrders, 'orders.json');
    assert(b.ok && b.streamed === false, JSON.stringify(b).slice(0, 300));
  }],
  ['a broken big file: the message read whole, and the open workspace stays as it was', async () => {
    await open(big);
    const before = await fingerprint();
    const text = big.toString('utf8');
    const at = text.indexOf('"status":"in_use"', text.length / 2);
    const broken = Buffer.from(text.slice(0, at) + '"status":"in use"' + text.slice(at + 17));
    const answer = await open(broken);
    assert(!answer.ok, 'the broken file opened');
    const expected = cliError(broken);
    assert(answer.errors[0].text === expected, `message ${JSON.stringify(answer.errors[0].text)}, read whole ${JSON.stringify(expected)}`);
    const after = await fingerprint();
    assert(after.fnv1a === before.fnv1a && after.bytes === before.bytes, 'the open workspace changed');
  }],
  ['no page error, no console error', async () => {
    assert(problems.length === 0, problems.join('\n'));
  }],
]);
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
