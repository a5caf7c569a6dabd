// Where one signature's time goes (BENCHMARKS.md §17): on a build with the probe exports of
// bench/sign-parts/probes.rs, each of which does a prefix of signRequest's work, passes over the
// same 1,000 requests per provider alternate between the prefixes and the official SDK.
//
//   node bench/variant.mjs parts --probes && node bench/sign-parts.mjs bench/.work/ab-variants/parts
//
// Prints a Markdown table of µs per call: median (min–max) over 14 passes.

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { signCases } from './sign-cases.mjs';
import * as sdk from '../sandbox/sdk-client.mjs';

if (!process.argv[2]) throw new Error('usage: node bench/sign-parts.mjs VARIANT_DIR (built with bench/variant.mjs --probes)');
const l = createRequire(import.meta.url)(resolve(process.argv[2], 'node/cloudcerts.cjs'));
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const rows = [];
for (const provider of ['qiniu', 'tencent-ssl', 'tencent-legacy', 'volcengine-cert']) {
  const cases = signCases(provider, 1000);
  const fns = {
    'read, member by member': (c) => l.probeReadGeneral(c.account, c.request, c.context),
    'read, packed': (c) => l.probeReadPacked(c.account, c.request, c.context),
    'read packed + sign': (c) => l.probeSignPacked(c.account, c.request, c.context),
    'read packed + sign + result member by member': (c) => l.probeSignGeneralResult(c.account, c.request, c.context),
    'signRequest (read packed + sign + result packed)': (c) => l.signRequest(c.account, c.request, c.context),
    'official SDK': (c) => sdk[c.sdk.fn](c.sdk.args),
  };
  const res = {};
  const keys = Object.keys(fns);
  for (let rep = 0; rep < 17; rep++) {
    for (const k of rep % 2 ? keys : [...keys].reverse()) {
      const t0 = performance.now();
      for (const c of cases) fns[k](c);
      if (rep >= 3) (res[k] ||= []).push(performance.now() - t0);
    }
  }
  rows.push([provider, ...keys.map((k) => `${med(res[k]).toFixed(2)} (${Math.min(...res[k]).toFixed(2)}–${Math.max(...res[k]).toFixed(2)})`)]);
  if (!rows.header) rows.header = keys;
}
console.log(`| provider | ${rows.header.join(' | ')} |`);
console.log(`| --- |${rows.header.map(() => ' --- |').join('')}`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
for (const [name, sha256] of [['HMAC-SHA1', false], ['HMAC-SHA256', true]]) {
  const r = [];
  for (let i = 0; i < 15; i++) { const t0 = performance.now(); l.probeHmac(10000, sha256); r.push((performance.now() - t0) / 10); }
  console.log(`${name} of a 61-byte message inside wasm: ${med(r).toFixed(3)} µs (${Math.min(...r).toFixed(3)}–${Math.max(...r).toFixed(3)})`);
}
