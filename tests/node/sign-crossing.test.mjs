// signRequest's two ways across the wasm boundary (crates/wasm/src/packed.rs): the packed path, one
// string each way, and the member-by-member path (crates/wasm/src/read.rs) that it declines to
// whenever an argument is not of the plain shape it packs. Both must give the same result.
//
// Which path ran is seen through a Proxy around the account that counts its member reads: the
// packed path reads each of the seven Account members once; a declined call reads them again
// member by member (crates/wasm/src/read.rs).

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { signRequest } from '../../pkg/node/index.mjs';
import { cc_pack_sign, cc_unpack_signed } from '../../crates/wasm/src/packed.js';
import { signCases, SIGN_PROVIDERS } from '../../bench/sign-cases.mjs';
import { mulberry32 } from '../../sandbox/prng.mjs';

const ACCOUNT_MEMBERS = 7;

/** `account` behind a Proxy, and a function that returns (and resets) its member reads. */
function counted(account) {
  let reads = 0;
  const proxy = new Proxy(account, {
    get(target, key, receiver) {
      reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return [proxy, () => { const n = reads; reads = 0; return n; }];
}

/** Signs, returning the result and how many times the account's members were read. */
function signCounting(account, request, context) {
  const [proxy, reads] = counted(account);
  let result;
  try {
    result = { signed: signRequest(proxy, request, context) };
  } catch (error) {
    result = { error };
  }
  return { ...result, reads: reads() };
}

/** The same request with its headers in a `Map`, which the packed path declines. */
const withMapHeaders = (request) => ({ ...request, headers: new Map(Object.entries(request.headers ?? {})) });

/** `account` with the optional members drawn at random (each present or absent). */
function withOptionalMembers(account, url, next) {
  const out = { ...account };
  if (next() < 0.5) out.label = `account ${Math.floor(next() * 100)}`;
  if (next() < 0.4) out.region = next() < 0.5 ? 'cn-north-1' : 'ap-guangzhou';
  if (next() < 0.3) out.sessionToken = `token-${Math.floor(next() * 1e6)}`;
  if (next() < 0.3) out.endpoint = new URL(url).host;
  return out;
}

/** What a signing gave, comparable across the two paths. */
const outcomeOf = ({ signed, error }) => (error ? { code: error.code, message: error.message } : { signed, keys: Object.keys(signed) });

for (const provider of SIGN_PROVIDERS) {
  test(`${provider}: 1,000 requests sign alike on the packed and the member-by-member path`, () => {
    const next = mulberry32(provider.length * 7919);
    let signedBoth = 0;
    for (const c of signCases(provider, 1000, 11)) {
      const account = withOptionalMembers(c.account, c.request.url, next);
      // `{}` and an empty Map are both "headers given, none": the same request either way.
      const request = { ...c.request, headers: c.request.headers ?? {} };
      const packed = signCounting(account, request, c.context);
      const general = signCounting(account, withMapHeaders(request), c.context);
      assert.equal(packed.reads, ACCOUNT_MEMBERS, 'one read per member: the packed path ran');
      assert.equal(general.reads, 2 * ACCOUNT_MEMBERS, 'read again: the general path ran');
      assert.deepEqual(outcomeOf(packed), outcomeOf(general));
      // As generated (headers absent for some providers), against the general path forced by a
      // context the packed path declines and the general path reads alike: a Map.
      const asGiven = signCounting(account, c.request, c.context);
      const mapContext = signCounting(account, c.request, new Map(Object.entries(c.context ?? {})));
      assert.equal(asGiven.reads, ACCOUNT_MEMBERS);
      assert.equal(mapContext.reads, 2 * ACCOUNT_MEMBERS);
      assert.deepEqual(outcomeOf(asGiven), outcomeOf(mapContext));
      if (packed.signed) signedBoth += 1;
    }
    // Qiniu refuses session tokens: those cases end in the same error on both paths.
    assert.ok(signedBoth >= 600, `${signedBoth} of 1,000 signed`);
  });
}

test('cc_pack_sign writes the format crates/wasm/src/packed.rs reads', () => {
  const numbers = new Float64Array(4);
  const text = cc_pack_sign(
    { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk', region: '', label: 'main', sessionToken: null },
    { method: 'POST', url: 'https://api.qiniu.com/sslcert', headers: { 'Content-Type': 'application/json', 'X-A': 'b' }, body: '{"a":"\u0000-+"}' },
    { timestampMs: 5e12 },
    numbers,
  );
  assert.equal(
    text,
    'qiniu\0ak\0sk\0-\0+\0-\0+main\0POST\0https://api.qiniu.com/sslcert\0+2\0Content-Type\0application/json\0X-A\0b\0+{"a":"\u0000-+"}',
  );
  assert.deepEqual([...numbers], [1, 5e12, 0, 0]);
  assert.equal(cc_pack_sign({ provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' }, { method: 'GET', url: 'u' }, undefined, numbers), 'qiniu\0ak\0sk\0-\0-\0-\0-\0GET\0u\0-\0-');
  assert.deepEqual([...numbers], [0, 0, 0, 0], 'absent numbers are flagged 0');
});

test('cc_unpack_signed reads the format crates/wasm/src/packed.rs writes', () => {
  // The string of packed.rs's writes_the_result_for_the_unpacker test.
  const text = 'POST\0https://api.qiniu.com/sslcert\x002\0Authorization\0QBox ak:sig\0Content-Type\0text/plain\0+a\0b';
  const signed = cc_unpack_signed(text);
  assert.deepEqual(signed, {
    method: 'POST',
    url: 'https://api.qiniu.com/sslcert',
    headers: { Authorization: 'QBox ak:sig', 'Content-Type': 'text/plain' },
    body: 'a\0b',
  });
  assert.deepEqual(Object.keys(signed), ['method', 'url', 'headers', 'body']);
  assert.deepEqual(Object.keys(signed.headers), ['Authorization', 'Content-Type']);
  const noBody = cc_unpack_signed('GET\0https://x/\x000\0-');
  assert.deepEqual(noBody, { method: 'GET', url: 'https://x/', headers: {} });
  assert.equal('body' in noBody, false, 'no body member, as the general path skips it');
});

const base = {
  account: { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' },
  request: { method: 'POST', url: 'https://api.qiniu.com/sslcert', headers: { 'Content-Type': 'application/json' }, body: '{}' },
  context: { timestampMs: 1700000000000 },
};

test('plain arguments take the packed path; null and undefined optional members are absent on both', () => {
  const plain = signCounting(base.account, base.request, base.context);
  assert.equal(plain.reads, ACCOUNT_MEMBERS);
  const nulls = signCounting(
    { ...base.account, sessionToken: null, region: undefined, endpoint: null, label: null },
    { ...base.request },
    { timestampMs: 1700000000000, nonce: null },
  );
  assert.equal(nulls.reads, ACCOUNT_MEMBERS);
  assert.deepEqual(nulls.signed, plain.signed);
  const noContext = signCounting(base.account, base.request, undefined);
  assert.equal(noContext.reads, ACCOUNT_MEMBERS, 'no context: still packed');
  assert.match(noContext.signed.headers.Authorization, /^QBox ak:/);
});

test('a body holding NUL is packed whole and signed as the general path signs it', () => {
  const request = { ...base.request, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=\u0000b&c=%00' };
  const packed = signCounting(base.account, request, base.context);
  const general = signCounting(base.account, withMapHeaders(request), base.context);
  assert.equal(packed.reads, ACCOUNT_MEMBERS);
  assert.equal(general.reads, 2 * ACCOUNT_MEMBERS);
  assert.deepEqual(packed.signed, general.signed);
  assert.equal(packed.signed.body, request.body);
});

test('a tencent-legacy POST returns the form body it built, through the packed path', () => {
  const account = { provider: 'tencent-legacy', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' };
  const request = {
    method: 'POST',
    url: 'https://wss.api.qcloud.com/v2/index.php',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'Action=CertGetList&page=1',
  };
  const context = { timestampMs: 1700000000000, nonce: 11886 };
  const packed = signCounting(account, request, context);
  const general = signCounting(account, withMapHeaders(request), context);
  assert.equal(packed.error, undefined);
  assert.equal(packed.reads, ACCOUNT_MEMBERS);
  assert.deepEqual(packed.signed, general.signed);
  assert.match(packed.signed.body, /^Action=CertGetList&Nonce=11886&.*&Signature=/);
});

// Each of these is declined by the packed path: the member-by-member path then decides, with
// the error that names the member (or, where that path accepts it, the same signature).
const declined = [
  ['a number as the access key', { account: { ...base.account, accessKeyId: 5 } }, /account/],
  ['a missing secret', { account: { provider: 'qiniu', accessKeyId: 'ak' } }, /account/],
  ['NUL in the secret', { account: { ...base.account, secretAccessKey: 's\u0000k' } }, /account\.secretAccessKey/],
  ['NUL in the provider', { account: { ...base.account, provider: 'qiniu\u0000' } }, /account\.provider/],
  ['a String object as the label', { account: { ...base.account, label: new String('x') } }, /account/],
  ['an array as the request', { request: [] }, /request/],
  ['a number as the method', { request: { ...base.request, method: 1 } }, /request/],
  ['a boolean body', { request: { ...base.request, body: true } }, /request/],
  ['a number as a header value', { request: { ...base.request, headers: { 'X-A': 1 } } }, /request/],
  ['NUL in a header value', { request: { ...base.request, headers: { 'X-A': 'a\u0000b' } } }, /header/i],
  ['NUL in a header name', { request: { ...base.request, headers: { 'X-\u0000': 'a' } } }, /header/i],
  ['a NaN timestamp', { context: { timestampMs: NaN } }, /context|timestamp/i],
  ['an infinite nonce', { context: { nonce: Infinity } }, /context|nonce/i],
  ['a string timestamp', { context: { timestampMs: '1700000000000' } }, /context/],
];

for (const [name, change, member] of declined) {
  test(`declined to the member-by-member path: ${name}`, () => {
    const { account, request, context } = { ...base, ...change };
    const outcome = signCounting(account, request, context);
    assert.ok(outcome.error, 'refused');
    assert.equal(outcome.error.name, 'CloudCertError');
    assert.equal(outcome.error.code, 'InvalidInput');
    assert.match(outcome.error.message, member);
    assert.notEqual(outcome.reads, ACCOUNT_MEMBERS, 'declined: the account was read again, or not to the end');
    const secret = account?.secretAccessKey;
    if (typeof secret === 'string') assert.ok(!outcome.error.message.includes(secret), 'no secret in the message');
  });
}

test('declined shapes the member-by-member path accepts sign as the packed path does', () => {
  const plain = signCounting(base.account, base.request, base.context).signed;
  // The general path reads a Map like an object (the packed path declines it).
  const mapContext = signCounting(base.account, base.request, new Map(Object.entries(base.context ?? {})));
  assert.equal(mapContext.reads, 2 * ACCOUNT_MEMBERS);
  assert.equal(mapContext.error, undefined);
  assert.deepEqual(mapContext.signed, plain);
  // An array is not an object here: refused, naming the argument (it was read as an empty
  // context before).
  const arrayContext = signCounting(base.account, base.request, []);
  assert.equal(arrayContext.error?.code, 'InvalidInput');
  assert.equal(arrayContext.error?.message, 'context: expected an object, got an array');
  for (const headers of [new Map([['Content-Type', 'application/json']]), Object.assign(Object.create(null), { 'Content-Type': 'application/json' })]) {
    const outcome = signCounting(base.account, { ...base.request, headers }, base.context);
    assert.equal(outcome.reads, 2 * ACCOUNT_MEMBERS);
    assert.deepEqual(outcome.signed, plain);
  }
});

test('a getter that grows wasm memory while the arguments are packed does not lose the context', () => {
  // The packed path writes the context's numbers into a view of wasm memory made before it ran;
  // a getter that calls into the module and grows its memory detaches that view. The packed path
  // must then decline rather than sign with the current time.
  const account = { provider: 'tencent-ssl', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' };
  const request = { method: 'POST', url: 'https://ssl.tencentcloudapi.com/', body: '{}' };
  let grown = 0;
  const context = {
    get timestampMs() {
      if (grown === 0) {
        grown += 1;
        // A body far larger than the module's memory so far: signing it makes the memory grow.
        signRequest(account, { ...request, body: 'x'.repeat(64 * 1024 * 1024) }, { timestampMs: 1 });
      }
      return 1700000000000;
    },
  };
  const signed = signRequest(account, request, context);
  assert.equal(grown, 1);
  assert.equal(signed.headers['X-TC-Timestamp'], '1700000000');
  assert.deepEqual(signed, signRequest(account, request, { timestampMs: 1700000000000 }));
});
