// bench/ab.mjs --chromium: two `web` builds of the package in one headless Chromium page, served
// from loopback, normalizing the same body in turn (which goes first rotates, as in ab.mjs).

import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** A page with `base` and `new` (two pkg/web directories) loaded; `alternate` times them. */
export async function abPage(baseWeb, newWeb) {
  const roots = { base: baseWeb, new: newWeb };
  let body = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>ab</title>');
    if (path === '/body') return res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    const [, which, ...rest] = path.split('/');
    const root = roots[which];
    const file = root && normalize(join(root, ...rest));
    if (!file || !file.startsWith(root) || !existsSync(file) || !TYPES[extname(file)]) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const profile = mkdtempSync(join(tmpdir(), 'cloudcerts-ab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(async () => {
    window.ab = {};
    for (const k of ['base', 'new']) {
      const m = await import(`/${k}/cloudcerts.js`);
      await m.default();
      window.ab[k] = m;
    }
  });
  return {
    version: context.browser()?.version() ?? 'unknown',
    /** `{base: ms[], new: ms[]}` of `passes` calls each (after 3 pairs not kept). */
    async alternate(provider, text, passes) {
      body = text;
      return page.evaluate(async ({ provider, passes }) => {
        const body = await (await fetch('/body')).text();
        const options = { now: Date.now(), label: 'ab' };
        const same = JSON.stringify(window.ab.base.normalizeResponse(provider, body, options)) === JSON.stringify(window.ab.new.normalizeResponse(provider, body, options));
        if (!same) throw new Error(`${provider}: the builds normalize differently`);
        const ms = { base: [], new: [] };
        for (let p = 0; p < passes + 3; p++) {
          for (const k of p % 2 ? ['base', 'new'] : ['new', 'base']) {
            const t0 = performance.now();
            window.ab[k].normalizeResponse(provider, body, options);
            if (p >= 3) ms[k].push(performance.now() - t0);
          }
        }
        return ms;
      }, { provider, passes });
    },
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
