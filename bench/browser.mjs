// Headless Chromium (playwright-core, /usr/bin/chromium) on a page served from loopback that
// loads the `web` build; bodies for the normalization benchmark are served from memory.

import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

/** Whether the bench page's server serves this URL path (files under the repository root). */
export function servedPath(path) {
  return (path.startsWith('/pkg/web/') || path.startsWith('/bench/') || path.startsWith('/node_modules/@noble/hashes/') || path === '/sandbox/prng.mjs') && !path.includes('/.work/');
}

export async function openBenchPage(root, bodies = new Map()) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') return res.writeHead(200, { 'content-type': TYPES['.html'] }).end(readFileSync(join(root, 'bench/page/index.html')));
    // An empty page of the same origin, for a module graph of its own (bench/downloads.mjs).
    if (path === '/blank') return res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end('<!doctype html><meta charset="utf-8"><title>blank</title>');
    if (path.startsWith('/data/')) {
      const body = bodies.get(path.slice(6));
      if (body === undefined) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    }
    const file = normalize(join(root, path));
    const allowed = servedPath(path) && file.startsWith(root);
    if (!allowed || !existsSync(file) || !TYPES[extname(file)]) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const profile = mkdtempSync(join(tmpdir(), 'cloudcerts-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 }).catch((e) => {
    throw new Error(`benchmark page did not load: ${errors.join('; ') || e}`);
  });
  const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  return {
    page,
    context,
    origin: `http://127.0.0.1:${server.address().port}`,
    version,
    close: async () => {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
