// Randomized agreement between our wasm signers and the vendors' official Node SDKs.
//
// For every provider, CASES (at least 1,000) random requests are signed by `signRequest` and by
// the official SDK function named in shared/signing.md, and the whole signature (Authorization
// value, or the legacy `Signature` parameter and every other parameter) must be identical.
// Then: our returned `url` against WHATWG `new URL()` on random odd URLs, and the published
// vectors of shared/signing.md through the wasm boundary.
//
// Reproduce a failure with the seed printed in its message:
//   SIGN_SEED=<seed> node --test tests/node/sign-agreement.test.mjs
// Every case draws from its own generator seeded by (seed, provider, case index), so a failing
// case is reproduced by the seed alone, whatever the other cases do. SIGN_CASES raises the
// number of cases per provider (never below 1,000).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Buffer } from 'node:buffer';

import { signRequest } from '../../pkg/node/index.mjs';
import { mulberry32 } from '../../sandbox/data.mjs';

const require = createRequire(import.meta.url);
const Tc3Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default;
const VolcSigner = require('@volcengine/openapi/lib/base/sign.js').default;
const qiniu = require('qiniu');
const QcloudApi = require('qcloudapi-sdk');

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** 32-bit FNV-1a of a string (UTF-16 code units), to derive per-case seeds. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEED = (() => {
  const raw = process.env.SIGN_SEED;
  if (raw === undefined || raw === '') return 20240607;
  return /^\d+$/.test(raw) ? Number(raw) >>> 0 : fnv1a(raw);
})();
const CASES = Math.max(1000, Number.parseInt(process.env.SIGN_CASES ?? '', 10) || 0);
const URL_CASES = 400;
const REJECT_CASES = 200;

class Rng {
  constructor(label, index) {
    this.next = mulberry32(fnv1a(`${SEED}:${label}:${index}`));
  }
  /** Integer in [0, n). */
  int(n) {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(items) {
    return items[this.int(items.length)];
  }
  /** Printable ASCII without spaces (0x21-0x7e), as keys and tokens must be. */
  asciiKey(min, max) {
    let s = '';
    const n = this.range(min, max);
    for (let i = 0; i < n; i += 1) s += String.fromCharCode(this.range(0x21, 0x7e));
    return s;
  }
  word(min = 1, max = 8) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    const n = this.range(min, max);
    for (let i = 0; i < n; i += 1) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  /** Random text mixing words with the characters encoders get wrong. Whole code points only. */
  text(maxAtoms = 6) {
    let s = '';
    const n = this.int(maxAtoms + 1);
    for (let i = 0; i < n; i += 1) s += this.chance(0.35) ? this.word(1, 6) : this.pick(ATOMS);
    return s;
  }
  /** Header value: printable ASCII and tabs, with runs of inner and outer whitespace. */
  headerValue() {
    let s = '';
    const n = this.range(0, 6);
    for (let i = 0; i < n; i += 1) {
      s += this.pick([
        this.word(1, 10),
        ' ',
        '   ',
        '\t',
        ' \t ',
        this.asciiKey(1, 6),
        'application/json',
        ';',
        ',',
      ]);
    }
    return s;
  }
  /** A time in 2000-2099, in milliseconds (with a random sub-second part). */
  timestampMs() {
    const lo = Date.UTC(2000, 0, 1);
    const hi = Date.UTC(2100, 0, 1) - 1;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** Randomly upper- or lower-cases each ASCII letter. */
  mixCase(text) {
    return [...text].map((c) => (this.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  }
}

/** Characters that stress percent-encoding, sorting and UTF-8/UTF-16 handling. */
const ATOMS = [
  ' ', '  ', '中文', '证书', '域名', '😀', '🔐', '👨‍👩‍👧', '*', '~', '+', '%', '%20', '%zz', '%2B',
  '/', '&', '=', '?', '#', '@', '!', "'", '(', ')', ';', ':', ',', '$', '[', ']', '"', '<', '>',
  '`', '{', '}', '|', '^', '\\', '-', '_', '.', 'é', 'ß', '\u00a0', '\uff5e', '\u00ff', '\t', '\n',
];

/** Names JavaScript objects treat specially; the SDKs store parameters in plain objects. */
function isUnsafeObjectKey(name) {
  return name === '__proto__' || name in Object.prototype;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The one header named `name` (case-insensitive), or undefined. */
function header(headers, name) {
  const hits = Object.keys(headers).filter((k) => k.toLowerCase() === name.toLowerCase());
  assert.ok(hits.length <= 1, `header ${name} appears ${hits.length} times`);
  return hits.length ? headers[hits[0]] : undefined;
}

function hrefWithoutFragment(input) {
  const u = new URL(input);
  u.hash = '';
  return u.href;
}

/** Code-unit comparison, as the SDKs' default `Array.prototype.sort` orders strings. */
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedEntries(searchParams) {
  return [...searchParams].sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]));
}

/** What to print so a failing case can be reproduced and read. */
function describe(label, index, details) {
  return (
    `${label} case ${index} disagrees (SIGN_SEED=${SEED}; rerun with ` +
    `SIGN_SEED=${SEED} node --test tests/node/sign-agreement.test.mjs)\n` +
    JSON.stringify(details, null, 2)
  );
}

/** `signRequest`, with the case's seed and input added to any error it throws. */
function signOurs(label, index, account, input, context) {
  try {
    return signRequest(account, input, context);
  } catch (e) {
    throw new Error(`${describe(label, index, { account, input, context })}\nthrew ${e.name} ${e.code}: ${e.message}`);
  }
}

/**
 * Runs `body(rng, index, note)` for `count` cases and returns how many agreed (ran to the end
 * without an assertion failing). `note(feature)` counts the features a case exercised; each of
 * `required` must have been seen, so that the generator cannot quietly stop producing the
 * interesting cases. The counts are printed as a test diagnostic.
 */
function runCases(t, label, count, required, body) {
  const seen = Object.fromEntries(required.map((f) => [f, 0]));
  const note = (feature, when = true) => {
    if (when) seen[feature] = (seen[feature] ?? 0) + 1;
  };
  let agreed = 0;
  for (let i = 0; i < count; i += 1) {
    body(new Rng(label, i), i, note);
    agreed += 1;
  }
  t.diagnostic(`${label} (SIGN_SEED=${SEED}): ${agreed}/${count} agree; features ${JSON.stringify(seen)}`);
  for (const feature of required) assert.ok(seen[feature] > 0, `${label}: no case exercised ${feature} (SIGN_SEED=${SEED})`);
  return agreed;
}

/** Whether `text` has a character outside the Basic Multilingual Plane (a surrogate pair). */
const hasAstral = (text) => /[\u{10000}-\u{10ffff}]/u.test(text);
/** Whether `text` has a non-ASCII character. */
const hasNonAscii = (text) => /[^\x00-\x7f]/.test(text);

const SESSION_TOKEN_P = 0.35;

// ---------------------------------------------------------------------------------------------
// tencent-ssl: TC3-HMAC-SHA256 vs tencentcloud-sdk-nodejs-common Sign.sign3
// ---------------------------------------------------------------------------------------------

/** A random JSON value whose text includes non-ASCII, emoji and characters JSON escapes. */
function jsonValue(rng, depth = 0) {
  const kind = rng.int(depth > 2 ? 4 : 6);
  switch (kind) {
    case 0: return rng.text(5);
    case 1: return rng.range(-1e6, 1e6);
    case 2: return rng.chance(0.5);
    case 3: return null;
    case 4: return Array.from({ length: rng.int(4) }, () => jsonValue(rng, depth + 1));
    default: {
      const obj = {};
      for (let i = rng.int(5); i > 0; i -= 1) obj[rng.text(3) || rng.word()] = jsonValue(rng, depth + 1);
      return obj;
    }
  }
}

function jsonBody(rng) {
  const obj = {};
  for (let i = rng.int(5); i > 0; i -= 1) obj[rng.pick(['Limit', 'Offset', 'SearchKey', 'CertificateIds', rng.text(3)])] = jsonValue(rng, 1);
  let text = JSON.stringify(obj, null, rng.pick([undefined, undefined, 2, '\t']));
  // Literal \uXXXX escapes, as some clients write non-ASCII text.
  if (rng.chance(0.2)) text = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text;
}

// tencent-dns (DNSPod API 3.0) is the same scheme for the service `dnspod`.
const TC3 = {
  'tencent-ssl': { service: 'ssl', actions: ['DescribeCertificates', 'DescribeCertificateDetail', 'UploadCertificate'], version: '2019-12-05' },
  'tencent-dns': { service: 'dnspod', actions: ['DescribeDomainList', 'CreateRecord', 'DescribeRecordList', 'DeleteRecord'], version: '2021-03-23' },
};

function tencentSslCase(rng, index, note, provider = 'tencent-ssl') {
  const { service, actions, version } = TC3[provider];
  const account = {
    provider,
    accessKeyId: rng.asciiKey(1, 40),
    secretAccessKey: rng.asciiKey(1, 48),
  };
  if (rng.chance(SESSION_TOKEN_P)) account.sessionToken = rng.asciiKey(1, 120);
  if (rng.chance(0.3)) account.region = rng.pick(['ap-guangzhou', 'ap-shanghai', 'na-siliconvalley']);
  const host = provider === 'tencent-dns' ? 'dnspod.tencentcloudapi.com'
    : rng.chance(0.85) ? 'ssl.tencentcloudapi.com' : `ssl.${rng.pick(['ap-guangzhou', 'ap-beijing', 'eu-frankfurt'])}.tencentcloudapi.com`;
  const method = rng.chance(0.6) ? 'POST' : 'GET';
  const url = new URL(`https://${host}/`);
  const headers = {
    'X-TC-Action': rng.pick(actions),
    'X-TC-Version': version,
  };
  if (rng.chance(0.2)) headers['X-TC-Language'] = rng.pick(['zh-CN', 'en-US']);
  let body;
  let contentType;
  if (method === 'POST') {
    body = rng.chance(0.05) ? rng.pick(['', '{}']) : jsonBody(rng);
    contentType = rng.pick([undefined, 'application/json; charset=utf-8', 'application/json', 'Application/JSON; charset=UTF-8', '  application/json; charset=utf-8 ']);
  } else {
    for (let i = rng.int(6); i > 0; i -= 1) url.searchParams.append(rng.text(3) || rng.word(), rng.text(4));
    const first = [...url.searchParams.keys()][0];
    if (first !== undefined && rng.chance(0.15)) url.searchParams.append(first, rng.text(2)); // repeated key
    if (rng.chance(0.1)) url.search = `${url.search}&`; // a trailing empty piece, signed as sent
    contentType = rng.pick([undefined, 'application/x-www-form-urlencoded', 'Application/X-WWW-Form-Urlencoded']);
  }
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  const input = { method: rng.chance(0.2) ? method.toLowerCase() : method, url: url.href, headers };
  if (body !== undefined) input.body = body;
  const timestampMs = rng.timestampMs();
  const seconds = Math.floor(timestampMs / 1000);

  const ours = signOurs(provider, index, account, input, { timestampMs });
  const sentType = header(ours.headers, 'Content-Type');
  const expectedType = (contentType ?? (method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8')).trim();
  // The SDK signs the content type as given; Tencent's documentation (and so the server)
  // lower-cases and trims header values in CanonicalHeaders, which is what we do. Give the SDK
  // the canonical form so that mixed-case types are still compared.
  const sdk = Tc3Sign.sign3({
    method,
    url: url.href,
    payload: Buffer.from(body ?? '', 'utf8'),
    timestamp: seconds,
    service,
    secretId: account.accessKeyId,
    secretKey: account.secretAccessKey,
    headers: { 'Content-Type': expectedType.toLowerCase() },
  });
  note(method);
  note('sessionToken', account.sessionToken !== undefined);
  note('regionalHost', provider === 'tencent-ssl' && host !== 'ssl.tencentcloudapi.com');
  note('defaultContentType', contentType === undefined);
  note('mixedCaseContentType', contentType !== undefined && contentType !== contentType.toLowerCase());
  note('nonAsciiBody', hasNonAscii(body ?? ''));
  note('escapedBody', /\\u[0-9a-f]{4}/.test(body ?? ''));
  note('nonAsciiQuery', hasNonAscii(decodeURIComponent(url.search.replace(/\+/g, ' '))));
  note('repeatedQueryKey', new Set(url.searchParams.keys()).size < [...url.searchParams.keys()].length);
  const details = { account, input, timestampMs, ours, sdk };
  const msg = describe(provider, index, details);
  assert.equal(header(ours.headers, 'Authorization'), sdk, msg);
  assert.equal(sentType, expectedType, msg);
  assert.equal(header(ours.headers, 'X-TC-Timestamp'), String(seconds), msg);
  assert.equal(header(ours.headers, 'X-TC-Token'), account.sessionToken, msg);
  assert.equal(header(ours.headers, 'X-TC-Region'), account.region, msg);
  assert.equal(header(ours.headers, 'X-TC-Action'), headers['X-TC-Action'], msg);
  assert.equal(header(ours.headers, 'Host'), undefined, msg);
  assert.equal(ours.url, url.href, msg);
  assert.equal(ours.method, method, msg);
  assert.equal(ours.body, body, msg);
}

test(`tencent-ssl: ${CASES} random requests sign exactly as tencentcloud-sdk-nodejs-common sign3`, (t) => {
  const required = ['GET', 'POST', 'sessionToken', 'regionalHost', 'defaultContentType', 'mixedCaseContentType', 'nonAsciiBody', 'escapedBody', 'nonAsciiQuery', 'repeatedQueryKey'];
  assert.equal(runCases(t, 'tencent-ssl', CASES, required, tencentSslCase), CASES);
});

test(`tencent-dns: ${CASES} random requests sign exactly as tencentcloud-sdk-nodejs-common sign3 (service dnspod)`, (t) => {
  const required = ['GET', 'POST', 'sessionToken', 'defaultContentType', 'mixedCaseContentType', 'nonAsciiBody', 'escapedBody', 'nonAsciiQuery', 'repeatedQueryKey'];
  assert.equal(runCases(t, 'tencent-dns', CASES, required, (rng, i, note) => tencentSslCase(rng, i, note, 'tencent-dns')), CASES);
});

// ---------------------------------------------------------------------------------------------
// tencent-legacy: API 2.0 query signature vs qcloudapi-sdk generateQueryString
// ---------------------------------------------------------------------------------------------

const LEGACY_HOST = 'wss.api.qcloud.com';
const LEGACY_PATH = '/v2/index.php';
/** Names we or the SDK set ourselves; random parameters never use them. */
const LEGACY_RESERVED = new Set([
  'Action', 'SecretId', 'Timestamp', 'Nonce', 'Signature', 'SignatureMethod', 'Token', 'Region',
  'RequestClient', 'Version',
]);

/**
 * `count` unique random parameter names (integers allowed: the SDK sorts every key). Never the
 * empty name: the SDK's dot-qs flattening throws on it.
 */
function legacyNames(rng, count) {
  const names = new Set();
  while (names.size < count) {
    let name = rng.chance(0.15) ? `${rng.word(1, 6)}.${rng.int(3)}` : rng.text(3) || rng.word();
    if (rng.chance(0.1)) name = `_${name}`;
    if (rng.chance(0.1)) name = name.replace(/^./u, '') || 'x_y'; // drop a whole code point
    if (LEGACY_RESERVED.has(name) || isUnsafeObjectKey(name)) continue;
    names.add(name);
  }
  return [...names];
}

function legacyValue(rng) {
  const v = rng.text(5);
  // POST values starting with "@" are left out of the signed string (file-upload convention),
  // except for API 3.0 calls (with Version).
  return rng.chance(0.1) ? `@${v}` : v;
}

/**
 * One random legacy request: params in order, plus what the account and SDK need.
 * `repeat` makes one name appear twice (which we must refuse).
 */
function legacyRequest(rng, repeat) {
  const account = {
    provider: 'tencent-legacy',
    accessKeyId: rng.asciiKey(1, 40),
    secretAccessKey: rng.asciiKey(1, 48),
  };
  if (rng.chance(SESSION_TOKEN_P)) account.sessionToken = rng.asciiKey(1, 120);
  const method = rng.chance(0.5) ? 'GET' : 'POST';
  const params = [['Action', rng.pick(['CertGetList', 'CertGetInfo', 'CertUpload', 'CertDelete'])]];
  params.push(['RequestClient', rng.chance(0.5) ? 'cloudcerts' : rng.text(3)]);
  for (const name of legacyNames(rng, rng.int(7))) params.push([name, legacyValue(rng)]);
  const sigMethod = rng.pick(['absent', 'HmacSHA256', 'HmacSHA1']);
  if (sigMethod !== 'absent') params.push(['SignatureMethod', sigMethod]);
  if (rng.chance(0.2)) params.push(['Version', rng.pick(['2019-12-05', 'v2', '0', ''])]); // '' is no API 3.0 call
  // The SDK always sends `Region` (empty when its defaults have none); we send it only when the
  // account or the caller gives one. So either the account has a region (the SDK's default
  // Region) or the caller passes a Region parameter (possibly empty) to both sides.
  let region;
  if (rng.chance(0.4)) {
    region = rng.pick(['ap-guangzhou', 'ap-beijing', 'gz']);
    account.region = region;
  }
  if (region === undefined || rng.chance(0.3)) {
    const explicit = rng.pick(['', 'ap-shanghai', rng.text(2)]);
    params.push(['Region', explicit]);
  }
  if (repeat) {
    const [name, value] = rng.pick(params.filter(([n]) => n !== 'SignatureMethod'));
    params.push([name, rng.chance(0.5) ? value : legacyValue(rng)]);
  }
  // Shuffle: order on the wire is free, signing sorts.
  for (let i = params.length - 1; i > 0; i -= 1) {
    const j = rng.int(i + 1);
    [params[i], params[j]] = [params[j], params[i]];
  }
  const search = new URLSearchParams(params);
  const input = method === 'GET'
    ? { method, url: `https://${LEGACY_HOST}${LEGACY_PATH}?${search}`, headers: {} }
    : {
        method,
        url: `https://${LEGACY_HOST}${LEGACY_PATH}`,
        headers: { 'Content-Type': rng.pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8']) },
        body: search.toString(),
      };
  if (rng.chance(0.2)) input.headers['X-Requested-With'] = 'cloudcerts';
  return { account, method, params, sigMethod, input, timestampMs: rng.timestampMs(), nonce: rng.range(1, 0x7fffffff) };
}

function tencentLegacyCase(rng, index, note) {
  const { account, method, params, sigMethod, input, timestampMs, nonce } = legacyRequest(rng, false);
  const seconds = Math.floor(timestampMs / 1000);
  const ours = signOurs('tencent-legacy', index, account, input, { timestampMs, nonce });

  const data = Object.fromEntries(params);
  data.Timestamp = seconds;
  data.Nonce = nonce;
  if (account.sessionToken !== undefined) data.Token = account.sessionToken;
  const sdkApi = new QcloudApi({
    SecretId: account.accessKeyId,
    SecretKey: account.secretAccessKey,
    Region: account.region,
  });
  const sdkQuery = sdkApi.generateQueryString(data, {
    method,
    host: LEGACY_HOST,
    path: LEGACY_PATH,
    signatureMethod: sigMethod === 'HmacSHA1' ? 'sha1' : 'sha256',
  });
  const sdkParams = new URLSearchParams(sdkQuery);
  const hasVersion = params.some(([k, v]) => k === 'Version' && v !== '');
  const uploads = params.some(([, v]) => v.startsWith('@'));
  note(method);
  note(sigMethod === 'absent' ? 'HmacSHA256-default' : sigMethod);
  note('sessionToken', account.sessionToken !== undefined);
  note('accountRegion', account.region !== undefined);
  note('emptyRegionParam', params.some(([k, v]) => k === 'Region' && v === ''));
  note('POST-@value-unsigned', method === 'POST' && uploads && !hasVersion);
  note('POST-@value-signed (Version)', method === 'POST' && uploads && hasVersion);
  note('underscoreName', params.some(([k]) => /^[^_].*_/.test(k)));
  note('leadingUnderscoreName', params.some(([k]) => k.startsWith('_')));
  note('astralText', params.some(([k, v]) => hasAstral(k) || hasAstral(v)));
  note('emptyValue', params.some(([k, v]) => k !== 'Region' && v === ''));
  let ourParams;
  const details = { account, input, timestampMs, nonce, ours, sdkQuery };
  const msg = describe('tencent-legacy', index, details);
  if (method === 'GET') {
    const u = new URL(ours.url);
    assert.equal(`${u.origin}${u.pathname}`, `https://${LEGACY_HOST}${LEGACY_PATH}`, msg);
    assert.equal(ours.body, undefined, msg);
    ourParams = u.searchParams;
  } else {
    assert.equal(ours.url, `https://${LEGACY_HOST}${LEGACY_PATH}`, msg);
    assert.match(header(ours.headers, 'Content-Type'), /^application\/x-www-form-urlencoded/, msg);
    ourParams = new URLSearchParams(ours.body);
  }
  assert.equal(ourParams.getAll('Signature').length, 1, msg);
  assert.equal(ourParams.get('Signature'), sdkParams.get('Signature'), msg);
  assert.deepEqual(sortedEntries(ourParams), sortedEntries(sdkParams), msg);
  assert.equal(ourParams.get('SignatureMethod'), sigMethod === 'HmacSHA1' ? 'HmacSHA1' : 'HmacSHA256', msg);
}

test(`tencent-legacy: ${CASES} random requests sign exactly as qcloudapi-sdk generateQueryString`, (t) => {
  const required = ['GET', 'POST', 'HmacSHA1', 'HmacSHA256', 'HmacSHA256-default', 'sessionToken', 'accountRegion', 'emptyRegionParam', 'POST-@value-unsigned', 'POST-@value-signed (Version)', 'underscoreName', 'leadingUnderscoreName', 'astralText', 'emptyValue'];
  assert.equal(runCases(t, 'tencent-legacy', CASES, required, tencentLegacyCase), CASES);
});

test(`tencent-legacy: ${REJECT_CASES} requests with a repeated parameter name are refused with InvalidInput`, () => {
  let refused = 0;
  for (let i = 0; i < REJECT_CASES; i += 1) {
    const rng = new Rng('tencent-legacy-repeat', i);
    const { account, input, timestampMs, nonce } = legacyRequest(rng, true);
    assert.throws(
      () => signRequest(account, input, { timestampMs, nonce }),
      (e) => e instanceof Error && e.name === 'CloudCertError' && e.code === 'InvalidInput',
      describe('tencent-legacy-repeat', i, { account, input }),
    );
    refused += 1;
  }
  assert.equal(refused, REJECT_CASES);
});

// ---------------------------------------------------------------------------------------------
// volcengine-live / volcengine-cert vs @volcengine/openapi Signer
// ---------------------------------------------------------------------------------------------

/** Headers a caller may add (never ours, never forbidden to fetch). */
const VOLC_HEADER_NAMES = [
  'Content-Type', 'User-Agent', 'Accept', 'Accept-Language', 'X-Top-Account-Id', 'X-Custom-Trace',
  'X-Request-Id', 'Cache-Control', 'X-Amz-Thing', 'Presigned-Expires', 'ServiceName',
];

function volcName(rng) {
  for (;;) {
    const name = rng.chance(0.03) ? '' : rng.text(3) || rng.word();
    // Pure-integer names are avoided: JS objects list integer-like keys first, so the SDK's
    // canonical query (which iterates its params object) would put them before "Action" while
    // the server (and we) sort them as text. That order is an SDK quirk, not the protocol.
    if (/^\d+$/.test(name) || isUnsafeObjectKey(name)) continue;
    return name;
  }
}

// volcengine-dns: the same scheme for the service `dns` (sandbox/dns-apis.md).
const VOLC = {
  'volcengine-live': { host: 'live.volcengineapi.com', service: 'live', action: 'ListCertV2', version: '2023-01-01' },
  'volcengine-cert': { host: 'open.volcengineapi.com', service: 'certificate_service', action: 'CertificateGetInstance', version: '2021-06-01' },
  'volcengine-dns': { host: 'dns.volcengineapi.com', service: 'dns', action: 'CreateRecord', version: '2018-08-01' },
};

function volcengineCase(provider, rng, index, note) {
  const { host, service, action, version } = VOLC[provider];
  const account = {
    provider,
    accessKeyId: rng.asciiKey(1, 48),
    secretAccessKey: rng.asciiKey(1, 64),
  };
  if (rng.chance(SESSION_TOKEN_P)) account.sessionToken = rng.asciiKey(1, 200);
  if (rng.chance(0.3)) account.region = rng.pick(['cn-north-1', 'cn-beijing', 'ap-southeast-1', 'cn-shanghai']);
  const method = rng.chance(0.5) ? 'GET' : 'POST';
  const url = new URL(`https://${host}/`);
  if (rng.chance(0.1)) url.pathname = `/${rng.text(2)}/${rng.word()}`;
  url.searchParams.append('Action', action);
  url.searchParams.append('Version', version);
  const names = [];
  for (let i = rng.int(7); i > 0; i -= 1) {
    // Repeated keys: sometimes reuse an earlier name (also "Action").
    const name = names.length && rng.chance(0.25) ? rng.pick([...names, 'Action']) : volcName(rng);
    names.push(name);
    url.searchParams.append(name, rng.text(5));
  }
  if (rng.chance(0.2)) {
    // Shuffle the query so that repeated keys are not adjacent.
    const entries = [...url.searchParams];
    for (let i = entries.length - 1; i > 0; i -= 1) {
      const j = rng.int(i + 1);
      [entries[i], entries[j]] = [entries[j], entries[i]];
    }
    url.search = new URLSearchParams(entries).toString();
  }
  const headers = {};
  const used = new Set();
  for (let i = rng.int(4); i > 0; i -= 1) {
    const name = rng.pick(VOLC_HEADER_NAMES);
    if (used.has(name.toLowerCase())) continue;
    used.add(name.toLowerCase());
    headers[rng.mixCase(name)] = name === 'Content-Type' ? rng.pick(['application/json', 'application/x-www-form-urlencoded; charset=utf-8']) : rng.headerValue();
  }
  let body;
  if (method === 'POST') {
    const kind = rng.pick(['json', 'json', 'form', 'none', 'empty']);
    if (kind === 'json') body = jsonBody(rng);
    else if (kind === 'form') body = new URLSearchParams([[rng.text(2), rng.text(3)], ['a', rng.text(3)]]).toString();
    else if (kind === 'empty') body = '';
  }
  const input = { method: rng.chance(0.2) ? method.toLowerCase() : method, url: url.href, headers };
  if (body !== undefined) input.body = body;
  const timestampMs = rng.timestampMs();

  const ours = signOurs(provider, index, account, input, { timestampMs });

  // The SDK takes the decoded parameters; a repeated key is an array.
  const params = {};
  for (const [k, v] of url.searchParams) {
    if (Object.hasOwn(params, k)) params[k] = [].concat(params[k], v);
    else params[k] = rng.chance(0.1) ? [v] : v;
  }
  const sdkRequest = {
    method,
    region: account.region ?? 'cn-north-1',
    params,
    headers: { Host: host, ...headers },
    body: body ?? '',
    pathname: url.pathname,
  };
  new VolcSigner(sdkRequest, service).addAuthorization(
    { accessKeyId: account.accessKeyId, secretKey: account.secretAccessKey, sessionToken: account.sessionToken },
    new Date(timestampMs),
  );
  const sdk = sdkRequest.headers;
  const keys = [...url.searchParams.keys()];
  note(method);
  note(`POST-${body === undefined ? 'nobody' : body === '' ? 'emptybody' : body.startsWith('{') ? 'json' : 'form'}`, method === 'POST');
  note('sessionToken', account.sessionToken !== undefined);
  note('customRegion', account.region !== undefined && account.region !== 'cn-north-1');
  note('repeatedKey', new Set(keys).size < keys.length);
  note('emptyName', keys.includes(''));
  note('nonRootPath', url.pathname !== '/');
  note('signedCallerHeader', Object.keys(headers).some((n) => !['content-type', 'user-agent', 'presigned-expires'].includes(n.toLowerCase())));
  note('unsignableCallerHeader', Object.keys(headers).some((n) => ['content-type', 'user-agent', 'presigned-expires'].includes(n.toLowerCase())));
  note('foldedHeaderWhitespace', Object.values(headers).some((v) => /\S[ \t]{2,}\S|\t/.test(v)));
  note('astralText', hasAstral(url.searchParams.toString()) || [...url.searchParams].some(([k, v]) => hasAstral(k) || hasAstral(v)));
  const msg = describe(provider, index, { account, input, timestampMs, ours, sdk });
  assert.equal(header(ours.headers, 'Authorization'), sdk.Authorization, msg);
  assert.equal(header(ours.headers, 'X-Date'), sdk['X-Date'], msg);
  assert.equal(header(ours.headers, 'X-Content-Sha256'), sdk['X-Content-Sha256'], msg);
  assert.equal(header(ours.headers, 'X-Security-Token'), sdk['X-Security-Token'], msg);
  assert.equal(header(ours.headers, 'Host'), undefined, msg);
  assert.equal(ours.url, url.href, msg);
  for (const [name, value] of Object.entries(headers)) assert.equal(header(ours.headers, name), value.replace(/^[ \t]+|[ \t]+$/g, ''), msg);
}

for (const provider of ['volcengine-live', 'volcengine-cert', 'volcengine-dns']) {
  test(`${provider}: ${CASES} random requests sign exactly as @volcengine/openapi Signer`, (t) => {
    const required = ['GET', 'POST', 'POST-json', 'POST-form', 'POST-nobody', 'POST-emptybody', 'sessionToken', 'customRegion', 'repeatedKey', 'emptyName', 'nonRootPath', 'signedCallerHeader', 'unsignableCallerHeader', 'foldedHeaderWhitespace', 'astralText'];
    assert.equal(runCases(t, provider, CASES, required, (rng, i, note) => volcengineCase(provider, rng, i, note)), CASES);
  });
}

// ---------------------------------------------------------------------------------------------
// qiniu: QBox vs qiniu.util.generateAccessToken
// ---------------------------------------------------------------------------------------------

const FORM = 'application/x-www-form-urlencoded';

function qiniuCase(rng, index, note) {
  const account = { provider: 'qiniu', accessKeyId: rng.asciiKey(1, 40), secretAccessKey: rng.asciiKey(1, 40) };
  const host = rng.chance(0.85) ? 'api.qiniu.com' : 'fusion.qiniuapi.com';
  const url = new URL(`https://${host}/`);
  const segments = [rng.pick(['sslcert', 'cert', 'v2', 'domain'])];
  for (let i = rng.int(3); i > 0; i -= 1) segments.push(rng.chance(0.5) ? rng.word(8, 24) : rng.text(3));
  url.pathname = `/${segments.join('/')}`;
  for (let i = rng.int(6); i > 0; i -= 1) {
    // Repeated keys are just part of the URL here.
    url.searchParams.append(rng.chance(0.2) ? 'marker' : rng.text(2) || rng.word(), rng.text(4));
  }
  if (rng.chance(0.1)) url.search = '?';
  const method = rng.pick(['GET', 'GET', 'POST', 'POST', 'DELETE', 'PUT']);
  const headers = {};
  let body;
  let signedBody;
  if (method !== 'GET') {
    const kind = rng.pick(['form', 'form', 'json', 'none']);
    if (kind === 'form') {
      body = rng.chance(0.9)
        ? new URLSearchParams(Array.from({ length: rng.range(1, 4) }, () => [rng.text(2), rng.text(4)])).toString()
        : rng.text(6); // any text: the body is signed as sent
      // Only the exact type signs the body: Qiniu's own code compares the header with "==" (Go
      // SDK incBody, its qboxmac verifier, the Python SDK), so a charset parameter or another
      // letter case means the server signs no body.
      const type = rng.pick([FORM, FORM, FORM, `${FORM}; charset=utf-8`, 'Application/X-WWW-Form-Urlencoded']);
      headers['Content-Type'] = type;
      if (type === FORM) signedBody = body;
    } else if (kind === 'json') {
      body = jsonBody(rng);
      headers['Content-Type'] = rng.pick(['application/json', 'application/json; charset=utf-8']);
    }
  }
  const input = { method, url: url.href, headers };
  if (body !== undefined) input.body = body;
  const ours = signOurs('qiniu', index, account, input, { timestampMs: rng.timestampMs() });
  const sdk = qiniu.util.generateAccessToken(new qiniu.auth.digest.Mac(account.accessKeyId, account.secretAccessKey), url.href, signedBody);
  const keys = [...url.searchParams.keys()];
  note(method);
  note('signedFormBody', signedBody !== undefined && signedBody !== '');
  note('unsignedJsonBody', body !== undefined && signedBody === undefined && !/form/i.test(headers['Content-Type']));
  note('unsignedFormVariant', body !== undefined && signedBody === undefined && /form/i.test(headers['Content-Type']));
  note('repeatedKey', new Set(keys).size < keys.length);
  note('emptyQuery', url.href.endsWith('?'));
  note('otherHost', host !== 'api.qiniu.com');
  note('oddPath', /%/.test(url.pathname));
  const msg = describe('qiniu', index, { account, input, ours, sdk });
  assert.equal(header(ours.headers, 'Authorization'), sdk, msg);
  assert.equal(ours.url, url.href, msg);
  assert.equal(ours.body, body, msg);
}

test(`qiniu: ${CASES} random requests sign exactly as qiniu.util.generateAccessToken`, (t) => {
  const required = ['GET', 'POST', 'DELETE', 'PUT', 'signedFormBody', 'unsignedJsonBody', 'unsignedFormVariant', 'repeatedKey', 'emptyQuery', 'otherHost', 'oddPath'];
  assert.equal(runCases(t, 'qiniu', CASES, required, qiniuCase), CASES);
});

// ---------------------------------------------------------------------------------------------
// URL normalization vs WHATWG URL
// ---------------------------------------------------------------------------------------------

/** Characters for raw URL paths: odd but valid (no controls, backslash, "?" or "#"). */
const PATH_ATOMS = [
  ' ', '"', '<', '>', '`', '{', '}', '^', '|', "'", '[', ']', '@', ':', ';', '=', '&', '+', '$',
  ',', '!', '*', '(', ')', '~', '%', '%zz', '%41', '%2F', '%e4%b8%ad', '中', '😀', 'é', '\u00a0',
  '\uff5e', '-', '_', '.', '...', 'a', 'B',
];
const QUERY_ATOMS = [...PATH_ATOMS, '?', '/', '\\', '=', '&', '#'];

function rawUrl(rng) {
  const [provider, host] = rng.pick([
    ['qiniu', 'api.qiniu.com'],
    ['qiniu', 'fusion.qiniuapi.com'],
    ['tencent-ssl', 'ssl.tencentcloudapi.com'],
    ['tencent-ssl', 'ssl.ap-guangzhou.tencentcloudapi.com'],
    ['volcengine-live', 'live.volcengineapi.com'],
    ['volcengine-cert', 'open.volcengineapi.com'],
  ]);
  let s = `${rng.mixCase('https')}://${rng.mixCase(host)}${rng.pick(['', '', ':443', ':', ':0443'])}`;
  if (rng.chance(0.9)) {
    const segments = [];
    for (let i = rng.range(1, 4); i > 0; i -= 1) {
      let seg = '';
      for (let j = rng.int(5); j > 0; j -= 1) seg += rng.chance(0.3) ? rng.word(1, 5) : rng.pick(PATH_ATOMS);
      // Dot segments ("." and "..", also as %2e) are refused by design; keep them out.
      if (/^(\.|%2e){1,2}$/i.test(seg)) seg += 'x';
      segments.push(seg);
    }
    s += `/${segments.join('/')}`;
  }
  if (rng.chance(0.8)) {
    s += '?';
    for (let j = rng.int(10); j > 0; j -= 1) s += rng.chance(0.3) ? rng.word(1, 5) : rng.pick(QUERY_ATOMS.filter((c) => c !== '#'));
  }
  if (rng.chance(0.3)) {
    s += '#';
    for (let j = rng.int(5); j > 0; j -= 1) s += rng.pick([...QUERY_ATOMS, '\\']);
  }
  // WHATWG strips leading and trailing spaces; we refuse them (a caller's mistake), so end on a
  // visible character.
  if (s.endsWith(' ') || s.endsWith('\u00a0')) s += 'z';
  return { provider, url: s };
}

test(`returned url equals WHATWG new URL(input).href (without fragment) on ${URL_CASES} odd URLs`, (t) => {
  const required = ['fragment', 'port', 'upperCaseHost', 'noPath', 'emptyQuery', 'percentEncodedPath', 'percentEncodedQuery', 'invalidPercent', 'apostropheInQuery'];
  const agreed = runCases(t, 'url', URL_CASES, required, (rng, i, note) => {
    const { provider, url } = rawUrl(rng);
    const account = { provider, accessKeyId: 'AK', secretAccessKey: 'SK' };
    const method = provider === 'tencent-ssl' ? 'POST' : 'GET';
    const ours = signOurs('url', i, account, { method, url }, { timestampMs: 1700000000000 });
    const want = hrefWithoutFragment(url);
    const beforeFragment = url.split('#')[0];
    const rawPath = beforeFragment.split('?')[0].replace(/^[^:]+:\/\/[^/]*/, '');
    const rawQuery = beforeFragment.includes('?') ? beforeFragment.slice(beforeFragment.indexOf('?') + 1) : '';
    note('fragment', url.includes('#'));
    note('port', /:\/\/[^/?#]*:/.test(url));
    note('upperCaseHost', /[A-Z]/.test(url.split('/')[2]));
    note('noPath', !/^[^:]+:\/\/[^/]*\//.test(url));
    note('emptyQuery', want.endsWith('?'));
    // Characters the WHATWG path and query percent-encode sets change.
    note('percentEncodedPath', /[^\x21-\x7e]|["<>`{}]/.test(rawPath));
    note('percentEncodedQuery', /[^\x21-\x7e]|["<>']/.test(rawQuery));
    note('invalidPercent', /%(?![0-9a-f]{2})/i.test(want));
    note('apostropheInQuery', want.includes('%27'));
    assert.equal(ours.url, want, describe('url', i, { provider, url, ours: ours.url, want }));
  });
  assert.equal(agreed, URL_CASES);
});

// ---------------------------------------------------------------------------------------------
// Published vectors (shared/signing.md) through the wasm boundary
// ---------------------------------------------------------------------------------------------

function signatureOf(authorization) {
  return authorization.split('Signature=').pop();
}

test('published vectors of shared/signing.md through signRequest', () => {
  // TC3
  let r = signRequest(
    { provider: 'tencent-ssl', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' },
    { method: 'POST', url: 'https://ssl.tencentcloudapi.com/', headers: { 'X-TC-Action': 'DescribeCertificates' }, body: '{"Limit":1000,"Offset":0}' },
    { timestampMs: 1700000000000 },
  );
  assert.equal(
    r.headers.Authorization,
    'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579',
  );
  assert.equal(r.headers['Content-Type'], 'application/json; charset=utf-8');
  r = signRequest(
    { provider: 'tencent-ssl', accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretAccessKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' },
    { method: 'POST', url: 'https://ssl.tencentcloudapi.com/', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' },
    { timestampMs: 1551113065000 },
  );
  assert.equal(signatureOf(r.headers.Authorization), '7dc38c6247004f3a95e578a174f8ada2e5940acfcd26297570c7dd02a44dec4f');

  // Volcengine
  const volc = { accessKeyId: 'AKLTEXAMPLE', secretAccessKey: 'WkdFeE1EQXdNREF3TURBd01EQXc=' };
  r = signRequest(
    { provider: 'volcengine-live', ...volc },
    { method: 'POST', url: 'https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01', body: '{"Available":true,"Expiring":false}' },
    { timestampMs: 1700000000000 },
  );
  assert.equal(r.headers['X-Date'], '20231114T221320Z');
  assert.equal(r.headers['X-Content-Sha256'], '350648e74f97002f0d58505de9668746c314256b9cadfff8589b4f3986699099');
  assert.equal(
    r.headers.Authorization,
    'HMAC-SHA256 Credential=AKLTEXAMPLE/20231114/cn-north-1/live/request, SignedHeaders=host;x-content-sha256;x-date, Signature=bb961e21a24eadaf189e3ba547369f6ab8391925299079a963292cb7a0e44f86',
  );
  r = signRequest(
    { provider: 'volcengine-cert', ...volc, sessionToken: 'STSTOKENEXAMPLE' },
    { method: 'GET', url: 'https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*' },
    { timestampMs: 1700000000000 },
  );
  assert.equal(r.headers['X-Security-Token'], 'STSTOKENEXAMPLE');
  assert.equal(r.headers['X-Content-Sha256'], undefined);
  assert.match(r.headers.Authorization, /SignedHeaders=host;x-date;x-security-token, /);
  assert.equal(signatureOf(r.headers.Authorization), 'c8e27afe15834e36a16e5b893c7c4516402b35126243c9f7d7cc3b482d33a069');
  r = signRequest(
    {
      provider: 'volcengine-cert',
      accessKeyId: 'AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE',
      secretAccessKey: 'TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==',
    },
    { method: 'GET', url: 'https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=10&page=1' },
    { timestampMs: Date.UTC(2020, 11, 30, 8, 18, 5) },
  );
  assert.equal(r.headers['X-Date'], '20201230T081805Z');
  assert.equal(signatureOf(r.headers.Authorization), '3aa3b7f3574a798656ae6960c85dae301c0cc7f8a8cb6cd229b69cea2b2172f9');

  // Tencent API 2.0 (the HmacSHA1 vector without SignatureMethod cannot be produced: we always
  // send SignatureMethod).
  r = signRequest(
    { provider: 'tencent-legacy', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' },
    { method: 'GET', url: 'https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&page=1&count=20' },
    { timestampMs: 1700000000000, nonce: 11886 },
  );
  assert.equal(new URL(r.url).searchParams.get('Signature'), 'uQx/RveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR/HsoU=');
  const cvm = {
    provider: 'tencent-legacy',
    accessKeyId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
    secretAccessKey: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
    endpoint: 'cvm.api.qcloud.com',
  };
  for (const [method, want] of [['HmacSHA256', '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s='], ['HmacSHA1', 'nPVnY6njQmwQ8ciqbPl5Qe+Oru4=']]) {
    r = signRequest(
      { ...cvm, region: 'ap-guangzhou' },
      { method: 'GET', url: `https://cvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&SignatureMethod=${method}` },
      { timestampMs: 1465185768000, nonce: 11886 },
    );
    assert.equal(new URL(r.url).searchParams.get('Signature'), want, method);
    if (method === 'HmacSHA256') assert.match(r.url, /Signature=0EEm%2FHtGRr%2FVJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s%3D/);
  }

  // Qiniu
  const qn = { provider: 'qiniu', accessKeyId: 'MY_ACCESS_KEY', secretAccessKey: 'MY_SECRET_KEY' };
  for (const [request, want] of [
    [{ method: 'POST', url: 'https://api.qiniu.com/move/bmV3ZG9jczpmaW5kX21hbi50eHQ=/bmV3ZG9jczpmaW5kLm1hbi50eHQ=' }, 'FXsYh0wKHYPEsIAgdPD9OfjkeEM='],
    [{ method: 'GET', url: 'https://api.qiniu.com/sslcert?marker=&limit=100' }, 'kW24uQ7m9mkGxUsYYVsSmdn3flo='],
    [{ method: 'DELETE', url: 'https://api.qiniu.com/sslcert/5e8a2c1f0000000000000000' }, 'E69ESK9WDet5-EvyK_HJb02erS8='],
    [{ method: 'POST', url: 'https://api.qiniu.com/some/path?x=1', headers: { 'Content-Type': FORM }, body: 'a=1&b=2' }, 'm5AUt4bsx_5nikpZlhkdILBgd7g='],
  ]) {
    r = signRequest(qn, request, { timestampMs: 1700000000000 });
    assert.equal(r.headers.Authorization, `QBox MY_ACCESS_KEY:${want}`, request.url);
  }
});
