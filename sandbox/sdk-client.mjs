// Requests signed by the vendors' official SDK functions, and a raw HTTP sender that sets the
// Host header. The sandbox tests use these as the reference client; benchmarks and tools may too.
// Every signer returns {method, host, path, headers, body} for the vendor's real host.

import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TencentSign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const volcSign = require('@volcengine/openapi/lib/base/sign.js');
const QcloudApi = require('qcloudapi-sdk');
const qiniu = require('qiniu');

const VolcSigner = volcSign.default;

/**
 * Tencent API 3.0 (TC3-HMAC-SHA256) via `Sign.sign3`.
 * @param o {account, action?, version?, body? (object|string), timestamp? (s), host?, contentType?, region?, service? (default ssl)}
 */
export function signTencent(o) {
  const {
    account,
    action = 'DescribeCertificates',
    version = '2019-12-05',
    host = 'ssl.tencentcloudapi.com',
    contentType = 'application/json; charset=utf-8',
    timestamp = Math.floor(Date.now() / 1000),
    service = 'ssl',
  } = o;
  const body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body ?? {});
  const authorization = TencentSign.sign3({
    method: 'POST',
    url: `https://${host}/`,
    payload: Buffer.from(body),
    timestamp,
    service,
    secretId: account.accessKeyId,
    secretKey: account.secretAccessKey,
    headers: { 'Content-Type': contentType },
  });
  const headers = {
    Authorization: authorization,
    'Content-Type': contentType,
    'X-TC-Action': action,
    'X-TC-Version': version,
    'X-TC-Timestamp': String(timestamp),
  };
  if (o.region) headers['X-TC-Region'] = o.region;
  if (account.sessionToken) headers['X-TC-Token'] = account.sessionToken;
  return { method: 'POST', host, path: '/', headers, body };
}

/**
 * Tencent Cloud DNSPod (API 3.0, 2021-03-23, service dnspod) via `Sign.sign3`.
 * @param o {account, action, body? (object|string), timestamp? (s), host?, version?}
 */
export function signDnspod(o) {
  return signTencent({ host: 'dnspod.tencentcloudapi.com', version: '2021-03-23', service: 'dnspod', ...o });
}

/**
 * Tencent API 2.0 via qcloudapi-sdk `generateQueryString` (which also adds RequestClient).
 * @param o {account, params?, method? ('GET'|'POST'), sha256?, timestamp? (s), nonce?, host?}
 */
export function signLegacy(o) {
  const { account, params = {}, method = 'GET', sha256 = false, host = 'wss.api.qcloud.com' } = o;
  const api = new QcloudApi({ SecretId: account.accessKeyId, SecretKey: account.secretAccessKey });
  const data = { Action: 'CertGetList', ...params };
  if (o.timestamp !== undefined) data.Timestamp = o.timestamp;
  if (o.nonce !== undefined) data.Nonce = o.nonce;
  if (account.sessionToken) data.Token = account.sessionToken;
  const opts = {
    host,
    path: '/v2/index.php',
    method,
    SecretId: account.accessKeyId,
    SecretKey: account.secretAccessKey,
    ...(sha256 ? { signatureMethod: 'sha256' } : {}),
  };
  const qs = api.generateQueryString(data, opts);
  if (method === 'POST') {
    return { method, host, path: '/v2/index.php', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: qs };
  }
  return { method, host, path: `/v2/index.php?${qs}`, headers: {}, body: '' };
}

export const VOLC_APIS = {
  live: { host: 'live.volcengineapi.com', service: 'live', method: 'POST', Action: 'ListCertV2', Version: '2023-01-01' },
  cert: { host: 'open.volcengineapi.com', service: 'certificate_service', method: 'GET', Action: 'CertificateGetInstance', Version: '2021-06-01' },
  dns: { host: 'dns.volcengineapi.com', service: 'dns', method: 'GET', Action: 'ListZones', Version: '2018-08-01' },
};

/**
 * Volcengine via `Signer.addAuthorization` (Host signed).
 * @param o {account, api: 'live'|'cert'|'dns', query? (extra params), body? (object|string, POST), date?, region?,
 *   action?, version?, method?, service?, host? (override the API's)}
 */
export function signVolc(o) {
  const base = VOLC_APIS[o.api];
  const a = {
    ...base,
    ...(o.action ? { Action: o.action } : {}),
    ...(o.version ? { Version: o.version } : {}),
    ...(o.method ? { method: o.method } : {}),
    ...(o.service ? { service: o.service } : {}),
  };
  const params = { Action: a.Action, Version: a.Version, ...(o.query || {}) };
  for (const k of Object.keys(params)) if (params[k] !== undefined && !Array.isArray(params[k])) params[k] = String(params[k]);
  const body = a.method === 'POST' ? (typeof o.body === 'string' ? o.body : o.body === undefined ? '' : JSON.stringify(o.body)) : '';
  const headers = { Host: o.host || a.host };
  if (a.method === 'POST') headers['Content-Type'] = 'application/json';
  const request = { method: a.method, region: o.region || o.account.region || 'cn-north-1', params, headers, body: body || undefined, pathname: '/' };
  const signer = new VolcSigner(request, a.service);
  signer.addAuthorization(
    { accessKeyId: o.account.accessKeyId, secretKey: o.account.secretAccessKey, sessionToken: o.account.sessionToken },
    o.date || new Date(),
  );
  const out = { ...request.headers };
  delete out.Host;
  return { method: a.method, host: o.host || a.host, path: `/?${volcSign.queryParamsToString(request.params)}`, headers: out, body };
}

/** Volcengine DNS (2018-08-01, service dns): `signVolc` with `api: 'dns'`; POST for CreateRecord and DeleteRecord. */
export function signVolcDns(o) {
  const method = o.method ?? (o.action === 'CreateRecord' || o.action === 'DeleteRecord' ? 'POST' : 'GET');
  return signVolc({ api: 'dns', ...o, method });
}

/**
 * Qiniu QBox via `qiniu.util.generateAccessToken` (body signed only for form bodies).
 * @param o {account, method, path (with query), body?, contentType?, host?}
 */
export function signQiniu(o) {
  const { account, method = 'GET', path, host = 'api.qiniu.com' } = o;
  const body = typeof o.body === 'string' ? o.body : o.body === undefined ? '' : JSON.stringify(o.body);
  const contentType = o.contentType || (method === 'POST' || method === 'DELETE' ? 'application/json' : 'application/x-www-form-urlencoded');
  const mac = new qiniu.auth.digest.Mac(account.accessKeyId, account.secretAccessKey);
  const signBody = contentType.startsWith('application/x-www-form-urlencoded') && body ? body : undefined;
  const authorization = qiniu.util.generateAccessToken(mac, `https://${host}${path}`, signBody);
  return { method, host, path, headers: { Authorization: authorization, 'Content-Type': contentType }, body };
}

/**
 * Send a request to `baseUrl` (the sandbox or the proxy) with the vendor host in `Host`.
 * Resolves {status, headers, text, json, ms} or {error, ms} (connection dropped, timeout).
 */
export function send(baseUrl, req, { timeoutMs = 15_000 } = {}) {
  const u = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (v) => {
      if (!done) {
        done = true;
        resolve({ ...v, ms: Date.now() - started });
      }
    };
    const body = req.body === undefined || req.body === null ? '' : req.body;
    const r = http.request(
      {
        host: u.hostname.replace(/^\[|\]$/g, ''),
        port: u.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, Host: req.host, 'Content-Length': Buffer.byteLength(body) },
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          finish({ status: res.statusCode, headers: res.headers, text, json: parsed });
        });
        res.on('error', (e) => finish({ error: e }));
        res.on('aborted', () => finish({ error: new Error('aborted') }));
      },
    );
    r.setTimeout(timeoutMs, () => {
      r.destroy(new Error('timeout'));
    });
    r.on('error', (e) => finish({ error: e }));
    r.end(body);
  });
}
