// Helpers shared by the vendor handlers.

import { randomBytes } from 'node:crypto';

/**
 * Uploads and deletions of one account of a provider that can write (Qiniu, Tencent SSL,
 * Certificate Center): generated indexes deleted, and the uploads by sequence (`null` once
 * deleted). Kept per provider and data seed in `stores` (a Map the server resets).
 */
export class WriteStore {
  constructor() {
    this.deleted = new Set();
    this.uploads = [];
  }
  /** Whether anything was uploaded or deleted (the lists then merge the store in). */
  get changed() {
    return this.deleted.size > 0 || this.uploads.length > 0;
  }
  /** Counts for `/__sandbox/state`. */
  summary() {
    return {
      uploaded: this.uploads.filter(Boolean).length,
      deletedGenerated: this.deleted.size,
      deletedUploads: this.uploads.filter((u) => u === null).length,
    };
  }
}

/** The store of the account with `dataSeed` in `stores`, made on first use. */
export function writeStore(stores, dataSeed) {
  let s = stores.get(dataSeed);
  if (!s) {
    s = new WriteStore();
    stores.set(dataSeed, s);
  }
  return s;
}

/** A JSON answer. */
export function json(status, obj, headers = {}, contentType = 'application/json') {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body: JSON.stringify(obj) };
}

/** Domain coverage: exact (case-insensitive) or one-label wildcard. */
export function covers(sans, domain) {
  const d = String(domain).toLowerCase();
  return sans.some((s) => {
    const x = s.toLowerCase();
    if (x === d) return true;
    if (x.startsWith('*.')) {
      const rest = x.slice(1); // ".example.com"
      return d.endsWith(rest) && !d.slice(0, -rest.length).includes('.') && d.length > rest.length;
    }
    return false;
  });
}

/** Volcengine-style request id: Beijing time YYYYMMDDHHmmss + 20 upper-case hex. */
export function volcRequestId(nowMs) {
  const t = new Date(nowMs + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${t}${randomBytes(10).toString('hex').toUpperCase()}`;
}

/** Qiniu-style X-Reqid: 16 URL-safe base64 characters. */
export function qiniuReqId() {
  return randomBytes(12).toString('base64url');
}

/** Parse a non-negative integer given as a JSON number (strict) or, from a query, as digits. */
export function intParam(v, { fromQuery = false } = {}) {
  if (v === undefined || v === null) return { absent: true };
  if (typeof v === 'number') return Number.isInteger(v) ? { value: v } : { bad: true };
  if (fromQuery && typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return { value: Number(v.trim()) };
  return { bad: true };
}

/** Decoded parameters of a query string / form body; the first value of a repeated key wins. */
export function paramsOf(searchParams) {
  const out = {};
  for (const [k, v] of searchParams) if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = v;
  return out;
}

/** An HTML error page like the ones load balancers answer with. */
export function htmlErrorPage(status = 502, server = 'nginx') {
  const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[status] || 'Error';
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`,
  };
}
