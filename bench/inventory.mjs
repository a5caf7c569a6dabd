// Full listings against the sandbox (10,000 certificates per account) through the CORS proxy,
// with 50 ms added to every answer and the documented rate limits enforced by the sandbox:
// the library's listCertificates per provider and inventory over all five, against the lower
// bound and against a naive sequential pager (bench/naive-pager.mjs).

import { accountFor } from '../sandbox/accounts.mjs';
import { listSequential, PAGE, RATE } from './naive-pager.mjs';
import { startServers } from './lib/servers-client.mjs';
import { sleep } from './lib/stats.mjs';

export const LATENCY_MS = 50;
export const CERTS = 10_000;
export const ORDER = ['tencent-ssl', 'volcengine-live', 'volcengine-cert', 'tencent-legacy', 'qiniu'];
/** Requests each listing needs at the API's largest page size. */
export const REQUESTS = {
  'tencent-ssl': Math.ceil(CERTS / PAGE['tencent-ssl']),
  'tencent-legacy': Math.ceil(CERTS / PAGE['tencent-legacy']),
  'volcengine-cert': Math.ceil(CERTS / PAGE['volcengine-cert']),
  qiniu: Math.ceil(CERTS / PAGE.qiniu),
  'volcengine-live': 4,
};
/** Lower bound: the requests spread at the rate limit (first at 0, last at (n−1)/rate), plus one latency. */
export const boundMs = (p) => ((REQUESTS[p] - 1) * 1000) / RATE[p] + LATENCY_MS;
/**
 * What a client that uses the whole rate window (at most `rate` requests in any 1 s) must take at
 * least when pages cost nothing but the latency: paging by total needs the first page before the
 * rest (two latencies), Live's four listings need none, Qiniu's markers one latency per page. The
 * issue's lower bound above assumes requests spread evenly; a listing of up to `rate` pages can
 * beat it.
 */
export const windowFloorMs = (p) => {
  const windows = Math.floor((REQUESTS[p] - 1) / RATE[p]) * 1000;
  if (p === 'qiniu') return Math.max((REQUESTS[p] - 1) * LATENCY_MS, windows) + LATENCY_MS;
  if (p === 'volcengine-live') return windows + LATENCY_MS;
  return Math.max(windows, LATENCY_MS) + LATENCY_MS;
};
/** What any sequential pager must take at least: n requests, each at least max(1/rate, latency) apart. */
export const sequentialFloorMs = (p) => (REQUESTS[p] - 1) * Math.max(1000 / RATE[p], LATENCY_MS) + LATENCY_MS;

function account(provider) {
  const { dataSeed, ...a } = accountFor(provider);
  return a;
}

/** Runs the section; `lib` is the Node build of cloudcerts. */
export async function inventorySection({ lib, runs, log }) {
  const servers = await startServers({ certs: CERTS, faults: {} });
  const proxy = servers.proxyUrl;
  const lastUse = new Map(); // provider -> when its last listing ended (sandbox window per key)
  const settle = async (providers) => {
    // The sandbox's rate window is a sliding second per provider and key: start clean.
    const wait = Math.max(0, ...providers.map((p) => (lastUse.get(p) ?? 0) + 1100 - performance.now()));
    if (wait > 0) await sleep(wait);
  };
  const done = (providers) => providers.forEach((p) => lastUse.set(p, performance.now()));
  try {
    // Warm-up without faults: the sandbox generates (and caches) every page once; the client's
    // code paths get compiled.
    log('  inventory: warm-up (sandbox data generation, no latency, no limits)');
    for (const p of ORDER) await listSequential(account(p), { proxy, rate: Infinity });
    await lib.listCertificates(account('volcengine-live'), undefined, { proxy });
    await lib.listCertificates(account('tencent-ssl'), undefined, { proxy });
    await servers.setFaults({ '*': { latencyMs: LATENCY_MS, rateLimit: true } });
    done(ORDER);

    const results = { runs: [], diagnostics: {} };
    for (let r = 0; r < runs; r++) {
      log(`  inventory: run ${r + 1}/${runs}`);
      const run = { lib: {}, naive: {}, inventory: null };
      const libBlock = async () => {
        for (const p of ORDER) {
          await settle([p]);
          const events = [];
          const t0 = performance.now();
          const res = await lib.listCertificates(account(p), undefined, { proxy, onProgress: () => events.push(performance.now()) });
          const ms = performance.now() - t0;
          done([p]);
          run.lib[p] = {
            ms,
            count: res.certificates.length,
            requests: res.requests,
            retries: res.retries,
            warnings: res.warnings.length,
            // From the last page's progress event to the resolved promise: merging and handing
            // the result to JavaScript.
            tailMs: events.length ? t0 + ms - events[events.length - 1] : NaN,
          };
        }
      };
      const naiveBlock = async () => {
        for (const p of ORDER) {
          await settle([p]);
          const t0 = performance.now();
          const res = await listSequential(account(p), { proxy });
          done([p]);
          run.naive[p] = { ms: performance.now() - t0, count: res.certificates.length, requests: res.requests, throttled: res.throttled };
        }
      };
      // Alternate which goes first, run by run.
      if (r % 2) {
        await naiveBlock();
        await libBlock();
      } else {
        await libBlock();
        await naiveBlock();
      }
      await settle(ORDER);
      const events = [];
      const t0 = performance.now();
      const inv = await lib.inventory(ORDER.map(account), { proxy, onProgress: () => events.push(performance.now()) });
      const ms = performance.now() - t0;
      done(ORDER);
      run.inventory = {
        ms,
        count: inv.certificates.length,
        accounts: inv.accounts.map((a) => ({ provider: a.provider, count: a.count, requests: a.requests, retries: a.retries, error: a.error?.code })),
        tailMs: events.length ? t0 + ms - events[events.length - 1] : NaN,
      };
      run.naiveInventoryMs = ORDER.reduce((s, p) => s + run.naive[p].ms, 0);
      results.runs.push(run);
    }

    // Three single-run diagnostics (not goals): the same naive pager leaving 2% more room between
    // requests than 1/rate, Qiniu at limit=1000 (the sandbox accepts it; Qiniu documents only
    // the default of 100), and Tencent SSL at `concurrency` 10.
    log('  inventory: diagnostics');
    await settle(['tencent-legacy']);
    let t0 = performance.now();
    let res = await listSequential(account('tencent-legacy'), { proxy, rate: RATE['tencent-legacy'] / 1.02 });
    done(['tencent-legacy']);
    results.diagnostics.legacySlack = { ms: performance.now() - t0, requests: res.requests, throttled: res.throttled, count: res.certificates.length };
    await settle(['qiniu']);
    t0 = performance.now();
    res = await listSequential(account('qiniu'), { proxy, pageSize: 1000 });
    done(['qiniu']);
    results.diagnostics.qiniu1000 = { ms: performance.now() - t0, requests: res.requests, throttled: res.throttled, count: res.certificates.length };
    // Tencent SSL's ten pages fit in one rate window; with the default `concurrency` of 4 the
    // listing fetches four at a time. The same listing with all nine after the first in flight:
    await settle(['tencent-ssl']);
    t0 = performance.now();
    res = await lib.listCertificates(account('tencent-ssl'), undefined, { proxy, concurrency: 10 });
    done(['tencent-ssl']);
    results.diagnostics.tencentSslConcurrency10 = { ms: performance.now() - t0, requests: res.requests, retries: res.retries, count: res.certificates.length };
    results.sandboxStats = (await servers.state()).stats;
    return results;
  } finally {
    await servers.close();
  }
}
