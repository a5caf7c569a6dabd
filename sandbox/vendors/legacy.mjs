// Tencent Cloud API 2.0 (`tencent-legacy`): CertGetList, CertUpload
// (https://cloud.tencent.com/document/api/400/9078: cert, certType, key, alias → data.id) and
// CertDelete (https://cloud.tencent.com/document/api/400/13696: id) at wss.api.qcloud.com/v2/index.php.
// Uploads and deletions are the account's, shared with API 3.0 (the same certificates).
// GET with query parameters or POST with an x-www-form-urlencoded body; HmacSHA1 / HmacSHA256
// query signature. Every answer is HTTP 200 with {code, message, codeDesc[, data]}.

import { verifyLegacy } from '../auth.mjs';
import { FAMILY } from '../accounts.mjs';
import { datasetFor, legacyItem, tencentId } from '../data.mjs';
import { covers, json, paramsOf, writeStore } from './common.mjs';
import { deleteTencentCertificate, legacyUploadItem, storeTencentUpload } from './tencent.mjs';

const PROVIDER = 'tencent-legacy';
export const LEGACY_PATH = '/v2/index.php';

const AUTH_ERRORS = {
  missing: [4000, 'MissingParameter'],
  malformed: [4000, 'InvalidParameter'],
  expired: [4500, 'AuthFailure.SignatureExpire'],
  replay: [4500, 'ReplayAttack'],
  unknownKey: [4104, 'AuthFailure.SecretIdNotFound'],
  token: [4105, 'AuthFailure.TokenFailure'],
  signature: [4100, 'AuthFailure.SignatureFailure'],
};

export function legacyError(code, codeDesc, message) {
  return json(200, { code, message, codeDesc }, {}, 'application/json; charset=utf-8');
}
export function legacyInternalError(status) {
  return { ...legacyError(6000, 'InternalError', '服务器内部错误'), status };
}

export function handleLegacy(ctx, env) {
  if (ctx.path !== LEGACY_PATH) {
    return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>404 Not Found</h1></body></html>' };
  }
  if (ctx.method !== 'GET' && ctx.method !== 'POST') return legacyError(4000, 'InvalidParameter', `不支持的请求方法 ${ctx.method}`);
  let params = paramsOf(ctx.query);
  if (ctx.method === 'POST') {
    const ct = String(ctx.headers['content-type'] || '').toLowerCase();
    if (ct.startsWith('application/x-www-form-urlencoded')) {
      params = { ...params, ...paramsOf(new URLSearchParams(ctx.body.toString('utf8'))) };
    } else if (ctx.body.length) {
      return legacyError(4000, 'InvalidParameter', 'POST 请求须使用 application/x-www-form-urlencoded');
    }
  }

  const auth = verifyLegacy(ctx, params, { provider: PROVIDER, nowMs: env.now(), windowSec: env.windowSec(PROVIDER), nonces: env.nonces });
  if (!auth.ok) {
    const [code, desc] = AUTH_ERRORS[auth.kind] || [4100, 'AuthFailure'];
    return legacyError(code, desc, auth.message);
  }
  env.setAccount(auth.accessKeyId);
  const limited = env.throttle(PROVIDER, auth.accessKeyId);
  if (limited) return legacyError(4400, 'RequestLimitExceeded', `超过配额：请求频率超过 ${limited.limit} 次/秒`);
  const ds = datasetFor(FAMILY[PROVIDER], auth.key.dataSeed, env.anchorMs);
  const store = writeStore(env.tencentStores, auth.key.dataSeed);
  const n = env.count();
  const now = env.now();
  const ok = (data) => json(200, { code: 0, message: '', codeDesc: 'Success', data }, {}, 'application/json; charset=utf-8');
  if (params.Action === 'CertUpload' || params.Action === 'CertDelete') {
    // The key must not travel in a URL (proxies and access logs record URLs): POST form only.
    if (ctx.method !== 'POST') return legacyError(4000, 'InvalidParameter', '请使用 POST 请求');
  }
  if (params.Action === 'CertUpload') {
    const certType = params.certType || 'SVR';
    if (!params.cert) return legacyError(4000, 'MissingParameter', '缺少参数 cert');
    if (certType !== 'SVR' && certType !== 'CA') return legacyError(4000, 'InvalidParameter', '参数 certType 不合法');
    if (certType === 'SVR' && !params.key) return legacyError(4000, 'MissingParameter', '缺少参数 key');
    // Guesses (sandbox/README.md): the module's codes for an unreadable PEM and a key of another
    // certificate are not documented; 4000 (InvalidParameter) with a message stands for both.
    // API 2.0 has no Repeatable: every upload is a new copy.
    const stored = storeTencentUpload(ds, store, {
      alias: params.alias, certificatePem: params.cert, privateKeyPem: params.key, type: certType, repeatable: true,
    }, now);
    if (stored.refused === 'invalid') return legacyError(4000, 'InvalidParameter', '证书内容不合法');
    if (stored.refused === 'mismatch') return legacyError(4000, 'InvalidParameter', '证书与私钥不匹配');
    if (stored.refused) return legacyError(4000, 'InvalidParameter', '证书数量超过限制');
    return ok({ id: stored.upload.id });
  }
  if (params.Action === 'CertDelete') {
    if (!params.id) return legacyError(4000, 'MissingParameter', '缺少参数 id');
    const outcome = deleteTencentCertificate(ds, store, n, params.id);
    // Guesses: "not found" as the common 5000 (ResourceNotFound); a bound certificate as a module
    // error (the documentation says such certificates cannot be deleted, not with which code).
    if (outcome === 'not found') return legacyError(5000, 'ResourceNotFound', '证书不存在');
    if (outcome === 'bound') return legacyError(5100, 'CertBound', '关联了负载均衡、CDN 的 SSL 证书不能删除');
    return ok([]);
  }
  if (params.Action !== 'CertGetList') return legacyError(4000, 'InvalidAction', `Action ${params.Action} 不存在`);

  const num = (name, dflt) => {
    const v = params[name];
    if (v === undefined || v === '') return dflt;
    return /^\d{1,9}$/.test(v) && Number(v) >= 1 ? Number(v) : NaN;
  };
  const page = num('page', 1);
  const count = num('count', 20);
  if (Number.isNaN(page)) return legacyError(4000, 'InvalidParameter', '参数 page 不合法');
  if (Number.isNaN(count)) return legacyError(4000, 'InvalidParameter', '参数 count 不合法');
  if (params.certType && params.certType !== 'CA' && params.certType !== 'SVR') {
    return legacyError(4000, 'InvalidParameter', '参数 certType 不合法');
  }

  const filters = [];
  if (params.searchKey) {
    const s = params.searchKey.toLowerCase();
    filters.push((r) => tencentId(ds, r.index).toLowerCase().includes(s) || r.alias.toLowerCase().includes(s) || r.sans.some((d) => d.toLowerCase().includes(s)));
  }
  if (params.certType) filters.push((r) => (r.source === 'upload' && r.sub > 0.97 ? 'CA' : 'SVR') === params.certType);
  if (params.id) filters.push((r) => tencentId(ds, r.index) === params.id);
  if (params.altDomain) filters.push((r) => covers(r.sans, params.altDomain));
  const indexes = filters.length
    ? ds.filterIndexes(`legacy|${params.searchKey}|${params.certType}|${params.id}|${params.altDomain}`, n, (r) => filters.every((f) => f(r)))
    : null;
  const start = (page - 1) * count;
  if (store.changed) {
    // Generated certificates not deleted, then the uploads (filtered by the same parameters).
    const kept = (indexes ?? Array.from({ length: n }, (_, i) => i)).filter((i) => !store.deleted.has(i));
    const uploads = store.uploads.filter((u) => u
      && (!params.searchKey || [u.id, u.alias, ...u.sans].some((x) => x.toLowerCase().includes(params.searchKey.toLowerCase())))
      && (!params.certType || params.certType === u.type)
      && (!params.id || params.id === u.id)
      && (!params.altDomain || covers(u.sans, params.altDomain)));
    const all = [...kept.map((i) => ({ i })), ...uploads.map((u) => ({ u }))];
    const list = all.slice(start, start + count).map((x) => (x.u ? legacyUploadItem(x.u, now) : legacyItem(ds, ds.record(x.i, n), now)));
    return ok({ totalNum: all.length, list });
  }
  const total = indexes ? indexes.length : n;
  const list = [];
  for (let pos = start; pos < Math.min(total, start + count); pos++) {
    list.push(legacyItem(ds, ds.record(indexes ? indexes[pos] : pos, n), now));
  }
  return ok({ totalNum: total, list });
}
