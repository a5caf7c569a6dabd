// Zones and records of the two DNS providers (`tencent-dns`, `volcengine-dns`), kept in memory per
// provider and account (data seed), and their publication to pebble-challtestsrv.
//
// Each account holds a few zones with some records of their own (NS, A, TXT). Records created
// through the API are stored with:
//   enabled   the vendor's status (DNSPod `Status` ENABLE/DISABLE, Volcengine `Enable`)
//   shown     "listed", "disabled" (the dnsNeverLive fault: listed as not enabled) or "hidden"
//             (the fault's "hidden" mode: not listed at all)
//   live      whether it answers in DNS: an enabled TXT record created with the fault off
// A live TXT record is written to pebble-challtestsrv (`POST /set-txt`) when the sandbox has one;
// deleting it clears the name (`POST /clear-txt` clears every value of a name) and writes back the
// values of the other live records of the same name, across both DNS providers and every account.
// Writes to one name are serialized; a write that fails is the caller's InternalError.

import { DNS_PROVIDERS } from '../accounts.mjs';

/** Zones per provider and data seed: [name, id]. */
export const ZONES = Object.freeze({
  'tencent-dns': {
    'tencent-main': [['example.com', 1000001], ['example.org', 1000002], ['example.net', 1000003]],
    'tencent-second': [['example.cn', 2000001], ['example.io', 2000002]],
  },
  'volcengine-dns': {
    'volcengine-main': [['example.com', 300001], ['example.org', 300002], ['example.net', 300003]],
  },
});

/** The records every zone starts with (not written to pebble-challtestsrv). */
function seedRecords(provider, zone) {
  if (provider === 'tencent-dns') {
    return [
      { host: '@', type: 'NS', value: 'f1g1ns1.dnspod.net.', ttl: 86400, defaultNS: true },
      { host: '@', type: 'NS', value: 'f1g1ns2.dnspod.net.', ttl: 86400, defaultNS: true },
      { host: 'www', type: 'A', value: '203.0.113.10', ttl: 600 },
      { host: '@', type: 'TXT', value: 'v=spf1 -all', ttl: 600 },
    ];
  }
  return [
    { host: 'www', type: 'A', value: '203.0.113.20', ttl: 600 },
    { host: '@', type: 'TXT', value: 'v=spf1 -all', ttl: 600 },
    { host: '_dmarc', type: 'TXT', value: `v=DMARC1; p=none; rua=mailto:postmaster@${zone}`, ttl: 600 },
  ];
}

/** Record id sources of one sandbox: DNSPod ids are integers, Volcengine's decimal strings. */
export class DnsIds {
  constructor() {
    this.n = 0;
  }
  next(provider) {
    this.n += 1;
    return provider === 'tencent-dns' ? 1_700_000_000 + this.n : (3_170_534_137_600_000_000n + BigInt(this.n)).toString();
  }
}

/** The records of one account of one DNS provider. */
export class DnsStore {
  constructor(provider, seed, nowMs, ids) {
    this.provider = provider;
    this.seed = seed;
    this.created = 0;
    this.deleted = 0;
    this.zones = (ZONES[provider]?.[seed] ?? []).map(([name, id], i) => {
      const createdMs = nowMs - (400 + 37 * i) * 86_400_000;
      return {
        id, name, createdMs, updatedMs: nowMs - 86_400_000,
        records: seedRecords(provider, name).map((r) => newRecord(provider, ids, { ...r, line: 'default', nowMs: createdMs, api: false })),
      };
    });
  }
  zoneByName(name) {
    const n = normalizeName(name);
    return this.zones.find((z) => z.name === n) ?? null;
  }
  zoneById(id) {
    return this.zones.find((z) => String(z.id) === String(id)) ?? null;
  }
  /** `{zone, record}` of a record id in any zone, or null. */
  findRecord(id) {
    for (const zone of this.zones) {
      const record = zone.records.find((r) => String(r.id) === String(id));
      if (record) return { zone, record };
    }
    return null;
  }
  summary() {
    return {
      created: this.created,
      deleted: this.deleted,
      zones: this.zones.map((z) => ({
        id: z.id, name: z.name,
        records: z.records.filter((r) => r.api).map((r) => ({
          id: r.id, fqdn: fqdnOf(r, z), type: r.type, value: r.value, enabled: r.enabled, shown: r.shown, live: r.live, published: r.published,
        })),
      })),
    };
  }
}

/** A new record object. */
export function newRecord(provider, ids, { host, type, value, ttl, line = 'default', enabled = true, shown = 'listed', nowMs, api = true, remark = '', weight = null, mx = 0, defaultNS = false }) {
  return {
    id: ids.next(provider), host, type, value, ttl, line, enabled, shown, remark, weight, mx, defaultNS, api,
    live: api && enabled && shown === 'listed' && type === 'TXT', published: false, deleted: false,
    createdMs: nowMs, updatedMs: nowMs,
  };
}

/** The store of (provider, seed) in `stores` (a Map the server resets), made on first use. */
export function dnsStore(stores, provider, seed, nowMs, ids) {
  const key = `${provider}|${seed}`;
  let s = stores.get(key);
  if (!s) {
    s = new DnsStore(provider, seed, nowMs, ids);
    stores.set(key, s);
  }
  return s;
}

/** Lower case, no trailing dot. */
export function normalizeName(name) {
  return String(name ?? '').trim().toLowerCase().replace(/\.$/, '');
}

/** Whether `name` looks like a domain (LDH or underscore labels, at least two). */
export function isDomainName(name) {
  const n = normalizeName(name);
  return n.length <= 253 && /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9-]{2,63}$/.test(n);
}

/** Whether `host` is a valid host part: `@`, or labels (a leading `*` allowed). */
export function isHostPart(host) {
  const h = String(host);
  if (h === '@') return true;
  return h.length <= 200 && /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(h);
}

/** The record's name without the trailing dot: `@` is the zone itself. */
export function fqdnOf(record, zone) {
  return record.host === '@' ? zone.name : `${record.host}.${zone.name}`;
}

/** The TXT string as DNS answers it: one pair of surrounding double quotes removed. */
export function txtString(value) {
  const v = String(value);
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

// ---------------------------------------------------------------------------------------------
// pebble-challtestsrv

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Check a pebble-challtestsrv management URL: http(s), loopback only. Returns the URL without a trailing slash. */
export function checkChalltestsrvUrl(url) {
  let u;
  try {
    u = new URL(String(url));
  } catch {
    throw new RangeError(`challtestsrv: ${url} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new RangeError(`challtestsrv: ${url} must be http(s)`);
  if (!LOOPBACK_HOSTS.has(u.hostname) && !/^127\.\d+\.\d+\.\d+$/.test(u.hostname)) {
    throw new RangeError(`challtestsrv: ${url} must be on loopback (127.0.0.0/8, localhost or [::1])`);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** The management API of one pebble-challtestsrv, with one queue per name. */
export class Challtestsrv {
  constructor(url, { timeoutMs = 5000 } = {}) {
    this.url = checkChalltestsrvUrl(url);
    this.timeoutMs = timeoutMs;
    this.queues = new Map();
    this.writes = { setTxt: 0, clearTxt: 0, failed: 0 };
  }

  async post(path, body) {
    let res;
    try {
      res = await fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer();
    } catch (e) {
      this.writes.failed += 1;
      throw new Error(`pebble-challtestsrv ${path} failed: ${e?.cause?.code || e?.name || ''} ${e?.message ?? e}`.trim());
    }
    if (!res.ok) {
      this.writes.failed += 1;
      throw new Error(`pebble-challtestsrv ${path} answered HTTP ${res.status}`);
    }
  }

  /** POST /set-txt {"host": "<fqdn>.", "value"} */
  async setTxt(fqdn, value) {
    await this.post('/set-txt', { host: `${fqdn}.`, value });
    this.writes.setTxt += 1;
  }

  /** POST /clear-txt {"host": "<fqdn>."}: clears every value of the name. */
  async clearTxt(fqdn) {
    await this.post('/clear-txt', { host: `${fqdn}.` });
    this.writes.clearTxt += 1;
  }

  /** Run `op` after every earlier operation on `fqdn`; resolves or rejects with `op`'s outcome. */
  enqueue(fqdn, op) {
    const prev = this.queues.get(fqdn) ?? Promise.resolve();
    const run = prev.then(op, op);
    const tail = run.catch(() => {});
    this.queues.set(fqdn, tail);
    tail.then(() => {
      if (this.queues.get(fqdn) === tail) this.queues.delete(fqdn);
    });
    return run;
  }
}

/** Every live, not deleted TXT record named `fqdn` in every DNS store: [{record}]. */
function liveRecordsNamed(stores, fqdn) {
  const out = [];
  for (const store of stores.values()) {
    if (!DNS_PROVIDERS.includes(store.provider)) continue;
    for (const zone of store.zones) {
      if (fqdn !== zone.name && !fqdn.endsWith(`.${zone.name}`)) continue;
      for (const r of zone.records) if (r.live && !r.deleted && fqdnOf(r, zone) === fqdn) out.push(r);
    }
  }
  return out;
}

/**
 * Write a new live TXT record to pebble-challtestsrv (a no-op without one, or for a record that is
 * not live). Rejects when pebble-challtestsrv does not take it.
 */
export async function publishCreated(env, record, zone) {
  const cts = env.challtestsrv;
  if (!cts || !record.live) return;
  const fqdn = fqdnOf(record, zone);
  await cts.enqueue(fqdn, async () => {
    if (record.deleted || record.published) return;
    await cts.setTxt(fqdn, txtString(record.value));
    record.published = true;
  });
}

/**
 * After a live TXT record named `fqdn` is deleted: clear the name, then write back the values of
 * the other live records of that name. Rejects when pebble-challtestsrv does not take it.
 */
export async function publishDeleted(env, fqdn) {
  const cts = env.challtestsrv;
  if (!cts) return;
  await cts.enqueue(fqdn, async () => {
    await cts.clearTxt(fqdn);
    for (const r of liveRecordsNamed(env.dnsStores, fqdn)) {
      await cts.setTxt(fqdn, txtString(r.value));
      r.published = true;
    }
  });
}

/** On reset: clear every published name (best effort, not awaited by the caller's answer). */
export function unpublishAll(stores, cts) {
  if (!cts) return Promise.resolve();
  const names = new Set();
  for (const store of stores.values()) {
    for (const zone of store.zones) for (const r of zone.records) if (r.published && !r.deleted) names.add(fqdnOf(r, zone));
  }
  return Promise.all([...names].map((fqdn) => cts.enqueue(fqdn, () => cts.clearTxt(fqdn)).catch(() => {})));
}
