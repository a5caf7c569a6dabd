// Plain JavaScript signers of the four schemes (/work/shared/signing.md), the browser baseline of
// the signing benchmark: each scheme written twice, on WebCrypto (`crypto.subtle`, async: every
// call awaited) and on @noble/hashes (sync). Each takes `signRequest`'s arguments for the requests
// of bench/sign-cases.mjs and returns what `signRequest` returns ({method, url, headers, body?}),
// so that bench/run.mjs can check them against the library on every case before timing. They do
// the same work per call as the library: parse the URL, canonicalize, hash from the secret key
// (nothing cached between calls), assemble the headers. Run in Node and in the page (the page maps
// `@noble/hashes/` to node_modules with an import map).

import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

const enc = new TextEncoder();
const utf8 = (s) => enc.encode(s);
const subtle = globalThis.crypto.subtle;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function hex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}
function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

/** "YYYY-MM-DD", "YYYYMMDD" and "YYYYMMDDTHHMMSSZ" (UTC) of a time in ms. */
function dates(ms) {
  const iso = new Date(ms).toISOString();
  const date = iso.slice(0, 10);
  const compact = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  return { date, compact, xDate: `${compact}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z` };
}

const timestampOf = (context) => context?.timestampMs ?? Date.now();

function headerValue(headers, name) {
  if (!headers) return undefined;
  const want = name.toLowerCase();
  for (const k in headers) if (k.toLowerCase() === want) return headers[k];
  return undefined;
}

// ------------------------------------------------------------------ the schemes' text

/** TC3-HMAC-SHA256: the parts before and after the hashes. */
const tc3 = {
  prepare(account, request, context) {
    const url = new URL(request.url);
    const seconds = Math.floor(timestampOf(context) / 1000);
    const { date } = dates(seconds * 1000);
    const service = url.hostname.split('.')[0];
    const contentType = headerValue(request.headers, 'content-type') ?? '';
    const method = request.method.toUpperCase();
    const head = `${method}\n/\n${method === 'POST' ? '' : url.search.slice(1)}\ncontent-type:${contentType.trim().toLowerCase()}\nhost:${url.host}\n\ncontent-type;host\n`;
    const scope = `${date}/${service}/tc3_request`;
    return { account, request, seconds, date, service, head, scope, body: request.body ?? '' };
  },
  stringToSign: (x, canonicalHex) => `TC3-HMAC-SHA256\n${x.seconds}\n${x.scope}\n${canonicalHex}`,
  finish(x, signature) {
    const headers = {
      ...x.request.headers,
      Authorization: `TC3-HMAC-SHA256 Credential=${x.account.accessKeyId}/${x.scope}, SignedHeaders=content-type;host, Signature=${signature}`,
      'X-TC-Timestamp': String(x.seconds),
    };
    return { method: x.request.method, url: x.request.url, headers, body: x.request.body };
  },
};

/** Tencent API 2.0: the string to sign (raw values, keys sorted) and the signed URL. */
const legacy = {
  prepare(account, request, context) {
    const url = new URL(request.url);
    const params = [...url.searchParams];
    params.push(['Nonce', String(context.nonce)], ['SecretId', account.accessKeyId], ['SignatureMethod', 'HmacSHA256'], ['Timestamp', String(Math.floor(timestampOf(context) / 1000))]);
    params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const method = request.method.toUpperCase();
    const text = `${method}${url.host}${url.pathname}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
    return { request, url, params, text };
  },
  finish(x, signature) {
    const query = x.params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return { method: x.request.method, url: `${x.url.origin}${x.url.pathname}?${query}&Signature=${encodeURIComponent(signature)}`, headers: {} };
  },
};

const volcEscape = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const VOLC_SERVICE = { 'live.volcengineapi.com': 'live', 'open.volcengineapi.com': 'certificate_service' };

/** Volcengine HMAC-SHA256: canonical request around the body hash, scope, headers. */
const volc = {
  prepare(account, request, context) {
    const url = new URL(request.url);
    const { compact, xDate } = dates(timestampOf(context));
    const service = VOLC_SERVICE[url.host];
    const region = account.region ?? 'cn-north-1';
    const pairs = [...url.searchParams].map(([k, v]) => [volcEscape(k), volcEscape(v)]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
    const body = request.body ?? '';
    const withBody = body !== '';
    const signed = withBody ? 'host;x-content-sha256;x-date' : 'host;x-date';
    const scope = `${compact}/${region}/${service}/request`;
    return { account, request, url, compact, xDate, service, region, query, body, withBody, signed, scope };
  },
  canonical: (x, bodyHex) =>
    `${x.request.method.toUpperCase()}\n${x.url.pathname}\n${x.query}\nhost:${x.url.host}\n${x.withBody ? `x-content-sha256:${bodyHex}\n` : ''}x-date:${x.xDate}\n\n${x.signed}\n${bodyHex}`,
  stringToSign: (x, canonicalHex) => `HMAC-SHA256\n${x.xDate}\n${x.scope}\n${canonicalHex}`,
  finish(x, bodyHex, signature) {
    const headers = { ...x.request.headers, Authorization: `HMAC-SHA256 Credential=${x.account.accessKeyId}/${x.scope}, SignedHeaders=${x.signed}, Signature=${signature}`, 'X-Date': x.xDate };
    if (x.withBody) headers['X-Content-Sha256'] = bodyHex;
    const out = { method: x.request.method, url: x.request.url, headers };
    if (x.request.body !== undefined) out.body = x.request.body;
    return out;
  },
};

/** Qiniu QBox: path?query, a newline, and a form body. */
const qbox = {
  prepare(account, request) {
    const url = new URL(request.url);
    const form = headerValue(request.headers, 'content-type') === 'application/x-www-form-urlencoded' && request.body ? request.body : '';
    return { account, request, text: `${url.pathname}${url.search}\n${form}` };
  },
  finish(x, mac) {
    const sign = base64(mac).replace(/\+/g, '-').replace(/\//g, '_');
    const out = { method: x.request.method, url: x.request.url, headers: { ...x.request.headers, Authorization: `QBox ${x.account.accessKeyId}:${sign}` } };
    if (x.request.body !== undefined) out.body = x.request.body;
    return out;
  },
};

// ------------------------------------------------------------------ @noble/hashes (sync)

const nHmac256 = (key, msg) => hmac(sha256, key, utf8(msg));
const nHex256 = (msg) => hex(sha256(utf8(msg)));

const noble = {
  'tencent-ssl'(account, request, context) {
    const x = tc3.prepare(account, request, context);
    const canonical = x.head + nHex256(x.body);
    const kDate = nHmac256(utf8(`TC3${account.secretAccessKey}`), x.date);
    const kSigning = nHmac256(nHmac256(kDate, x.service), 'tc3_request');
    return tc3.finish(x, hex(nHmac256(kSigning, tc3.stringToSign(x, nHex256(canonical)))));
  },
  'tencent-legacy'(account, request, context) {
    const x = legacy.prepare(account, request, context);
    return legacy.finish(x, base64(nHmac256(utf8(account.secretAccessKey), x.text)));
  },
  'volcengine-live': volcNoble,
  'volcengine-cert': volcNoble,
  qiniu(account, request, context) {
    const x = qbox.prepare(account, request, context);
    return qbox.finish(x, hmac(sha1, utf8(account.secretAccessKey), utf8(x.text)));
  },
};

function volcNoble(account, request, context) {
  const x = volc.prepare(account, request, context);
  const bodyHex = nHex256(x.body);
  let k = nHmac256(utf8(account.secretAccessKey), x.compact);
  k = nHmac256(nHmac256(nHmac256(k, x.region), x.service), 'request');
  return volc.finish(x, bodyHex, hex(nHmac256(k, volc.stringToSign(x, nHex256(volc.canonical(x, bodyHex))))));
}

// ------------------------------------------------------------------ WebCrypto (async)

async function wHmac(hash, key, msg) {
  const k = await subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, utf8(msg)));
}
const wHmac256 = (key, msg) => wHmac('SHA-256', key, msg);
const wHex256 = async (msg) => hex(new Uint8Array(await subtle.digest('SHA-256', utf8(msg))));

// Where a key derivation and a hash do not depend on each other, both are started before either
// is awaited (the fastest order on WebCrypto, whose calls are asynchronous).
const webcrypto = {
  async 'tencent-ssl'(account, request, context) {
    const x = tc3.prepare(account, request, context);
    const key = (async () => wHmac256(await wHmac256(await wHmac256(utf8(`TC3${account.secretAccessKey}`), x.date), x.service), 'tc3_request'))();
    const canonicalHex = await wHex256(x.head + (await wHex256(x.body)));
    return tc3.finish(x, hex(await wHmac256(await key, tc3.stringToSign(x, canonicalHex))));
  },
  async 'tencent-legacy'(account, request, context) {
    const x = legacy.prepare(account, request, context);
    return legacy.finish(x, base64(await wHmac256(utf8(account.secretAccessKey), x.text)));
  },
  'volcengine-live': volcWebcrypto,
  'volcengine-cert': volcWebcrypto,
  async qiniu(account, request, context) {
    const x = qbox.prepare(account, request, context);
    return qbox.finish(x, await wHmac('SHA-1', utf8(account.secretAccessKey), x.text));
  },
};

async function volcWebcrypto(account, request, context) {
  const x = volc.prepare(account, request, context);
  const key = (async () => wHmac256(await wHmac256(await wHmac256(await wHmac256(utf8(account.secretAccessKey), x.compact), x.region), x.service), 'request'))();
  const bodyHex = await wHex256(x.body);
  const canonicalHex = await wHex256(volc.canonical(x, bodyHex));
  return volc.finish(x, bodyHex, hex(await wHmac256(await key, volc.stringToSign(x, canonicalHex))));
}

/** The JS signers: name → {async, sign(provider) → (account, request, context) → signed}. */
export const JS_SIGNERS = {
  webcrypto: { async: true, what: 'WebCrypto (`crypto.subtle`, each call awaited)', of: (provider) => webcrypto[provider] },
  noble: { async: false, what: '@noble/hashes (synchronous)', of: (provider) => noble[provider] },
};

/** A signed request as comparable text: headers by name, members in one order. */
export function signedText(signed) {
  const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ method: signed.method, url: signed.url, headers, body: signed.body ?? null });
}

/**
 * Checks a JS signer against `signRequest` on every case: {disagree, first} where `first`
 * describes the first case that differs (or the error it threw).
 */
export async function checkSigner(provider, name, cases, signRequest) {
  const sign = JS_SIGNERS[name].of(provider);
  let disagree = 0;
  let first;
  for (const c of cases) {
    const want = signedText(signRequest(c.account, c.request, c.context));
    let got;
    try {
      got = signedText(await sign(c.account, c.request, c.context));
    } catch (e) {
      got = `threw ${e}`;
    }
    if (got !== want) {
      disagree += 1;
      first ??= `${got.slice(0, 300)} vs ${want.slice(0, 300)}`;
    }
  }
  return { disagree, first };
}
