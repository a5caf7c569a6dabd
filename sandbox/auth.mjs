// Signature verification with the vendors' official SDK functions.
//
// The server recomputes each signature from what it received (method, URL, headers, body) with
// the SDK function the vendor's own clients use, then compares. Every verifier returns
// `{ok: true, key, accessKeyId, ...}` or `{ok: false, kind, message, ...}` where `kind` is one of
// missing | malformed | expired | unknownKey | token | signature | replay; each vendor module
// turns that into the vendor's error envelope.

import { createHash, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { lookupKey } from './accounts.mjs';

const require = createRequire(import.meta.url);
/** Tencent Cloud API 3.0: `Sign.sign3` (tencentcloud-sdk-nodejs-common). */
const TencentSign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
/** Volcengine: `Signer` (@volcengine/openapi). */
const VolcSigner = require('@volcengine/openapi/lib/base/sign.js').default;
/** Tencent API 2.0: `QcloudApi.prototype.sign` (qcloudapi-sdk). */
const QcloudApi = require('qcloudapi-sdk');
/** Qiniu: `qiniu.util.generateAccessToken[V2]`, `qiniu.auth.digest.Mac`. */
const qiniu = require('qiniu');

export const SDK = Object.freeze({ TencentSign, VolcSigner, QcloudApi, qiniu });

const sha256hex = (buf) => createHash('sha256').update(buf).digest('hex');

function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

const fail = (kind, message, extra = {}) => ({ ok: false, kind, message, ...extra });

/** Hostname of a Host header value (lower-case, without port). */
export function hostnameOf(hostHeader) {
  const h = String(hostHeader || '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const i = h.lastIndexOf(':');
  return i >= 0 ? h.slice(0, i) : h;
}

// ---------------------------------------------------------------------------------------------
// Tencent Cloud API 3.0, TC3-HMAC-SHA256.

const TC3_RE =
  /^TC3-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})$/;

/**
 * @param ctx {method, url, headers (lower-case names), body: Buffer}
 * @param opts {provider, nowMs, windowSec, service, lookup?: (provider, accessKeyId) => key record}
 */
export function verifyTc3(ctx, { provider, nowMs, windowSec, service, lookup = lookupKey }) {
  const auth = ctx.headers.authorization;
  if (!auth) return fail('missing', 'The Authorization header is missing.');
  const m = TC3_RE.exec(String(auth).trim());
  if (!m) return fail('malformed', 'The Authorization header is not a valid TC3-HMAC-SHA256 authorization.');
  const [, secretId, credDate, credService, signedHeaders, signature] = m;
  const tsRaw = ctx.headers['x-tc-timestamp'];
  if (tsRaw === undefined || !/^\d{1,12}$/.test(String(tsRaw).trim())) {
    return fail('malformed', 'The X-TC-Timestamp header is missing or not an integer.');
  }
  const ts = Number(String(tsRaw).trim());
  const nowSec = Math.floor(nowMs / 1000);
  if (Math.abs(nowSec - ts) > windowSec) {
    return fail('expired', `Signature expired. Timestamp: ${ts}; server time: ${nowSec}; allowed skew ${windowSec} seconds.`, {
      timestamp: ts,
      serverTime: nowSec,
    });
  }
  const key = lookup(provider, secretId);
  if (!key) return fail('unknownKey', `The SecretId ${secretId} is not found.`, { accessKeyId: secretId });
  if (key.sessionToken && ctx.headers['x-tc-token'] !== key.sessionToken) {
    return fail('token', 'The X-TC-Token header is missing or does not belong to this SecretId.', { accessKeyId: secretId });
  }
  if (signedHeaders.toLowerCase() !== 'content-type;host') {
    return fail('signature', `The sandbox verifies SignedHeaders=content-type;host only (got ${signedHeaders}).`, { accessKeyId: secretId });
  }
  const contentType = String(ctx.headers['content-type'] ?? '').trim().toLowerCase();
  const host = String(ctx.headers.host ?? '');
  let expected;
  try {
    expected = TencentSign.sign3({
      method: ctx.method,
      url: `https://${host}${ctx.url}`,
      payload: ctx.body,
      timestamp: ts,
      service: credService,
      secretId,
      secretKey: key.secretAccessKey,
      headers: { 'Content-Type': contentType },
    });
  } catch (e) {
    return fail('malformed', `Cannot canonicalize the request: ${e.message}`, { accessKeyId: secretId });
  }
  const expectedSig = /Signature=([0-9a-f]{64})$/.exec(expected)[1];
  const expectedDate = new Date(ts * 1000).toISOString().slice(0, 10);
  if (credDate !== expectedDate || credService !== service || !safeEqual(expectedSig, signature.toLowerCase())) {
    return fail('signature', 'The provided credentials could not be validated. Please check your signature is correct.', {
      accessKeyId: secretId,
    });
  }
  return { ok: true, key, accessKeyId: secretId, timestamp: ts };
}

// ---------------------------------------------------------------------------------------------
// Tencent API 2.0 (legacy): HmacSHA1 / HmacSHA256 over METHOD + host + path + "?" + sorted params.

/**
 * The string to sign, rebuilt from the received (decoded) parameters the way qcloudapi-sdk's
 * generateQueryString builds it: keys sorted as received, then every "_" in a key that does not
 * start with "_" becomes "."; raw values; on POST without `Version`, values starting with "@"
 * are left out; `TC2-HmacSHA256` signs "\n" + hex(SHA256(query)).
 */
export function legacyStringToSign(method, host, path, params) {
  const keys = Object.keys(params).filter((k) => k !== 'Signature').sort();
  const isApiV3 = !!params.Version;
  let qstr = '';
  for (const key of keys) {
    const val = params[key];
    if (!isApiV3 && method === 'POST' && val && val[0] === '@') continue;
    if (key === '') continue;
    qstr += `&${key.indexOf('_') ? key.replace(/_/g, '.') : key}=${val}`;
  }
  qstr = qstr.slice(1);
  if (params.SignatureMethod === 'TC2-HmacSHA256') qstr = `\n${sha256hex(qstr)}`;
  return `${method}${host}${path}?${qstr}`;
}

/**
 * @param ctx {method, path, headers}; params: decoded parameters (query or form)
 * @param opts {provider, nowMs, windowSec, nonces: Map}
 */
export function verifyLegacy(ctx, params, { provider, nowMs, windowSec, nonces, lookup = lookupKey }) {
  for (const p of ['Action', 'SecretId', 'Timestamp', 'Nonce', 'Signature']) {
    if (params[p] === undefined || params[p] === '') return fail('missing', `缺少参数 ${p}`, { param: p });
  }
  if (!/^\d{1,12}$/.test(params.Timestamp)) return fail('malformed', '参数 Timestamp 不合法');
  if (!/^\d{1,20}$/.test(params.Nonce)) return fail('malformed', '参数 Nonce 不合法');
  const algo = { undefined: 'sha1', HmacSHA1: 'sha1', HmacSHA256: 'sha256', 'TC2-HmacSHA256': 'sha256' }[params.SignatureMethod];
  if (!algo) return fail('malformed', `SignatureMethod ${params.SignatureMethod} 不支持`);
  const ts = Number(params.Timestamp);
  const nowSec = Math.floor(nowMs / 1000);
  if (Math.abs(nowSec - ts) > windowSec) {
    return fail('expired', `重放攻击：Timestamp ${ts} 与服务器时间 ${nowSec} 相差超过 ${windowSec} 秒`, { timestamp: ts, serverTime: nowSec });
  }
  const key = lookup(provider, params.SecretId);
  if (!key) return fail('unknownKey', `密钥不存在 (SecretId ${params.SecretId})`, { accessKeyId: params.SecretId });
  if (key.sessionToken && params.Token !== key.sessionToken) {
    return fail('token', 'token 错误', { accessKeyId: params.SecretId });
  }
  const host = String(ctx.headers.host ?? '');
  const str = legacyStringToSign(ctx.method, host, ctx.path, params);
  const expected = QcloudApi.prototype.sign(str, key.secretAccessKey, algo);
  if (!safeEqual(expected, params.Signature)) {
    return fail('signature', '鉴权失败，请参考文档中鉴权部分。', { accessKeyId: params.SecretId, stringToSign: str });
  }
  // Replay: the same (SecretId, Nonce, Timestamp) twice within the window.
  const replayKey = `${params.SecretId}|${params.Nonce}|${params.Timestamp}`;
  if (nonces) {
    if (nonces.has(replayKey)) return fail('replay', '重放攻击：Nonce 已使用过', { accessKeyId: params.SecretId });
    nonces.set(replayKey, nowSec);
    if (nonces.size > 50_000) {
      for (const [k, t] of nonces) {
        if (nowSec - t > windowSec || nonces.size > 50_000) nonces.delete(k);
        else break;
      }
    }
  }
  return { ok: true, key, accessKeyId: params.SecretId, timestamp: ts };
}

// ---------------------------------------------------------------------------------------------
// Volcengine HMAC-SHA256.

const VOLC_RE =
  /^HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})$/;

function parseXDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(s || '').trim());
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** Query parameters as the Signer expects them: repeated keys become arrays. */
function queryParams(searchParams) {
  const params = {};
  for (const [k, v] of searchParams) {
    if (Object.prototype.hasOwnProperty.call(params, k)) {
      params[k] = Array.isArray(params[k]) ? [...params[k], v] : [params[k], v];
    } else {
      params[k] = v;
    }
  }
  return params;
}

/**
 * @param ctx {method, path, query: URLSearchParams, headers, body: Buffer}
 * @param opts {provider, nowMs, windowSec}
 */
export function verifyVolc(ctx, { provider, nowMs, windowSec, lookup = lookupKey }) {
  const auth = ctx.headers.authorization;
  if (!auth) return fail('missing', 'Request is missing Authentication Token.');
  const m = VOLC_RE.exec(String(auth).trim());
  if (!m) return fail('malformed', "Invalid 'Authorization' header, Pls check authorization header.");
  const [, ak, credDate, region, service, signedHeaders, signature] = m;
  const xDate = ctx.headers['x-date'];
  if (!xDate) return fail('missingDate', 'The request is missing X-Date information.');
  const t = parseXDate(xDate);
  if (Number.isNaN(t) || Math.abs(nowMs - t) > windowSec * 1000) {
    return fail('expired', 'The Signature of the request is expired.', { region, service });
  }
  const key = lookup(provider, ak);
  if (!key) return fail('unknownKey', `The accesskey [${ak}] included in the request is invalid.`, { region, service, accessKeyId: ak });
  if (key.sessionToken && ctx.headers['x-security-token'] !== key.sessionToken) {
    return fail('token', 'Invalid secret token, msg: X-Security-Token is missing or invalid.', { region, service, accessKeyId: ak });
  }
  const names = signedHeaders.toLowerCase().split(';');
  const bodyHash = sha256hex(ctx.body);
  const claimed = ctx.headers['x-content-sha256'];
  const mismatch = (why) =>
    fail(
      'signature',
      `The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.${why ? ` (${why})` : ''}`,
      { region, service, accessKeyId: ak },
    );
  if (claimed !== undefined && String(claimed).toLowerCase() !== bodyHash) return mismatch('X-Content-Sha256 does not match the body');
  if (!names.includes('host') || !names.includes('x-date')) return mismatch('SignedHeaders must include host and x-date');
  const headers = {};
  for (const n of names) {
    const v = ctx.headers[n];
    if (v === undefined) return mismatch(`signed header ${n} is missing`);
    headers[n] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const signer = new VolcSigner(
    { method: ctx.method, region, params: queryParams(ctx.query), headers, pathname: ctx.path || '/' },
    service,
  );
  // Recompute over exactly the SignedHeaders the client listed and the bytes received.
  signer.isSignableHeader = () => true;
  signer.hexEncodedBodyHash = () => bodyHash;
  const expected = String(signer.signature({ accessKeyId: ak, secretKey: key.secretAccessKey }, String(xDate).trim()));
  if (credDate !== String(xDate).trim().slice(0, 8) || !safeEqual(expected, signature.toLowerCase())) return mismatch('');
  return { ok: true, key, accessKeyId: ak, region, service };
}

// ---------------------------------------------------------------------------------------------
// Qiniu QBox (and the newer "Qiniu" token).

const FORM = 'application/x-www-form-urlencoded';

/**
 * @param ctx {method, url, headers, body: Buffer}
 * @param opts {provider, nowMs, windowSec}
 */
export function verifyQiniu(ctx, { provider, nowMs, windowSec, lookup = lookupKey }) {
  const auth = ctx.headers.authorization;
  if (!auth) return fail('missing', 'bad token');
  const m = /^(QBox|Qiniu)\s+([^:\s]+):([A-Za-z0-9_=-]+)$/.exec(String(auth).trim());
  if (!m) return fail('malformed', 'bad token');
  const [, scheme, ak] = m;
  const key = lookup(provider, ak);
  if (!key) return fail('unknownKey', 'bad token', { accessKeyId: ak });
  const mac = new qiniu.auth.digest.Mac(ak, key.secretAccessKey);
  const uri = `http://${ctx.headers.host ?? ''}${ctx.url}`;
  const contentType = String(ctx.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  let expected;
  if (scheme === 'QBox') {
    expected = qiniu.util.generateAccessToken(mac, uri, contentType === FORM && ctx.body.length ? ctx.body.toString('utf8') : undefined);
  } else {
    const qDate = ctx.headers['x-qiniu-date'];
    if (qDate !== undefined) {
      const t = parseXDate(qDate);
      if (Number.isNaN(t) || Math.abs(nowMs - t) > windowSec * 1000) return fail('expired', 'bad token', { accessKeyId: ak });
    }
    const xq = {};
    for (const [k, v] of Object.entries(ctx.headers)) if (k.startsWith('x-qiniu-')) xq[k] = String(v);
    const signBody = (contentType === FORM || contentType === 'application/json') && ctx.body.length ? ctx.body.toString('utf8') : undefined;
    expected = qiniu.util.generateAccessTokenV2(mac, uri, ctx.method, ctx.headers['content-type'], signBody, xq);
  }
  if (!safeEqual(expected, String(auth).trim())) return fail('signature', 'bad token', { accessKeyId: ak });
  return { ok: true, key, accessKeyId: ak };
}
