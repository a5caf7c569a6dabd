// The benchmark's baseline: a straightforward JavaScript normalizer of the five vendor list
// responses, written the way one would without the library: `JSON.parse`, then one `map` over the
// records into the same fields `normalizeResponse` returns (times as RFC 3339 UTC with naive
// vendor times read as Beijing time, `daysRemaining`, `status` from the vendor's value and the
// dates, ASCII lower-cased de-duplicated `domains`, the other model fields, and `raw` without
// private keys). Certificate Center records carry their certificate chain: as the library, this
// takes fingerprint, serial and key algorithm from `certificate_detail` when the whole detail names
// the serial of the chain's leaf, and otherwise from the leaf itself when it decodes, with a small
// DER reader and SHA-256 in plain JavaScript (a page has no synchronous SHA-256, and Node and the
// page run this same code). No dependencies: it runs unchanged in Node and in a page.
//
// It is not the library's specification; bench/run.mjs checks that it produces the same
// certificates as `normalizeResponse` on the benchmark bodies (both shapes) before timing, so
// both do the same work.

const DAY = 86_400_000;
const BEIJING = 8 * 3600_000;

// ------------------------------------------------------------------ lenient field access

function at(v, path) {
  for (const k of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = v[k];
  }
  return v === null ? undefined : v;
}

function text(v, path) {
  const x = at(v, path);
  if (typeof x === 'string') {
    const t = x.trim();
    return t === '' ? undefined : t;
  }
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return undefined;
}

function int(v, path) {
  const x = at(v, path);
  if (typeof x === 'number') return Number.isInteger(x) && Math.abs(x) < 9e15 ? x : undefined;
  if (typeof x === 'string') {
    const t = x.trim();
    return /^[+-]?\d{1,18}$/.test(t) ? Number(t) : undefined;
  }
  return undefined;
}

function flag(v, path) {
  const x = at(v, path);
  if (typeof x === 'boolean') return x;
  if (typeof x === 'number') return x !== 0;
  if (typeof x === 'string') {
    const t = x.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0' || t === '') return false;
  }
  return undefined;
}

function texts(v, path) {
  const x = at(v, path);
  if (Array.isArray(x)) {
    const out = [];
    for (const item of x) {
      const t = typeof item === 'string' ? item.trim() : typeof item === 'number' ? String(item) : '';
      if (t !== '') out.push(t);
    }
    return out;
  }
  if (typeof x === 'string' && x.trim() !== '') return [x.trim()];
  return [];
}

// ------------------------------------------------------------------ dates

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:\d{2})?$/;

/** Naive `YYYY-MM-DD HH:MM:SS` is Beijing time; RFC 3339 offsets are honoured. */
function parseVendorTime(s) {
  const m = TIME.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const check = new Date(t);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || y < 1) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  let offset = BEIJING;
  if (m[8] === 'Z' || m[8] === 'z') offset = 0;
  else if (m[8]) {
    const oh = +m[8].slice(1, 3);
    const om = +m[8].slice(4, 6);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[8][0] === '-' ? -1 : 1) * (oh * 3600_000 + om * 60_000);
  }
  return t + ms - offset;
}

function inRange(ms) {
  return Number.isFinite(ms) && ms > 0 && ms <= 253_402_300_799_999 ? Math.floor(ms) : undefined;
}

function fromUnix(x, scale) {
  if (typeof x === 'number') return inRange(x * scale);
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return inRange(Number(x) * scale);
  return undefined;
}

function rfc3339(ms) {
  if (ms === undefined) return undefined;
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : undefined;
}

// ------------------------------------------------------------------ the leaf of a PEM chain

const SHA256_K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of `bytes`, lower-case hex. */
function sha256Hex(bytes) {
  const n = bytes.length;
  const padded = new Uint8Array(((n + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[n] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(n / 0x20000000));
  view.setUint32(padded.length - 4, (n << 3) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15];
      const y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  let out = '';
  for (const x of h) out += x.toString(16).padStart(8, '0');
  return out;
}

/** One DER element at `i` within `end`: `{tag, start, end}` of its content, or undefined (not DER, cut short). */
function tlv(b, i, end) {
  if (i === undefined || i + 2 > end) return undefined;
  const tag = b[i];
  if ((tag & 0x1f) === 0x1f) return undefined;
  let len = b[i + 1];
  let p = i + 2;
  if (len >= 0x80) {
    const count = len & 0x7f;
    if (count < 1 || count > 4 || p + count > end || b[p] === 0) return undefined;
    len = 0;
    for (let k = 0; k < count; k++) len = len * 256 + b[p++];
    if (len < 0x80) return undefined;
  }
  return p + len > end ? undefined : { tag, start: p, end: p + len };
}

function hexOf(b, from, to) {
  let s = '';
  for (let i = from; i < to; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
}

function oidText(b, t) {
  const parts = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      if (parts.length) parts.push(v);
      else parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      v = 0;
    }
  }
  return parts.join('.');
}

const CURVES = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };
const isTime = (t) => t !== undefined && (t.tag === 0x17 ? t.end - t.start === 13 : t.tag === 0x18 && t.end - t.start === 15);

/** `RSA 2048`, `EC P-256`, `Ed25519` or the algorithm's OID, from a SubjectPublicKeyInfo. */
function keySummary(b, spki) {
  const alg = tlv(b, spki.start, spki.end);
  if (!alg || alg.tag !== 0x30) return undefined;
  const key = tlv(b, alg.end, spki.end);
  const oid = tlv(b, alg.start, alg.end);
  if (!key || key.tag !== 0x03 || key.end <= key.start || !oid || oid.tag !== 0x06) return undefined;
  const name = oidText(b, oid);
  if (name === '1.2.840.113549.1.1.1') {
    const rsa = tlv(b, key.start + 1, key.end);
    const modulus = rsa && rsa.tag === 0x30 ? tlv(b, rsa.start, rsa.end) : undefined;
    if (!modulus || modulus.tag !== 0x02) return undefined;
    let i = modulus.start;
    while (i < modulus.end && b[i] === 0) i++;
    return `RSA ${i === modulus.end ? 0 : (modulus.end - i - 1) * 8 + (32 - Math.clz32(b[i]))}`;
  }
  if (name === '1.2.840.10045.2.1') {
    const curve = tlv(b, oid.end, alg.end);
    if (!curve || curve.tag !== 0x06) return undefined;
    const c = oidText(b, curve);
    return `EC ${CURVES[c] ?? c}`;
  }
  return name === '1.3.101.112' ? 'Ed25519' : name;
}

/** The DER of the first certificate block of a PEM text, or undefined. */
function pemDer(pem) {
  const m = /-----BEGIN ([^\n-]*CERTIFICATE)-----\s*\n([\s\S]*?)\n\s*-----END \1-----/.exec(pem);
  if (!m) return undefined;
  try {
    const bin = atob(m[2].replace(/\s+/g, ''));
    const b = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
    return b;
  } catch {
    return undefined;
  }
}

/** The serial INTEGER of a DER certificate, read without the rest, or undefined. */
function serialTlv(b) {
  const cert = tlv(b, 0, b.length);
  if (!cert || cert.tag !== 0x30 || cert.end !== b.length) return undefined;
  const tbs = tlv(b, cert.start, cert.end);
  if (!tbs || tbs.tag !== 0x30) return undefined;
  let serial = tlv(b, tbs.start, tbs.end);
  if (serial && serial.tag === 0xa0) serial = tlv(b, serial.end, tbs.end); // version
  return serial && serial.tag === 0x02 ? { cert, tbs, serial } : undefined;
}

/** A serial as `openssl x509 -serial` prints it: upper-case hex, sign padding dropped. */
function serialHex(b, serial) {
  const from = b[serial.start] === 0 && serial.end - serial.start > 1 ? serial.start + 1 : serial.start;
  return hexOf(b, from, serial.end).toUpperCase();
}

/** `{fingerprint, serial, keyAlgorithm}` of a DER certificate, or undefined when it does not decode. */
function parseLeaf(b) {
  const found = serialTlv(b);
  if (!found) return undefined;
  const { cert, tbs, serial } = found;
  const sigAlg = tlv(b, tbs.end, cert.end);
  const sig = sigAlg && sigAlg.tag === 0x30 ? tlv(b, sigAlg.end, cert.end) : undefined;
  if (!sig || sig.tag !== 0x03) return undefined;
  // signature algorithm, issuer, validity, subject, subject public key
  const fields = [];
  for (let p = serial.end; fields.length < 5; ) {
    const t = tlv(b, p, tbs.end);
    if (!t || t.tag !== 0x30) return undefined;
    fields.push(t);
    p = t.end;
  }
  const [, , validity, , spki] = fields;
  const notBefore = tlv(b, validity.start, validity.end);
  if (!isTime(notBefore) || !isTime(tlv(b, notBefore.end, validity.end))) return undefined;
  const keyAlgorithm = keySummary(b, spki);
  if (keyAlgorithm === undefined) return undefined;
  return { fingerprint: sha256Hex(b), serial: serialForm(serialHex(b, serial)), keyAlgorithm };
}

/** A serial in the model's form: upper-case hex in whole bytes without leading zero bytes; undefined unless hex. */
function serialForm(text) {
  let hex = text.replaceAll(':', '');
  if (!/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  hex = hex.toUpperCase();
  if (hex.length % 2) hex = `0${hex}`;
  while (hex.startsWith('00') && hex.length > 2) hex = hex.slice(2);
  return hex;
}

/**
 * What `certificate_detail` says: fingerprint (64 hex digits), serial (in the model's form) and
 * key algorithm, each when well-formed, and whether it is whole (those three, and the subject's
 * names and the dates), so that it can stand for the certificate it describes.
 */
function detailOf(r) {
  const str = (f) => {
    const v = at(r, ['certificate_detail', f]);
    const t = typeof v === 'string' ? v.trim() : '';
    return t === '' ? undefined : t;
  };
  const fp = str('fingerprint_sha_256');
  const fingerprint = fp !== undefined && /^[0-9a-fA-F]{64}$/.test(fp.replaceAll(':', '')) ? fp : undefined;
  const written = str('serial_number');
  const serial = written === undefined ? undefined : serialForm(written);
  const keyAlgorithm = str('encryption_algorithm');
  const subject = at(r, ['certificate_detail', 'subject']);
  const san = subject !== null && typeof subject === 'object' && !Array.isArray(subject) ? subject.san : undefined;
  const dated = (f) => str(f) !== undefined && parseVendorTime(str(f)) !== undefined;
  const whole = fingerprint !== undefined && serial !== undefined && keyAlgorithm !== undefined && (san === null || Array.isArray(san)) && dated('not_before') && dated('not_after');
  return { fingerprint, serial, keyAlgorithm, whole };
}

// ------------------------------------------------------------------ private keys

const KEY_FIELDS = new Set(['private_key', 'encrypt_key', 'pri', 'certificateprivatekey', 'privatekey']);
const isPemKey = (s) => typeof s === 'string' && s.includes('-----BEGIN') && s.includes('PRIVATE KEY-----');

function redact(v) {
  if (Array.isArray(v)) {
    for (let i = v.length - 1; i >= 0; i--) {
      if (isPemKey(v[i])) v.splice(i, 1);
      else redact(v[i]);
    }
  } else if (v !== null && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (KEY_FIELDS.has(k.toLowerCase()) || isPemKey(v[k])) delete v[k];
      else redact(v[k]);
    }
  }
}

// ------------------------------------------------------------------ status tables

const ISSUED = 'issued';
const TENCENT = {
  0: ['pending', '审核中'], 1: [ISSUED, '已通过'], 2: ['failed', '审核失败'], 3: ['expired', '已过期'],
  4: ['pending', '已添加DNS记录'], 5: ['pending', '企业证书,待提交'], 6: ['cancelled', '订单取消中'],
  7: ['cancelled', '已取消'], 8: ['pending', '已提交资料, 待上传确认函'], 9: ['revoked', '证书吊销中'],
  10: ['revoked', '已吊销'], 11: [ISSUED, '重颁发中'], 12: ['revoked', '待上传吊销确认函'],
  13: ['pending', '免费证书待提交资料'],
};
const LEGACY = {
  0: ['pending', '审核中'], 1: [ISSUED, '已通过'], 2: ['failed', '审核失败'], 3: ['expired', '已过期'],
  4: ['pending', '已添加云解析记录'], 5: ['pending', 'OV/EV 证书,待提交资料'], 6: ['cancelled', '订单取消中'],
  7: ['cancelled', '已取消'], 8: ['pending', '已提交资料, 待上传确认函'],
  // Not in the API 2.0 document: API 3.0's rows, as the library reads them.
  9: ['revoked', '证书吊销中'], 10: ['revoked', '已吊销'], 11: [ISSUED, '重颁发中'], 12: ['revoked', '待上传吊销确认函'],
  13: ['pending', '免费证书待提交资料'],
};
const LIVE = {
  OK: [ISSUED, '正常'], Expire: ['expired', '过期'], '30days': [ISSUED, '有效期剩余 30 天'],
  '15days': [ISSUED, '有效期剩余 15 天'], '7days': [ISSUED, '有效期剩余 7 天'], '1days': [ISSUED, '有效期剩余 1 天'],
};
const CERT_CENTER = {
  '-2': ['unknown', '未知状态'], 100: ['pending', '尚未提交证书申请'], 101: ['pending', '证书申请尚未提交给CA机构'],
  200: ['pending', '验证中'], 201: ['cancelled', '取消中'], 202: ['pending', '取消失败'], 300: [ISSUED, '已签发'],
  301: ['cancelled', '已取消'], 302: ['failed', '申请失败'], 400: ['revoked', '吊销中'], 401: [ISSUED, '吊销失败'],
  500: ['revoked', '已吊销'],
};
const CC_SOURCE = { 0: 'purchased', 1: 'free', 2: 'upload', 4: 'test' };

function validation(r, dvFlag, names) {
  if (flag(r, dvFlag) === true) return 'dv';
  const words = names.map((n) => text(r, [n])).filter(Boolean).join(' ').toUpperCase().split(/[^A-Z0-9]/);
  if (words.includes('EV')) return 'ev';
  if (words.includes('OV')) return 'ov';
  if (words.includes('DV')) return 'dv';
  return undefined;
}

function source(r, from, names) {
  const origin = text(r, [from]);
  if (origin === undefined) return undefined;
  if (origin.toLowerCase() === 'upload') return 'upload';
  const free = names.map((n) => text(r, [n])).some((n) => n !== undefined && (n.includes('免费') || n.toLowerCase().includes('free')));
  return free ? 'free' : 'purchased';
}

// ------------------------------------------------------------------ one record → certificate

function finish(o, d, raw) {
  if (!o.includePrivateKey) redact(raw);
  const cn = d.commonName === undefined ? undefined : d.commonName.trim().toLowerCase() || undefined;
  const domains = [];
  for (const x of cn === undefined ? d.sans : [cn, ...d.sans]) {
    const dom = x.trim().toLowerCase();
    if (dom !== '' && !domains.includes(dom)) domains.push(dom);
  }
  const days = d.notAfter === undefined ? undefined : Math.floor((d.notAfter - o.now) / DAY);
  let status = d.status;
  if (status === ISSUED) status = days === undefined ? 'active' : days < 0 ? 'expired' : days <= o.expiringWithinDays ? 'expiring' : 'active';
  const c = { provider: o.provider, account: o.label, id: d.id };
  if (d.name !== undefined) c.name = d.name;
  if (cn !== undefined) c.commonName = cn;
  c.domains = domains;
  const nb = rfc3339(d.notBefore);
  if (nb !== undefined) c.notBefore = nb;
  const na = rfc3339(d.notAfter);
  if (na !== undefined) c.notAfter = na;
  if (days !== undefined) c.daysRemaining = days;
  c.status = status;
  if (d.vendorStatus !== undefined) c.vendorStatus = d.vendorStatus;
  if (d.vendorStatusText !== undefined) c.vendorStatusText = d.vendorStatusText;
  if (d.issuer !== undefined) c.issuer = d.issuer;
  if (d.validation !== undefined) c.validation = d.validation;
  c.wildcard = Boolean(d.wildcard) || domains.some((x) => x.startsWith('*.'));
  if (d.source !== undefined) c.source = d.source;
  if (d.chainId !== undefined) c.chainId = d.chainId;
  if (d.replacedBy !== undefined) c.replacedBy = d.replacedBy;
  if (d.replaces !== undefined) c.replaces = d.replaces;
  if (d.fingerprint !== undefined) c.fingerprintSha256 = d.fingerprint.replaceAll(':', '').toLowerCase();
  if (d.serial !== undefined) c.serialNumber = d.serial.replaceAll(':', '').toUpperCase();
  if (d.keyAlgorithm !== undefined) c.keyAlgorithm = d.keyAlgorithm;
  if (d.tags && Object.keys(d.tags).length) c.tags = d.tags;
  if (d.project !== undefined) c.project = d.project;
  if (d.boundResources && d.boundResources.length) c.boundResources = d.boundResources;
  c.raw = raw;
  return c;
}

function tableStatus(table, value) {
  const row = value === undefined ? undefined : table[value];
  return row ? { status: row[0], label: row[1] } : { status: 'unknown', label: undefined };
}

function tencentSsl(r) {
  const s = tableStatus(TENCENT, int(r, ['Status']));
  const tags = {};
  const tagList = at(r, ['Tags']);
  if (Array.isArray(tagList)) {
    for (const t of tagList) {
      const k = text(t, ['TagKey']);
      if (k !== undefined) tags[k] = text(t, ['TagValue']) ?? '';
    }
  }
  const begin = text(r, ['CertBeginTime']);
  const end = text(r, ['CertEndTime']);
  return {
    id: text(r, ['CertificateId']) ?? '',
    name: text(r, ['Alias']),
    commonName: text(r, ['Domain']),
    sans: [...texts(r, ['SubjectAltName']), ...texts(r, ['CertSANs'])],
    notBefore: begin && parseVendorTime(begin),
    notAfter: end && parseVendorTime(end),
    status: s.status,
    vendorStatus: text(r, ['Status']),
    vendorStatusText: text(r, ['StatusName']) ?? s.label,
    issuer: text(r, ['ProductZhName']),
    validation: validation(r, ['IsDv'], ['PackageTypeName', 'ProductZhName']),
    wildcard: flag(r, ['IsWildcard']) ?? false,
    source: source(r, 'From', ['PackageTypeName', 'ProductZhName']),
    replacedBy: text(r, ['CertificateExtra', 'ReplacedBy']),
    replaces: text(r, ['CertificateExtra', 'ReplacedFor']),
    keyAlgorithm: text(r, ['EncryptAlgorithm']),
    tags,
    project: text(r, ['ProjectInfo', 'ProjectName']) ?? text(r, ['ProjectId']),
    boundResources: texts(r, ['BoundResource']),
  };
}

function tencentLegacy(r) {
  const s = tableStatus(LEGACY, int(r, ['status']));
  const begin = text(r, ['certBeginTime']);
  const end = text(r, ['certEndTime']);
  return {
    id: text(r, ['id']) ?? '',
    name: text(r, ['alias']),
    commonName: text(r, ['domain']),
    sans: texts(r, ['subjectAltName']),
    notBefore: begin && parseVendorTime(begin),
    notAfter: end && parseVendorTime(end),
    status: s.status,
    vendorStatus: text(r, ['status']),
    vendorStatusText: text(r, ['status_name']) ?? s.label,
    issuer: text(r, ['productZhName']),
    validation: validation(r, ['is_dv'], ['type_name', 'productZhName']),
    wildcard: flag(r, ['is_wildcard']) ?? false,
    source: source(r, 'from', ['type_name', 'productZhName']),
    project: text(r, ['projectInfo', 'name']) ?? text(r, ['projectId']),
  };
}

function volcengineLive(r) {
  const vendorStatus = text(r, ['Status']);
  const s = tableStatus(LIVE, vendorStatus);
  const begin = text(r, ['NotBefore']);
  const end = text(r, ['NotAfter']);
  return {
    id: text(r, ['CertID']) ?? '',
    name: text(r, ['CertName']),
    sans: texts(r, ['CertDomainList']),
    notBefore: begin && parseVendorTime(begin),
    notAfter: end && parseVendorTime(end),
    status: s.status,
    vendorStatus,
    vendorStatusText: s.label,
    chainId: text(r, ['ChainIDVolc']) ?? text(r, ['ChainID']),
  };
}

function volcengineCert(r) {
  const sans = [...texts(r, ['ssl', 'san']), ...texts(r, ['certificate_detail', 'subject', 'san'])];
  const applicable = text(r, ['applicable_domains']);
  if (applicable !== undefined) sans.push(...applicable.split(','));
  const time = (msField, textField) => {
    const ms = at(r, [msField]);
    const fromMs = ms === undefined ? undefined : fromUnix(ms, 1);
    if (fromMs !== undefined) return fromMs;
    const t = text(r, [textField]);
    return t && parseVendorTime(t);
  };
  const orderStatus = int(r, ['order_status']);
  const row = orderStatus === undefined ? undefined : CERT_CENTER[orderStatus];
  let status;
  if (flag(r, ['certificate_revoked']) === true) status = 'revoked';
  else if (flag(r, ['disabled']) === true) status = 'disabled';
  else if (row) status = row[0];
  else if (flag(r, ['certificate_exist']) === true) status = ISSUED;
  else status = 'unknown';
  const type = text(r, ['type'])?.toLowerCase();
  const instanceType = int(r, ['instance_type']);
  const detail = detailOf(r);
  const d = {
    id: text(r, ['id']) ?? '',
    name: text(r, ['tag']),
    commonName: text(r, ['common_name']) ?? text(r, ['certificate_detail', 'subject', 'common_name']),
    sans,
    notBefore: time('certificate_not_before_ms', 'certificate_not_before'),
    notAfter: time('certificate_not_after_ms', 'certificate_not_after'),
    status,
    vendorStatus: text(r, ['order_status']),
    vendorStatusText: row?.[1],
    issuer: text(r, ['issuer']) ?? text(r, ['certificate_detail', 'issuer', 'common_name']),
    validation: type === 'dv' || type === 'ov' || type === 'ev' ? type : undefined,
    source: instanceType === undefined ? undefined : CC_SOURCE[instanceType],
    chainId: text(r, ['chain_id']),
    replaces: text(r, ['source_id']),
    fingerprint: detail.fingerprint,
    serial: detail.serial,
    keyAlgorithm: detail.keyAlgorithm ?? text(r, ['ssl', 'certificate', 'key_type']),
    project: text(r, ['project_name']),
  };
  // The chain's leaf: when the whole detail names its serial, the detail stands for it; else the
  // leaf, when it decodes, defines fingerprint, serial and key algorithm.
  const pem = texts(r, ['ssl', 'certificate', 'chain'])[0];
  if (pem === undefined) return d;
  const der = pemDer(pem);
  const found = der && serialTlv(der);
  if (detail.whole && found && serialForm(serialHex(der, found.serial)) === detail.serial) return d;
  const leaf = der && parseLeaf(der);
  return leaf ? { ...d, ...leaf } : d;
}

function qiniu(r) {
  const nb = at(r, ['not_before']);
  const na = at(r, ['not_after']);
  return {
    id: text(r, ['certid']) ?? text(r, ['cert_id']) ?? '',
    name: text(r, ['name']),
    commonName: text(r, ['common_name']),
    sans: texts(r, ['dnsnames']),
    notBefore: nb === undefined ? undefined : fromUnix(nb, 1000),
    notAfter: na === undefined ? undefined : fromUnix(na, 1000),
    status: ISSUED,
  };
}

// ------------------------------------------------------------------ envelopes

class VendorError extends Error {}

function records(provider, v) {
  switch (provider) {
    case 'tencent-ssl': {
      const r = v?.Response;
      if (!r || typeof r !== 'object') throw new VendorError('no Response object');
      if (r.Error) throw new VendorError(`${r.Error.Code}: ${r.Error.Message}`);
      return r.CertificateId !== undefined ? [r] : r.Certificates ?? [];
    }
    case 'tencent-legacy':
      if (v?.code !== undefined && Number(v.code) !== 0) throw new VendorError(`${v.code}: ${v.message}`);
      return v?.data?.list ?? [];
    case 'volcengine-live':
    case 'volcengine-cert': {
      const e = v?.ResponseMetadata?.Error;
      if (e) throw new VendorError(`${e.Code}: ${e.Message}`);
      if (!v?.Result) throw new VendorError('no Result object');
      return (provider === 'volcengine-live' ? v.Result.CertList : v.Result.content) ?? [];
    }
    case 'qiniu':
      if (v?.error) throw new VendorError(v.error);
      return v?.certs ?? (v?.cert ? [v.cert] : []);
    default:
      throw new VendorError(`unknown provider ${provider}`);
  }
}

const DRAFTS = {
  'tencent-ssl': tencentSsl,
  'tencent-legacy': tencentLegacy,
  'volcengine-live': volcengineLive,
  'volcengine-cert': volcengineCert,
  qiniu,
};

/** `normalizeResponse(provider, body, options)` in plain JavaScript. */
export function normalizeJs(provider, body, options = {}) {
  const o = {
    provider,
    label: options.label ?? '',
    now: options.now ?? Date.now(),
    expiringWithinDays: options.expiringWithinDays ?? 30,
    includePrivateKey: options.includePrivateKey ?? false,
  };
  const draft = DRAFTS[provider];
  return records(provider, JSON.parse(body)).map((r) => finish(o, draft(r), r));
}
