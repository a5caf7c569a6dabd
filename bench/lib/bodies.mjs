// Response bodies of N certificates, built from the sandbox's own data module
// (`certificatesFor` returns exactly the list items the sandbox answers, in API order), each in
// its API's envelope as the sandbox sends it: one body holding what would otherwise be N / page
// size pages concatenated.

import { KEYS } from '../../sandbox/accounts.mjs';
import { certificatesFor, defaultAnchorMs } from '../../sandbox/data.mjs';

export const PROVIDERS = ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu'];
const FAMILY = { 'tencent-ssl': 'tencent', 'tencent-legacy': 'tencent', 'volcengine-live': 'volcengine', 'volcengine-cert': 'volcengine', qiniu: 'qiniu' };

export function mainKey(provider) {
  return KEYS[FAMILY[provider]][0];
}

function volcMeta(provider) {
  const live = provider === 'volcengine-live';
  return {
    RequestId: '20250101000000BENCHMARK00000000000',
    Action: live ? 'ListCertV2' : 'CertificateGetInstance',
    Version: live ? '2023-01-01' : '2021-06-01',
    Service: live ? 'live' : 'certificate_service',
    Region: 'cn-north-1',
  };
}

/** `{body, count, bytes}`: one response body of `count` certificates of `provider`. */
export function buildBody(provider, count, { anchorMs = defaultAnchorMs(), nowMs = Date.now() } = {}) {
  const items = certificatesFor(provider, mainKey(provider).accessKeyId, count, { anchorMs, nowMs }).map((c) => c.vendor);
  let doc;
  switch (provider) {
    case 'tencent-ssl':
      doc = { Response: { TotalCount: items.length, Certificates: items, RequestId: 'bench-0000-0000' } };
      break;
    case 'tencent-legacy':
      doc = { code: 0, message: '', codeDesc: 'Success', data: { totalNum: items.length, list: items } };
      break;
    case 'volcengine-live':
      doc = { ResponseMetadata: volcMeta(provider), Result: { CertList: items } };
      break;
    case 'volcengine-cert':
      doc = { ResponseMetadata: volcMeta(provider), Result: { count: items.length, content: items } };
      break;
    case 'qiniu':
      doc = { marker: '', certs: items };
      break;
    default:
      throw new Error(`unknown provider ${provider}`);
  }
  const body = JSON.stringify(doc);
  return { body, count: items.length, bytes: Buffer.byteLength(body) };
}
