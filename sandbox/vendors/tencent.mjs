// Tencent Cloud SSL, API 3.0 (`tencent-ssl`): DescribeCertificates, DescribeCertificateDetail,
// UploadCertificate (https://cloud.tencent.com/document/api/400/41665) and DeleteCertificate
// (https://cloud.tencent.com/document/product/400/41675); error codes of the last two as the
// official SDK lists them for each action (tencentcloud-sdk-go ssl/v20191205 client.go/errors.go).
// Host ssl.tencentcloudapi.com or ssl.<region>.tencentcloudapi.com; POST / with a JSON body (or
// GET with query parameters); X-TC-Action / X-TC-Version / X-TC-Timestamp; TC3-HMAC-SHA256.
// Every answer is HTTP 200 with {"Response": {..., "RequestId"}}, errors in Response.Error.

import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import { verifyTc3 } from '../auth.mjs';
import { FAMILY } from '../accounts.mjs';
import {
  MAX_CERTS, datasetFor, effectiveStatus, fmtBeijing, tencentDetail, tencentIndex, tencentItem, tencentStatusCode, tencentId,
} from '../data.mjs';
import { json, writeStore } from './common.mjs';

const PROVIDER = 'tencent-ssl';
const VERSION = '2019-12-05';
const DAY = 86_400_000;

const AUTH_ERRORS = {
  missing: 'AuthFailure.InvalidAuthorization',
  malformed: 'AuthFailure.InvalidAuthorization',
  expired: 'AuthFailure.SignatureExpire',
  unknownKey: 'AuthFailure.SecretIdNotFound',
  token: 'AuthFailure.TokenFailure',
  signature: 'AuthFailure.SignatureFailure',
};

/** A success answer: HTTP 200 `{"Response": {...response, "RequestId"}}` (also used by vendors/dnspod.mjs). */
export function tencentReply(response) {
  return reply(response);
}
function reply(response) {
  const requestId = randomUUID();
  return json(200, { Response: { ...response, RequestId: requestId } }, { 'X-TC-RequestId': requestId });
}
export function tencentError(code, message) {
  return reply({ Error: { Code: code, Message: message } });
}

/** Body of a 5xx fault. */
export function tencentInternalError(status) {
  const r = tencentError('InternalError', 'An internal error has occurred. Retry your request, but if the problem persists, contact us.');
  return { ...r, status };
}

// Parameter schema of DescribeCertificates: name -> type.
const SCHEMA = {
  Offset: 'int', Limit: 'int', SearchKey: 'string', CertificateType: 'string', ProjectId: 'int',
  ExpirationSort: 'string', CertificateStatus: 'int[]', Deployable: 'int', Upload: 'int', Renew: 'int',
  FilterSource: 'string', IsSM: 'int', FilterExpiring: 'int', Hostable: 'int', Tags: 'tags',
  IsPendingIssue: 'int', CertIds: 'string[]', ServiceType: 'string', HostingResourceType: 'string',
};
const DETAIL_SCHEMA = { CertificateId: 'string' };
const UPLOAD_SCHEMA = {
  CertificatePublicKey: 'string', CertificatePrivateKey: 'string', CertificateType: 'string', Alias: 'string',
  ProjectId: 'int', CertificateUse: 'string', Tags: 'tags', Repeatable: 'bool', KeyPassword: 'string',
};
const DELETE_SCHEMA = { CertificateId: 'string', IsCheckResource: 'bool' };
const SCHEMAS = {
  DescribeCertificates: SCHEMA, DescribeCertificateDetail: DETAIL_SCHEMA,
  UploadCertificate: UPLOAD_SCHEMA, DeleteCertificate: DELETE_SCHEMA,
};
const MAX_UPLOADS = 10_000;


/** An upload's id: the id of index MAX_CERTS + seq, which no generated certificate has. */
const uploadId = (ds, seq) => tencentId(ds, MAX_CERTS + seq);
function findUpload(ds, store, id) {
  const seq = store.uploads.findIndex((u) => u && u.id === id);
  return seq < 0 ? null : store.uploads[seq];
}

/** Turn GET query parameters (`Limit=10`, `CertificateStatus.0=1`, `Tags.0.TagKey=k`) into JSON-like params. */
function paramsFromQuery(searchParams, schema) {
  const out = {};
  for (const [k, v] of searchParams) {
    const parts = k.split('.');
    const name = parts[0];
    const type = schema[name];
    const conv = (x, t) => (t === 'int' || t === 'int[]') && /^-?\d+$/.test(x) ? Number(x) : x;
    if (parts.length === 1) out[name] = conv(v, type);
    else if (type === 'tags' && parts.length === 3) {
      out[name] = out[name] || [];
      out[name][Number(parts[1])] = { ...(out[name][Number(parts[1])] || {}), [parts[2]]: v };
    } else {
      out[name] = out[name] || [];
      out[name][Number(parts[1])] = conv(v, type);
    }
  }
  for (const k of Object.keys(out)) if (Array.isArray(out[k])) out[k] = out[k].filter((x) => x !== undefined);
  return out;
}

function checkTypes(params, schema) {
  for (const [k, v] of Object.entries(params)) {
    const t = schema[k];
    if (!t) return `The parameter \`${k}\` is not recognized.`;
    const bad = `The value type of parameter \`${k}\` is not valid.`;
    if (v === null) continue;
    if (t === 'int' && !Number.isInteger(v)) return bad;
    if (t === 'bool' && typeof v !== 'boolean') return bad;
    if (t === 'string' && typeof v !== 'string') return bad;
    if (t === 'int[]' && !(Array.isArray(v) && v.every(Number.isInteger))) return bad;
    if (t === 'string[]' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) return bad;
    if (t === 'tags' && !(Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof x.TagKey === 'string'))) return bad;
  }
  return null;
}

export function handleTencent(ctx, env) {
  if (ctx.method !== 'POST' && ctx.method !== 'GET') {
    return tencentError('InvalidParameter', `The request method ${ctx.method} is not supported; use POST or GET.`);
  }
  const action = ctx.headers['x-tc-action'];
  const version = ctx.headers['x-tc-version'];
  if (!action) return tencentError('MissingParameter', 'The request is missing a required parameter `X-TC-Action`.');
  if (!version) return tencentError('MissingParameter', 'The request is missing a required parameter `X-TC-Version`.');

  const auth = verifyTc3(ctx, { provider: PROVIDER, nowMs: env.now(), windowSec: env.windowSec(PROVIDER), service: 'ssl' });
  if (!auth.ok) return tencentError(AUTH_ERRORS[auth.kind] || 'AuthFailure', auth.message);
  env.setAccount(auth.accessKeyId);

  const limited = env.throttle(PROVIDER, auth.accessKeyId);
  if (limited) {
    return tencentError(
      'RequestLimitExceeded',
      `Your current request times equals to \`${limited.count}\` in a second, which exceeds the frequency limit \`${limited.limit}\` for a second. Please reduce the frequency of calls.`,
    );
  }
  if (version !== VERSION) return tencentError('NoSuchVersion', `The requested version \`${version}\` of service \`ssl\` does not exist.`);

  const schema = SCHEMAS[action] ?? null;
  if (!schema) return tencentError('InvalidAction', `The requested action \`${action}\` does not exist.`);

  const read = tc3Params(ctx, schema);
  if (read.error) return read.error;
  const { params } = read;

  const key = auth.key;
  const ds = datasetFor(FAMILY[PROVIDER], key.dataSeed, env.anchorMs);
  const store = writeStore(env.tencentStores, key.dataSeed);
  const now = env.now();
  const count = env.count();
  if (action === 'UploadCertificate') return uploadCertificate(ds, store, params, now);
  if (action === 'DescribeCertificateDetail' || action === 'DeleteCertificate') {
    if (!params.CertificateId) return tencentError('MissingParameter', 'The request is missing a required parameter `CertificateId`.');
    const upload = findUpload(ds, store, params.CertificateId);
    const idx = tencentIndex(ds, params.CertificateId);
    const generated = idx >= 0 && idx < count && tencentId(ds, idx) === params.CertificateId && !store.deleted.has(idx);
    if (!upload && !generated) return tencentError('FailedOperation.CertificateNotFound', '证书不存在。');
    if (action === 'DescribeCertificateDetail') {
      return reply(upload ? uploadDetail(upload, now) : tencentDetail(ds, ds.record(idx, count), now));
    }
    // The SDK's error table for DeleteCertificate: "证书已关联云资源，无法删除。"
    if (deleteTencentCertificate(ds, store, count, params.CertificateId) === 'bound') {
      return tencentError('FailedOperation.DeleteResourceFailed', '证书已关联云资源，无法删除。');
    }
    return reply({ DeleteResult: true, TaskId: null });
  }
  return describeCertificates(ds, store, params, count, now);
}

/**
 * Stores an upload in the account's store, shared by both Tencent APIs (the same certificates):
 * `{upload}`, `{existing}` (a duplicate refused, by SHA-256), or `{refused: 'invalid' | 'mismatch'
 * | 'limit'}` for the caller to answer in its API's terms.
 */
export function storeTencentUpload(ds, store, { alias, certificatePem, privateKeyPem, type, projectId, tags, repeatable }, now) {
  let cert;
  let key;
  try {
    cert = new X509Certificate(certificatePem);
    if (type === 'SVR') key = createPrivateKey(privateKeyPem);
  } catch {
    return { refused: 'invalid' };
  }
  if (key && !cert.checkPrivateKey(key)) return { refused: 'mismatch' };
  const fingerprint = cert.fingerprint256;
  if (!repeatable) {
    const existing = store.uploads.find((u) => u && u.fingerprint === fingerprint);
    if (existing) return { existing };
  }
  if (store.uploads.length >= MAX_UPLOADS) return { refused: 'limit' };
  const sans = (cert.subjectAltName || '').split(/,\s*/).filter((x) => x.startsWith('DNS:')).map((x) => x.slice(4));
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  const issuer = /(?:^|\n)CN=([^\n]*)/.exec(cert.issuer)?.[1] ?? '';
  const seq = store.uploads.length;
  const upload = {
    seq, id: uploadId(ds, seq), alias: alias ?? '', commonName: cn, sans: sans.length ? sans : [cn], issuer,
    notBeforeMs: Date.parse(cert.validFrom), notAfterMs: Date.parse(cert.validTo), createdMs: now, fingerprint,
    type, projectId: projectId ?? 0, tags: tags ?? [],
    keyType: key ? key.asymmetricKeyType : null, publicKey: certificatePem, privateKey: privateKeyPem ?? null,
  };
  store.uploads.push(upload);
  return { upload };
}

/** Deletes `id` from the account (an upload, or a generated certificate not bound to resources). */
export function deleteTencentCertificate(ds, store, count, id) {
  const upload = findUpload(ds, store, id);
  if (upload) {
    store.uploads[upload.seq] = null;
    return 'deleted';
  }
  const idx = tencentIndex(ds, id);
  if (idx < 0 || idx >= count || tencentId(ds, idx) !== id || store.deleted.has(idx)) return 'not found';
  if (ds.record(idx, count).boundResources.length > 0) return 'bound';
  store.deleted.add(idx);
  return 'deleted';
}

/** `UploadCertificate`: a server certificate (leaf first, then its chain) and its key. */
function uploadCertificate(ds, store, p, now) {
  if (!p.CertificatePublicKey) return tencentError('MissingParameter', 'The request is missing a required parameter `CertificatePublicKey`.');
  const type = p.CertificateType ?? 'SVR';
  if (type !== 'SVR' && type !== 'CA') return tencentError('InvalidParameterValue', 'The value of parameter `CertificateType` must be CA or SVR.');
  if (type === 'SVR' && !p.CertificatePrivateKey) {
    return tencentError('MissingParameter', 'The request is missing a required parameter `CertificatePrivateKey`.');
  }
  const stored = storeTencentUpload(ds, store, {
    alias: p.Alias, certificatePem: p.CertificatePublicKey, privateKeyPem: p.CertificatePrivateKey, type,
    projectId: p.ProjectId, tags: Array.isArray(p.Tags) ? p.Tags : [], repeatable: p.Repeatable !== false,
  }, now);
  if (stored.refused === 'invalid') return tencentError('FailedOperation.CertificateInvalid', '证书不符合标准。');
  if (stored.refused === 'mismatch') return tencentError('FailedOperation.CertificateMismatch', '证书与私钥不对应。');
  if (stored.refused) return tencentError('LimitExceeded', 'Too many certificates.');
  // Guess (sandbox/README.md): the documented `RepeatCertId` beside the same id as `CertificateId`.
  if (stored.existing) return reply({ CertificateId: stored.existing.id, RepeatCertId: stored.existing.id });
  return reply({ CertificateId: stored.upload.id, RepeatCertId: '' });
}

/** An upload as `CertGetList` (API 2.0) lists it. */
export function legacyUploadItem(u, now) {
  const code = u.notAfterMs < now ? 3 : 1;
  return {
    ownerUin: '', projectId: String(u.projectId), from: 'upload', type: '1', certType: u.type, productZhName: u.issuer,
    domain: u.commonName, alias: u.alias, status: code, statusMsg: null, verifyType: null,
    certBeginTime: fmtBeijing(u.notBeforeMs), certEndTime: fmtBeijing(u.notAfterMs), insertTime: fmtBeijing(u.createdMs),
    id: u.id, subjectAltName: u.sans.slice(), type_name: u.issuer, status_name: code === 1 ? '已通过' : '已过期',
    is_vip: false, is_dv: false, is_wildcard: u.sans.some((d) => d.startsWith('*.')), is_vulnerability: false,
  };
}

/** An upload as `DescribeCertificates` lists it. */
function uploadItem(u, now) {
  const code = u.notAfterMs < now ? 3 : 1;
  const encrypt = u.keyType === 'ec' ? 'ECC' : 'RSA';
  return {
    CertificateId: u.id, Alias: u.alias, Domain: u.commonName, SubjectAltName: u.sans.slice(), CertSANs: u.sans.slice(),
    From: 'upload', CertificateType: u.type, PackageType: '', ProductZhName: u.issuer, PackageTypeName: '',
    Status: code, StatusName: code === 1 ? '已通过' : '已过期', StatusMsg: null, VerifyType: null,
    CertBeginTime: fmtBeijing(u.notBeforeMs), CertEndTime: fmtBeijing(u.notAfterMs), InsertTime: fmtBeijing(u.createdMs),
    ProjectId: String(u.projectId), IsDv: false, IsWildcard: u.sans.some((d) => d.startsWith('*.')), IsSM: false,
    EncryptAlgorithm: encrypt, BoundResource: [], Deployable: code === 1,
    Tags: u.tags.length ? u.tags.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue ?? '' })) : null,
    CertificateExtra: { DomainNumber: String(u.sans.length), OriginCertificateId: null, ReplacedBy: null, ReplacedFor: null, RenewOrder: null, SMCert: 0, CompanyType: 0 },
  };
}

/** An upload as `DescribeCertificateDetail` gives it (its key included, as the vendor's detail does). */
function uploadDetail(u, now) {
  return { ...uploadItem(u, now), CertificatePublicKey: u.publicKey, CertificatePrivateKey: u.privateKey, OrderId: null };
}

/** Whether an upload passes the `DescribeCertificates` filters that can apply to it. */
function uploadMatches(u, p, now) {
  const code = u.notAfterMs < now ? 3 : 1;
  if (p.SearchKey) {
    const s = p.SearchKey.toLowerCase();
    if (!(u.id.toLowerCase().includes(s) || u.alias.toLowerCase().includes(s) || u.sans.some((d) => d.toLowerCase().includes(s)))) return false;
  }
  if (p.CertificateType && p.CertificateType !== u.type) return false;
  if (p.ProjectId != null && p.ProjectId !== u.projectId) return false;
  if (Array.isArray(p.CertificateStatus) && p.CertificateStatus.length && !p.CertificateStatus.includes(code)) return false;
  if (p.Deployable === 1 && code !== 1) return false;
  if (p.Deployable === 0 && code === 1) return false;
  if (p.FilterSource === 'buy' || p.Renew === 1 || p.IsSM === 1 || p.IsPendingIssue === 1) return false;
  if (p.FilterExpiring === 1 && !(code === 1 && u.notAfterMs - now <= 30 * DAY)) return false;
  if (p.Hostable === 1 && code !== 1) return false;
  if (Array.isArray(p.CertIds) && p.CertIds.length && !p.CertIds.includes(u.id)) return false;
  if (Array.isArray(p.Tags) && p.Tags.length && !p.Tags.every((t) => u.tags.some((x) => x.TagKey === t.TagKey && (t.TagValue == null || x.TagValue === t.TagValue)))) {
    return false;
  }
  return true;
}

function describeCertificates(ds, store, p, count, now) {
  const offset = p.Offset ?? 0;
  let limit = p.Limit ?? 10;
  if (offset < 0) return tencentError('InvalidParameterValue', 'The value of parameter `Offset` is invalid: it must be >= 0.');
  if (limit < 0 || limit > 1000) {
    return tencentError('InvalidParameterValue', `The value of parameter \`Limit\` is invalid: ${limit}; it must be between 0 and 1000.`);
  }
  if (limit === 0) limit = 10;
  if (p.ExpirationSort != null && p.ExpirationSort !== 'ASC' && p.ExpirationSort !== 'DESC') {
    return tencentError('InvalidParameterValue', 'The value of parameter `ExpirationSort` must be ASC or DESC.');
  }
  if (p.FilterSource != null && p.FilterSource !== 'upload' && p.FilterSource !== 'buy' && p.FilterSource !== '') {
    return tencentError('InvalidParameterValue', 'The value of parameter `FilterSource` must be upload or buy.');
  }

  const filters = [];
  const timeDependent = ['CertificateStatus', 'Deployable', 'Renew', 'FilterExpiring', 'Hostable'].some((k) => p[k] != null);
  if (p.SearchKey) {
    const s = p.SearchKey.toLowerCase();
    filters.push((r) => tencentId(ds, r.index).toLowerCase().includes(s) || r.alias.toLowerCase().includes(s) || r.sans.some((d) => d.toLowerCase().includes(s)));
  }
  if (p.CertificateType) filters.push((r) => (r.source === 'upload' && r.sub > 0.97 ? 'CA' : 'SVR') === p.CertificateType);
  if (p.ProjectId != null) filters.push((r) => r.tencentProjectId === p.ProjectId);
  if (Array.isArray(p.CertificateStatus) && p.CertificateStatus.length) {
    const set = new Set(p.CertificateStatus);
    filters.push((r) => set.has(tencentStatusCode(r, now)));
  }
  if (p.Deployable === 1) filters.push((r) => tencentStatusCode(r, now) === 1);
  if (p.Deployable === 0) filters.push((r) => tencentStatusCode(r, now) !== 1);
  if (p.Upload === 1 || p.FilterSource === 'upload') filters.push((r) => r.source === 'upload');
  if (p.FilterSource === 'buy') filters.push((r) => r.source !== 'upload');
  if (p.Renew === 1) filters.push((r) => r.source !== 'upload' && r.notAfterMs !== null && (effectiveStatus(r, now) === 'expired' || r.notAfterMs - now <= 30 * DAY));
  if (p.IsSM === 1) filters.push((r) => r.sm);
  if (p.FilterExpiring === 1) filters.push((r) => tencentStatusCode(r, now) === 1 && r.notAfterMs - now <= 30 * DAY);
  if (p.IsPendingIssue === 1) filters.push((r) => r.status === 'pending');
  if (Array.isArray(p.CertIds) && p.CertIds.length) {
    const set = new Set(p.CertIds);
    filters.push((r) => set.has(tencentId(ds, r.index)));
  }
  if (Array.isArray(p.Tags) && p.Tags.length) {
    filters.push((r) => p.Tags.every((t) => r.tags.some((x) => x.key === t.TagKey && (t.TagValue == null || x.value === t.TagValue))));
  }
  if (p.Hostable === 1) filters.push((r) => tencentStatusCode(r, now) === 1);

  let indexes = null; // null = all, in order
  if (filters.length || p.ExpirationSort) {
    const key = JSON.stringify(p) + (timeDependent ? `|${Math.floor(now / 1000)}` : '');
    indexes = ds.filterIndexes(`tencent|${key}`, count, (r) => filters.every((f) => f(r)));
    if (p.ExpirationSort) {
      indexes = sortByExpiry(ds, indexes, count, p.ExpirationSort, `tencent-sorted|${key}`);
    }
  }
  if (store.changed) {
    // Generated certificates not deleted, then the uploads, in upload order (by expiry with
    // ExpirationSort, after the generated ones: a simplification).
    const kept = (indexes ?? Array.from({ length: count }, (_, i) => i)).filter((i) => !store.deleted.has(i));
    const uploads = store.uploads.filter((u) => u && uploadMatches(u, p, now));
    const all = [...kept.map((i) => ({ i })), ...uploads.map((u) => ({ u }))];
    const page = all.slice(offset, offset + limit).map((x) => (x.u ? uploadItem(x.u, now) : tencentItem(ds, ds.record(x.i, count), now)));
    return reply({ TotalCount: all.length, Certificates: page.length ? page : null });
  }
  const total = indexes ? indexes.length : count;
  const page = [];
  for (let pos = offset; pos < Math.min(total, offset + limit); pos++) {
    const i = indexes ? indexes[pos] : pos;
    page.push(tencentItem(ds, ds.record(i, count), now));
  }
  return reply({ TotalCount: total, Certificates: page.length ? page : null });
}

function sortByExpiry(ds, indexes, count, dir, cacheKey) {
  const cached = ds.filterCache.get(`${count}|${cacheKey}|sorted`);
  if (cached) return cached;
  while (ds.filterCache.size > 24) ds.filterCache.delete(ds.filterCache.keys().next().value);
  const sorted = indexes.slice().sort((a, b) => {
    const x = ds.record(a, count).notAfterMs;
    const y = ds.record(b, count).notAfterMs;
    if (x === y) return a - b;
    if (x === null) return 1;
    if (y === null) return -1;
    return dir === 'ASC' ? x - y : y - x;
  });
  ds.filterCache.set(`${count}|${cacheKey}|sorted`, sorted);
  return sorted;
}

/**
 * The parameters of an API 3.0 request, from its query (GET; `omit` names dropped) or its JSON
 * body (POST), checked against `schema`: `{params}`, or `{error}`, the vendor's answer to send.
 */
export function tc3Params(ctx, schema, { omit = [] } = {}) {
  let params;
  if (ctx.method === 'GET') {
    params = paramsFromQuery(ctx.query, schema);
    for (const k of omit) delete params[k];
  } else {
    const ct = String(ctx.headers['content-type'] || '').toLowerCase();
    if (!ct.startsWith('application/json')) {
      return { error: tencentError('InvalidParameter', 'The sandbox accepts POST bodies as application/json only (TC3-HMAC-SHA256).') };
    }
    const text = ctx.body.toString('utf8').trim();
    try {
      params = text === '' ? {} : JSON.parse(text);
    } catch {
      return { error: tencentError('InvalidParameter', 'The request body is not valid JSON.') };
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      return { error: tencentError('InvalidParameter', 'The request body must be a JSON object.') };
    }
  }
  const typeError = checkTypes(params, schema);
  if (typeError) return { error: tencentError(typeError.includes('not recognized') ? 'UnknownParameter' : 'InvalidParameter', typeError) };
  return { params };
}
