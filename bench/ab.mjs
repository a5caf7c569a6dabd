// Two Node builds of the package side by side in one process, for changes too small for the
// cross-process comparisons of sections 2 and 3 to see (BENCHMARKS.md §14, §15). Passes alternate
// between the builds (which goes first rotates) and the ratio is taken per pair of passes.
//
//   sign       signRequest over the same 1,000 randomized requests per provider (bench/sign-cases.mjs)
//   normalize  normalizeResponse on the 10,000-certificate body of each provider (bench/lib/bodies.mjs,
//              thin records, or full ones with --shape full)
//
//   node bench/ab.mjs BASE_PKG NEW_PKG [--only sign,normalize] [--passes N] [--shape thin|full] [--chromium]
//   (each PKG a package's pkg/ directory, built by scripts/build.sh, or a directory written by
//   bench/variant.mjs)
//
// In Node the build loaded second runs up to 15% slower than the same build loaded first (an A/A
// run of two copies of one pkg/, 2026-12-07; Chromium shows no such lean): for a small
// difference, run both orders (BASE NEW, then NEW BASE) and read the two together.
//
//   --chromium  normalize in headless Chromium instead, both `web` builds in one page (PKG/web/:
//               pkg/ directories of scripts/build.sh only)

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { signCases, SIGN_PROVIDERS } from './sign-cases.mjs';
import { passRate } from './sign-core.mjs';
import { buildBody, PROVIDERS } from './lib/bodies.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const value = argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
  return value === undefined || value.startsWith('--') ? fallback : value;
};
const [baseDir, newDir] = argv;
if (!baseDir || !newDir || baseDir.startsWith('--') || newDir.startsWith('--')) throw new Error('usage: node bench/ab.mjs BASE_PKG NEW_PKG [--only sign,normalize] [--passes N] [--shape thin|full]');
const shape = option('--shape', 'thin');
const only = new Set(option('--only', 'sign,normalize').split(','));
const chromium = argv.includes('--chromium');
const load = (dir) => createRequire(import.meta.url)(resolve(dir, 'node/cloudcerts.cjs'));
const builds = chromium ? {} : { base: load(baseDir), new: load(newDir) };

/** Times of `run[k]()` for both builds, alternating; the first `warm` pairs are not kept. */
function alternate(run, pairs, warm = 3) {
  const ms = { base: [], new: [] };
  for (let p = 0; p < pairs + warm; p++) {
    for (const k of p % 2 ? ['base', 'new'] : ['new', 'base']) {
      const t0 = performance.now();
      run[k]();
      if (p >= warm) ms[k].push(performance.now() - t0);
    }
  }
  return ms;
}

function row(name, ms, per, unit) {
  return [
    name,
    mmm(summary(ms.base.map((t) => t / per)), unit, (v) => num(v)),
    mmm(summary(ms.new.map((t) => t / per)), unit, (v) => num(v)),
    `**${mmm(summary(ms.new.map((t, i) => t / ms.base[i])), '', (v) => `${num(v)}×`)}**`,
  ];
}

if (only.has('sign') && !chromium) {
  const passes = Number(option('--passes', 25));
  const rows = [];
  for (const provider of SIGN_PROVIDERS) {
    const cases = signCases(provider, 1000);
    const sign = Object.fromEntries(Object.entries(builds).map(([k, lib]) => [k, (c) => lib.signRequest(c.account, c.request, c.context)]));
    for (const c of cases.slice(0, 50)) {
      if (JSON.stringify(sign.base(c)) !== JSON.stringify(sign.new(c))) throw new Error(`${provider}: the builds sign differently`);
    }
    const ms = alternate(Object.fromEntries(Object.keys(builds).map((k) => [k, () => passRate(cases, sign[k])])), passes);
    rows.push(row(provider, ms, cases.length / 1000, 'µs'));
  }
  console.log(`### signRequest\n\nNode ${process.version}, ${passes} passes of 1000 requests per build, alternating.\n`);
  console.log(table(['provider', 'base: per signature', 'new: per signature', 'new ÷ base, time'], rows));
  console.log('');
}

if (only.has('normalize') && !chromium) {
  const passes = Number(option('--passes', 9));
  const rows = [];
  for (const provider of PROVIDERS) {
    const { body, count } = buildBody(provider, 10_000, { shape });
    const options = { now: Date.now(), label: 'ab' };
    const normalize = Object.fromEntries(Object.entries(builds).map(([k, lib]) => [k, () => lib.normalizeResponse(provider, body, options)]));
    if (!isDeepStrictEqual(normalize.base(), normalize.new())) throw new Error(`${provider}: the builds normalize differently`);
    rows.push(row(provider, alternate(normalize, passes), 1, 'ms'));
    process.stderr.write(`normalize ${provider} (${count} certificates) done\n`);
  }
  console.log(`### normalizeResponse\n\nNode ${process.version}, ${passes} calls per build on one 10,000-certificate body (${shape} records), alternating.\n`);
  console.log(table(['provider', 'base: per body', 'new: per body', 'new ÷ base, time'], rows));
}

if (only.has('normalize') && chromium) {
  const passes = Number(option('--passes', 9));
  const { abPage } = await import('./ab-page.mjs');
  const page = await abPage(resolve(baseDir, 'web'), resolve(newDir, 'web'));
  const rows = [];
  try {
    for (const provider of PROVIDERS) {
      const { body, count } = buildBody(provider, 10_000, { shape });
      const ms = await page.alternate(provider, body, passes);
      rows.push(row(provider, ms, 1, 'ms'));
      process.stderr.write(`normalize ${provider} (${count} certificates) done\n`);
    }
  } finally {
    await page.close();
  }
  console.log(`### normalizeResponse\n\nChromium ${page.version}, ${passes} calls per build on one 10,000-certificate body (${shape} records), alternating.\n`);
  console.log(table(['provider', 'base: per body', 'new: per body', 'new ÷ base, time'], rows));
}
