// What a page downloads from the `web` build, recorded in headless Chromium rather than read off
// the file list: every request the page makes under /pkg/web/ while it
//
//   inventory  imports `cloudcerts` (pkg/web/index.js) and runs `inventory` over one account
//              (its proxy answers 404: the listing fails after one request, which is not counted);
//   inspector  then calls `inspectCertificate` once on the same page: what the first call adds
//              (the inspector module, loaded on first use);
//   sign       a fresh page imports `cloudcerts/sign` (pkg/web/sign.js) and calls signRequest.
//
// Each file is then measured on disk (raw, gzip -9, brotli -q11, as the size section does).
// The server sends every file with `cache-control: no-store`, and each scenario starts on a fresh
// page (its own module map), so nothing is served from a cache.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { openBenchPage } from './browser.mjs';
import { br, gz } from './size.mjs';

const ACCOUNT = { provider: 'qiniu', accessKeyId: 'BENCHACCESSKEY', secretAccessKey: 'bench-secret', label: 'bench' };

async function recorded(page, action) {
  const paths = [];
  const onRequest = (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/pkg/web/')) paths.push(path);
  };
  page.on('request', onRequest);
  try {
    await action();
    await page.waitForLoadState('networkidle').catch(() => {});
  } finally {
    page.off('request', onRequest);
  }
  return [...new Set(paths)];
}

function measure(root, paths) {
  const files = paths.map((path) => {
    const buf = readFileSync(join(root, path));
    return { path: path.slice('/pkg/web/'.length), raw: buf.length, gzip: gz(buf), brotli: br(buf) };
  });
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (k) => files.reduce((t, f) => t + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** {inventory, inspector, sign}: each {files: [{path, raw, gzip, brotli}], raw, gzip, brotli}. */
export async function measureDownloads(root) {
  const browser = await openBenchPage(root);
  try {
    const out = {};
    const page = await browser.context.newPage();
    await page.goto(`${browser.origin}/blank`);
    const inventory = await recorded(page, () =>
      page.evaluate(async ([account, proxy]) => {
        const m = await import('/pkg/web/index.js');
        const run = m.inventory([account], { proxy, maxAttempts: 1, timeoutMs: 5000 }).catch((e) => e);
        await Promise.race([run, new Promise((ok) => setTimeout(ok, 20_000))]);
      }, [ACCOUNT, `${browser.origin}/refused/`]),
    );
    out.inventory = measure(root, inventory);
    const inspector = await recorded(page, () =>
      page.evaluate(async () => {
        const m = await import('/pkg/web/index.js');
        await m.inspectCertificate('not a certificate').catch((e) => e);
      }),
    );
    out.inspector = measure(root, inspector.filter((p) => !inventory.includes(p)));
    await page.close();
    const signPage = await browser.context.newPage();
    await signPage.goto(`${browser.origin}/blank`);
    const sign = await recorded(signPage, () =>
      signPage.evaluate(async (account) => {
        const m = await import('/pkg/web/sign.js');
        m.signRequest(account, { method: 'GET', url: 'https://api.qiniu.com/sslcert?marker=&limit=100' }, { timestampMs: 0 });
      }, ACCOUNT),
    );
    out.sign = measure(root, sign);
    await signPage.close();
    return out;
  } finally {
    await browser.close();
  }
}
