// The page both crossing experiments run in Chromium (bench/crossing.mjs, bench/crossing-in.mjs).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';
import { buildCrossingWeb } from './build.mjs';

/**
 * Headless Chromium on a page of a loopback server of its own, with the crate's `web` build as
 * `window.crossing.m` and the experiment's module `core` (a file in bench/crossing/) as
 * `window.crossing.core`; `bodies` ({provider: text}) are served at /body/<provider>. A server
 * rather than page.route: the bodies are too large to pass through the browser's debugging
 * protocol.
 */
export async function openCrossingPage(core, bodies) {
  const dir = buildCrossingWeb();
  const files = {
    [`/${core}`]: ['text/javascript', readFileSync(new URL(`./${core}`, import.meta.url))],
    '/interleave.mjs': ['text/javascript', readFileSync(new URL('./interleave.mjs', import.meta.url))],
    '/': ['text/html', '<!doctype html><title>crossing</title>'],
  };
  // The glue, its wasm and the snippets it imports (wasm-bindgen's inline JavaScript).
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = join(dir, entry);
    const type = { '.js': 'text/javascript', '.wasm': 'application/wasm' }[extname(file)];
    if (type && statSync(file).isFile()) files[`/${entry.split(sep).join('/')}`] = [type, readFileSync(file)];
  }
  for (const [provider, body] of bodies) files[`/body/${provider}`] = ['application/json', body];
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(async (corePath) => {
    const glue = await import('/cloudcerts_crossing.js');
    await glue.default();
    window.crossing = { m: glue, core: await import(corePath) };
  }, `/${core}`);
  return {
    page,
    version: browser.version(),
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
