// The benchmark's baseline: a straightforward JavaScript normalizer of the five vendor list
// responses, written the way one would without the library: `JSON.parse`, then one `map` over the
// records into the same fields `normalizeResponse` returns (times as RFC 3339 UTC with naive
// vendor times read as Beijing time, `daysRemaining`, `status` from the vendor's value and the
// dates, ASCII lower-cased de-duplicated `domains`, the other model fields, and `raw` without
// private keys). No dependencies: it runs unchanged in Node and in a page.
//
// It is not the library's specification; bench/normalize.mjs checks that it produces the same
// certificates as `normalizeResponse` on the benchmark bodies, so both do the same work.

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
  return {
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
    fingerprint: text(r, ['certificate_detail', 'fingerprint_sha_256']),
    serial: text(r, ['certificate_detail', 'serial_number']),
    keyAlgorithm: text(r, ['certificate_detail', 'encryption_algorithm']) ?? text(r, ['ssl', 'certificate', 'key_type']),
    project: text(r, ['project_name']),
  };
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
