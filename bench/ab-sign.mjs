// Two Node builds of the package side by side in one process: signRequest over the same
// randomized requests (bench/sign-cases.mjs), passes alternating between the builds (which goes
// first rotates), the ratio taken per pair of passes. For changes too small for section 2's
// cross-process comparison to see (BENCHMARKS.md §14).
//
//   node bench/ab-sign.mjs BASE_PKG NEW_PKG [--passes N]   (each PKG a package's pkg/ directory)

import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { signCases, SIGN_PROVIDERS } from './sign-cases.mjs';
import { passRate } from './sign-core.mjs';
import { summary, mmm, num, table } from './lib/stats.mjs';

const [baseDir, newDir] = process.argv.slice(2, 4);
if (!baseDir || !newDir) throw new Error('usage: node bench/ab-sign.mjs BASE_PKG NEW_PKG [--passes N]');
const passes = Number(process.argv[process.argv.indexOf('--passes') + 1]) || 25;
const load = (dir) => createRequire(import.meta.url)(resolve(dir, 'node/cloudcerts.cjs'));
const builds = { base: load(baseDir), new: load(newDir) };

const rows = [];
for (const provider of SIGN_PROVIDERS) {
  const cases = signCases(provider, 1000);
  const sign = Object.fromEntries(Object.entries(builds).map(([k, lib]) => [k, (c) => lib.signRequest(c.account, c.request, c.context)]));
  for (const c of cases.slice(0, 50)) {
    if (JSON.stringify(sign.base(c)) !== JSON.stringify(sign.new(c))) throw new Error(`${provider}: the builds sign differently`);
  }
  const rate = { base: [], new: [] };
  for (let p = 0; p < passes + 3; p++) {
    const order = p % 2 ? ['base', 'new'] : ['new', 'base'];
    for (const k of order) {
      const r = passRate(cases, sign[k]);
      if (p >= 3) rate[k].push(r); // the first passes warm up
    }
  }
  rows.push([
    provider,
    mmm(summary(rate.base.map((r) => 1e6 / r)), 'µs', (v) => num(v)),
    mmm(summary(rate.new.map((r) => 1e6 / r)), 'µs', (v) => num(v)),
    `**${mmm(summary(rate.base.map((r, i) => r / rate.new[i])), '', (v) => `${num(v)}×`)}**`,
  ]);
}
console.log(`Node ${process.version}, ${passes} passes of 1000 requests per build, alternating.\n`);
console.log(table(['provider', 'base: per signature', 'new: per signature', 'new ÷ base, time per signature'], rows));
