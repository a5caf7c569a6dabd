// Volcengine OpenAPI: Live `ListCertV2`, `CreateCert` (https://www.volcengine.com/docs/6469/1126817)
// and `DeleteCert` (https://www.volcengine.com/docs/6469/1126818), all 2023-01-01 on
// live.volcengineapi.com, POST, JSON body; and
// Certificate Center `CertificateGetInstance` (open.volcengineapi.com, GET, query, 2021-06-01),
// `ImportCertificate` (https://volcengine.com/docs/6638/1365580) and `CertificateDeleteInstance`
// (https://volcengine.com/docs/6638/1412931), both POST with a JSON body, 2024-10-01.
// Answers {"ResponseMetadata": {RequestId, Action, Version, Service, Region[, Error]}, "Result": ...}
// with the HTTP status of the error (401 for key/signature, 400 for timestamps, 429 throttling).

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { verifyVolc } from '../auth.mjs';
import { DEFAULT_REGION, FAMILY } from '../accounts.mjs';
import {
  MAX_CERTS, ccChainId, ccId, ccIndex, certCenterItem, datasetFor, effectiveStatus, fmtBeijing, liveChainId, liveId, liveItem, liveMatches,
  liveStatus, liveVisible, orderSanNumber, rfc3339,
  parseBeijing, volcOrderStatus,
} from '../data.mjs';
import { covers, json, volcRequestId, writeStore } from './common.mjs';

export const LIVE = { provider: 'volcengine-live', host: 'live.volcengineapi.com', service: 'live', action: 'ListCertV2', version: '2023-01-01', method: 'POST' };
export const CERT = { provider: 'volcengine-cert', host: 'open.volcengineapi.com', service: 'certificate_service', action: 'CertificateGetInstance', version: '2021-06-01', method: 'GET' };
/** Certificate Center's actions: their version and method. */
const CERT_ACTIONS = {
  CertificateGetInstance: { version: '2021-06-01', method: 'GET' },
  ImportCertificate: { version: '2024-10-01', method: 'POST' },
  CertificateDeleteInstance: { version: '2024-10-01', method: 'POST' },
};
/** Live's actions (all 2023-01-01, POST). */
const LIVE_ACTIONS = new Set(['ListCertV2', 'CreateCert', 'DeleteCert']);
const MAX_UPLOADS = 10_000;



/**
 * Volcengine common error codes: [CodeN, HTTP status]. From the published common error table
 * (公共错误码, https://volcengine.com/docs/6369/68677) unless marked: where a code or its status is
 * documented elsewhere the page is named, and a CodeN that no documentation gives is a guess.
 */
export const VOLC_ERRORS = {
  MissingParameter: [100002, 400],
  MissingAuthenticationToken: [100003, 401], // https://volcengine.com/docs/6720/108305
  MissingRequestInfo: [100004, 400],
  InvalidTimestamp: [100006, 400],
  ServiceNotFound: [100007, 404],
  InvalidActionOrVersion: [100008, 404],
  InvalidAccessKey: [100009, 401],
  SignatureDoesNotMatch: [100010, 401],
  InternalError: [100014, 500],
  InternalServiceTimeout: [100016, 504], // status: https://volcengine.com/docs/6448/76370
  InvalidAuthorization: [100021, 400], // status: https://volcengine.com/docs/6396/70462; CodeN a guess
  InvalidSecretToken: [100022, 401], // status: https://volcengine.com/docs/6408/78947; CodeN a guess
  FlowLimitExceeded: [100018, 429], // code and status: https://volcengine.com/docs/6448/76370; CodeN from an SDK's table, not the docs
  ServiceUnavailableTemp: [100019, 503], // status: docs/6448/76370; CodeN from an SDK's table, not the docs
  InternalServiceError: [100015, 502], // status: docs/6448/76370; CodeN a guess (the docs give 100015 to FailToConnect)
};

export const VOLC_AUTH_ERRORS = {
  missing: 'MissingAuthenticationToken',
  malformed: 'InvalidAuthorization',
  missingDate: 'MissingRequestInfo',
  expired: 'InvalidTimestamp',
  unknownKey: 'InvalidAccessKey',
  token: 'InvalidSecretToken',
  signature: 'SignatureDoesNotMatch',
};

/** The `ResponseMetadata` of an answer (also used by vendors/volcengine-dns.mjs). */
export function volcMeta(api, ctx, env, region) {
  const requestId = volcRequestId(env.now());
  return {
    RequestId: requestId,
    Action: ctx.query.get('Action') ?? api.action,
    Version: ctx.query.get('Version') ?? api.version,
    Service: api.service,
    Region: region || DEFAULT_REGION[api.provider] || 'cn-north-1',
  };
}

/** A common (gateway) error with CodeN. */
export function volcError(api, ctx, env, code, message, region) {
  const [codeN, status] = VOLC_ERRORS[code] || [0, 400];
  const m = volcMeta(api, ctx, env, region);
  return json(status, { ResponseMetadata: { ...m, Error: { Code: code, CodeN: codeN, Message: message } } }, { 'X-Tt-Logid': m.RequestId }, 'application/json; charset=utf-8');
}
/** A business error of the API (documented without CodeN). */
function businessError(api, ctx, env, status, code, message, region) {
  const m = volcMeta(api, ctx, env, region);
  return json(status, { ResponseMetadata: { ...m, Error: { Code: code, Message: message } } }, { 'X-Tt-Logid': m.RequestId }, 'application/json; charset=utf-8');
}
function ok(api, ctx, env, region, result) {
  const m = volcMeta(api, ctx, env, region);
  return json(200, { ResponseMetadata: m, Result: result }, { 'X-Tt-Logid': m.RequestId }, 'application/json; charset=utf-8');
}

export function volcInternalError(api, ctx, env, status) {
  const code = { 500: 'InternalError', 502: 'InternalServiceError', 503: 'ServiceUnavailableTemp', 504: 'InternalServiceTimeout' }[status] || 'InternalError';
  const msg = {
    InternalError: 'Service has some internal Error. Pls Contact With Admin.',
    InternalServiceError: 'an internal error occurred, please contact the administrator.',
    ServiceUnavailableTemp: 'Service is temporarily unavailable. Please try again later.',
    InternalServiceTimeout: 'Internal Service is timeout. Pls Contact With Admin.',
  }[code];
  const r = volcError(api, ctx, env, code, msg);
  return { ...r, status };
}

/** Which API a request to a Volcengine host is (for routing, faults and counters). */
export function volcApiFor(hostname) {
  return hostname === LIVE.host ? LIVE : CERT;
}

export function handleVolc(api, ctx, env) {
  const action = ctx.query.get('Action');
  const version = ctx.query.get('Version');
  if (!action) return volcError(api, ctx, env, 'MissingParameter', 'The request is missing Action parameter.');
  if (!version) return volcError(api, ctx, env, 'MissingParameter', 'The request is missing Version parameter.');
  const known = api === CERT ? CERT_ACTIONS[action] : LIVE_ACTIONS.has(action) ? api : null;
  if (!known || version !== known.version || ctx.method !== known.method) {
    return volcError(api, ctx, env, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}.`);
  }
  const auth = verifyVolc(ctx, { provider: api.provider, nowMs: env.now(), windowSec: env.windowSec(api.provider) });
  if (!auth.ok) return volcError(api, ctx, env, VOLC_AUTH_ERRORS[auth.kind] || 'SignatureDoesNotMatch', auth.message, auth.region);
  env.setAccount(auth.accessKeyId);
  if (auth.service !== api.service) {
    return volcError(api, ctx, env, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}.`, auth.region);
  }
  const limited = env.throttle(api.provider, auth.accessKeyId);
  if (limited) {
    return volcError(api, ctx, env, 'FlowLimitExceeded', `Too Many Requests: the flow limit (${limited.limit} requests per second) is exceeded.`, auth.region);
  }
  const ds = datasetFor(FAMILY[api.provider], auth.key.dataSeed, env.anchorMs);
  if (api === LIVE) {
    const live = writeStore(env.liveStores, auth.key.dataSeed);
    if (action === 'CreateCert') return createCert(ctx, env, ds, live, auth.region);
    if (action === 'DeleteCert') return deleteCert(ctx, env, ds, live, auth.region);
    return listCertV2(ctx, env, ds, live, auth.region);
  }
  const store = writeStore(env.ccStores, auth.key.dataSeed);
  if (action === 'ImportCertificate') return importCertificate(ctx, env, ds, store, auth.region);
  if (action === 'CertificateDeleteInstance') return deleteInstance(ctx, env, ds, store, auth.region);
  return certificateGetInstance(ctx, env, ds, store, auth.region);
}

/** The JSON object body of a POST, or null. */
function jsonBody(ctx) {
  try {
    const body = JSON.parse(ctx.body.toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : null;
  } catch {
    return null;
  }
}

/**
 * `ImportCertificate`: `CertificateInfo.CertificateChain` (leaf first) and `.PrivateKey`, `Tag`,
 * `ProjectName`, `Repeatable` (default false: the same certificate, by fingerprint, answers with
 * the id already held, `RepeatId`). The error codes of a certificate Node cannot read and of a
 * key of another certificate are the sandbox's guesses (sandbox/README.md).
 */
function importCertificate(ctx, env, ds, store, region) {
  const body = jsonBody(ctx);
  if (!body) return businessError(CERT, ctx, env, 400, 'MalformedRequest', 'The request is malformed', region);
  const info = body.CertificateInfo;
  if (!info || typeof info.CertificateChain !== 'string' || typeof info.PrivateKey !== 'string' || !info.CertificateChain || !info.PrivateKey) {
    return volcError(CERT, ctx, env, 'MissingParameter', 'The request is missing CertificateInfo.CertificateChain or CertificateInfo.PrivateKey.', region);
  }
  let cert;
  let key;
  try {
    cert = new X509Certificate(info.CertificateChain);
    key = createPrivateKey(info.PrivateKey);
  } catch {
    return businessError(CERT, ctx, env, 400, 'InvalidParameter.Certificate', 'The certificate or the private key cannot be parsed.', region);
  }
  if (!cert.checkPrivateKey(key)) {
    return businessError(CERT, ctx, env, 400, 'InvalidParameter.KeyMismatch', 'The private key does not match the certificate.', region);
  }
  const now = env.now();
  if (Date.parse(cert.validTo) < now) {
    return businessError(CERT, ctx, env, 400, 'InvalidParameter.CertificateExpired', 'The certificate has expired.', region);
  }
  const fingerprint = cert.fingerprint256;
  if (body.Repeatable !== true) {
    const existing = store.uploads.find((u) => u && u.fingerprint === fingerprint);
    if (existing) return ok(CERT, ctx, env, region, { InstanceId: '', RepeatId: existing.id });
  }
  if (store.uploads.length >= MAX_UPLOADS) return businessError(CERT, ctx, env, 400, 'QuotaExceeded', 'Too many certificates.', region);
  const sans = (cert.subjectAltName || '').split(/,\s*/).filter((x) => x.startsWith('DNS:')).map((x) => x.slice(4));
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  const seq = store.uploads.length;
  const upload = {
    seq, id: ccId(ds, MAX_CERTS + seq), tag: typeof body.Tag === 'string' ? body.Tag : '', commonName: cn, sans: sans.length ? sans : [cn],
    issuer: /(?:^|\n)CN=([^\n]*)/.exec(cert.issuer)?.[1] ?? '', notBeforeMs: Date.parse(cert.validFrom), notAfterMs: Date.parse(cert.validTo),
    createdMs: now, fingerprint, project: typeof body.ProjectName === 'string' && body.ProjectName ? body.ProjectName : 'default',
    keyType: key.asymmetricKeyType === 'ec' ? 'ecc' : 'rsa', chain: info.CertificateChain, privateKey: info.PrivateKey,
  };
  store.uploads.push(upload);
  return ok(CERT, ctx, env, region, { InstanceId: upload.id, RepeatId: '' });
}

/** `CertificateDeleteInstance`: an unknown id and a certificate bound to cloud resources are refused (codes guessed). */
function deleteInstance(ctx, env, ds, store, region) {
  const body = jsonBody(ctx);
  if (!body) return businessError(CERT, ctx, env, 400, 'MalformedRequest', 'The request is malformed', region);
  if (typeof body.InstanceId !== 'string' || !body.InstanceId) return volcError(CERT, ctx, env, 'MissingParameter', 'The request is missing InstanceId.', region);
  const upload = store.uploads.find((u) => u && u.id === body.InstanceId);
  if (upload) {
    store.uploads[upload.seq] = null;
    return ok(CERT, ctx, env, region, {});
  }
  const n = env.count();
  const i = ccIndex(ds, body.InstanceId);
  if (i < 0 || i >= n || store.deleted.has(i)) {
    return businessError(CERT, ctx, env, 404, 'ResourceNotFound.Instance', 'The certificate instance does not exist.', region);
  }
  if (ds.record(i, n).boundResources.length > 0) {
    return businessError(CERT, ctx, env, 400, 'OperationDenied.CertificateInUse', 'The certificate is associated with cloud resources and cannot be deleted.', region);
  }
  store.deleted.add(i);
  return ok(CERT, ctx, env, region, {});
}

/** An import as `CertificateGetInstance` lists it (no order; its key, as the vendor lists keys). */
function uploadItem(u) {
  return {
    id: u.id, parent_id: u.id, chain_id: u.id, instance_type: 2, disabled: 0, tag: u.tag, purpose: 'ssl', type: '',
    common_name: u.commonName, applicable_domains: `,${u.sans.map((d) => d.toLowerCase()).join(',')},`, order_exist: 0,
    certificate_exist: 1, certificate_revoked: 0, deploy_info: null, project_name: u.project, issuer: u.issuer, is_sm: false,
    ssl: { san: u.sans.slice(), certificate: { private_key: u.privateKey, key_type: u.keyType, chain: [u.chain], encrypt_key: '', encrypt_chain: null } },
    certificate_not_before: fmtBeijing(u.notBeforeMs), certificate_not_after: fmtBeijing(u.notAfterMs),
    certificate_not_before_ms: u.notBeforeMs, certificate_not_after_ms: u.notAfterMs, certificate_detail: null,
  };
}

/**
 * Live `CreateCert`: `Rsa.Pubkey` (leaf first) and `Rsa.Prikey`, `CertName`, `UseWay` (only
 * `https`). Live documents no duplicate check: every call without `ChainID` is a new chain. With
 * a `ChainID` the chain's certificate is replaced in place (documented; the sandbox updates its
 * own uploads only). Error codes for an unreadable certificate and a foreign key are the
 * documented `InvalidParam` with the sandbox's messages (sandbox/README.md).
 */
function createCert(ctx, env, ds, store, region) {
  const bad = (msg) => businessError(LIVE, ctx, env, 400, 'InvalidParam', msg, region);
  const body = jsonBody(ctx);
  if (!body) return businessError(LIVE, ctx, env, 400, 'InvalidParam.BindError', 'Request parameter error, please check input data', region);
  if (body.UseWay !== 'https') return bad('UseWay must be https');
  const rsa = body.Rsa;
  if (!rsa || typeof rsa.Pubkey !== 'string' || typeof rsa.Prikey !== 'string' || !rsa.Pubkey || !rsa.Prikey) {
    return bad('Rsa.Pubkey and Rsa.Prikey are required');
  }
  let cert;
  let key;
  try {
    cert = new X509Certificate(rsa.Pubkey);
    key = createPrivateKey(rsa.Prikey);
  } catch {
    return bad('the certificate or the private key cannot be parsed');
  }
  if (!cert.checkPrivateKey(key)) return bad('the private key does not match the certificate');
  const sans = (cert.subjectAltName || '').split(/,\s*/).filter((x) => x.startsWith('DNS:')).map((x) => x.slice(4));
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
  const fields = {
    name: typeof body.CertName === 'string' && body.CertName ? body.CertName : cn, sans: sans.length ? sans : [cn],
    notBeforeMs: Date.parse(cert.validFrom), notAfterMs: Date.parse(cert.validTo),
  };
  if (typeof body.ChainID === 'string' && body.ChainID) {
    const own = store.uploads.find((u) => u && u.chainId === body.ChainID);
    if (!own) return businessError(LIVE, ctx, env, 403, 'RequestForbidden', 'the account holds no such certificate chain', region);
    Object.assign(own, fields);
    return ok(LIVE, ctx, env, region, { ChainID: own.chainId, Domain: own.sans[0], UseWay: 'https' });
  }
  if (store.uploads.length >= MAX_UPLOADS) return bad('too many certificates');
  const seq = store.uploads.length;
  const index = MAX_CERTS + seq;
  const upload = { seq, id: liveId(ds, index), chainId: liveChainId(ds, { index }), ...fields };
  store.uploads.push(upload);
  return ok(LIVE, ctx, env, region, { ChainID: upload.chainId, Domain: upload.sans[0], UseWay: 'https' });
}

/**
 * Live `DeleteCert` by `ChainID`. An unknown chain is the documented 403 `RequestForbidden` ("the
 * account holds no such resource"); a certificate bound to a domain is refused with
 * `InvalidParam` (a guess: Live lists no code for it).
 */
function deleteCert(ctx, env, ds, store, region) {
  const body = jsonBody(ctx);
  if (!body) return businessError(LIVE, ctx, env, 400, 'InvalidParam.BindError', 'Request parameter error, please check input data', region);
  if (typeof body.ChainID !== 'string' || !body.ChainID) return businessError(LIVE, ctx, env, 400, 'InvalidParam', 'ChainID is required', region);
  const upload = store.uploads.find((u) => u && u.chainId === body.ChainID);
  if (upload) {
    store.uploads[upload.seq] = null;
    return ok(LIVE, ctx, env, region, {});
  }
  const n = env.count();
  // Every listed record's chain (ListCertV2 shows no others).
  const indexes = ds.filterIndexes('live|visible', n, liveVisible);
  const i = indexes.find((x) => !store.deleted.has(x) && liveChainId(ds, ds.record(x, n)) === body.ChainID);
  if (i === undefined) return businessError(LIVE, ctx, env, 403, 'RequestForbidden', 'the account holds no such certificate chain', region);
  if (ds.record(i, n).boundResources.length > 0) {
    return businessError(LIVE, ctx, env, 400, 'InvalidParam', 'the certificate is bound to a domain and cannot be deleted', region);
  }
  store.deleted.add(i);
  return ok(LIVE, ctx, env, region, {});
}

/** An upload as `ListCertV2` lists it. */
function liveUploadItem(u, now) {
  return {
    CertID: u.id, CertName: u.name, CertDomainList: u.sans.slice(), ChainID: u.chainId,
    NotBefore: rfc3339(u.notBeforeMs), NotAfter: rfc3339(u.notAfterMs),
    Status: liveStatus({ notAfterMs: u.notAfterMs }, now),
  };
}

function listCertV2(ctx, env, ds, store, region) {
  const bad = (msg) => businessError(LIVE, ctx, env, 400, 'InvalidParam.BindError', msg || 'Request parameter error, please check input data', region);
  const text = ctx.body.toString('utf8').trim();
  let body = {};
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return bad();
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad();
  const f = {};
  for (const k of ['Available', 'Expiring']) {
    if (body[k] === undefined || body[k] === null) continue;
    if (typeof body[k] !== 'boolean') return bad(`Request parameter error, please check input data: ${k} must be a boolean`);
    f[k] = body[k];
  }
  for (const k of ['Domain', 'CertName']) {
    if (body[k] === undefined || body[k] === null) continue;
    if (typeof body[k] !== 'string') return bad(`Request parameter error, please check input data: ${k} must be a string`);
    if (body[k] !== '') f[k] = body[k];
  }
  const now = env.now();
  const n = env.count();
  const key = `live|${JSON.stringify(f)}|${Math.floor(now / 1000)}`;
  const indexes = ds.filterIndexes(key, n, (r) => liveMatches(r, f, now));
  const listed = indexes.filter((i) => !store.deleted.has(i)).map((i) => liveItem(ds, ds.record(i, n), now));
  // Uploads are enabled (Available) and listed by their own expiry, domain and name.
  const { Available = true, Expiring = false, Domain, CertName } = f;
  for (const u of store.uploads) {
    if (!u || !Available || (u.notAfterMs < now) !== Expiring) continue;
    if (Domain && !u.sans.some((s) => s.toLowerCase() === String(Domain).toLowerCase())) continue;
    if (CertName && !u.name.toLowerCase().includes(String(CertName).toLowerCase())) continue;
    listed.push(liveUploadItem(u, now));
  }
  return ok(LIVE, ctx, env, region, { CertList: listed });
}

function parseBool(v) {
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function certificateGetInstance(ctx, env, ds, store, region) {
  const q = ctx.query;
  const bad = (name) => businessError(CERT, ctx, env, 400, 'InvalidParameter', `The parameter ${name} is invalid.`, region);
  const intOf = (name, min) => {
    const v = q.get(name);
    if (v === null || v === '') return { absent: true };
    if (!/^-?\d{1,9}$/.test(v) || Number(v) < min) return { bad: true };
    return { value: Number(v) };
  };
  const limitP = intOf('limit', 1);
  const pageP = intOf('page', 1);
  const offsetP = intOf('offset', 0);
  if (limitP.bad) return bad('limit');
  if (pageP.bad) return bad('page');
  if (offsetP.bad) return bad('offset');
  const limit = Math.min(limitP.value ?? 100, 100); // documented maximum 100: larger values are clamped
  const start = pageP.value !== undefined ? (pageP.value - 1) * limit : (offsetP.value ?? 0);

  const filters = [];
  const list = (name) => (q.get(name) ? q.get(name).split(',').map((s) => s.trim()).filter(Boolean) : null);
  const ids = list('instance_id');
  if (ids) {
    const set = new Set(ids.map((id) => ccIndex(ds, id)).filter((i) => i >= 0));
    filters.push((r) => set.has(r.index));
  }
  const chains = list('chain_id');
  if (chains) {
    const set = new Set(chains);
    filters.push((r) => set.has(ccChainId(ds, r)));
  }
  const sources = list('source_id');
  if (sources) {
    const set = new Set(sources);
    filters.push((r) => r.replacesIndex !== null && set.has(ccId(ds, r.replacesIndex)));
  }
  const str = (name) => (q.get(name) ? q.get(name) : null);
  if (str('tag')) {
    const t = str('tag').toLowerCase();
    filters.push((r) => (r.alias || '未命名证书').toLowerCase().includes(t));
  }
  if (str('purpose') && str('purpose') !== 'ssl') filters.push(() => false);
  const it = intOf('instance_type', 0);
  if (it.bad) return bad('instance_type');
  if (it.value !== undefined) filters.push((r) => ({ purchased: 0, free: 1, upload: 2, test: 4 })[r.source] === it.value);
  if (str('type')) {
    if (!['dv', 'ov', 'ev'].includes(str('type'))) return bad('type');
    filters.push((r) => r.validation === str('type'));
  }
  if (str('common_name')) {
    const c = str('common_name').toLowerCase();
    filters.push((r) => r.commonName.toLowerCase().includes(c));
  }
  if (str('domain')) filters.push((r) => covers(r.sans, str('domain')));
  if (str('order_brand')) filters.push((r) => r.brand === str('order_brand'));
  if (str('project_name')) filters.push((r) => r.volcProject === str('project_name'));
  const sanN = intOf('order_san_number', -1);
  if (sanN.bad) return bad('order_san_number');
  const osP = intOf('order_status', -2);
  if (osP.bad) return bad('order_status');
  const now = env.now();
  const bools = {};
  for (const name of ['order_exist', 'certificate_exist', 'certificate_valid', 'certificate_revoked']) {
    const v = q.get(name);
    if (v === null || v === '') continue;
    const b = parseBool(v);
    if (b === undefined) return bad(name);
    bools[name] = b;
  }
  const expireBefore = str('certificate_expire_before');
  const expireAfter = str('certificate_expire_after');
  const before = expireBefore ? parseBeijing(expireBefore) : null;
  const after = expireAfter ? parseBeijing(expireAfter) : null;
  if (Number.isNaN(before)) return bad('certificate_expire_before');
  if (Number.isNaN(after)) return bad('certificate_expire_after');

  const n = env.count();
  const needItem = sanN.value !== undefined || osP.value !== undefined;
  if (needItem || Object.keys(bools).length || before !== null || after !== null) {
    filters.push((r) => {
      if (needItem) {
        if (sanN.value !== undefined && orderSanNumber(r) !== sanN.value) return false;
        if (osP.value !== undefined && volcOrderStatus(r) !== osP.value) return false;
      }
      if (bools.order_exist !== undefined && (r.source !== 'upload') !== bools.order_exist) return false;
      if (bools.certificate_exist !== undefined && (r.notAfterMs !== null) !== bools.certificate_exist) return false;
      if (bools.certificate_revoked !== undefined && (r.status === 'revoked') !== bools.certificate_revoked) return false;
      if (bools.certificate_valid !== undefined) {
        const st = effectiveStatus(r, now);
        const valid = (st === 'issued' || st === 'disabled') && r.notAfterMs !== null && r.notAfterMs >= now && r.notBeforeMs <= now;
        if (valid !== bools.certificate_valid) return false;
      }
      if (before !== null && !(r.notAfterMs !== null && r.notAfterMs <= before)) return false;
      if (after !== null && !(r.notAfterMs !== null && r.notAfterMs >= after)) return false;
      return true;
    });
  }
  let indexes = null;
  if (filters.length) {
    const timeDependent = bools.certificate_valid !== undefined;
    const key = `cc|${[...q].filter(([k]) => !['limit', 'page', 'offset', 'Action', 'Version'].includes(k)).map(([k, v]) => `${k}=${v}`).sort().join('&')}${timeDependent ? `|${Math.floor(now / 1000)}` : ''}`;
    indexes = ds.filterIndexes(key, n, (r) => filters.every((f) => f(r)));
  }
  if (store.changed) {
    // Generated certificates not deleted, then the imports (filtered by id, name and domain
    // only: the other filters are about orders, which imports do not have).
    const kept = (indexes ?? Array.from({ length: n }, (_, i) => i)).filter((i) => !store.deleted.has(i));
    const uploads = store.uploads.filter((u) => u
      && (!ids || ids.includes(u.id))
      && (!str('common_name') || u.commonName.toLowerCase().includes(str('common_name').toLowerCase()))
      && (!str('domain') || covers(u.sans, str('domain')))
      && !chains && !str('type') && !str('order_brand') && sanN.value === undefined && osP.value === undefined
      && bools.order_exist !== true && bools.certificate_revoked !== true);
    const all = [...kept.map((i) => ({ i })), ...uploads.map((u) => ({ u }))];
    const content = all.slice(start, start + limit).map((x) => (x.u ? uploadItem(x.u) : certCenterItem(ds, ds.record(x.i, n))));
    return ok(CERT, ctx, env, region, { count: all.length, content });
  }
  const total = indexes ? indexes.length : n;
  const content = [];
  for (let pos = start; pos < Math.min(total, start + limit); pos++) {
    content.push(certCenterItem(ds, ds.record(indexes ? indexes[pos] : pos, n)));
  }
  return ok(CERT, ctx, env, region, { count: total, content });
}
