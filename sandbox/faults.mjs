// Fault injection and rate limits. Everything is off by default and every value is bounded.
//
// Per provider (or "*" for all of them) a fault config is:
//   latencyMs      0..60000   added before every answer
//   jitterMs       0..60000   plus a uniform random 0..jitterMs
//   rateLimit      false | true (the documented rate) | 1..10000 requests per second,
//                  per access key, sliding one-second window; answered with the vendor's throttling error
//   serverErrorRate 0..1      share answered with HTTP 5xx and the vendor's internal-error body
//   serverErrorStatus 500|502|503|504 (default 503)
//   htmlRate       0..1       share answered with an HTML error page (HTTP 502, text/html)
//   truncateRate   0..1       share whose (otherwise normal) body is cut in half
//   dropRate       0..1       share whose connection is destroyed without an answer
//   times          1..1000000 the random faults above (and the latency) apply to the next `times`
//                  requests of that provider only, then switch themselves off
//   dnsNeverLive   false | true | "disabled" | "hidden"   (DNS providers only, or "*") every TXT
//                  record created from now on is stored but never goes live: it is not written to
//                  pebble-challtestsrv, and the list API shows it disabled (true, "disabled") or
//                  not at all ("hidden")
// A request draws from a seeded PRNG, so a run is reproducible; rate 1 always, 0 never.

import { PROVIDERS } from './accounts.mjs';
import { mulberry32 } from './data.mjs';

/** Documented request rates per second. */
export const DOCUMENTED_RATE = Object.freeze({
  'tencent-ssl': 10,
  'tencent-legacy': 10,
  'volcengine-live': 10,
  'volcengine-cert': 20,
  qiniu: 5,
  // The DNS APIs document a rate per action (below); this is the lowest of the actions we use.
  'tencent-dns': 20,
  'volcengine-dns': 10,
});

/**
 * Documented rates per action (sandbox/dns-apis.md): with `rateLimit: true` each action has its own
 * one-second window per access key. DNSPod: cloud.tencent.com/document/api/1427/56172 (DescribeDomainList),
 * /56173 (DescribeDomain), tencentcloud.com/document/api/1157/51290 (DescribeRecordList), /49041
 * (CreateRecord), /49039 (DeleteRecord). Volcengine DNS: volcengine.com/docs/6758/155100 (ListZones),
 * /155109 (ListRecords), /155105 (DeleteRecord), docs.byteplus.com reference-createrecord (CreateRecord).
 */
export const DOCUMENTED_ACTION_RATE = Object.freeze({
  'tencent-dns': Object.freeze({ DescribeDomainList: 20, DescribeDomain: 20, CreateRecord: 500, DescribeRecordList: 100, DeleteRecord: 500 }),
  'volcengine-dns': Object.freeze({ ListZones: 20, CreateRecord: 10, ListRecords: 100, DeleteRecord: 10 }),
});

const RATE_KEYS = ['serverErrorRate', 'htmlRate', 'truncateRate', 'dropRate'];
const ALL_KEYS = new Set(['latencyMs', 'jitterMs', 'rateLimit', 'serverErrorStatus', 'times', 'dnsNeverLive', ...RATE_KEYS]);
const DNS_ONLY = new Set(['tencent-dns', 'volcengine-dns']);
/** Keys that stay when `times` is used up. */
const KEPT_KEYS = ['rateLimit', 'dnsNeverLive'];

export const MAX_LATENCY_MS = 60_000;
export const MAX_CLOCK_OFFSET_MS = 30 * 86_400_000;

/** Validate one provider's fault config; returns {config} or {errors}. */
export function validateFaultConfig(input, where = 'faults') {
  const errors = [];
  if (input === null) return { config: null };
  if (typeof input !== 'object' || Array.isArray(input)) return { errors: [`${where} must be an object or null`] };
  const config = {};
  for (const [k, v] of Object.entries(input)) {
    if (!ALL_KEYS.has(k)) {
      errors.push(`${where}.${k} is not a fault (known: ${[...ALL_KEYS].join(', ')})`);
      continue;
    }
    if (k === 'latencyMs' || k === 'jitterMs') {
      if (!Number.isInteger(v) || v < 0 || v > MAX_LATENCY_MS) errors.push(`${where}.${k} must be an integer 0..${MAX_LATENCY_MS}`);
      else config[k] = v;
    } else if (RATE_KEYS.includes(k)) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) errors.push(`${where}.${k} must be a number 0..1`);
      else config[k] = v;
    } else if (k === 'rateLimit') {
      if (typeof v === 'boolean') config[k] = v;
      else if (Number.isInteger(v) && v >= 1 && v <= 10_000) config[k] = v;
      else errors.push(`${where}.rateLimit must be true, false or an integer 1..10000`);
    } else if (k === 'serverErrorStatus') {
      if (![500, 502, 503, 504].includes(v)) errors.push(`${where}.serverErrorStatus must be 500, 502, 503 or 504`);
      else config[k] = v;
    } else if (k === 'dnsNeverLive') {
      if (where !== '*' && PROVIDERS.includes(where) && !DNS_ONLY.has(where)) errors.push(`${where}.dnsNeverLive applies to the DNS providers only (${[...DNS_ONLY].join(', ')})`);
      else if (v === false || v === true || v === 'disabled' || v === 'hidden') config[k] = v;
      else errors.push(`${where}.dnsNeverLive must be false, true, "disabled" or "hidden"`);
    } else if (k === 'times') {
      if (v === null) config[k] = null;
      else if (!Number.isInteger(v) || v < 1 || v > 1_000_000) errors.push(`${where}.times must be an integer 1..1000000 or null`);
      else config[k] = v;
    }
  }
  return errors.length ? { errors } : { config };
}

/**
 * Validate a whole faults document: {"<provider>"|"*": config|null, clockOffsetMs?}.
 * Returns {faults, clockOffsetMs?} or {errors}.
 */
export function validateFaults(doc) {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { errors: ['body must be a JSON object'] };
  const errors = [];
  const faults = {};
  let clockOffsetMs;
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'clockOffsetMs') {
      if (!Number.isInteger(v) || Math.abs(v) > MAX_CLOCK_OFFSET_MS) errors.push(`clockOffsetMs must be an integer within ±${MAX_CLOCK_OFFSET_MS}`);
      else clockOffsetMs = v;
      continue;
    }
    if (k !== '*' && !PROVIDERS.includes(k)) {
      errors.push(`${k} is not a provider (known: ${PROVIDERS.join(', ')}, *)`);
      continue;
    }
    const r = validateFaultConfig(v, k);
    if (r.errors) errors.push(...r.errors);
    else faults[k] = r.config;
  }
  return errors.length ? { errors } : { faults, clockOffsetMs };
}

/** Live fault state of one sandbox. */
export class FaultState {
  constructor(seed = 1) {
    this.seed = seed;
    this.reset();
  }

  reset() {
    this.byProvider = Object.fromEntries(PROVIDERS.map((p) => [p, {}]));
    this.remaining = Object.fromEntries(PROVIDERS.map((p) => [p, null]));
    this.windows = new Map();
    this.rand = mulberry32(this.seed);
  }

  /** Apply a validated faults map: each listed provider's config is replaced ("*" = all). */
  apply(faults) {
    for (const [k, cfg] of Object.entries(faults)) {
      const targets = k === '*' ? PROVIDERS : [k];
      for (const p of targets) {
        this.byProvider[p] = cfg ? { ...cfg } : {};
        if (!DNS_ONLY.has(p)) delete this.byProvider[p].dnsNeverLive;
        this.remaining[p] = cfg && cfg.times ? cfg.times : null;
      }
    }
  }

  snapshot() {
    const out = {};
    for (const p of PROVIDERS) {
      out[p] = { ...this.byProvider[p] };
      if (this.remaining[p] !== null) out[p].remainingTimes = this.remaining[p];
    }
    return out;
  }

  /** Decide what happens to one request of `provider`: {latencyMs, drop, html, serverError, truncate}. */
  plan(provider) {
    const cfg = this.byProvider[provider] || {};
    const plan = { latencyMs: 0, drop: false, html: false, serverError: null, truncate: false };
    const active = this.remaining[provider] === null || this.remaining[provider] > 0;
    if (!active) return plan;
    const hasRandom = RATE_KEYS.some((k) => cfg[k] > 0) || cfg.latencyMs > 0 || cfg.jitterMs > 0;
    if (!hasRandom) return plan;
    if (this.remaining[provider] !== null) {
      this.remaining[provider] -= 1;
      if (this.remaining[provider] <= 0) {
        // Used up: the random faults switch off; a rate limit (and dnsNeverLive) stays.
        this.byProvider[provider] = Object.fromEntries(KEPT_KEYS.filter((k) => cfg[k] !== undefined).map((k) => [k, cfg[k]]));
        this.remaining[provider] = null;
      }
    }
    plan.latencyMs = (cfg.latencyMs || 0) + (cfg.jitterMs ? Math.floor(this.rand() * (cfg.jitterMs + 1)) : 0);
    const roll = (rate) => rate > 0 && this.rand() < rate;
    if (roll(cfg.dropRate)) plan.drop = true;
    else if (roll(cfg.htmlRate)) plan.html = true;
    else if (roll(cfg.serverErrorRate)) plan.serverError = cfg.serverErrorStatus || 503;
    else if (roll(cfg.truncateRate)) plan.truncate = true;
    return plan;
  }

  /** The `dnsNeverLive` mode of a DNS provider now: null (off), "disabled" or "hidden". */
  neverLive(provider) {
    const v = (this.byProvider[provider] || {}).dnsNeverLive;
    return v === true ? 'disabled' : v || null;
  }

  /**
   * Rate limit check for (provider, accessKeyId[, action]) at `nowMs`. Returns null when allowed,
   * else {limit, count} (the request is refused and not counted). With `rateLimit: true` and an
   * action whose rate is documented on its own (DOCUMENTED_ACTION_RATE), each action has its window.
   */
  throttle(provider, accessKeyId, nowMs, action) {
    const rl = (this.byProvider[provider] || {}).rateLimit;
    if (!rl) return null;
    const perAction = rl === true && action ? DOCUMENTED_ACTION_RATE[provider]?.[action] : undefined;
    const limit = perAction ?? (rl === true ? DOCUMENTED_RATE[provider] : rl);
    const k = perAction ? `${provider}|${accessKeyId}|${action}` : `${provider}|${accessKeyId}`;
    let w = this.windows.get(k);
    if (!w) {
      w = [];
      this.windows.set(k, w);
    }
    while (w.length && nowMs - w[0] >= 1000) w.shift();
    if (w.length >= limit) return { limit, count: w.length + 1 };
    w.push(nowMs);
    return null;
  }
}
