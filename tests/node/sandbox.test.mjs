// Sandbox tests: official-SDK signatures accepted, tampering rejected with each vendor's code,
// paging complete for each scheme, documented filter defaults, faults on demand only, Qiniu
// upload/delete. Servers run in-process on 127.0.0.1 port 0 and are closed at the end.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { startSandbox } from '../../sandbox/server.mjs';
import { UNKNOWN_KEYS, WRONG_SECRET, accountFor, accounts } from '../../sandbox/accounts.mjs';
import {
  DAY, certificatesFor, datasetFor, fmtBeijing, liveMatches, qiniuId, rfc3339,
} from '../../sandbox/data.mjs';
import { expiredCertificate, sampleCertificate } from '../../sandbox/samples.mjs';
import { legacyStringToSign, verifyLegacy, verifyQiniu, verifyTc3, verifyVolc } from '../../sandbox/auth.mjs';
import { send, signLegacy, signQiniu, signTencent, signVolc } from '../../sandbox/sdk-client.mjs';

const require = createRequire(import.meta.url);
const QcloudApi = require('qcloudapi-sdk');

const N = 57; // not a multiple of any page size used below
const MAX_PAGES = 200; // every paging loop is bounded by this

const tencent = accountFor('tencent-ssl');
const tencentSts = accountFor('tencent-ssl', 'AKIDSANDBOXTENCENTSTS');
const legacy = accountFor('tencent-legacy');
const live = accountFor('volcengine-live');
const cert = accountFor('volcengine-cert');
const volcSts = accountFor('volcengine-cert', 'AKTPSANDBOXVOLCENGINESTS');
const qiniu = accountFor('qiniu');
const qiniu2 = accountFor('qiniu', 'SANDBOXQINIUACCESSKEY2');
const wrong = (a) => ({ ...a, secretAccessKey: WRONG_SECRET });
const unknown = (a) => ({ ...a, accessKeyId: UNKNOWN_KEYS[a.provider] });
const TEN_MIN_AGO_S = () => Math.floor(Date.now() / 1000) - 600;

let sb;
const call = (req, opts) => send(sb.url, req, opts);
const expected = (provider, account, count = N) =>
  certificatesFor(provider, account.accessKeyId, count, { anchorMs: sb.anchorMs, nowMs: sb.now() });

before(async () => {
  sb = await startSandbox({ port: 0, certs: N });
});
after(async () => {
  await sb?.close();
});

// Request builders for one list call per provider (used by the fault tests).
const listCall = {
  'tencent-ssl': () => signTencent({ account: tencent, body: { Limit: 5 } }),
  'tencent-legacy': () => signLegacy({ account: legacy, params: { count: 5 } }),
  'volcengine-live': () => signVolc({ account: live, api: 'live' }),
  'volcengine-cert': () => signVolc({ account: cert, api: 'cert', query: { limit: 5, page: 1 } }),
  qiniu: () => signQiniu({ account: qiniu, path: '/sslcert?marker=&limit=5' }),
};
function isOk(provider, r) {
  if (r.error || r.status !== 200 || !r.json) return false;
  switch (provider) {
    case 'tencent-ssl':
      return !r.json.Response.Error;
    case 'tencent-legacy':
      return r.json.code === 0;
    case 'qiniu':
      return Array.isArray(r.json.certs);
    default:
      return !r.json.ResponseMetadata.Error;
  }
}

describe('accounts and data', () => {
  test('accounts are exported for every provider', () => {
    for (const p of ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu']) {
      const a = accountFor(p);
      assert.equal(a.provider, p);
      assert.ok(a.accessKeyId && a.secretAccessKey);
    }
    assert.equal(tencent.accessKeyId, 'AKIDSANDBOXTENCENT');
    assert.equal(tencent.secretAccessKey, 'sandbox-secret-tencent');
    assert.ok(accounts.length >= 10);
  });

  test('certificates are deterministic and realistically spread', () => {
    const opts = { anchorMs: Date.UTC(2024, 0, 1), nowMs: Date.UTC(2024, 0, 1, 12) };
    const a = certificatesFor('volcengine-cert', cert.accessKeyId, 300, opts);
    const b = certificatesFor('volcengine-cert', cert.accessKeyId, 300, opts);
    assert.deepEqual(a.map((c) => c.vendor), b.map((c) => c.vendor));
    // The list of N is the prefix of the list of N+k.
    assert.deepEqual(certificatesFor('volcengine-cert', cert.accessKeyId, 10, opts).map((c) => c.id), a.slice(0, 10).map((c) => c.id));
    const statuses = new Set(a.map((c) => c.status));
    for (const s of ['issued', 'pending', 'failed', 'expired', 'revoked', 'cancelled', 'disabled']) assert.ok(statuses.has(s), s);
    const base = a.map((c) => c.base);
    assert.ok(base.some((r) => r.wildcard));
    assert.ok(base.some((r) => new Set(r.sans.map((s) => s.toLowerCase())).size > 2), 'multi-SAN');
    assert.ok(base.some((r) => r.sans.some((s) => s !== s.toLowerCase())), 'upper-case SAN');
    assert.ok(base.some((r) => new Set(r.sans).size < r.sans.length), 'duplicate SAN');
    assert.ok(base.some((r) => /[\u4e00-\u9fff]/.test(r.alias)), 'Chinese name');
    const soon = base.filter((r) => r.notAfterMs !== null && r.notAfterMs >= opts.nowMs && r.notAfterMs - opts.nowMs <= 30 * DAY);
    assert.ok(soon.length >= 10, `cluster expiring within 30 days (${soon.length})`);
    const ends = base.filter((r) => r.notAfterMs !== null).map((r) => r.notAfterMs - opts.anchorMs);
    assert.ok(Math.min(...ends) < -600 * DAY && Math.max(...ends) > 600 * DAY, 'notAfter spans ±2 years');
    // Renewal chains are consistent both ways and across the vendor shape.
    const renewals = a.filter((c) => c.base.replacesIndex !== null);
    assert.ok(renewals.length >= 5);
    for (const c of renewals) {
      const prev = a[c.base.replacesIndex];
      assert.equal(prev.base.replacedByIndex, c.index);
      assert.equal(c.vendor.chain_id, prev.vendor.chain_id);
      assert.equal(c.vendor.source_id, prev.id);
      assert.equal(c.base.commonName, prev.base.commonName);
    }
    // Private keys where the vendor returns them.
    assert.match(a[0].vendor.ssl.certificate.private_key, /^-----BEGIN (RSA|EC) PRIVATE KEY-----\n/);
    // Time formats: naive Beijing time and the exact ms agree.
    const issued = a.find((c) => c.vendor.certificate_not_after_ms);
    assert.equal(issued.vendor.certificate_not_after, fmtBeijing(issued.vendor.certificate_not_after_ms));
    assert.equal(fmtBeijing(Date.UTC(2023, 11, 8, 23, 59, 59)), '2023-12-09 07:59:59');
  });

  test('the Tencent pair shares ids; the legacy type is a string', () => {
    const ssl = expected('tencent-ssl', tencent);
    const leg = expected('tencent-legacy', legacy);
    assert.deepEqual(ssl.map((c) => c.id), leg.map((c) => c.id));
    for (const c of leg) {
      assert.equal(typeof c.vendor.type, 'string');
      assert.equal(typeof c.vendor.status, 'number');
    }
    for (const c of expected('volcengine-live', live)) assert.match(c.vendor.NotAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const c of expected('qiniu', qiniu)) assert.equal(typeof c.vendor.not_after, 'number');
  });
});

describe('server-side verification reproduces the documented vectors (shared/signing.md)', () => {
  const key = (accessKeyId, secretAccessKey, sessionToken) => () => ({ accessKeyId, secretAccessKey, sessionToken });
  const h = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

  test('TC3', () => {
    const body = Buffer.from('{"Limit":1000,"Offset":0}');
    const sig = 'a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579';
    const ctx = {
      method: 'POST', url: '/', body,
      headers: h({
        Host: 'ssl.tencentcloudapi.com', 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Timestamp': '1700000000',
        Authorization: `TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=${sig}`,
      }),
    };
    const opts = { provider: 'tencent-ssl', nowMs: 1700000000000, windowSec: 300, service: 'ssl', lookup: key('AKIDEXAMPLE', 'SECRETEXAMPLE') };
    assert.equal(verifyTc3(ctx, opts).ok, true);
    assert.equal(verifyTc3(ctx, { ...opts, nowMs: 1700000000000 + 301_000 }).kind, 'expired');
    assert.equal(verifyTc3({ ...ctx, body: Buffer.from('{"Limit":1000,"Offset":1}') }, opts).kind, 'signature');
  });

  test('API 2.0', () => {
    const params = { Action: 'CertGetList', Nonce: '11886', SecretId: 'AKIDEXAMPLE', Timestamp: '1700000000', count: '20', page: '1' };
    const ctx = { method: 'GET', path: '/v2/index.php', headers: { host: 'wss.api.qcloud.com' } };
    const opts = { provider: 'tencent-legacy', nowMs: 1700000000000, windowSec: 300, lookup: key('AKIDEXAMPLE', 'SECRETEXAMPLE') };
    assert.equal(verifyLegacy(ctx, { ...params, Signature: 'r06Nsq3yUeQpYaIazv6Nkzd4pes=' }, opts).ok, true);
    assert.equal(verifyLegacy(ctx, { ...params, SignatureMethod: 'HmacSHA256', Signature: 'uQx/RveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR/HsoU=' }, opts).ok, true);
    assert.equal(verifyLegacy(ctx, { ...params, Signature: 'uQx/RveoVPa8mhRFEGJtImKulDCXmWUUPAt8kR/HsoU=' }, opts).kind, 'signature');
    // Byte-order sorting: lower-case names after upper-case ones.
    const doc = { Action: 'DescribeInstances', Nonce: '11886', Region: 'gz', SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA', Timestamp: '1465185768', 'instanceIds.0': 'ins-09dx96dg', limit: '20', offset: '0' };
    assert.equal(
      legacyStringToSign('GET', 'cvm.api.qcloud.com', '/v2/index.php', doc),
      'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0',
    );
  });

  test('Volcengine (Live POST and Certificate Center GET with a session token)', () => {
    const opts = (token) => ({ provider: 'volcengine-live', nowMs: Date.UTC(2023, 10, 14, 22, 13, 20), windowSec: 300, lookup: key('AKLTEXAMPLE', 'WkdFeE1EQXdNREF3TURBd01EQXc=', token) });
    const body = Buffer.from('{"Available":true,"Expiring":false}');
    const liveCtx = {
      method: 'POST', path: '/', query: new URLSearchParams('Action=ListCertV2&Version=2023-01-01'), body,
      headers: h({
        Host: 'live.volcengineapi.com', 'Content-Type': 'application/json', 'X-Date': '20231114T221320Z',
        'X-Content-Sha256': '350648e74f97002f0d58505de9668746c314256b9cadfff8589b4f3986699099',
        Authorization: 'HMAC-SHA256 Credential=AKLTEXAMPLE/20231114/cn-north-1/live/request, SignedHeaders=host;x-content-sha256;x-date, Signature=bb961e21a24eadaf189e3ba547369f6ab8391925299079a963292cb7a0e44f86',
      }),
    };
    assert.equal(verifyVolc(liveCtx, opts()).ok, true);
    assert.equal(verifyVolc({ ...liveCtx, body: Buffer.from('{"Available":true,"Expiring":true}') }, opts()).kind, 'signature');
    const ccCtx = {
      method: 'GET', path: '/', query: new URLSearchParams('Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1&common_name=www.example.com%20*'), body: Buffer.alloc(0),
      headers: h({
        Host: 'open.volcengineapi.com', 'X-Date': '20231114T221320Z', 'X-Security-Token': 'STSTOKENEXAMPLE',
        Authorization: 'HMAC-SHA256 Credential=AKLTEXAMPLE/20231114/cn-north-1/certificate_service/request, SignedHeaders=host;x-date;x-security-token, Signature=c8e27afe15834e36a16e5b893c7c4516402b35126243c9f7d7cc3b482d33a069',
      }),
    };
    assert.equal(verifyVolc(ccCtx, { ...opts('STSTOKENEXAMPLE'), provider: 'volcengine-cert' }).ok, true);
  });

  test('Qiniu QBox', () => {
    const ctx = (url, auth) => ({ method: 'GET', url, body: Buffer.alloc(0), headers: { host: 'api.qiniu.com', authorization: auth } });
    const opts = { provider: 'qiniu', nowMs: Date.now(), windowSec: 300, lookup: key('MY_ACCESS_KEY', 'MY_SECRET_KEY') };
    assert.equal(verifyQiniu(ctx('/sslcert?marker=&limit=100', 'QBox MY_ACCESS_KEY:kW24uQ7m9mkGxUsYYVsSmdn3flo='), opts).ok, true);
    assert.equal(verifyQiniu(ctx('/sslcert?marker=&limit=10', 'QBox MY_ACCESS_KEY:kW24uQ7m9mkGxUsYYVsSmdn3flo='), opts).kind, 'signature');
  });
});

describe('signatures: official SDK requests accepted, tampering rejected', () => {
  test('Tencent TC3', async () => {
    const ok = await call(signTencent({ account: tencent, body: { Limit: 3 } }));
    assert.equal(ok.status, 200);
    assert.ok(ok.headers.date);
    assert.equal(ok.json.Response.Certificates.length, 3);
    assert.match(ok.json.Response.RequestId, /^[0-9a-f-]{36}$/);

    const sts = await call(signTencent({ account: tencentSts, body: { Limit: 1 } }));
    assert.equal(sts.json.Response.TotalCount, N);
    const noToken = signTencent({ account: tencentSts, body: {} });
    delete noToken.headers['X-TC-Token'];
    assert.equal((await call(noToken)).json.Response.Error.Code, 'AuthFailure.TokenFailure');

    const errorOf = async (req) => {
      const r = await call(req);
      assert.equal(r.status, 200);
      assert.ok(r.json.Response.RequestId);
      return r.json.Response.Error?.Code;
    };
    const tampered = signTencent({ account: tencent, body: { Limit: 3 } });
    tampered.body = tampered.body.replace('3', '4');
    assert.equal(await errorOf(tampered), 'AuthFailure.SignatureFailure');
    const otherHost = signTencent({ account: tencent, body: {} });
    otherHost.host = 'ssl.ap-guangzhou.tencentcloudapi.com';
    assert.equal(await errorOf(otherHost), 'AuthFailure.SignatureFailure');
    assert.equal(await errorOf(signTencent({ account: tencent, body: {}, host: 'ssl.ap-guangzhou.tencentcloudapi.com' })), undefined);
    assert.equal(await errorOf(signTencent({ account: wrong(tencent), body: {} })), 'AuthFailure.SignatureFailure');
    assert.equal(await errorOf(signTencent({ account: unknown(tencent), body: {} })), 'AuthFailure.SecretIdNotFound');
    assert.equal(await errorOf(signTencent({ account: tencent, body: {}, timestamp: TEN_MIN_AGO_S() })), 'AuthFailure.SignatureExpire');
    assert.equal(await errorOf(signTencent({ account: tencent, body: {}, timestamp: TEN_MIN_AGO_S() + 1200 })), 'AuthFailure.SignatureExpire');
    const noAuth = signTencent({ account: tencent, body: {} });
    delete noAuth.headers.Authorization;
    assert.equal(await errorOf(noAuth), 'AuthFailure.InvalidAuthorization');
  });

  test('Tencent legacy API 2.0 (HmacSHA1, HmacSHA256, GET and POST)', async () => {
    for (const [method, sha256] of [['GET', false], ['GET', true], ['POST', false], ['POST', true]]) {
      const r = await call(signLegacy({ account: legacy, method, sha256, params: { count: 2 } }));
      assert.equal(r.json.code, 0, `${method} sha256=${sha256}: ${r.text}`);
      assert.equal(r.json.data.list.length, 2);
      assert.ok(r.headers.date);
    }
    const code = async (req) => (await call(req)).json.code;
    // A parameter with "_" is signed as "." (the SDK's rule); signing it literally fails.
    assert.equal(await code(signLegacy({ account: legacy, params: { count: 2, x_trace: 'a b' } })), 0);
    const ts = Math.floor(Date.now() / 1000);
    const raw = { Action: 'CertGetList', Nonce: '4242', SecretId: legacy.accessKeyId, Timestamp: String(ts), x_trace: 'z' };
    const str = `GETwss.api.qcloud.com/v2/index.php?${Object.keys(raw).sort().map((k) => `${k}=${raw[k]}`).join('&')}`;
    const literal = new URLSearchParams({ ...raw, Signature: QcloudApi.prototype.sign(str, legacy.secretAccessKey, 'sha1') });
    assert.equal(await code({ method: 'GET', host: 'wss.api.qcloud.com', path: `/v2/index.php?${literal}`, headers: {} }), 4100);

    const tampered = signLegacy({ account: legacy, params: { count: 2 } });
    tampered.path = tampered.path.replace('count=2', 'count=3');
    assert.equal(await code(tampered), 4100);
    assert.equal(await code(signLegacy({ account: wrong(legacy) })), 4100);
    assert.equal(await code(signLegacy({ account: unknown(legacy) })), 4104);
    assert.equal(await code(signLegacy({ account: legacy, timestamp: TEN_MIN_AGO_S() })), 4500);
    const once = signLegacy({ account: legacy, nonce: 987654321 });
    assert.equal(await code(once), 0);
    assert.equal(await code(once), 4500, 'a replayed request is refused');
  });

  test('Volcengine Live and Certificate Center', async () => {
    const l = await call(signVolc({ account: live, api: 'live', body: { Available: true } }));
    assert.equal(l.status, 200, l.text);
    assert.ok(Array.isArray(l.json.Result.CertList));
    assert.equal(l.headers['x-tt-logid'], l.json.ResponseMetadata.RequestId);
    const c = await call(signVolc({ account: cert, api: 'cert', query: { limit: 2, page: 1, common_name: 'example com *' } }));
    assert.equal(c.status, 200, c.text);
    const sts = await call(signVolc({ account: volcSts, api: 'cert', query: { limit: 1 } }));
    assert.equal(sts.status, 200, sts.text);
    assert.equal(sts.json.Result.count, N);

    const err = async (req) => {
      const r = await call(req);
      const e = r.json.ResponseMetadata.Error;
      assert.ok(r.json.ResponseMetadata.RequestId && r.json.ResponseMetadata.Service);
      return [r.status, e.Code, e.CodeN];
    };
    const tampered = signVolc({ account: live, api: 'live', body: { Available: true } });
    tampered.body = tampered.body.replace('true', 'fals');
    assert.deepEqual(await err(tampered), [401, 'SignatureDoesNotMatch', 100010]);
    const tamperedQuery = signVolc({ account: cert, api: 'cert', query: { limit: 2 } });
    tamperedQuery.path = tamperedQuery.path.replace('limit=2', 'limit=3');
    assert.deepEqual(await err(tamperedQuery), [401, 'SignatureDoesNotMatch', 100010]);
    assert.deepEqual(await err(signVolc({ account: wrong(cert), api: 'cert' })), [401, 'SignatureDoesNotMatch', 100010]);
    assert.deepEqual(await err(signVolc({ account: unknown(live), api: 'live' })), [401, 'InvalidAccessKey', 100009]);
    assert.deepEqual(await err(signVolc({ account: live, api: 'live', date: new Date(Date.now() - 600_000) })), [400, 'InvalidTimestamp', 100006]);
    const noToken = signVolc({ account: volcSts, api: 'cert' });
    delete noToken.headers['X-Security-Token'];
    assert.deepEqual((await err(noToken)).slice(0, 2), [401, 'InvalidSecretToken']);
    const noAuth = signVolc({ account: cert, api: 'cert' });
    delete noAuth.headers.Authorization;
    assert.deepEqual(await err(noAuth), [401, 'MissingAuthenticationToken', 100003]);
  });

  test('Qiniu QBox', async () => {
    const r = await call(signQiniu({ account: qiniu, path: '/sslcert?marker=&limit=3' }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.certs.length, 3);
    assert.ok(r.headers['x-reqid'] && r.headers.date);
    const fusion = await call(signQiniu({ account: qiniu, host: 'fusion.qiniuapi.com', path: '/sslcert?marker=&limit=1' }));
    assert.equal(fusion.status, 200);
    // A form body is signed: the SDK's token over path + "\n" + body.
    const form = signQiniu({ account: qiniu, method: 'GET', path: '/sslcert?limit=1', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' });
    assert.equal((await call(form)).status, 200);
    form.body = 'a=1&b=3';
    assert.equal((await call(form)).status, 401);

    const tampered = signQiniu({ account: qiniu, path: '/sslcert?marker=&limit=3' });
    tampered.path = '/sslcert?marker=&limit=4';
    for (const req of [tampered, signQiniu({ account: wrong(qiniu), path: '/sslcert' }), signQiniu({ account: unknown(qiniu), path: '/sslcert' })]) {
      const x = await call(req);
      assert.equal(x.status, 401);
      assert.deepEqual(x.json, { error: 'bad token' });
    }
  });

  test('unknown hosts are refused', async () => {
    const r = await call({ method: 'GET', host: 'evil.example.com', path: '/', headers: {} });
    assert.equal(r.status, 404);
  });
});

describe('paging returns every certificate exactly once', () => {
  test('Tencent Offset/Limit, TotalCount, limits and defaults', async () => {
    const want = expected('tencent-ssl', tencent);
    const got = [];
    for (let offset = 0, pages = 0; pages < MAX_PAGES; pages++, offset += 7) {
      const r = await call(signTencent({ account: tencent, body: { Offset: offset, Limit: 7 } }));
      assert.equal(r.json.Response.TotalCount, N);
      const certs = r.json.Response.Certificates;
      if (!certs) break; // documented as possibly null: here, past the end
      got.push(...certs);
    }
    assert.deepEqual(got.map((c) => c.CertificateId), want.map((c) => c.id));
    assert.deepEqual(got[5], want[5].vendor);
    const dflt = await call(signTencent({ account: tencent, body: {} }));
    assert.equal(dflt.json.Response.Certificates.length, 10, 'Limit defaults to 10');
    const max = await call(signTencent({ account: tencent, body: { Limit: 1000 } }));
    assert.equal(max.json.Response.Certificates.length, N);
    const over = await call(signTencent({ account: tencent, body: { Limit: 1001 } }));
    assert.equal(over.json.Response.Error.Code, 'InvalidParameterValue');
    const str = await call(signTencent({ account: tencent, body: { Limit: '10' } }));
    assert.equal(str.json.Response.Error.Code, 'InvalidParameter');
    const unk = await call(signTencent({ account: tencent, body: { Foo: 1 } }));
    assert.equal(unk.json.Response.Error.Code, 'UnknownParameter');
  });

  test('Tencent filters, sort and detail', async () => {
    const want = expected('tencent-ssl', tencent);
    const r = await call(signTencent({ account: tencent, body: { CertificateStatus: [1], Limit: 1000 } }));
    const issued = want.filter((c) => c.vendor.Status === 1);
    assert.deepEqual(r.json.Response.Certificates.map((c) => c.CertificateId), issued.map((c) => c.id));
    const sorted = await call(signTencent({ account: tencent, body: { ExpirationSort: 'ASC', CertificateStatus: [1, 3], Limit: 1000 } }));
    const ends = sorted.json.Response.Certificates.map((c) => c.CertEndTime);
    assert.deepEqual(ends, ends.slice().sort());
    const uploads = await call(signTencent({ account: tencent, body: { FilterSource: 'upload', Limit: 1000 } }));
    assert.ok(uploads.json.Response.Certificates.every((c) => c.From === 'upload'));
    const detail = await call(signTencent({ account: tencent, action: 'DescribeCertificateDetail', body: { CertificateId: issued[0].id } }));
    assert.equal(detail.json.Response.CertificateId, issued[0].id);
    assert.match(detail.json.Response.CertificatePrivateKey, /PRIVATE KEY/);
    const missing = await call(signTencent({ account: tencent, action: 'DescribeCertificateDetail', body: { CertificateId: 'zzzzzzzz' } }));
    assert.equal(missing.json.Response.Error.Code, 'FailedOperation.CertificateNotFound');
  });

  test('Tencent legacy page/count, totalNum, default count 20', async () => {
    const want = expected('tencent-legacy', legacy);
    const got = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await call(signLegacy({ account: legacy, params: { page, count: 8 } }));
      assert.equal(r.json.data.totalNum, N);
      got.push(...r.json.data.list);
      if (r.json.data.list.length < 8) break;
    }
    assert.deepEqual(got.map((c) => c.id), want.map((c) => c.id));
    assert.deepEqual(got[9], want[9].vendor);
    const dflt = await call(signLegacy({ account: legacy }));
    assert.equal(dflt.json.data.list.length, 20, 'count defaults to 20');
    assert.deepEqual(dflt.json.data.list.map((c) => c.id), want.slice(0, 20).map((c) => c.id), 'page defaults to 1');
    const one = await call(signLegacy({ account: legacy, params: { id: want[3].id } }));
    assert.deepEqual(one.json.data.list.map((c) => c.id), [want[3].id]);
  });

  test('Certificate Center page/limit, offset, count, limit clamp', async () => {
    const want = expected('volcengine-cert', cert);
    const byPage = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await call(signVolc({ account: cert, api: 'cert', query: { page, limit: 10 } }));
      assert.equal(r.json.Result.count, N);
      byPage.push(...r.json.Result.content);
      if (r.json.Result.content.length < 10) break;
    }
    assert.deepEqual(byPage.map((c) => c.id), want.map((c) => c.id));
    assert.deepEqual(byPage[4], want[4].vendor);
    const byOffset = [];
    for (let offset = 0, pages = 0; pages < MAX_PAGES && offset < N; pages++, offset += 25) {
      const r = await call(signVolc({ account: cert, api: 'cert', query: { offset, limit: 25 } }));
      byOffset.push(...r.json.Result.content);
    }
    assert.deepEqual(byOffset.map((c) => c.id), want.map((c) => c.id));
    const dflt = await call(signVolc({ account: cert, api: 'cert' }));
    assert.equal(dflt.json.Result.content.length, N, 'limit defaults to 100');
    const both = await call(signVolc({ account: cert, api: 'cert', query: { page: 2, offset: 50, limit: 5 } }));
    assert.deepEqual(both.json.Result.content.map((c) => c.id), want.slice(5, 10).map((c) => c.id), 'page wins over offset');
    const revoked = await call(signVolc({ account: cert, api: 'cert', query: { certificate_revoked: 'true' } }));
    assert.deepEqual(revoked.json.Result.content.map((c) => c.id), want.filter((c) => c.base.status === 'revoked').map((c) => c.id));
    sb.configure({ certs: 150 });
    try {
      const big = await call(signVolc({ account: cert, api: 'cert', query: { limit: 500 } }));
      assert.equal(big.json.Result.count, 150);
      assert.equal(big.json.Result.content.length, 100, 'limit is capped at 100');
    } finally {
      sb.configure({ certs: N });
    }
  });

  test('Volcengine Live: Available/Expiring defaults, every combination, Domain, CertName', async () => {
    const now = sb.now();
    const all = expected('volcengine-live', live);
    const list = async (body) => {
      const r = await call(signVolc({ account: live, api: 'live', body }));
      assert.equal(r.status, 200, r.text);
      return r.json.Result.CertList;
    };
    const dflt = await list(undefined);
    assert.deepEqual(dflt.map((c) => c.CertID), all.filter((c) => liveMatches(c.base, {}, now)).map((c) => c.id));
    assert.ok(dflt.every((c) => c.Status !== 'Expire' && Date.parse(c.NotAfter) > now));
    assert.ok(dflt.length < all.length, 'the default hides disabled and expired certificates');
    assert.deepEqual((await list({})).map((c) => c.CertID), dflt.map((c) => c.CertID));
    const union = [];
    for (const Available of [true, false]) for (const Expiring of [false, true]) union.push(...(await list({ Available, Expiring })));
    assert.deepEqual(union.map((c) => c.CertID).sort(), all.map((c) => c.id).sort(), 'the four combinations are the inventory');
    const expired = await list({ Available: true, Expiring: true });
    assert.ok(expired.length > 0 && expired.every((c) => c.Status === 'Expire'));
    const target = all.find((c) => liveMatches(c.base, {}, now));
    const byDomain = await list({ Domain: target.vendor.CertDomainList[0].toUpperCase() });
    assert.ok(byDomain.some((c) => c.CertID === target.id));
    assert.ok(byDomain.every((c) => c.CertDomainList.some((d) => d.toLowerCase() === target.vendor.CertDomainList[0].toLowerCase())));
    const frag = target.vendor.CertName.slice(1, 4);
    const byName = await list({ CertName: frag });
    assert.ok(byName.some((c) => c.CertID === target.id) && byName.every((c) => c.CertName.toLowerCase().includes(frag.toLowerCase())));
    const bad = await call(signVolc({ account: live, api: 'live', body: { Available: 'yes' } }));
    assert.equal(bad.status, 400);
    assert.equal(bad.json.ResponseMetadata.Error.Code, 'InvalidParam.BindError');
    assert.equal(target.vendor.NotAfter, rfc3339(target.base.notAfterMs));
  });

  test('Qiniu marker/limit ends with an empty marker', async () => {
    const want = expected('qiniu', qiniu);
    const got = [];
    let marker = '';
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const r = await call(signQiniu({ account: qiniu, path: `/sslcert?marker=${encodeURIComponent(marker)}&limit=8` }));
      assert.equal(r.status, 200, r.text);
      got.push(...r.json.certs);
      marker = r.json.marker;
      if (!marker) break;
    }
    assert.equal(marker, '');
    assert.deepEqual(got.map((c) => c.certid), want.map((c) => c.id));
    assert.deepEqual(got[2], want[2].vendor);
    const dflt = await call(signQiniu({ account: qiniu, path: '/sslcert' }));
    assert.equal(dflt.json.certs.length, N, 'limit defaults to 100');
    assert.equal(dflt.json.marker, '');
    const exact = await call(signQiniu({ account: qiniu, path: `/sslcert?marker=&limit=${N}` }));
    assert.equal(exact.json.marker, '', 'a full last page already has an empty marker');
  });
});

describe('Volcengine Live CreateCert and DeleteCert (signed by the official SDK)', () => {
  const liveCall = (action, body) => call(signVolc({ account: live, api: 'live', query: { Action: action }, body }));
  const listAll = async () => {
    const out = [];
    for (const Available of [true, false]) {
      for (const Expiring of [false, true]) out.push(...(await liveCall('ListCertV2', { Available, Expiring })).json.Result.CertList);
    }
    return out;
  };

  test('a new chain per upload, listed with its CertID; deleted by chain; documented errors', async () => {
    sb.reset();
    const rsa = { Pubkey: sampleCertificate.certificatePem, Prikey: sampleCertificate.privateKeyPem };
    const up = await liveCall('CreateCert', { CertName: '直播证书', UseWay: 'https', Rsa: rsa });
    assert.equal(up.status, 200, up.text);
    const chain = up.json.Result.ChainID;
    assert.match(chain, /^[0-9a-f]{32}$/);
    assert.equal(up.json.Result.UseWay, 'https');
    const again = await liveCall('CreateCert', { CertName: '直播证书', UseWay: 'https', Rsa: rsa });
    assert.notEqual(again.json.Result.ChainID, chain, 'no duplicate check: a second chain');
    const listed = await listAll();
    const mine = listed.find((c) => c.ChainID === chain);
    assert.ok(mine, 'the upload is listed');
    assert.match(mine.CertID, /^cert-/);
    assert.equal(mine.CertName, '直播证书');
    assert.deepEqual(mine.CertDomainList, ['upload.sandbox.example', '*.upload.sandbox.example', 'UPLOAD.sandbox.example']);
    assert.equal(mine.NotAfter, '2125-01-01T00:00:00Z');
    assert.equal(listed.length, expected('volcengine-live', live).length + 2);
    assert.equal(new Set(listed.map((c) => c.ChainID)).size, listed.length, 'one ChainID per certificate');

    const err = async (r) => [(await r).status, (await r).json.ResponseMetadata.Error?.Code];
    assert.deepEqual(await err(liveCall('CreateCert', { UseWay: 'https', Rsa: { Pubkey: 'not a pem', Prikey: rsa.Prikey } })), [400, 'InvalidParam']);
    assert.deepEqual(await err(liveCall('CreateCert', { UseWay: 'https', Rsa: { Pubkey: rsa.Pubkey, Prikey: expiredCertificate.privateKeyPem } })), [400, 'InvalidParam']);
    assert.deepEqual(await err(liveCall('CreateCert', { Rsa: rsa })), [400, 'InvalidParam'], 'UseWay is required');
    assert.deepEqual(await err(liveCall('DeleteCert', {})), [400, 'InvalidParam']);
    assert.deepEqual(await err(liveCall('DeleteCert', { ChainID: 'f'.repeat(32) })), [403, 'RequestForbidden']);
    const bound = expected('volcengine-live', live).find((c) => c.base.boundResources.length > 0);
    assert.deepEqual(await err(liveCall('DeleteCert', { ChainID: bound.vendor.ChainID })), [400, 'InvalidParam']);

    const del = await liveCall('DeleteCert', { ChainID: chain });
    assert.equal(del.status, 200, del.text);
    assert.ok(!(await listAll()).some((c) => c.ChainID === chain));
    assert.deepEqual(await err(liveCall('DeleteCert', { ChainID: chain })), [403, 'RequestForbidden'], 'gone');
    const free = expected('volcengine-live', live).find((c) => c.base.boundResources.length === 0);
    assert.equal((await liveCall('DeleteCert', { ChainID: free.vendor.ChainID })).status, 200, 'a generated certificate');
    assert.ok(!(await listAll()).some((c) => c.CertID === free.id));
    assert.deepEqual(sb.state().live[Object.keys(sb.state().live)[0]], { uploaded: 1, deletedGenerated: 1, deletedUploads: 1 });
    assert.deepEqual(await err(call(signVolc({ account: live, api: 'live', query: { Action: 'CreateCert', Version: '2020-08-01' }, body: {} }))), [404, 'InvalidActionOrVersion']);
  });
});

describe('Qiniu upload, get, delete', () => {
  test('upload then list shows it, get returns it, delete removes it', async () => {
    sb.reset();
    const up = await call(signQiniu({
      account: qiniu, method: 'POST', path: '/sslcert',
      body: { name: '上传测试', common_name: sampleCertificate.commonName, pri: sampleCertificate.privateKeyPem, ca: sampleCertificate.certificatePem },
    }));
    assert.equal(up.status, 200, up.text);
    const id = up.json.certID;
    assert.match(id, /^[0-9a-f]{24}$/);
    const listed = await call(signQiniu({ account: qiniu, path: '/sslcert?limit=1000' }));
    const mine = listed.json.certs.find((c) => c.certid === id);
    assert.ok(mine);
    assert.equal(listed.json.certs.length, N + 1);
    assert.deepEqual(mine.dnsnames, sampleCertificate.dnsNames);
    assert.equal(mine.not_after, sampleCertificate.notAfter);
    const got = await call(signQiniu({ account: qiniu, path: `/sslcert/${id}` }));
    assert.equal(got.json.pri, sampleCertificate.privateKeyPem);
    assert.equal(got.json.name, '上传测试');
    // Another account may not touch it.
    const foreign = await call(signQiniu({ account: qiniu2, method: 'DELETE', path: `/sslcert/${id}` }));
    assert.equal(foreign.json.code, 404908);
    const del = await call(signQiniu({ account: qiniu, method: 'DELETE', path: `/sslcert/${id}` }));
    assert.equal(del.status, 200);
    assert.deepEqual(del.json, {});
    const after = await call(signQiniu({ account: qiniu, path: '/sslcert?limit=1000' }));
    assert.ok(!after.json.certs.some((c) => c.certid === id));
    const again = await call(signQiniu({ account: qiniu, method: 'DELETE', path: `/sslcert/${id}` }));
    assert.equal(again.status, 400);
    assert.equal(again.json.code, 400401);
    assert.equal((await call(signQiniu({ account: qiniu, path: `/sslcert/${id}` }))).json.code, 400401);
  });

  test('generated certificates can be read and deleted; bad uploads are refused', async () => {
    sb.reset();
    const want = expected('qiniu', qiniu);
    const got = await call(signQiniu({ account: qiniu, path: `/sslcert/${want[0].id}` }));
    assert.match(got.json.pri, /PRIVATE KEY/);
    assert.equal(got.json.not_after, want[0].vendor.not_after);
    await call(signQiniu({ account: qiniu, method: 'DELETE', path: `/sslcert/${want[0].id}` }));
    const list = await call(signQiniu({ account: qiniu, path: '/sslcert?limit=1000' }));
    assert.equal(list.json.certs.length, N - 1);
    const upload = (ca, pri) => call(signQiniu({ account: qiniu, method: 'POST', path: '/sslcert', body: { name: 'x', common_name: 'x', pri, ca } }));
    assert.equal((await upload('not a pem', sampleCertificate.privateKeyPem)).json.code, 404906);
    assert.equal((await upload(expiredCertificate.certificatePem, expiredCertificate.privateKeyPem)).json.code, 400329);
    sb.reset();
    assert.equal((await call(signQiniu({ account: qiniu, path: '/sslcert?limit=1000' }))).json.certs.length, N);
  });
});

describe('faults happen when asked and never otherwise', () => {
  const providers = Object.keys(listCall);

  test('no faults: every request succeeds and nothing is injected', async () => {
    sb.reset();
    for (let round = 0; round < 4; round++) {
      for (const p of providers) assert.ok(isOk(p, await call(listCall[p]())), p);
    }
    const st = sb.state();
    for (const p of providers) {
      assert.deepEqual(st.stats[p].injected, { latency: 0, drop: 0, html: 0, serverError: 0, truncate: 0 });
      assert.equal(st.stats[p].throttled, 0);
    }
  });

  test('5xx, HTML, truncated, dropped — each for its provider only', async () => {
    for (const p of providers) {
      for (const kind of ['serverErrorRate', 'htmlRate', 'truncateRate', 'dropRate']) {
        sb.reset();
        sb.setFaults({ [p]: { [kind]: 1 } });
        const r = await call(listCall[p]());
        if (kind === 'serverErrorRate') {
          assert.equal(r.status, 503, `${p} ${kind}`);
          assert.ok(r.json, 'vendor error body');
        } else if (kind === 'htmlRate') {
          assert.equal(r.status, 502);
          assert.match(r.headers['content-type'], /text\/html/);
        } else if (kind === 'truncateRate') {
          assert.equal(r.status, 200);
          assert.equal(r.json, undefined, 'body is not valid JSON');
          assert.ok(r.text.length > 0);
        } else {
          assert.ok(r.error, `${p}: connection dropped`);
        }
        for (const other of providers.filter((x) => x !== p)) assert.ok(isOk(other, await call(listCall[other]())), `${other} unaffected by ${p} ${kind}`);
      }
    }
    sb.reset();
  });

  test('times: the fault stops after N requests', async () => {
    sb.reset();
    sb.setFaults({ 'volcengine-cert': { serverErrorRate: 1, serverErrorStatus: 502, times: 2 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call(listCall['volcengine-cert']())).status);
    assert.deepEqual(codes, [502, 502, 200, 200]);
    sb.reset();
  });

  test('latency is added when asked', async () => {
    sb.reset();
    sb.setFaults({ qiniu: { latencyMs: 400 } });
    const slow = await call(listCall.qiniu());
    assert.ok(slow.ms >= 390, `${slow.ms} ms`);
    sb.clearFaults();
    const fast = await call(listCall.qiniu());
    assert.ok(fast.ms < 390, `${fast.ms} ms`);
  });

  test('documented rate limits with each vendor throttling answer', async () => {
    const cases = [
      ['tencent-ssl', 10, (r) => r.json?.Response?.Error?.Code === 'RequestLimitExceeded' && r.status === 200],
      ['tencent-legacy', 10, (r) => r.json?.code === 4400],
      ['volcengine-live', 10, (r) => r.status === 429 && r.json.ResponseMetadata.Error.Code === 'FlowLimitExceeded'],
      ['volcengine-cert', 20, (r) => r.status === 429 && r.json.ResponseMetadata.Error.Code === 'FlowLimitExceeded'],
      ['qiniu', 5, (r) => r.status === 403 && r.json.code === 403024],
    ];
    for (const [p, limit, throttled] of cases) {
      sb.reset();
      sb.setFaults({ [p]: { rateLimit: true } });
      const reqs = Array.from({ length: limit + 5 }, () => listCall[p]());
      const rs = await Promise.all(reqs.map((r) => call(r)));
      const ok = rs.filter((r) => isOk(p, r)).length;
      const th = rs.filter(throttled).length;
      assert.equal(ok + th, limit + 5, `${p}: only successes and throttling`);
      assert.ok(ok <= limit && th >= 5, `${p}: ${ok} ok, ${th} throttled`);
    }
    sb.reset();
    const rs = await Promise.all(Array.from({ length: 15 }, () => call(listCall.qiniu())));
    assert.ok(rs.every((r) => isOk('qiniu', r)), 'no limit unless asked');
  });

  test('clock offset: Date header follows it, stale signatures are refused', async () => {
    sb.reset();
    sb.configure({ clockOffsetMs: 600_000 });
    try {
      const r = await call(listCall['tencent-ssl']());
      assert.equal(r.json.Response.Error.Code, 'AuthFailure.SignatureExpire');
      const skew = Date.parse(r.headers.date) - Date.now();
      assert.ok(Math.abs(skew - 600_000) < 3000, `Date header skew ${skew}`);
      const fixed = await call(signTencent({ account: tencent, body: {}, timestamp: Math.floor(Date.parse(r.headers.date) / 1000) }));
      assert.ok(!fixed.json.Response.Error, 'signing with the server clock works');
      const v = await call(signVolc({ account: cert, api: 'cert' }));
      assert.equal(v.json.ResponseMetadata.Error.Code, 'InvalidTimestamp');
    } finally {
      sb.reset();
    }
  });

  test('control endpoint over HTTP', async () => {
    const ctl = (method, path, body) =>
      call({ method, host: 'localhost', path, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : '' });
    const st = await ctl('GET', '/__sandbox/state');
    assert.equal(st.json.certs, N);
    const bad = await ctl('POST', '/__sandbox/faults', { qiniu: { dropRate: 2 } });
    assert.equal(bad.status, 400);
    assert.ok(bad.json.errors.length);
    const set = await ctl('POST', '/__sandbox/faults', { '*': { serverErrorRate: 1 } });
    assert.equal(set.json.faults['tencent-ssl'].serverErrorRate, 1);
    assert.equal((await call(listCall['tencent-ssl']())).status, 503);
    await ctl('DELETE', '/__sandbox/faults');
    assert.ok(isOk('tencent-ssl', await call(listCall['tencent-ssl']())));
    const cfg = await ctl('POST', '/__sandbox/config', { certs: 12 });
    assert.equal(cfg.json.certs, 12);
    assert.equal((await call(signTencent({ account: tencent, body: {} }))).json.Response.TotalCount, 12);
    const reset = await ctl('POST', '/__sandbox/reset');
    assert.equal(reset.json.certs, N);
    const accts = await ctl('GET', '/__sandbox/accounts');
    assert.ok(accts.json.accounts.some((a) => a.accessKeyId === 'AKIDSANDBOXTENCENT'));
  });
});

describe('100,000 certificates', () => {
  let big;
  before(async () => {
    big = await startSandbox({ port: 0, certs: 100_000 });
  });
  after(async () => {
    await big?.close();
  });

  test('deep pages are fast for every scheme', async () => {
    const t0 = Date.now();
    const tc = await send(big.url, signTencent({ account: tencent, body: { Offset: 99_000, Limit: 1000 } }));
    assert.equal(tc.json.Response.TotalCount, 100_000);
    assert.equal(tc.json.Response.Certificates.length, 1000);
    const lg = await send(big.url, signLegacy({ account: legacy, params: { page: 5000, count: 20 } }));
    assert.equal(lg.json.data.list.length, 20);
    const cc = await send(big.url, signVolc({ account: cert, api: 'cert', query: { page: 1000, limit: 100 } }));
    assert.equal(cc.json.Result.content.length, 100);
    assert.equal(cc.json.Result.count, 100_000);
    // Qiniu: continue from the marker of certificate 99,989.
    const ds = datasetFor('qiniu', 'qiniu-main', big.anchorMs);
    const marker = qiniuId(ds, 99_989, ds.record(99_989, 100_000).createdMs);
    const qn = await send(big.url, signQiniu({ account: qiniu, path: `/sslcert?marker=${marker}&limit=100` }));
    assert.equal(qn.json.certs.length, 10);
    assert.equal(qn.json.marker, '');
    assert.ok(Date.now() - t0 < 5000, `deep pages took ${Date.now() - t0} ms`);
  });

  test('filtered paging scans once, not once per page', async () => {
    const t0 = Date.now();
    let total = 0;
    let seen = 0;
    for (let offset = 0, pages = 0; pages < 5; pages++, offset += 1000) {
      const r = await send(big.url, signTencent({ account: tencent, body: { CertificateStatus: [1], Offset: offset, Limit: 1000 } }));
      total = r.json.Response.TotalCount;
      seen += r.json.Response.Certificates.length;
    }
    assert.ok(total > 40_000 && seen === 5000);
    const live100k = await send(big.url, signVolc({ account: live, api: 'live' }));
    assert.ok(live100k.json.Result.CertList.length > 30_000);
    assert.ok(Date.now() - t0 < 20_000, `filtered paging took ${Date.now() - t0} ms`);
  });
});
