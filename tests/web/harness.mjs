// Shared by the browser tests: serve dist/ on a free loopback port, launch Debian's Chromium
// headless through playwright-core, and record anything that should fail a test (console errors,
// page errors, requests that leave 127.0.0.1).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotDir = path.join(repo, 'build', 'screenshots');

export async function serve(dir = path.join(repo, 'dist')) {
  const child = spawn(process.execPath, [path.join(repo, 'tools/serve.mjs'), dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
    child.on('exit', (code) => reject(new Error('server exited with ' + code)));
  });
  return { url, close: () => child.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

// A page that records what must never happen.
export async function openPage(browser, url, { width = 1280, height = 800, scale = 2 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('http://127.0.0.1:') && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push('request outside 127.0.0.1: ' + u);
  });
  await page.goto(url);
  await page.evaluate(() => window.quotedesk.ready.then(() => true));
  return { page, context, problems };
}

// Waits until the console has drawn at least `n` frames and returns performance.now() then.
export async function waitFrames(page, n = 1) {
  return page.evaluate(async (count) => {
    for (;;) {
      const s = JSON.parse(window.quotedesk.state());
      if (s.frames_drawn >= count) return performance.now();
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, n);
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

// Minimal runner: named cases in order, a closing "N passed, N failed" line; returns the failures.
export async function run(cases) {
  let passed = 0, failed = 0;
  for (const [name, fn] of cases) {
    try { await fn(); passed++; console.log('ok   ' + name); }
    catch (e) { failed++; console.log('FAIL ' + name + '\n     ' + (e && e.stack ? e.stack : e)); }
  }
  console.log(`web: ${passed} passed, ${failed} failed`);
  return failed;
}

export function assert(cond, message) { if (!cond) throw new Error(message); }
