// Tencent Cloud API 2.0 (`tencent-legacy`): CertGetList at wss.api.qcloud.com/v2/index.php.
// GET with query parameters or POST with an x-www-form-urlencoded body; HmacSHA1 / HmacSHA256
// query signature. Every answer is HTTP 200 with {code, message, codeDesc[, data]}.

import { verifyLegacy } from '../auth.mjs';
import { FAMILY } from '../accounts.mjs';
import { datasetFor, legacyItem, tencentId } from '../data.mjs';
import { covers, json, paramsOf } from './common.mjs';

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

  const ds = datasetFor(FAMILY[PROVIDER], auth.key.dataSeed, env.anchorMs);
  const n = env.count();
  const now = env.now();
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
  const total = indexes ? indexes.length : n;
  const list = [];
  const start = (page - 1) * count;
  for (let pos = start; pos < Math.min(total, start + count); pos++) {
    list.push(legacyItem(ds, ds.record(indexes ? indexes[pos] : pos, n), now));
  }
  return json(200, { code: 0, message: '', codeDesc: 'Success', data: { totalNum: total, list } }, {}, 'application/json; charset=utf-8');
}
