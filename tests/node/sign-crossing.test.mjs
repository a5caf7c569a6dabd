// signRequest's one way across the wasm boundary (crates/wasm/src/packed.rs): its arguments read
// by packed.js into one string, its result back as another. Every shape the model accepts (plain
// objects, class instances, Maps, NUL inside any string) crosses this way, and every argument it
// refuses (a member of the wrong type, missing, or unreadable) is refused with the message the
// other exports give for the same member (crates/wasm/src/read.rs, checked against
// listCertificates, which reads an account that way).
//
// Each member is read once: seen through a Proxy around the account that counts its member reads.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { listCertificates, signRequest, uploadCertificate } from '../../pkg/node/index.mjs';
import { sampleCertificate } from '../../sandbox/samples.mjs';
import { cc_pack_sign, cc_pack_sign_rest, cc_unpack_signed } from '../../crates/wasm/src/packed.js';
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

/** The same request with its headers in a `Map`. */
const withMapHeaders = (request) => ({ ...request, headers: new Map(Object.entries(request.headers ?? {})) });
/** An object's members as a `Map`'s entries. */
const asMap = (object) => new Map(Object.entries(object));

/** `account` with the optional members drawn at random (each present or absent). */
function withOptionalMembers(account, url, next) {
  const out = { ...account };
  if (next() < 0.5) out.label = `account ${Math.floor(next() * 100)}`;
  if (next() < 0.4) out.region = next() < 0.5 ? 'cn-north-1' : 'ap-guangzhou';
  if (next() < 0.3) out.sessionToken = `token-${Math.floor(next() * 1e6)}`;
  if (next() < 0.3) out.endpoint = new URL(url).host;
  return out;
}

/** What a signing gave, comparable across shapes of the same arguments. */
const outcomeOf = ({ signed, error }) => (error ? { code: error.code, message: error.message } : { signed, keys: Object.keys(signed) });

for (const provider of SIGN_PROVIDERS) {
  test(`${provider}: 1,000 requests sign alike from plain objects and from Maps, each member read once`, () => {
    const next = mulberry32(provider.length * 7919);
    let signed = 0;
    for (const c of signCases(provider, 1000, 11)) {
      const account = withOptionalMembers(c.account, c.request.url, next);
      // `{}` and an empty Map are both "headers given, none": the same request either way.
      const request = { ...c.request, headers: c.request.headers ?? {} };
      const plain = signCounting(account, request, c.context);
      const mapHeaders = signCounting(account, withMapHeaders(request), c.context);
      assert.equal(plain.reads, ACCOUNT_MEMBERS, 'one read per member');
      assert.equal(mapHeaders.reads, ACCOUNT_MEMBERS);
      assert.deepEqual(outcomeOf(plain), outcomeOf(mapHeaders));
      // Every argument a Map, and the request as generated (headers absent for some providers).
      // (Not behind the counting Proxy: a Map's methods refuse a Proxy as `this`.)
      let maps;
      try {
        maps = { signed: signRequest(asMap(account), asMap(c.request), asMap(c.context ?? {})) };
      } catch (error) {
        maps = { error };
      }
      assert.deepEqual(outcomeOf(maps), outcomeOf(signCounting(account, c.request, c.context)));
      if (plain.signed) signed += 1;
    }
    // Qiniu refuses session tokens: those cases end in the same error either way.
    assert.ok(signed >= 600, `${signed} of 1,000 signed`);
  });
}

test('cc_pack_sign and cc_pack_sign_rest write the format crates/wasm/src/packed.rs reads', () => {
  const numbers = new Float64Array(4);
  /** The packed string's call number, and the rest of it. */
  const split = (text) => {
    const match = /^(\d+)\0([^]*)$/.exec(text);
    assert.ok(match, JSON.stringify(text));
    return [Number(match[1]), match[2]];
  };
  const [call, text] = split(cc_pack_sign(
    { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk', region: '', label: 'ma\u0000in', sessionToken: null },
    { method: 'POST', url: 'https://api.qiniu.com/sslcert', headers: { 'Content-Type': 'application/json', 'X-A': 'b' }, body: '{"a":"\u0000-+"}' },
    { timestampMs: 5e12 },
  ));
  assert.equal(
    text,
    '+qiniu\0+ak\0+sk\0-\0+\0-\0+ma\0\x01in\0+POST\0+https://api.qiniu.com/sslcert\0+2\0+Content-Type\0+application/json\0+X-A\0+b\0',
  );
  assert.equal(cc_pack_sign_rest(call, numbers), '{"a":"\u0000-+"}', 'the body, whole');
  assert.deepEqual([...numbers], [1, 5e12, 0, 0]);
  assert.equal(cc_pack_sign_rest(call, numbers), undefined, 'handed over once');
  assert.equal(numbers[0], 2, 'a second rest of one call is refused');
  const [next, plain] = split(cc_pack_sign({ provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' }, { method: 'GET', url: 'u' }, undefined));
  assert.notEqual(next, call);
  assert.equal(plain, '+qiniu\0+ak\0+sk\0-\0-\0-\0-\0+GET\0+u\0-\0');
  // Another call packed before this one's rest: the first one's rest is refused, not handed the other's.
  const [later] = split(cc_pack_sign({ provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' }, { method: 'GET', url: 'u', body: 'other' }, { nonce: 7 }));
  assert.equal(cc_pack_sign_rest(next, numbers), undefined);
  assert.equal(numbers[0], 2);
  assert.equal(cc_pack_sign_rest(later, numbers), 'other');
  assert.deepEqual([...numbers], [0, 0, 1, 7], 'absent numbers are flagged 0');
  assert.equal(cc_pack_sign({ provider: 'qiniu', accessKeyId: 5 }, {}, undefined), '\x01account.accessKeyId\0tsn', 'a refusal');
  assert.equal(cc_pack_sign({ provider: 'qiniu' }, {}, undefined), '\x01account.accessKeyId\0m');
  assert.equal(cc_pack_sign(null, {}, undefined), '\x01account\0toz');
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
  assert.equal('body' in noBody, false, 'no body member');
});

const base = {
  account: { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' },
  request: { method: 'POST', url: 'https://api.qiniu.com/sslcert', headers: { 'Content-Type': 'application/json' }, body: '{}' },
  context: { timestampMs: 1700000000000 },
};

test('null and undefined optional members are absent; each member is read once', () => {
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
  assert.equal(noContext.reads, ACCOUNT_MEMBERS);
  assert.match(noContext.signed.headers.Authorization, /^QBox ak:/);
});

test('a body holding NUL crosses whole and is signed', () => {
  const request = { ...base.request, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=\u0000b&c=%00' };
  const plain = signCounting(base.account, request, base.context);
  const mapHeaders = signCounting(base.account, withMapHeaders(request), base.context);
  assert.deepEqual(plain.signed, mapHeaders.signed);
  assert.equal(plain.signed.body, request.body);
  // Signed over the body with its NUL: not the signature of the body without it.
  const without = signRequest(base.account, { ...request, body: 'a=b&c=%00' }, base.context);
  assert.notEqual(plain.signed.headers.Authorization, without.headers.Authorization);
});

test('NUL inside a label or a key crosses as it is (escaped in the argument string)', () => {
  for (const label of ['\u0000', 'a\u0000', '\u0000a', 'a\u0000\u0000b', 'a\u0000\u0001b', '\u0001']) {
    const signed = signRequest({ ...base.account, label }, base.request, base.context);
    assert.deepEqual(signed, signRequest(base.account, base.request, base.context), JSON.stringify(label));
  }
  // The key is signed with its NUL: the signer refuses it as a key (printable ASCII only).
  assert.throws(() => signRequest({ ...base.account, accessKeyId: 'a\u0000k' }, base.request, base.context),
    (e) => e.code === 'InvalidInput' && /^account\.accessKeyId: must be/.test(e.message));
});

test('a tencent-legacy POST returns the form body it built', () => {
  const account = { provider: 'tencent-legacy', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' };
  const request = {
    method: 'POST',
    url: 'https://wss.api.qcloud.com/v2/index.php',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'Action=CertGetList&page=1',
  };
  const context = { timestampMs: 1700000000000, nonce: 11886 };
  const plain = signCounting(account, request, context);
  const mapHeaders = signCounting(account, withMapHeaders(request), context);
  assert.equal(plain.error, undefined);
  assert.equal(plain.reads, ACCOUNT_MEMBERS);
  assert.deepEqual(plain.signed, mapHeaders.signed);
  assert.match(plain.signed.body, /^Action=CertGetList&Nonce=11886&.*&Signature=/);
});

const throwing = (object, key) => Object.defineProperty({ ...object }, key, { get() { throw new Error(`boom ${base.account.secretAccessKey}`); }, enumerable: true });
const revoked = () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; };

// Refused arguments: the message names the member and what was wrong, never the value.
const refused = [
  ['a number as the access key', { account: { ...base.account, accessKeyId: 5 } }, 'account.accessKeyId: expected a string, got a number'],
  ['a missing secret', { account: { provider: 'qiniu', accessKeyId: 'ak' } }, 'account.secretAccessKey: missing (required)'],
  ['a wrong type before a missing member', { account: { accessKeyId: 'ak', secretAccessKey: 'sk', label: 5n } }, 'account.label: expected a string, got a BigInt'],
  ['a String object as the label', { account: { ...base.account, label: new String('x') } }, 'account.label: expected a string, got an object'],
  ['a Map as the label', { account: { ...base.account, label: new Map() } }, 'account.label: expected a string, got a Map'],
  ['a getter that throws', { account: throwing(base.account, 'region') }, 'account.region: could not be read (reading it threw)'],
  ['a revoked Proxy as the account', { account: revoked() }, 'account.provider: could not be read (reading it threw)'],
  ['a getter that throws a revoked Proxy', { account: Object.defineProperty({ ...base.account }, 'secretAccessKey', { get() { throw revoked(); } }) }, 'account.secretAccessKey: could not be read (reading it threw)'],
  ['a Proxy whose prototype cannot be read', { account: new Proxy({ ...base.account }, { getPrototypeOf() { throw new Error('no'); } }) }, 'account.provider: could not be read (reading it threw)'],
  ['an array as the request', { request: [] }, 'request: expected an object, got an array'],
  ['a function as the request', { request: () => base.request }, 'request: expected an object, got a function'],
  ['a number as the method', { request: { ...base.request, method: 1 } }, 'request.method: expected a string, got a number'],
  ['no URL', { request: { method: 'GET' } }, 'request.url: missing (required)'],
  ['a boolean body', { request: { ...base.request, body: true } }, 'request.body: expected a string, got a boolean'],
  ['a number as a header value', { request: { ...base.request, headers: { 'X-A': 1 } } }, 'request.headers (a value): expected a string, got a number'],
  ['a symbol as a Map header key', { request: { ...base.request, headers: new Map([[Symbol('k'), 'v']]) } }, 'request.headers (a key): expected a string, got a symbol'],
  ['a header getter that throws', { request: { ...base.request, headers: throwing({}, 'X-A') } }, 'request.headers: could not be read (reading it threw)'],
  ['an array as the headers', { request: { ...base.request, headers: [['X-A', 'b']] } }, 'request.headers: expected an object, got an array'],
  ['a NaN timestamp', { context: { timestampMs: NaN } }, 'context.timestampMs: expected a finite number, got NaN'],
  ['an infinite nonce', { context: { nonce: Infinity } }, 'context.nonce: expected a finite number, got an infinite number'],
  ['a string timestamp', { context: { timestampMs: '1700000000000' } }, 'context.timestampMs: expected a finite number, got a string'],
  ['a string as the context', { context: 'now' }, 'context: expected an object, got a string'],
];

for (const [name, change, message] of refused) {
  test(`refused: ${name}`, () => {
    const { account, request, context } = { ...base, ...change };
    let error;
    try {
      signRequest(account, request, context);
    } catch (e) {
      error = e;
    }
    assert.ok(error, 'refused');
    assert.equal(error.name, 'CloudCertError');
    assert.equal(error.code, 'InvalidInput');
    assert.equal(error.message, message);
    assert.ok(!error.message.includes(base.account.secretAccessKey + 'x'), 'no value in the message');
  });
}

test('an account is refused with the words listCertificates (read member by member) uses', async () => {
  const accounts = [
    undefined, null, 5, 'qiniu', [], () => {}, {}, new Map(), new Map([['provider', 5]]),
    { provider: 'qiniu', accessKeyId: 5, secretAccessKey: 'sk' },
    { provider: 'qiniu', accessKeyId: 'ak' },
    { accessKeyId: 'ak', secretAccessKey: 'sk', endpoint: 5 },
    { ...base.account, sessionToken: Symbol('t') },
    { ...base.account, label: NaN },
    throwing(base.account, 'provider'),
    throwing(base.account, 'label'),
    revoked(),
    new Proxy({ ...base.account }, { getPrototypeOf() { throw new Error('no'); } }),
  ];
  for (const account of accounts) {
    let signed;
    try {
      signRequest(account, base.request, base.context);
      signed = 'signed';
    } catch (e) {
      signed = `${e.code} ${e.message}`;
    }
    const listed = await listCertificates(account, {}, {}).then(() => 'listed', (e) => `${e.code} ${e.message}`);
    assert.match(signed, /^InvalidInput account/);
    assert.equal(signed, listed);
  }
});

// A getter that calls into the module and grows its memory detaches every view of that memory
// made before: the context's numbers must still arrive (they are written into a view made after
// every getter ran), and nothing is refused for it. Bodies of growing sizes, so that each case
// grows the memory again.
let growBy = 48;
function growing(value) {
  const size = (growBy += 24) * 1024 * 1024;
  let calls = 0;
  return {
    get() {
      if (calls++ === 0) signRequest(tencent.account, { ...tencent.request, body: 'x'.repeat(size) }, { timestampMs: 1 });
      return value;
    },
    calls: () => calls,
  };
}
const tencent = {
  account: { provider: 'tencent-ssl', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' },
  request: { method: 'POST', url: 'https://ssl.tencentcloudapi.com/', body: '{}' },
};

test('a context getter that grows wasm memory does not lose the timestamp', () => {
  const g = growing(1700000000000);
  const signed = signRequest(tencent.account, tencent.request, { get timestampMs() { return g.get(); } });
  assert.equal(g.calls(), 1);
  assert.equal(signed.headers['X-TC-Timestamp'], '1700000000');
  assert.deepEqual(signed, signRequest(tencent.account, tencent.request, { timestampMs: 1700000000000 }));
});

test('a nonce getter that grows wasm memory does not lose the nonce', () => {
  const account = { provider: 'tencent-legacy', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' };
  const request = { method: 'GET', url: 'https://wss.api.qcloud.com/v2/index.php?Action=CertGetList' };
  const g = growing(11886);
  const signed = signRequest(account, request, { timestampMs: 1700000000000, get nonce() { return g.get(); } });
  assert.equal(g.calls(), 1);
  assert.match(signed.url, /[?&]Nonce=11886(&|$)/);
  assert.deepEqual(signed, signRequest(account, request, { timestampMs: 1700000000000, nonce: 11886 }));
});

test('account, request and header getters that grow wasm memory sign as plain members do', () => {
  const context = { timestampMs: 1700000000000 };
  const expected = signRequest({ ...tencent.account, label: 'L' }, { ...tencent.request, headers: { 'X-A': 'b' } }, context);
  const label = growing('L');
  const method = growing('POST');
  const header = growing('b');
  const account = { ...tencent.account, get label() { return label.get(); } };
  const request = { ...tencent.request, get method() { return method.get(); }, headers: { get 'X-A'() { return header.get(); } } };
  assert.deepEqual(signRequest(account, request, context), expected);
  assert.deepEqual([label.calls(), method.calls(), header.calls()], [1, 1, 1]);
});

test('headers from a Map are its entries as Array.from gives them: a repeated name keeps its last value', () => {
  class Repeating extends Map {
    *[Symbol.iterator]() {
      yield ['X-A', 'first'];
      yield ['X-A', 'last'];
    }
  }
  const request = { ...base.request, headers: new Repeating() };
  assert.deepEqual(signRequest(base.account, request, base.context), signRequest(base.account, { ...base.request, headers: { 'X-A': 'last' } }, base.context));
  class Odd extends Map {
    *[Symbol.iterator]() {
      yield 'not a pair';
    }
  }
  assert.throws(() => signRequest(base.account, { ...base.request, headers: new Odd() }, base.context),
    (e) => e.code === 'InvalidInput' && e.message === 'request.headers: could not be read (reading it threw)');
});

test('a header named __proto__ stays a header of the result', () => {
  const headers = Object.defineProperty({}, '__proto__', { value: 'x', enumerable: true });
  const signed = signRequest(base.account, { ...base.request, headers }, base.context);
  assert.ok(Object.hasOwn(signed.headers, '__proto__'));
  assert.equal(signed.headers.__proto__, 'x');
  assert.equal(Object.getPrototypeOf(signed.headers), Object.prototype);
  const fromMap = signRequest(base.account, { ...base.request, headers: new Map([['__proto__', 'x']]) }, base.context);
  assert.deepEqual(Object.keys(fromMap.headers), Object.keys(signed.headers));
});

test('a fetch Headers as the headers is read as its entries, as the other functions read one', async () => {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', 'X-A': 'b' });
  const request = { ...base.request, headers, body: 'a=1' };
  const signed = signRequest(base.account, request, base.context);
  // Headers lower-cases its names: the same as an object with those names.
  const plain = signRequest(base.account, { ...request, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-a': 'b' } }, base.context);
  assert.deepEqual(signed, plain);
  assert.equal(signed.headers['x-a'], 'b');
  // The form body is signed: Qiniu signs it only under that Content-Type, which Headers carried.
  assert.notEqual(signed.headers.Authorization, signRequest(base.account, { ...request, headers: {} }, base.context).headers.Authorization);
  // The member-by-member reader reads a Headers alike: as uploadCertificate's tags, which Qiniu's
  // upload does not take, a non-empty Headers is refused there as a non-empty Map is (read as an
  // object it was empty, and the upload went ahead without them).
  const qiniuAccount = { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' };
  const upload = (tags) => ({ name: 'n', commonName: sampleCertificate.commonName, certificatePem: sampleCertificate.certificatePem, privateKeyPem: sampleCertificate.privateKeyPem, tags });
  const outcome = (tags) => uploadCertificate(qiniuAccount, upload(tags), { proxy: 'http://127.0.0.1:9/', maxAttempts: 1, timeoutMs: 500 }).then(() => 'uploaded', (e) => `${e.code} ${e.message}`);
  const fromHeaders = await outcome(new Headers({ team: 'a' }));
  assert.equal(fromHeaders, 'InvalidInput upload.tags: qiniu: the vendor\'s upload takes no tags');
  assert.equal(fromHeaders, await outcome(new Map([['team', 'a']])));
  assert.notEqual(await outcome(new Headers()), fromHeaders, 'an empty Headers is no tags');
});
