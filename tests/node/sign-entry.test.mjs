// `cloudcerts/sign` (pkg/node/sign.mjs, its own wasm module the `crates/sign` cdylib)
// against the main module's signRequest: the same signatures and the same errors, on random
// requests with random optional members and on refused ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { signRequest as signMain } from '../../pkg/node/index.mjs';
import * as signEntry from '../../pkg/node/sign.mjs';
import { signCases, SIGN_PROVIDERS } from '../../bench/sign-cases.mjs';
import { mulberry32 } from '../../sandbox/prng.mjs';

const outcome = (sign, ...args) => {
  try {
    return { signed: sign(...args) };
  } catch (error) {
    return { error: { name: error.name, code: error.code, message: error.message, provider: error.provider } };
  }
};

test('the signing entry exports signRequest and isCloudCertError alone', () => {
  assert.deepEqual(Object.keys(signEntry).sort(), ['default', 'isCloudCertError', 'signRequest']);
  assert.deepEqual(Object.keys(signEntry.default), ['isCloudCertError', 'signRequest']);
  assert.notEqual(signEntry.signRequest, signMain, 'a separate module');
});

for (const provider of SIGN_PROVIDERS) {
  test(`${provider}: the signing entry signs 1,000 random requests as the main module does`, () => {
    const next = mulberry32(provider.length * 104729);
    let signed = 0;
    for (const c of signCases(provider, 1000, 23)) {
      const account = { ...c.account };
      if (next() < 0.3) account.sessionToken = `token-${Math.floor(next() * 1e6)}`;
      if (next() < 0.3) account.region = 'cn-north-1';
      const main = outcome(signMain, account, c.request, c.context);
      assert.deepEqual(outcome(signEntry.signRequest, account, c.request, c.context), main);
      if (main.signed) signed += 1;
    }
    assert.ok(signed >= 600, `${signed} of 1,000 signed`);
  });
}

test('the signing entry refuses what the main module refuses, with the same error', () => {
  const account = { provider: 'qiniu', accessKeyId: 'ak', secretAccessKey: 'sk' };
  const request = { method: 'GET', url: 'https://api.qiniu.com/sslcert' };
  const refused = [
    [{ ...account, provider: 'aws' }, request],
    [{ ...account, secretAccessKey: 's k' }, request],
    [account, { ...request, url: 'http://api.qiniu.com/sslcert' }],
    [account, { ...request, url: 'https://evil.example.com/sslcert' }],
    [account, { ...request, headers: { Host: 'x' } }],
    [account, { ...request, method: 5 }],
    [null, request],
  ];
  for (const [a, r] of refused) {
    const main = outcome(signMain, a, r);
    assert.ok(main.error, JSON.stringify(r));
    assert.equal(main.error.name, 'CloudCertError');
    assert.deepEqual(outcome(signEntry.signRequest, a, r), main);
  }
});
