// Randomized signing requests of the kind the client sends (list pages, get, delete), one set per
// provider, each in two forms: the `signRequest` arguments, and the arguments of the official SDK
// signer wrapped by sandbox/sdk-client.mjs (Tencent `Sign.sign3`, qcloudapi-sdk
// `generateQueryString`, @volcengine/openapi `Signer`, qiniu `generateAccessToken`), so that both
// sign exactly the same request. Seeded: the same seed gives the same requests.

import { mulberry32 } from '../sandbox/prng.mjs';

export const SIGN_PROVIDERS = ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu'];

const WORDS = ['shop', 'api', 'cdn', 'img', 'www', 'mail', 'static', '图片', '证书', 'example', 'test', 'prod'];

function rngOf(seed, provider) {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${provider}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  const next = mulberry32(h >>> 0);
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (xs) => xs[int(xs.length)],
    chance: (p) => next() < p,
    key: (prefix, n) => {
      const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
      let s = prefix;
      while (s.length < n) s += a[int(a.length)];
      return s;
    },
    hex: (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join(''),
  };
}

/** n cases for `provider`: [{account, request, context, sdk: {fn, args}}]. */
export function signCases(provider, n, seed = 7) {
  const r = rngOf(seed, provider);
  const out = [];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const timestampMs = base + r.int(365 * 86_400) * 1000;
    const seconds = timestampMs / 1000;
    const search = r.chance(0.3) ? `${r.pick(WORDS)}.${r.pick(['com', 'cn', 'net'])}` : undefined;
    switch (provider) {
      case 'tencent-ssl': {
        const account = { provider, accessKeyId: r.key('AKID', 36), secretAccessKey: r.key('', 32) };
        const body = { Offset: r.int(10) * 1000, Limit: r.pick([10, 100, 1000]) };
        if (search) body.SearchKey = search;
        const text = JSON.stringify(body);
        const action = r.chance(0.9) ? 'DescribeCertificates' : 'DescribeCertificateDetail';
        out.push({
          account,
          request: {
            method: 'POST',
            url: 'https://ssl.tencentcloudapi.com/',
            headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': action, 'X-TC-Version': '2019-12-05' },
            body: text,
          },
          context: { timestampMs },
          sdk: { fn: 'signTencent', args: { account, action, body: text, timestamp: seconds } },
        });
        break;
      }
      case 'tencent-legacy': {
        const account = { provider, accessKeyId: r.key('AKID', 36), secretAccessKey: r.key('', 32) };
        const nonce = 1 + r.int(0x7ffffffe);
        const params = { Action: 'CertGetList', RequestClient: 'cloudcerts', Region: r.pick(['ap-guangzhou', 'ap-beijing']), page: String(1 + r.int(100)), count: '100' };
        if (search) params.searchKey = search;
        const query = new URLSearchParams(params).toString();
        out.push({
          account,
          request: { method: 'GET', url: `https://wss.api.qcloud.com/v2/index.php?${query}` },
          context: { timestampMs, nonce },
          sdk: { fn: 'signLegacy', args: { account, params, method: 'GET', sha256: true, timestamp: seconds, nonce } },
        });
        break;
      }
      case 'volcengine-live': {
        const account = { provider, accessKeyId: r.key('AKLT', 44), secretAccessKey: r.key('', 56) };
        const body = { Available: r.chance(0.5), Expiring: r.chance(0.5) };
        if (search) body.Domain = search;
        const text = JSON.stringify(body);
        out.push({
          account,
          request: {
            method: 'POST',
            url: 'https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01',
            headers: { 'Content-Type': 'application/json' },
            body: text,
          },
          context: { timestampMs },
          sdk: { fn: 'signVolc', args: { account, api: 'live', body: text, date: new Date(timestampMs) } },
        });
        break;
      }
      case 'volcengine-cert': {
        const account = { provider, accessKeyId: r.key('AKLT', 44), secretAccessKey: r.key('', 56) };
        const query = { page: String(1 + r.int(100)), limit: '100' };
        if (search) query.common_name = search;
        const qs = new URLSearchParams({ Action: 'CertificateGetInstance', Version: '2021-06-01', ...query }).toString().replace(/\+/g, '%20');
        out.push({
          account,
          request: { method: 'GET', url: `https://open.volcengineapi.com/?${qs}` },
          context: { timestampMs },
          sdk: { fn: 'signVolc', args: { account, api: 'cert', query, date: new Date(timestampMs) } },
        });
        break;
      }
      case 'qiniu': {
        const account = { provider, accessKeyId: r.key('', 40), secretAccessKey: r.key('', 40) };
        const kind = r.pick(['list', 'list', 'list', 'get', 'delete']);
        const method = kind === 'delete' ? 'DELETE' : 'GET';
        const path = kind === 'list' ? `/sslcert?marker=${r.chance(0.2) ? '' : r.hex(24)}&limit=100` : `/sslcert/${r.hex(24)}`;
        const contentType = 'application/x-www-form-urlencoded';
        out.push({
          account,
          request: { method, url: `https://api.qiniu.com${path}`, headers: { 'Content-Type': contentType } },
          context: { timestampMs },
          sdk: { fn: 'signQiniu', args: { account, method, path, contentType } },
        });
        break;
      }
      default:
        throw new Error(`unknown provider ${provider}`);
    }
  }
  return out;
}

/** The signature both sides must agree on, from our `signRequest` result. */
export function ourSignature(provider, signed) {
  if (provider === 'tencent-legacy') return new URL(signed.url).searchParams.get('Signature');
  return signed.headers.Authorization;
}

/** The same from an sdk-client.mjs result. */
export function sdkSignature(provider, signed) {
  if (provider === 'tencent-legacy') return new URLSearchParams(signed.path.split('?')[1]).get('Signature');
  return signed.headers.Authorization;
}
