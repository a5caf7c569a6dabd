// Deterministic synthetic certificates and their five vendor shapes.
//
// One generator makes a "base" certificate per (family, dataSeed, index); every vendor view is a
// pure function of that base record, the sandbox clock and (for Qiniu) the upload/delete state.
// Records are generated lazily, one index at a time (each index has its own PRNG stream), and
// cached, so a 100,000-certificate account costs nothing until it is read and a page costs
// O(page size). The list of N certificates is always the first N of the list of N+1.
//
// Tests call `certificatesFor(provider, accessKeyIdOrLabel, count, {anchorMs, nowMs})` to learn
// exactly what the sandbox holds, in the order each list API returns it.

import { createHash } from 'node:crypto';
import { FAMILY, KEYS, accounts } from './accounts.mjs';
import { mulberry32 } from './prng.mjs';

export { mulberry32 };

export const SECOND = 1000;
export const DAY = 86_400_000;
export const MAX_CERTS = 100_000;
export const DEFAULT_CERTS = 36;

// ---------------------------------------------------------------------------------------------
// PRNG: xmur3 string hash seeding mulberry32. Small, fast, and identical on every platform.

export function hash32(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}


/** A PRNG stream for the given parts (joined): same parts, same stream. */
export function rngFor(...parts) {
  return mulberry32(hash32(parts.join('|')));
}

const pick = (r, arr) => arr[Math.floor(r() * arr.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
function weighted(r, table) {
  let x = r() * table.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of table) {
    if ((x -= w) < 0) return v;
  }
  return table[table.length - 1][0];
}
function hexOf(r, n) {
  let s = '';
  while (s.length < n) s += Math.floor(r() * 4294967296).toString(16).padStart(8, '0');
  return s.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// Time formats.

/** Naive Beijing time (UTC+8) `YYYY-MM-DD HH:mm:ss`, as Tencent and Volcengine Certificate Center give it. */
export function fmtBeijing(ms) {
  if (ms === null || ms === undefined) return null;
  return new Date(ms + 8 * 3600 * SECOND).toISOString().slice(0, 19).replace('T', ' ');
}
/** Parse naive Beijing time back to epoch ms (NaN if malformed). */
export function parseBeijing(str) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(String(str).trim());
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - 8 * 3600 * SECOND;
}
/** RFC 3339 UTC with second precision, as Volcengine Live gives it. */
export function rfc3339(ms) {
  if (ms === null || ms === undefined) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/** Unix seconds, as Qiniu gives it. */
export const unixSec = (ms) => (ms === null || ms === undefined ? null : Math.floor(ms / SECOND));

/** Start of the current UTC day: the default data anchor (stable for a whole day). */
export function defaultAnchorMs(realNowMs = Date.now()) {
  return Math.floor(realNowMs / DAY) * DAY;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const APEXES = ['example.com', 'example.cn', 'example.net', 'example.org', 'example.com.cn', 'example.io'];
const RARE_APEXES = ['例子.中国', 'xn--fsqu00a.xn--fiqs8s'];
const SUBS = [
  'www', 'api', 'cdn', 'img', 'static', 'live', 'pay', 'm', 'admin', 'mail', 'h5', 'open', 'push',
  'upload', 'video', 'ws', 'gateway', 'shop', 'blog', 'docs', 'auth', 'sso', 'oss', 'pull', 'play',
  'dev', 'test', 'staging', 'app', 'mp', 'data', 'report', 'vpn', 'git', 'ci',
];
const ZH_NAMES = [
  '官网证书', '支付网关', '直播推流域名', '图片CDN', '测试环境', '内部管理后台', '小程序接口',
  '未命名证书', '电商主站', '点播加速', '客服系统', '开放平台', '会员中心',
];
const ZH_STATUS_TENCENT = {
  0: '审核中', 1: '已通过', 2: '审核失败', 3: '已过期', 4: '已添加DNS记录', 5: '企业证书，待提交',
  6: '订单取消中', 7: '已取消', 8: '已提交资料，待上传确认函', 9: '证书吊销中', 10: '已吊销',
  11: '重颁发中', 12: '待上传吊销确认函', 13: '免费证书待提交资料',
};
export const TENCENT_STATUS_NAMES = Object.freeze(ZH_STATUS_TENCENT);

const TENCENT_PROJECTS = [
  [0, '默认项目', 0.8],
  [1001, '电商平台', 0.12],
  [1002, '直播业务', 0.08],
];
const VOLC_PROJECTS = [
  ['default', 0.8],
  ['电商平台', 0.12],
  ['live', 0.08],
];

const STATUS_WEIGHTS = {
  tencent: [
    ['issued', 58], ['expired', 14], ['pending', 10], ['failed', 6], ['cancelled', 6], ['revoked', 6],
  ],
  volcengine: [
    ['issued', 46], ['expired', 14], ['pending', 8], ['failed', 5], ['cancelled', 5], ['revoked', 6],
    ['disabled', 16],
  ],
  qiniu: [
    ['issued', 78], ['expired', 22],
  ],
};
const SOURCE_WEIGHTS = {
  tencent: [['free', 45], ['purchased', 25], ['upload', 30]],
  volcengine: [['free', 35], ['purchased', 25], ['upload', 30], ['test', 10]],
  qiniu: [['upload', 1]],
};
const ISSUERS = {
  tencent: {
    free: ['TrustAsia RSA DV TLS CA G2', 'TrustAsia ECC DV TLS CA G3'],
    purchased: ['GeoTrust CN RSA CA G1', 'DigiCert Secure Site CN CA G3', 'WoTrus DV Server CA  [Run by the Issuer]'],
  },
  volcengine: {
    free: ['Encryption Everywhere DV TLS CA - G1', 'Encryption Everywhere DV TLS CA - G2'],
    purchased: ['GeoTrust G2 TLS CN RSA4096 SHA256 2022 CA1', 'GlobalSign RSA OV SSL CA 2018', 'DigiCert Global G2 TLS RSA SHA256 2020 CA1'],
    test: ['vTrus DV SSL CA'],
  },
  upload: ['R10', 'R11', 'E5', 'E6', 'GTS CA 1P5', 'Sectigo RSA Domain Validation Secure Server CA', 'ZeroSSL RSA Domain Secure Site CA'],
};
const VOLC_BRANDS = { free: 'digicert_free', purchased: ['geotrust', 'globalsign', 'digicert', 'wotrus'], test: 'vTrus', upload: '' };

// ---------------------------------------------------------------------------------------------
// Base records.

const CERT_STATUSES = new Set(['issued', 'expired', 'revoked', 'disabled']);

/** Synthetic certificate set of one account of one vendor family. */
export class Dataset {
  constructor(family, dataSeed, anchorMs) {
    if (!STATUS_WEIGHTS[family]) throw new Error(`unknown family ${family}`);
    this.family = family;
    this.dataSeed = dataSeed;
    this.anchorMs = anchorMs;
    this.seed = `${family}/${dataSeed}`;
    this.cores = [];
    this.filterCache = new Map();
    const h = hash32(this.seed);
    this.uin = String(100000000000 + (h % 900000000));
    this.tencentOffset = BigInt(hash32(`${this.seed}|tid`)) * 50_000_011n + BigInt(h);
    this.liveMask = hash32(`${this.seed}|live`);
    this.ccMask = hash32(`${this.seed}|cc`);
    this.qiniuTag = hexOf(rngFor(this.seed, 'qiniu-tag'), 10);
  }

  /** The base record at `index` (cached); `replacedByIndex` is filled by `record()`. */
  core(index) {
    let c = this.cores[index];
    if (c === undefined) {
      c = makeCore(this, index);
      this.cores[index] = c;
    }
    return c;
  }

  /** The complete base record at `index` in a list of `count` certificates. */
  record(index, count) {
    const c = this.core(index);
    const next = index + 1 < count ? this.core(index + 1) : null;
    const replacedByIndex = next && next.replacesIndex === index ? index + 1 : null;
    return c.replacedByIndex === replacedByIndex ? c : { ...c, replacedByIndex };
  }

  /**
   * Indexes (< count) whose record satisfies `predicate`, cached under `key` (which must capture
   * everything the predicate depends on). Small LRU: a paging walk scans once, not once per page.
   */
  filterIndexes(key, count, predicate) {
    const k = `${count}|${key}`;
    const hit = this.filterCache.get(k);
    if (hit) {
      this.filterCache.delete(k);
      this.filterCache.set(k, hit);
      return hit;
    }
    const out = [];
    for (let i = 0; i < count; i++) {
      if (predicate(this.record(i, count), i)) out.push(i);
    }
    this.filterCache.set(k, out);
    while (this.filterCache.size > 24) this.filterCache.delete(this.filterCache.keys().next().value);
    return out;
  }
}

function dayEnd(ms) {
  return Math.floor(ms / DAY) * DAY + DAY - SECOND; // 23:59:59 UTC = 07:59:59 Beijing next day
}

function makeNames(r, index) {
  const apex = r() < 0.02 ? pick(r, RARE_APEXES) : pick(r, APEXES);
  // Spread names a little so large sets are not all the same few domains.
  const tier = index >= 200 ? `${pick(r, SUBS)}${index % 997}.` : '';
  const zone = `${tier}${apex}`;
  const kind = weighted(r, [['single', 45], ['wildcard', 30], ['multi', 25]]);
  let cn;
  let sans;
  if (kind === 'wildcard') {
    const base = r() < 0.5 ? zone : `${pick(r, SUBS)}.${zone}`;
    cn = `*.${base}`;
    sans = [cn, base];
  } else if (kind === 'multi') {
    cn = `${pick(r, SUBS)}.${zone}`;
    sans = [cn];
    const k = int(r, 1, 5);
    for (let j = 0; j < k * 3 && sans.length <= k; j++) {
      const d = r() < 0.8 ? `${pick(r, SUBS)}.${zone}` : `${pick(r, SUBS)}.${pick(r, APEXES)}`;
      if (!sans.includes(d)) sans.push(d);
    }
  } else {
    cn = r() < 0.1 ? zone : `${pick(r, SUBS)}.${zone}`;
    sans = [cn];
  }
  // Vendor traps: upper-case and duplicate SANs, CN not first.
  if (r() < 0.04) {
    cn = cn.replace(/^(\*\.)?([^.]+)/, (m, star, label) => `${star || ''}${label.toUpperCase()}`);
    sans[0] = cn;
  }
  if (r() < 0.08) sans.push(sans[0]);
  if (r() < 0.07) {
    const j = Math.floor(r() * sans.length);
    sans.push(sans[j].toUpperCase());
  }
  if (r() < 0.1 && sans.length > 1) sans.push(sans.shift());
  return { cn, sans, wildcard: cn.startsWith('*.') || sans.some((s) => s.startsWith('*.')) };
}

function makeCore(ds, index) {
  const r = rngFor(ds.seed, index, 'core');
  const fam = ds.family;
  const anchor = ds.anchorMs;

  // Renewal of the previous certificate? (Chains of up to three; not for Qiniu.)
  let prev = null;
  if (index > 0 && fam !== 'qiniu' && r() < 0.3) {
    const p = ds.core(index - 1);
    if (
      p.notAfterMs !== null &&
      p.depth < 2 &&
      (p.status === 'issued' || p.status === 'expired') &&
      p.notAfterMs < anchor + 60 * DAY
    ) {
      prev = p;
    }
  }

  const sub = r(); // stable sub-choice for vendor status variants
  let names;
  let source;
  let status;
  let alias;
  let validityDays;
  if (prev) {
    names = { cn: prev.commonName, sans: prev.sans, wildcard: prev.wildcard };
    source = prev.source;
    validityDays = prev.validityDays;
    alias = prev.alias && r() < 0.5 ? `${prev.alias}${/[\u4e00-\u9fff]/.test(prev.alias) ? '（续费）' : '-renew'}` : prev.alias;
    status = 'issued';
  } else {
    names = makeNames(r, index);
    source = weighted(r, SOURCE_WEIGHTS[fam]);
    status = weighted(r, STATUS_WEIGHTS[fam]);
    if (source === 'upload' && (status === 'pending' || status === 'failed' || status === 'cancelled')) {
      status = 'issued'; // an uploaded certificate exists or it does not
    }
    validityDays =
      source === 'free' ? 90 : source === 'test' ? 30 : source === 'purchased' ? 365 : pick(r, [90, 90, 365, 397]);
    const a = r();
    alias =
      a < 0.35
        ? pick(r, ZH_NAMES)
        : a < 0.7
          ? `${names.cn.replace(/^\*\./, 'wildcard.')}-${2020 + int(r, 2, 6)}`
          : '';
  }

  let notAfterMs = null;
  if (prev) {
    notAfterMs = prev.notAfterMs + validityDays * DAY;
  } else if (CERT_STATUSES.has(status)) {
    let off;
    if (status === 'issued') off = r() < 0.25 ? int(r, 0, 30) : int(r, 31, 730);
    else if (status === 'expired') off = -int(r, 1, 730);
    else if (status === 'revoked') off = int(r, -365, 730);
    else off = int(r, -730, 730); // disabled
    notAfterMs = dayEnd(anchor + off * DAY);
    if (status === 'issued' && notAfterMs < anchor) status = 'expired';
  }
  if (status === 'issued' && notAfterMs !== null && notAfterMs < anchor) status = 'expired';
  const notBeforeMs = notAfterMs === null ? null : notAfterMs + SECOND - validityDays * DAY;
  const createdMs =
    notBeforeMs === null
      ? anchor - int(r, 1, 60) * DAY + int(r, 0, DAY / SECOND - 1) * SECOND
      : source === 'upload'
        ? Math.min(anchor, notBeforeMs + int(r, 0, 10) * DAY + int(r, 0, 86399) * SECOND)
        : notBeforeMs - int(r, 600, 3 * 86400) * SECOND;

  const validation = source === 'purchased' ? weighted(r, [['dv', 50], ['ov', 35], ['ev', 15]]) : 'dv';
  const keyAlgorithm = weighted(r, [['RSA 2048', 70], ['ECC 256', 25], ['RSA 4096', 5]]);
  const sm = fam !== 'qiniu' && r() < 0.02;
  const issuer =
    source === 'upload' ? pick(r, ISSUERS.upload) : pick(r, ISSUERS[fam][source] || ISSUERS.upload);
  const tagRoll = r();
  const tags =
    tagRoll < 0.3
      ? [{ key: 'env', value: pick(r, ['prod', 'staging', '测试']) }]
      : tagRoll < 0.4
        ? [{ key: '业务', value: '直播' }, { key: 'owner', value: 'ops' }]
        : [];
  const tencentProject = weighted(r, TENCENT_PROJECTS.map(([id, name, w]) => [[id, name], w]));
  const volcProject = weighted(r, VOLC_PROJECTS);
  const bound = status === 'issued' && r() < 0.4 ? pick(r, [['clb'], ['cdn'], ['cdn', 'live'], ['waf']]) : [];
  const verifyType = source === 'upload' ? '' : pick(r, ['DNS_AUTO', 'DNS', 'FILE']);
  const brand = source === 'purchased' ? pick(r, VOLC_BRANDS.purchased) : VOLC_BRANDS[source] ?? '';

  return {
    index,
    status, // base status: issued | expired | pending | failed | revoked | cancelled | disabled
    sub,
    commonName: names.cn,
    sans: names.sans,
    wildcard: names.wildcard,
    alias,
    source, // upload | purchased | free | test
    validation,
    validityDays,
    issuer,
    brand,
    keyAlgorithm,
    sm,
    notBeforeMs,
    notAfterMs,
    createdMs,
    tags,
    tencentProjectId: tencentProject[0],
    tencentProjectName: tencentProject[1],
    volcProject,
    boundResources: bound,
    verifyType,
    chainIndex: prev ? prev.chainIndex : index,
    replacesIndex: prev ? index - 1 : null,
    replacedByIndex: null,
    depth: prev ? prev.depth + 1 : 0,
  };
}

/** Status at the given sandbox time: an issued certificate past notAfter is expired. */
export function effectiveStatus(rec, nowMs) {
  if (rec.status === 'issued' && rec.notAfterMs !== null && rec.notAfterMs < nowMs) return 'expired';
  return rec.status;
}

// ---------------------------------------------------------------------------------------------
// Fake PEM material (deterministic; looks like DER in base64, parses as nothing).

function fakeDer(seed, len) {
  const r = rngFor(seed);
  const buf = Buffer.alloc(len);
  for (let i = 0; i < len; i += 4) buf.writeUInt32BE(Math.floor(r() * 4294967296), Math.min(i, len - 4));
  buf[0] = 0x30;
  buf[1] = 0x82;
  buf.writeUInt16BE(len - 4, 2);
  return buf;
}
function pem(label, der) {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
export function certificateDer(ds, rec) {
  return fakeDer(`${ds.seed}|cert|${rec.index}`, rec.keyAlgorithm.startsWith('ECC') ? 640 : 1300);
}
export function certificatePem(ds, rec) {
  return pem('CERTIFICATE', certificateDer(ds, rec));
}
export function privateKeyPem(ds, rec) {
  return rec.keyAlgorithm.startsWith('ECC')
    ? pem('EC PRIVATE KEY', fakeDer(`${ds.seed}|key|${rec.index}`, 121))
    : pem('RSA PRIVATE KEY', fakeDer(`${ds.seed}|key|${rec.index}`, rec.keyAlgorithm === 'RSA 4096' ? 2348 : 1192));
}
function csrPem(ds, rec) {
  return pem('CERTIFICATE REQUEST', fakeDer(`${ds.seed}|csr|${rec.index}`, 700));
}
function intermediatePem(issuer) {
  return pem('CERTIFICATE', fakeDer(`issuer|${issuer}`, 1200));
}
export const serialNumber = (ds, rec) => hexOf(rngFor(ds.seed, 'serial', rec.index), 32).toUpperCase();
export function fingerprint(ds, rec, algo) {
  return createHash(algo).update(certificateDer(ds, rec)).digest('hex').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Vendor ids. Each is a bijection of the index, so ids are unique and map back in O(1).

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const T_MOD = 62n ** 8n;
const T_MUL = 91_757_213_863n; // odd, not a multiple of 31: invertible modulo 62^8
function modInverse(a, m) {
  let [r0, r1, s0, s1] = [a % m, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}
const T_INV = modInverse(T_MUL, T_MOD);

/** Tencent certificate id: 8 base62 characters (like `GjTNRoK7`). Shared by both Tencent APIs. */
export function tencentId(ds, index) {
  let v = (BigInt(index) * T_MUL + ds.tencentOffset) % T_MOD;
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = B62[Number(v % 62n)] + s;
    v /= 62n;
  }
  return s;
}
export function tencentIndex(ds, id) {
  if (typeof id !== 'string' || !/^[0-9A-Za-z]{8}$/.test(id)) return -1;
  let v = 0n;
  for (const ch of id) v = v * 62n + BigInt(B62.indexOf(ch));
  const idx = (((v - ds.tencentOffset) % T_MOD) + T_MOD) % T_MOD * T_INV % T_MOD;
  return idx < BigInt(MAX_CERTS) ? Number(idx) : -1;
}

function hexId(ds, index, salt, mask) {
  return hexOf(rngFor(ds.seed, salt, index), 24) + ((index ^ mask) >>> 0).toString(16).padStart(8, '0');
}
function hexIndex(id, mask) {
  const n = parseInt(id.slice(-8), 16);
  return Number.isFinite(n) ? (n ^ mask) >>> 0 : -1;
}
/** Volcengine Certificate Center instance id `cert-<32 hex>`. */
export const ccId = (ds, index) => `cert-${hexId(ds, index, 'cc', ds.ccMask)}`;
export function ccIndex(ds, id) {
  if (typeof id !== 'string' || !/^cert-[0-9a-f]{32}$/.test(id)) return -1;
  const i = hexIndex(id, ds.ccMask);
  return i < MAX_CERTS && ccId(ds, i) === id ? i : -1;
}
export const ccChainId = (ds, rec) => `cert-${hexOf(rngFor(ds.seed, 'chain', rec.chainIndex), 32)}`;
/** Volcengine Live certificate id (its own id space; ChainIDVolc points at Certificate Center). */
export const liveId = (ds, index) => `cert-${hexId(ds, index, 'live', ds.liveMask)}`;
/**
 * Live's `ChainID` names one certificate with its intermediates (the bundle CreateCert takes), not
 * a renewal history (that is `ChainIDVolc`, Certificate Center's chain): one per record.
 */
export const liveChainId = (ds, rec) => hexOf(rngFor(ds.seed, 'livechain', rec.index), 32);

/**
 * Qiniu cert id: a 24-hex ObjectId (4-byte time, 5-byte account tag, 3-byte counter); generated
 * certificates use counter = index, uploads counter = 0x800000 + sequence.
 */
export function qiniuId(ds, index, createdMs) {
  const ts = Math.floor(createdMs / SECOND).toString(16).padStart(8, '0').slice(-8);
  return `${ts}${ds.qiniuTag}${index.toString(16).padStart(6, '0')}`;
}
export const QINIU_UPLOAD_BASE = 0x800000;
/** Parse a Qiniu id: {tag, counter} or null. */
export function parseQiniuId(id) {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) return null;
  return { tag: id.slice(8, 18), counter: parseInt(id.slice(18), 16) };
}

// ---------------------------------------------------------------------------------------------
// Vendor status codes.

/** Tencent status code (both APIs): 0 pending ... 10 revoked; see TENCENT_STATUS_NAMES. */
export function tencentStatusCode(rec, nowMs) {
  switch (effectiveStatus(rec, nowMs)) {
    case 'issued':
      return 1;
    case 'expired':
      return 3;
    case 'pending':
      return rec.sub < 0.6 ? 0 : rec.sub < 0.8 ? 4 : rec.sub < 0.9 ? 13 : 8;
    case 'failed':
      return 2;
    case 'cancelled':
      return rec.sub < 0.2 ? 6 : 7;
    case 'revoked':
      return rec.sub < 0.15 ? 9 : 10;
    default:
      return 1;
  }
}
/** Volcengine Certificate Center order_status. */
export function volcOrderStatus(rec) {
  switch (rec.status) {
    case 'pending':
      return rec.sub < 0.7 ? 200 : rec.sub < 0.85 ? 100 : 101;
    case 'failed':
      return 302;
    case 'cancelled':
      return rec.sub < 0.15 ? 201 : 301;
    case 'revoked':
      return rec.sub < 0.15 ? 400 : 500;
    default:
      return 300;
  }
}
/** Volcengine Live Status string from days left. */
export function liveStatus(rec, nowMs) {
  const left = rec.notAfterMs - nowMs;
  if (left < 0) return 'Expire';
  if (left <= 1 * DAY) return '1days';
  if (left <= 7 * DAY) return '7days';
  if (left <= 15 * DAY) return '15days';
  if (left <= 30 * DAY) return '30days';
  return 'OK';
}

const uniqueLower = (list) => [...new Set(list.map((d) => d.toLowerCase()))];

// ---------------------------------------------------------------------------------------------
// Vendor shapes.

/** Tencent `DescribeCertificates` item. */
export function tencentItem(ds, rec, nowMs) {
  const code = tencentStatusCode(rec, nowMs);
  const id = tencentId(ds, rec.index);
  const hasCert = rec.notAfterMs !== null;
  const pending = rec.status === 'pending';
  const from = rec.source === 'upload' ? 'upload' : 'trustasia';
  const productName = rec.source === 'upload' ? '' : rec.source === 'free' ? 'TrustAsia C1 DV Free' : `${rec.issuer}`;
  const encrypt = rec.sm ? 'SM2' : rec.keyAlgorithm.startsWith('ECC') ? 'ECC' : 'RSA';
  return {
    OwnerUin: ds.uin,
    ProjectId: String(rec.tencentProjectId),
    From: from,
    PackageType: rec.source === 'upload' ? '' : rec.source === 'free' ? '83' : '2',
    CertificateType: rec.source === 'upload' && rec.sub > 0.97 ? 'CA' : 'SVR',
    ProductZhName: rec.source === 'upload' ? rec.issuer : productName,
    Domain: rec.commonName,
    Alias: rec.alias,
    Status: code,
    CertificateExtra: {
      DomainNumber: String(uniqueLower(rec.sans).length),
      OriginCertificateId: rec.replacesIndex !== null ? tencentId(ds, rec.chainIndex) : null,
      ReplacedBy: rec.replacedByIndex !== null ? tencentId(ds, rec.replacedByIndex) : null,
      ReplacedFor: rec.replacesIndex !== null ? tencentId(ds, rec.replacesIndex) : null,
      RenewOrder: rec.replacedByIndex !== null ? tencentId(ds, rec.replacedByIndex) : null,
      SMCert: rec.sm ? 1 : 0,
      CompanyType: 0,
    },
    VulnerabilityStatus: 'INACTIVE',
    StatusMsg: pending ? (code === 4 ? 'DNS-RECORD-ADDED' : 'PRE-REVIEWING') : rec.status === 'failed' ? 'DCV-FAILED' : null,
    VerifyType: rec.verifyType,
    CertBeginTime: fmtBeijing(rec.notBeforeMs),
    CertEndTime: fmtBeijing(rec.notAfterMs),
    ValidityPeriod: String(Math.round(rec.validityDays / 30.4) || 1),
    InsertTime: fmtBeijing(rec.createdMs),
    CertificateId: id,
    SubjectAltName: rec.sans.slice(),
    PackageTypeName: rec.source === 'upload' ? '' : productName,
    StatusName: ZH_STATUS_TENCENT[code],
    IsVip: false,
    IsDv: rec.validation === 'dv',
    IsWildcard: rec.wildcard,
    IsVulnerability: false,
    RenewAble: rec.source !== 'upload' && hasCert && (code === 3 || rec.notAfterMs - nowMs <= 30 * DAY),
    ProjectInfo: {
      ProjectName: rec.tencentProjectName,
      ProjectCreatorUin: Number(ds.uin),
      ProjectCreateTime: rec.tencentProjectId === 0 ? '0000-00-00 00:00:00' : '2021-03-01 10:00:00',
      ProjectResume: rec.tencentProjectId === 0 ? '默认项目' : '',
      OwnerUin: Number(ds.uin),
      ProjectId: String(rec.tencentProjectId),
    },
    BoundResource: rec.boundResources.slice(),
    Deployable: code === 1,
    Tags: rec.tags.length ? rec.tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) : null,
    IsIgnore: false,
    IsSM: rec.sm,
    EncryptAlgorithm: encrypt,
    CAEncryptAlgorithms: hasCert ? [encrypt] : null,
    CAEndTimes: hasCert ? [fmtBeijing(rec.notAfterMs + 3 * 365 * DAY)] : null,
    CACommonNames: hasCert ? [rec.issuer] : null,
    PreAuditInfo: null,
    AutoRenewFlag: 0,
    HostingStatus: null,
    HostingCompleteTime: null,
    HostingRenewCertId: null,
    HasRenewOrder: rec.replacedByIndex !== null ? tencentId(ds, rec.replacedByIndex) : null,
    ReplaceOriCertIsDelete: null,
    IsExpiring: code === 1 && rec.notAfterMs - nowMs <= 30 * DAY,
    DVAuthDeadline: pending ? fmtBeijing(rec.createdMs + 7 * DAY) : null,
    ValidationPassedTime: hasCert && rec.source !== 'upload' ? fmtBeijing(rec.notBeforeMs) : null,
    CertSANs: hasCert ? rec.sans.slice() : null,
    AwaitingValidationMsg: null,
    AllowDownload: rec.source !== 'upload',
    IsDNSPODResolve: false,
    IsPackage: false,
    KeyPasswordCustomFlag: false,
    SupportDownloadType: hasCert
      ? { NGINX: true, APACHE: true, TOMCAT: true, IIS: true, JKS: true, OTHER: true, ROOT: true }
      : null,
  };
}

/** Tencent `DescribeCertificateDetail` Response body (without RequestId). */
export function tencentDetail(ds, rec, nowMs) {
  const item = tencentItem(ds, rec, nowMs);
  const hasCert = rec.notAfterMs !== null;
  return {
    OwnerUin: item.OwnerUin,
    ProjectId: item.ProjectId,
    From: item.From,
    CertificateType: item.CertificateType,
    PackageType: item.PackageType,
    ProductZhName: item.ProductZhName,
    Domain: item.Domain,
    Alias: item.Alias,
    Status: item.Status,
    StatusMsg: item.StatusMsg,
    VerifyType: item.VerifyType,
    VulnerabilityStatus: item.VulnerabilityStatus,
    CertBeginTime: item.CertBeginTime,
    CertEndTime: item.CertEndTime,
    ValidityPeriod: item.ValidityPeriod,
    InsertTime: item.InsertTime,
    OrderId: rec.source === 'upload' ? null : `TA${hexOf(rngFor(ds.seed, 'order', rec.index), 16).toUpperCase()}`,
    CertificateExtra: item.CertificateExtra,
    CertificatePrivateKey: hasCert || rec.status === 'pending' ? privateKeyPem(ds, rec) : null,
    CertificatePublicKey: hasCert ? certificatePem(ds, rec) + intermediatePem(rec.issuer) : null,
    DvAuthDetail: null,
    VulnerabilityReport: null,
    CertificateId: item.CertificateId,
    TypeName: item.PackageTypeName,
    StatusName: item.StatusName,
    SubjectAltName: item.SubjectAltName,
    IsVip: false,
    IsWildcard: item.IsWildcard,
    IsDv: item.IsDv,
    IsVulnerability: false,
    SubmittedData: null,
    RenewAble: item.RenewAble,
    Deployable: item.Deployable,
    Tags: item.Tags,
    RootCert: null,
    EncryptCert: null,
    EncryptPrivateKey: null,
    CertFingerprint: hasCert ? fingerprint(ds, rec, 'sha1') : null,
    EncryptCertFingerprint: null,
    EncryptAlgorithm: item.EncryptAlgorithm,
    DvRevokeAuthDetail: null,
    CertChainInfo: null,
  };
}

/** Tencent legacy `CertGetList` item (API 2.0): `type` is the string "2", `status` an integer. */
export function legacyItem(ds, rec, nowMs) {
  const code = tencentStatusCode(rec, nowMs);
  const upload = rec.source === 'upload';
  const name = upload ? rec.issuer : 'TrustAsia TLS RSA CA';
  return {
    ownerUin: ds.uin,
    projectId: String(rec.tencentProjectId),
    from: upload ? 'upload' : 'trustasia',
    type: upload ? '1' : '2',
    certType: rec.source === 'upload' && rec.sub > 0.97 ? 'CA' : 'SVR',
    productZhName: name,
    domain: rec.commonName,
    alias: rec.alias,
    status: code,
    vulnerability_status: 'INACTIVE',
    statusMsg: null,
    verifyType: rec.verifyType,
    certBeginTime: rec.notBeforeMs === null ? '' : fmtBeijing(rec.notBeforeMs),
    certEndTime: rec.notAfterMs === null ? '' : fmtBeijing(rec.notAfterMs),
    validityPeriod: String(Math.round(rec.validityDays / 30.4) || 1),
    insertTime: fmtBeijing(rec.createdMs),
    projectInfo: {
      projectId: String(rec.tencentProjectId),
      ownerUin: 0,
      name: rec.tencentProjectName,
      creatorUin: 0,
      createTime: rec.tencentProjectId === 0 ? '0000-00-00 00:00:00' : '2021-03-01 10:00:00',
      info: rec.tencentProjectId === 0 ? '默认项目' : '',
    },
    id: tencentId(ds, rec.index),
    subjectAltName: rec.sans.slice(),
    type_name: name,
    status_name: ZH_STATUS_TENCENT[code],
    is_vip: false,
    is_dv: rec.validation === 'dv',
    is_wildcard: rec.wildcard,
    is_vulnerability: false,
  };
}

/** Does Volcengine Live show this certificate at all (under some Available/Expiring combination)? */
export const liveVisible = (rec) => rec.status === 'issued' || rec.status === 'expired' || rec.status === 'disabled';

/** Volcengine Live `ListCertV2` item: RFC 3339 UTC times. */
export function liveItem(ds, rec, nowMs) {
  return {
    CertID: liveId(ds, rec.index),
    CertName: rec.alias || rec.commonName,
    CertDomainList: rec.sans.slice(),
    ChainID: liveChainId(ds, rec),
    ChainIDVolc: ccChainId(ds, rec).slice(5),
    NotBefore: rfc3339(rec.notBeforeMs),
    NotAfter: rfc3339(rec.notAfterMs),
    Status: liveStatus(rec, nowMs),
  };
}

/**
 * ListCertV2 filter. Available (default true) = enabled; Expiring (default false) = expired.
 * Domain: exact (case-insensitive) match in the domain list; CertName: substring of the name.
 */
export function liveMatches(rec, { Available = true, Expiring = false, Domain, CertName } = {}, nowMs) {
  if (!liveVisible(rec)) return false;
  if ((rec.status !== 'disabled') !== Available) return false;
  if ((rec.notAfterMs < nowMs) !== Expiring) return false;
  if (Domain) {
    const d = String(Domain).toLowerCase();
    if (!rec.sans.some((s) => s.toLowerCase() === d)) return false;
  }
  if (CertName) {
    const name = (rec.alias || rec.commonName).toLowerCase();
    if (!name.includes(String(CertName).toLowerCase())) return false;
  }
  return true;
}

const VOLC_INSTANCE_TYPE = { purchased: 0, free: 1, upload: 2, test: 4 };

/** Certificate Center order_san_number: -1 wildcard, 0 single domain, else the number of domains. */
export function orderSanNumber(rec) {
  const n = uniqueLower(rec.sans).length;
  return rec.wildcard ? -1 : n > 1 ? n : 0;
}

/** Volcengine Certificate Center `CertificateGetInstance` content item (private key included). */
export function certCenterItem(ds, rec) {
  const id = ccId(ds, rec.index);
  const hasCert = rec.notAfterMs !== null;
  const upload = rec.source === 'upload';
  const sanLower = uniqueLower(rec.sans);
  const orderStatus = volcOrderStatus(rec);
  const bj = fmtBeijing;
  const log = [{ time: bj(rec.createdMs), title: '待申请', content: '订单已创建，等待提交证书申请。' }];
  if (hasCert && !upload) log.push({ time: bj(rec.notBeforeMs), title: '已签发', content: '证书已签发。' });
  if (upload) log[0] = { time: bj(rec.createdMs), title: '已上传', content: '证书已上传。' };
  const encryption = rec.sm ? 'SM2' : rec.keyAlgorithm;
  return {
    id,
    parent_id: id,
    chain_id: ccChainId(ds, rec),
    upstream: upload ? '' : 'volcano',
    upstream_filter: upload ? '' : String(2100000000 + (hash32(`${ds.seed}|uf`) % 99999999)),
    deleted: 0,
    source_parent_id: rec.replacesIndex !== null ? ccId(ds, rec.replacesIndex) : '',
    source_id: rec.replacesIndex !== null ? ccId(ds, rec.replacesIndex) : '',
    number: rec.depth + 1,
    cert_type: 1,
    instance_type: VOLC_INSTANCE_TYPE[rec.source],
    disabled: rec.status === 'disabled' ? 1 : 0,
    tag: rec.alias || '未命名证书',
    purpose: 'ssl',
    type: rec.validation,
    common_name: rec.commonName,
    applicable_domains: `,${sanLower.join(',')},`,
    order_exist: upload ? 0 : 1,
    order_brand: rec.brand,
    order_san_number: orderSanNumber(rec),
    order_status: orderStatus,
    order_require_progress: 0,
    certificate_exist: hasCert ? 1 : 0,
    certificate_revoked: rec.status === 'revoked' ? 1 : 0,
    deploy_info: rec.boundResources.length ? rec.boundResources.map((r) => ({ service: r, resource_id: `${r}-${rec.index}` })) : null,
    project_name: rec.volcProject,
    issuer: rec.issuer,
    is_sm: rec.sm,
    order_period: upload ? 0 : Math.round(rec.validityDays / 30.4) || 1,
    order_organization: upload
      ? null
      : {
          department: '', name: '', postal_code: '', address: '', city: '', province: '', country: '',
          email: '', phone: '', bank_account_license_no: '', business_license_no: '',
          contact: { first_name: '三', last_name: '张', email: 'zhangsan@example.com', phone: '13011111111', title: '', id_card_no: '' },
          upstream_extension: null,
        },
    ssl: {
      order_san_number: orderSanNumber(rec),
      order_validation_type: upload ? '' : 'dns_txt',
      order_validation_ready: hasCert,
      order_validations: upload
        ? {}
        : Object.fromEntries(
            sanLower.slice(0, 3).map((d) => [
              d,
              { key: [`_dnsauth.${d.replace(/^\*\./, '')}`], value: hexOf(rngFor(ds.seed, 'dcv', rec.index, d), 64), validated: hasCert },
            ]),
          ),
      san: rec.sans.slice(),
      certificate: {
        csr: upload ? '' : csrPem(ds, rec),
        private_key: privateKeyPem(ds, rec),
        key_type: rec.keyAlgorithm.startsWith('ECC') ? 'ecc' : rec.sm ? 'sm2' : 'rsa',
        chain: hasCert ? [certificatePem(ds, rec), intermediatePem(rec.issuer), intermediatePem(`${rec.issuer} root`)] : null,
        encrypt_key: '',
        encrypt_chain: null,
      },
    },
    log,
    upstream_extension: upload ? null : { plan: `${rec.brand || 'digicert_free'}_standard_${rec.validation}`, is_completed: hasCert },
    order_progress_time: bj(rec.notBeforeMs ?? rec.createdMs),
    certificate_not_before: bj(rec.notBeforeMs),
    certificate_not_after: bj(rec.notAfterMs),
    certificate_not_after_ms: rec.notAfterMs,
    certificate_not_before_ms: rec.notBeforeMs,
    certificate_detail: hasCert
      ? {
          subject: {
            common_name: rec.commonName, san: rec.sans.slice(), organization: rec.validation === 'dv' ? '' : '示例科技有限公司',
            organization_unit: '', country: rec.validation === 'dv' ? '' : 'CN', province: '', city: '', address: '', postal_code: '',
          },
          issuer: {
            common_name: rec.issuer, san: null, organization: 'Sandbox CA', organization_unit: '', country: 'US',
            province: '', city: '', address: '', postal_code: '',
          },
          serial_number: serialNumber(ds, rec),
          not_before: bj(rec.notBeforeMs),
          not_after: bj(rec.notAfterMs),
          encryption_algorithm: encryption,
          signature_algorithm: rec.keyAlgorithm.startsWith('ECC') ? 'ECDSA-SHA256' : 'SHA256-RSA',
          fingerprint_sha_1: fingerprint(ds, rec, 'sha1'),
          fingerprint_sha_256: fingerprint(ds, rec, 'sha256'),
        }
      : null,
    encryption_certificate_detail: null,
  };
}

/** Qiniu list item (Unix seconds). */
export function qiniuListItem(ds, rec) {
  return {
    certid: qiniuId(ds, rec.index, rec.createdMs),
    name: rec.alias || rec.commonName,
    common_name: rec.commonName,
    dnsnames: rec.sans.slice(),
    not_before: unixSec(rec.notBeforeMs),
    not_after: unixSec(rec.notAfterMs),
    create_time: unixSec(rec.createdMs),
  };
}
/** Qiniu `GET /sslcert/<id>` body: includes `pri` and `ca`. */
export function qiniuGetItem(ds, rec) {
  const l = qiniuListItem(ds, rec);
  return {
    name: l.name,
    common_name: l.common_name,
    dnsnames: l.dnsnames,
    not_before: l.not_before,
    not_after: l.not_after,
    pri: privateKeyPem(ds, rec),
    ca: certificatePem(ds, rec) + intermediatePem(rec.issuer),
    create_time: l.create_time,
  };
}

// ---------------------------------------------------------------------------------------------
// Datasets and the public lookup used by tests.

const datasets = new Map();

/** The dataset of a family's data seed at an anchor (cached). */
export function datasetFor(family, dataSeed, anchorMs) {
  const key = `${family}|${dataSeed}|${anchorMs}`;
  let ds = datasets.get(key);
  if (!ds) {
    ds = new Dataset(family, dataSeed, anchorMs);
    datasets.set(key, ds);
    if (datasets.size > 64) datasets.delete(datasets.keys().next().value);
  }
  return ds;
}

/** Resolve (provider, accessKeyId | label | dataSeed) to its key record. */
export function resolveAccount(provider, accountKey) {
  const family = FAMILY[provider];
  if (!family) throw new Error(`unknown provider ${provider}`);
  const keys = KEYS[family];
  if (accountKey === undefined) return keys[0];
  const byKey = keys.find((k) => k.accessKeyId === accountKey || k.label === accountKey || k.dataSeed === accountKey);
  if (byKey) return byKey;
  const byLabel = accounts.find((a) => a.provider === provider && a.label === accountKey);
  if (byLabel) return keys.find((k) => k.accessKeyId === byLabel.accessKeyId);
  throw new Error(`no sandbox account ${accountKey} for ${provider}`);
}

/**
 * What the sandbox holds for one account, in each list API's order:
 * `[{id, index, status, base, vendor}]` where `vendor` is the exact list item the API returns
 * (Live: every certificate Live shows under any Available/Expiring combination; Qiniu: the
 * generated certificates, before any upload or delete). `status` is the base status at `nowMs`.
 * Options: `anchorMs` (default: start of the current UTC day, as the sandbox), `nowMs` (default now).
 */
export function certificatesFor(provider, accountKey, count = DEFAULT_CERTS, options = {}) {
  const key = resolveAccount(provider, accountKey);
  const anchorMs = options.anchorMs ?? defaultAnchorMs();
  const nowMs = options.nowMs ?? Date.now();
  const n = Math.max(0, Math.min(MAX_CERTS, Math.floor(count)));
  const ds = datasetFor(FAMILY[provider], key.dataSeed, anchorMs);
  const out = [];
  for (let i = 0; i < n; i++) {
    const rec = ds.record(i, n);
    let vendor;
    switch (provider) {
      case 'tencent-ssl':
        vendor = tencentItem(ds, rec, nowMs);
        out.push({ id: vendor.CertificateId, index: i, status: effectiveStatus(rec, nowMs), base: rec, vendor });
        break;
      case 'tencent-legacy':
        vendor = legacyItem(ds, rec, nowMs);
        out.push({ id: vendor.id, index: i, status: effectiveStatus(rec, nowMs), base: rec, vendor });
        break;
      case 'volcengine-live':
        if (!liveVisible(rec)) break;
        vendor = liveItem(ds, rec, nowMs);
        out.push({ id: vendor.CertID, index: i, status: effectiveStatus(rec, nowMs), base: rec, vendor });
        break;
      case 'volcengine-cert':
        vendor = certCenterItem(ds, rec);
        out.push({ id: vendor.id, index: i, status: effectiveStatus(rec, nowMs), base: rec, vendor });
        break;
      case 'qiniu':
        vendor = qiniuListItem(ds, rec);
        out.push({ id: vendor.certid, index: i, status: effectiveStatus(rec, nowMs), base: rec, vendor });
        break;
      default:
        throw new Error(`unknown provider ${provider}`);
    }
  }
  return out;
}
