// The baseline of the inventory benchmark: a naive sequential pager written for it. Same signing
// (`signRequest`), same transport (global fetch through the CORS proxy), same normalization
// (`normalizeResponse` per page) as the library, but one page after another with no concurrency.
// It keeps to the documented rate (a request leaves at most every 1/rate s, evenly
// spaced) because the sandbox enforces it; a throttled answer is retried after one interval.

import { normalizeResponse, signRequest } from '../pkg/node/index.mjs';

export const RATE = { 'tencent-ssl': 10, 'tencent-legacy': 10, 'volcengine-live': 10, 'volcengine-cert': 20, qiniu: 5 };
export const PAGE = { 'tencent-ssl': 1000, 'tencent-legacy': 100, 'volcengine-cert': 100, qiniu: 100 };
const LIVE_COMBINATIONS = [[true, false], [true, true], [false, false], [false, true]];
const THROTTLED = /RequestLimitExceeded|AccountFlowLimitExceeded|"code":\s*4400|"code":\s*403024|too many requests/;

function pageRequest(provider, page, marker, size) {
  switch (provider) {
    case 'tencent-ssl':
      return {
        method: 'POST',
        url: 'https://ssl.tencentcloudapi.com/',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': 'DescribeCertificates', 'X-TC-Version': '2019-12-05' },
        body: JSON.stringify({ Offset: page * size, Limit: size }),
      };
    case 'tencent-legacy':
      return { method: 'GET', url: `https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=${page + 1}&count=${size}` };
    case 'volcengine-cert':
      return { method: 'GET', url: `https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&page=${page + 1}&limit=${size}` };
    case 'volcengine-live': {
      const [Available, Expiring] = LIVE_COMBINATIONS[page];
      return {
        method: 'POST',
        url: 'https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Available, Expiring }),
      };
    }
    case 'qiniu':
      return {
        method: 'GET',
        url: `https://api.qiniu.com/sslcert?marker=${encodeURIComponent(marker)}&limit=${size}`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      };
    default:
      throw new Error(`unknown provider ${provider}`);
  }
}

/**
 * Lists every certificate of `account`, one page after another.
 * Options: proxy (prefix), rate (requests/s; Infinity for none), pageSize (override).
 * Returns {certificates, requests, throttled}.
 */
export async function listSequential(account, { proxy, rate = RATE[account.provider], pageSize } = {}) {
  const provider = account.provider;
  const size = pageSize ?? PAGE[provider] ?? 0;
  const interval = 1000 / rate;
  let nextSlot = 0;
  let requests = 0;
  let throttled = 0;
  const byId = new Map();
  const send = async (request) => {
    for (;;) {
      const wait = nextSlot - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      nextSlot = Math.max(nextSlot, performance.now()) + interval;
      const signed = signRequest(account, request);
      requests += 1;
      const res = await fetch(proxy + signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
      const text = await res.text();
      // Qiniu's 403024 comes with HTTP 403, as its error table documents.
      if ((res.status === 429 || res.status === 573 || res.status === 403 || res.status === 200) && THROTTLED.test(text.slice(0, 400))) {
        throttled += 1;
        continue;
      }
      return { status: res.status, text };
    }
  };
  const take = (certs) => {
    for (const c of certs) if (!byId.has(c.id)) byId.set(c.id, c);
  };
  if (provider === 'volcengine-live') {
    for (let n = 0; n < LIVE_COMBINATIONS.length; n++) {
      const { status, text } = await send(pageRequest(provider, n));
      const certs = normalizeResponse(provider, text, { httpStatus: status, label: account.label });
      if (!LIVE_COMBINATIONS[n][0]) for (const c of certs) c.status = 'disabled';
      take(certs);
    }
  } else if (provider === 'qiniu') {
    let marker = '';
    for (;;) {
      const { status, text } = await send(pageRequest(provider, 0, marker, size));
      take(normalizeResponse(provider, text, { httpStatus: status, label: account.label }));
      marker = /"marker":"([^"]*)"/.exec(text.slice(0, 200))?.[1] ?? '';
      if (!marker) break;
    }
  } else {
    let total = Infinity;
    for (let page = 0; page * size < total; page++) {
      const { status, text } = await send(pageRequest(provider, page, '', size));
      const certs = normalizeResponse(provider, text, { httpStatus: status, label: account.label });
      take(certs);
      // The total sits at the start of each of these bodies: read it without parsing the body twice.
      const head = text.slice(0, 600);
      total = Number(/"(?:TotalCount|totalNum|count)":(\d+)/.exec(head)?.[1] ?? 0);
    }
  }
  return { certificates: [...byId.values()], requests, throttled };
}
