// Sandbox DNS tests (ACME DNS-01, issue 18): Tencent Cloud DNSPod (`tencent-dns`) and Volcengine DNS
// (`volcengine-dns`), with requests signed by the official SDK functions (sandbox/sdk-client.mjs).
// Zones, TXT records created, listed and deleted with the documented envelopes and error codes
// (sandbox/dns-apis.md), the signature checks, the never-live fault, the rate limit, and the writes
// to a real pebble-challtestsrv read back with DNS TXT queries. Every server runs on 127.0.0.1 and
// is closed at the end; pebble-challtestsrv (Debian's `pebble` package) is started on free loopback
// ports, and the tests that need it are skipped where it is not installed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { promises as dnsPromises } from 'node:dns';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { UNKNOWN_KEYS, WRONG_SECRET, accountFor, accounts } from '../../sandbox/accounts.mjs';
import { parseArgs, providerForRequest, startSandbox } from '../../sandbox/server.mjs';
import { send, signDnspod, signTencent, signVolc, signVolcDns } from '../../sandbox/sdk-client.mjs';

const CHALLTESTSRV = '/usr/bin/pebble-challtestsrv';
const HAVE_CHALLTESTSRV = existsSync(CHALLTESTSRV);
const needsChalltestsrv = HAVE_CHALLTESTSRV ? {} : { skip: `${CHALLTESTSRV} is not installed (Debian package pebble)` };

const tdns = accountFor('tencent-dns');
const tdns2 = accountFor('tencent-dns', 'AKIDSANDBOXTENCENT2');
const tdnsSts = accountFor('tencent-dns', 'AKIDSANDBOXTENCENTSTS');
const vdns = accountFor('volcengine-dns');
const vdnsSts = accountFor('volcengine-dns', 'AKTPSANDBOXVOLCENGINESTS');
const cert = accountFor('volcengine-cert');
const wrong = (a) => ({ ...a, secretAccessKey: WRONG_SECRET });
const unknown = (a) => ({ ...a, accessKeyId: UNKNOWN_KEYS[a.provider] });

// ---------------------------------------------------------------------------------------------
// pebble-challtestsrv on free loopback ports

/** A port free for TCP and UDP on 127.0.0.1 (the DNS listener takes both). */
async function freePort() {
  for (let i = 0; i < 50; i++) {
    const port = await new Promise((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const p = srv.address().port;
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', () => resolve(false));
      sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port');
}

async function startChalltestsrv() {
  const mgmt = await freePort();
  const dnsPort = await freePort();
  const child = spawn(CHALLTESTSRV, [
    '-management', `127.0.0.1:${mgmt}`, '-dns01', `127.0.0.1:${dnsPort}`, '-http01', '', '-https01', '', '-tlsalpn01', '',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => {
    log += c;
  });
  const url = `http://127.0.0.1:${mgmt}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pebble-challtestsrv exited: ${log}`);
    try {
      const r = await fetch(`${url}/clear-txt`, { method: 'POST', body: JSON.stringify({ host: 'probe.invalid.' }), signal: AbortSignal.timeout(1000) });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`pebble-challtestsrv did not start: ${log}`);
    await sleep(50);
  }
  const resolver = new dnsPromises.Resolver({ timeout: 1000, tries: 2 });
  resolver.setServers([`127.0.0.1:${dnsPort}`]);
  return {
    url,
    /** The TXT strings of `name` as pebble-challtestsrv answers them (sorted), [] when none. */
    async txt(name) {
      try {
        return (await resolver.resolveTxt(name)).map((chunks) => chunks.join('')).sort();
      } catch (e) {
        if (e.code === 'ENODATA' || e.code === 'ENOTFOUND') return [];
        throw e;
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

// ---------------------------------------------------------------------------------------------

let sb;
let cts = null;
const call = (req, opts) => send(sb.url, req, opts);
const tc = async (action, body, account = tdns, extra = {}) => {
  const r = await call(signDnspod({ account, action, body, ...extra }));
  assert.equal(r.status, 200, r.text);
  return r.json.Response;
};
const volc = (action, { account = vdns, query, body, ...extra } = {}) => call(signVolcDns({ account, action, query, body, ...extra }));

before(async () => {
  if (HAVE_CHALLTESTSRV) cts = await startChalltestsrv();
  sb = await startSandbox({ port: 0, certs: 5, ...(cts ? { challtestsrv: cts.url } : {}) });
});
after(async () => {
  await sb?.close();
  await cts?.stop();
});

describe('accounts, routing, options', () => {
  test('DNS accounts are exported with the vendors\' keys', () => {
    assert.equal(tdns.accessKeyId, 'AKIDSANDBOXTENCENT');
    assert.equal(vdns.accessKeyId, 'AKLTSANDBOXVOLCENGINE');
    assert.equal(vdns.region, 'cn-north-1');
    assert.deepEqual(accounts.filter((a) => a.provider === 'tencent-dns').map((a) => a.label), ['sandbox-tencent-dns', 'sandbox-tencent-2-dns', 'sandbox-tencent-sts-dns']);
    assert.equal(accounts.filter((a) => a.provider === 'volcengine-dns').length, 2);
  });

  test('open.volcengineapi.com: DNS by action name or signing service, Certificate Center otherwise', () => {
    assert.equal(providerForRequest('dnspod.tencentcloudapi.com', '/', {}), 'tencent-dns');
    assert.equal(providerForRequest('dns.volcengineapi.com', '/?Action=ListZones', {}), 'volcengine-dns');
    assert.equal(providerForRequest('open.volcengineapi.com', '/?Action=ListZones&Version=2018-08-01', {}), 'volcengine-dns');
    assert.equal(providerForRequest('open.volcengineapi.com', '/?Action=CertificateGetInstance&Version=2021-06-01', {}), 'volcengine-cert');
    const scoped = { authorization: 'HMAC-SHA256 Credential=AK/20240101/cn-north-1/DNS/request, SignedHeaders=host;x-date, Signature=00' };
    assert.equal(providerForRequest('open.volcengineapi.com', '/?Action=Whatever&Version=2018-08-01', scoped), 'volcengine-dns');
    assert.equal(providerForRequest('ssl.tencentcloudapi.com', '/', {}), 'tencent-ssl');
  });

  test('--challtestsrv and its checks', async () => {
    assert.equal(parseArgs(['--challtestsrv', 'http://127.0.0.1:8055']).challtestsrv, 'http://127.0.0.1:8055');
    assert.equal(parseArgs(['--challtestsrv=http://localhost:8055']).challtestsrv, 'http://localhost:8055');
    await assert.rejects(startSandbox({ port: 0, challtestsrv: 'http://192.0.2.1:8055' }), /loopback/);
    await assert.rejects(startSandbox({ port: 0, challtestsrv: 'ftp://127.0.0.1:8055' }), /http/);
  });

  test('dnsNeverLive is a DNS fault, validated', async () => {
    assert.throws(() => sb.setFaults({ qiniu: { dnsNeverLive: true } }), /DNS providers only/);
    assert.throws(() => sb.setFaults({ 'tencent-dns': { dnsNeverLive: 'sometimes' } }), /dnsNeverLive/);
    sb.setFaults({ '*': { dnsNeverLive: 'hidden' } });
    const f = sb.state().faults;
    assert.equal(f['tencent-dns'].dnsNeverLive, 'hidden');
    assert.equal(f['volcengine-dns'].dnsNeverLive, 'hidden');
    assert.equal(f.qiniu.dnsNeverLive, undefined);
    sb.clearFaults();
  });
});

describe('Tencent Cloud DNSPod (tencent-dns)', () => {
  test('DescribeDomainList and DescribeDomain find the zones; unknown zones are DomainNotExists', async () => {
    const list = await tc('DescribeDomainList', {});
    assert.deepEqual(list.DomainList.map((d) => d.Name), ['example.com', 'example.org', 'example.net']);
    assert.equal(list.DomainCountInfo.DomainTotal, 3);
    assert.ok(Number.isInteger(list.DomainList[0].DomainId));
    assert.match(list.RequestId, /^[0-9a-f-]{36}$/);
    const kw = await tc('DescribeDomainList', { Keyword: 'org', Limit: 20 });
    assert.deepEqual(kw.DomainList.map((d) => d.Name), ['example.org']);
    const one = await tc('DescribeDomain', { Domain: 'example.com' });
    assert.equal(one.DomainInfo.Domain, 'example.com');
    assert.equal(one.DomainInfo.DomainId, list.DomainList[0].DomainId);
    for (const [action, body] of [
      ['DescribeDomain', { Domain: 'unknown.test' }],
      ['CreateRecord', { Domain: 'unknown.test', SubDomain: '_acme-challenge', RecordType: 'TXT', RecordLine: '默认', Value: 'x' }],
      ['DescribeRecordList', { Domain: 'unknown.test' }],
      ['DeleteRecord', { Domain: 'unknown.test', RecordId: 1 }],
    ]) {
      assert.equal((await tc(action, body)).Error.Code, 'InvalidParameterValue.DomainNotExists', action);
    }
    assert.equal((await tc('DescribeDomain', { Domain: 'not a domain' })).Error.Code, 'InvalidParameter.DomainInvalid');
    assert.equal((await tc('DescribeDomain', { DomainId: 42 })).Error.Code, 'InvalidParameter.DomainIdInvalid');
    // Each account has its own zones; the STS key shows the main account's.
    assert.deepEqual((await tc('DescribeDomainList', {}, tdns2)).DomainList.map((d) => d.Name), ['example.cn', 'example.io']);
    assert.equal((await tc('DescribeDomain', { Domain: 'example.com' }, tdns2)).Error.Code, 'InvalidParameterValue.DomainNotExists');
    assert.equal((await tc('DescribeDomain', { Domain: 'example.com' }, tdnsSts)).DomainInfo.Domain, 'example.com');
  });

  test('create a TXT record, list it, delete it; deleting again is RecordIdInvalid', needsChalltestsrv, async () => {
    const name = '_acme-challenge.www.example.com';
    const created = await tc('CreateRecord', { Domain: 'example.com', SubDomain: '_acme-challenge.www', RecordType: 'TXT', RecordLine: '默认', Value: 'token-one', TTL: 600 });
    assert.ok(Number.isInteger(created.RecordId), JSON.stringify(created));
    const second = await tc('CreateRecord', { Domain: 'example.com', SubDomain: '_acme-challenge.www', RecordType: 'TXT', RecordLine: '默认', Value: 'token-two' });
    assert.deepEqual(await cts.txt(name), ['token-one', 'token-two']);
    // The same record again is refused with the SDK's code.
    const dup = await tc('CreateRecord', { Domain: 'example.com', SubDomain: '_acme-challenge.www', RecordType: 'TXT', RecordLine: '默认', Value: 'token-one' });
    assert.equal(dup.Error.Code, 'InvalidParameter.DomainRecordExist');

    for (const field of ['Subdomain', 'SubDomain']) {
      const listed = await tc('DescribeRecordList', { Domain: 'example.com', [field]: '_acme-challenge.www', RecordType: 'TXT' });
      assert.deepEqual(listed.RecordList.map((r) => [r.RecordId, r.Name, r.Type, r.Value, r.Status, r.Line]), [
        [created.RecordId, '_acme-challenge.www', 'TXT', 'token-one', 'ENABLE', '默认'],
        [second.RecordId, '_acme-challenge.www', 'TXT', 'token-two', 'ENABLE', '默认'],
      ]);
      assert.deepEqual(listed.RecordCountInfo.TotalCount, 2);
    }
    // By DomainId too.
    const domainId = (await tc('DescribeDomain', { Domain: 'example.com' })).DomainInfo.DomainId;
    const byId = await tc('DescribeRecordList', { Domain: 'ignored.example', DomainId: domainId, Subdomain: '_acme-challenge.www' });
    assert.equal(byId.RecordList.length, 2);

    const del = await tc('DeleteRecord', { Domain: 'example.com', RecordId: created.RecordId });
    assert.deepEqual(Object.keys(del), ['RequestId']);
    // clear-txt cleared the name, and the other value was written back.
    assert.deepEqual(await cts.txt(name), ['token-two']);
    const again = await tc('DeleteRecord', { Domain: 'example.com', RecordId: created.RecordId });
    assert.equal(again.Error.Code, 'InvalidParameter.RecordIdInvalid');
    assert.deepEqual(Object.keys(await tc('DeleteRecord', { Domain: 'example.com', RecordId: second.RecordId })), ['RequestId']);
    assert.deepEqual(await cts.txt(name), []);
    // An empty list is ResourceNotFound.NoDataOfRecord, unless ErrorOnEmpty is "no".
    const empty = await tc('DescribeRecordList', { Domain: 'example.com', Subdomain: '_acme-challenge.www', RecordType: 'TXT' });
    assert.equal(empty.Error.Code, 'ResourceNotFound.NoDataOfRecord');
    const emptyOk = await tc('DescribeRecordList', { Domain: 'example.com', Subdomain: '_acme-challenge.www', ErrorOnEmpty: 'no' });
    assert.deepEqual(emptyOk.RecordList, []);
  });

  test("the zone's own records are listed; parameters are checked", async () => {
    const all = await tc('DescribeRecordList', { Domain: 'example.org' });
    assert.deepEqual(all.RecordList.map((r) => [r.Name, r.Type]), [['@', 'NS'], ['@', 'NS'], ['www', 'A'], ['@', 'TXT']]);
    assert.equal(all.RecordList[0].DefaultNS, true);
    const base = { Domain: 'example.org', SubDomain: '_acme-challenge', RecordType: 'TXT', RecordLine: '默认', Value: 'v' };
    for (const [body, code] of [
      [{ ...base, RecordType: 'TEXT' }, 'InvalidParameter.RecordTypeInvalid'],
      [{ ...base, RecordLine: '电信' }, 'InvalidParameter.RecordLineInvalid'],
      [{ ...base, SubDomain: 'bad host!' }, 'InvalidParameter.SubdomainInvalid'],
      [{ ...base, TTL: 60 }, 'LimitExceeded.RecordTtlLimit'],
      [{ ...base, Value: 'x'.repeat(600) }, 'InvalidParameter.RecordValueLengthInvalid'],
      [{ ...base, TTL: '600' }, 'InvalidParameter'],
      [{ ...base, Colour: 'blue' }, 'UnknownParameter'],
      [{ Domain: 'example.org', SubDomain: '_acme-challenge', RecordLine: '默认', Value: 'v' }, 'MissingParameter'],
    ]) {
      assert.equal((await tc('CreateRecord', body)).Error.Code, code, JSON.stringify(body));
    }
    assert.equal((await tc('DescribeRecordList', { Domain: 'example.org', Limit: 3001 })).Error.Code, 'InvalidParameterValue.LimitInvalid');
    assert.equal((await tc('DeleteRecord', { Domain: 'example.org' })).Error.Code, 'MissingParameter');
    // A wrong version or action.
    assert.equal((await tc('DescribeDomainList', {}, tdns, { version: '2019-12-05' })).Error.Code, 'NoSuchVersion');
    assert.equal((await tc('DescribeCertificates', {})).Error.Code, 'InvalidAction');
  });

  test('bad signatures and keys are refused with the TC3 codes', async () => {
    assert.equal((await tc('DescribeDomainList', {}, wrong(tdns))).Error.Code, 'AuthFailure.SignatureFailure');
    assert.equal((await tc('DescribeDomainList', {}, unknown(tdns))).Error.Code, 'AuthFailure.SecretIdNotFound');
    // Signed for another service ("ssl" in the credential scope) than dnspod.
    const ssl = await call(signTencent({ account: tdns, host: 'dnspod.tencentcloudapi.com', action: 'DescribeDomainList', version: '2021-03-23', body: {} }));
    assert.equal(ssl.json.Response.Error.Code, 'AuthFailure.SignatureFailure');
    const old = await tc('DescribeDomainList', {}, tdns, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    assert.equal(old.Error.Code, 'AuthFailure.SignatureExpire');
    // A tampered body.
    const req = signDnspod({ account: tdns, action: 'DescribeRecordList', body: { Domain: 'example.com' } });
    req.body = JSON.stringify({ Domain: 'example.org' });
    assert.equal((await call(req)).json.Response.Error.Code, 'AuthFailure.SignatureFailure');
    // The STS key needs its token.
    assert.equal((await tc('DescribeDomainList', {}, { ...tdnsSts, sessionToken: undefined })).Error.Code, 'AuthFailure.TokenFailure');
  });

  test('never live: created but disabled, or hidden, and not in DNS', async () => {
    sb.setFaults({ 'tencent-dns': { dnsNeverLive: true } });
    const a = await tc('CreateRecord', { Domain: 'example.net', SubDomain: '_acme-challenge', RecordType: 'TXT', RecordLine: '默认', Value: 'never' });
    assert.ok(a.RecordId);
    const listed = await tc('DescribeRecordList', { Domain: 'example.net', Subdomain: '_acme-challenge', RecordType: 'TXT' });
    assert.deepEqual(listed.RecordList.map((r) => [r.RecordId, r.Status]), [[a.RecordId, 'DISABLE']]);
    sb.setFaults({ 'tencent-dns': { dnsNeverLive: 'hidden' } });
    const b = await tc('CreateRecord', { Domain: 'example.net', SubDomain: '_acme-challenge.hidden', RecordType: 'TXT', RecordLine: '默认', Value: 'never' });
    const none = await tc('DescribeRecordList', { Domain: 'example.net', Subdomain: '_acme-challenge.hidden', RecordType: 'TXT' });
    assert.equal(none.Error.Code, 'ResourceNotFound.NoDataOfRecord');
    if (cts) {
      assert.deepEqual(await cts.txt('_acme-challenge.example.net'), []);
      assert.deepEqual(await cts.txt('_acme-challenge.hidden.example.net'), []);
    }
    sb.clearFaults();
    // The records exist all the same: they can be deleted.
    for (const id of [a.RecordId, b.RecordId]) assert.deepEqual(Object.keys(await tc('DeleteRecord', { Domain: 'example.net', RecordId: id })), ['RequestId']);
    const st = sb.state().dns['tencent-dns|tencent-main'];
    assert.ok(st.deleted >= 2);
  });

  test('a disabled record (Status DISABLE) is listed as such and not written to DNS', async () => {
    const r = await tc('CreateRecord', { Domain: 'example.net', SubDomain: '_acme-challenge.off', RecordType: 'TXT', RecordLine: '默认', Value: 'off', Status: 'DISABLE' });
    const listed = await tc('DescribeRecordList', { Domain: 'example.net', Subdomain: '_acme-challenge.off' });
    assert.equal(listed.RecordList[0].Status, 'DISABLE');
    if (cts) assert.deepEqual(await cts.txt('_acme-challenge.off.example.net'), []);
    await tc('DeleteRecord', { Domain: 'example.net', RecordId: r.RecordId });
  });

  test('rate limit: RequestLimitExceeded per action and key', async () => {
    sb.setFaults({ 'tencent-dns': { rateLimit: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await tc('DescribeDomainList', {})).Error?.Code ?? 'ok');
    assert.deepEqual(codes, ['ok', 'ok', 'RequestLimitExceeded']);
    sb.setFaults({ 'tencent-dns': { rateLimit: true } });
    // The documented per-action rates: DescribeDomainList 20/s.
    // Sent together, so that all fall in one second however slow the machine.
    const many = await Promise.all(Array.from({ length: 21 }, () => tc('DescribeDomainList', {})));
    assert.equal(many.filter((r) => r.Error?.Code === 'RequestLimitExceeded').length, 1);
    // Another action has its own window.
    assert.equal((await tc('DescribeRecordList', { Domain: 'example.com' })).Error, undefined);
    sb.clearFaults();
  });
});

describe('Volcengine DNS (volcengine-dns)', () => {
  const meta = (r) => r.json.ResponseMetadata;
  const errOf = (r) => [r.status, meta(r).Error?.Code, meta(r).Error?.CodeN];
  let zid;

  test('ListZones finds the zone (GET, as documented, and POST, as the Go SDK sends it), on both hosts', async () => {
    const r = await volc('ListZones', { query: { Key: 'example.com', SearchMode: 'exact' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([meta(r).Action, meta(r).Version, meta(r).Service, meta(r).Region], ['ListZones', '2018-08-01', 'dns', 'cn-north-1']);
    assert.equal(r.json.Result.Total, 1);
    zid = r.json.Result.Zones[0].ZID;
    assert.ok(Number.isInteger(zid));
    assert.equal(r.json.Result.Zones[0].ZoneName, 'example.com');
    const like = await volc('ListZones', { query: { Key: 'example' } });
    assert.deepEqual(like.json.Result.Zones.map((z) => z.ZoneName), ['example.com', 'example.org', 'example.net']);
    const post = await volc('ListZones', { method: 'POST', body: { Key: 'example.org', SearchMode: 'exact' } });
    assert.deepEqual(post.json.Result.Zones.map((z) => z.ZoneName), ['example.org']);
    // open.volcengineapi.com: the DNS actions are answered by DNS, Certificate Center still by itself.
    const open = await volc('ListZones', { host: 'open.volcengineapi.com', query: { Key: 'example.net', SearchMode: 'exact' } });
    assert.equal(meta(open).Service, 'dns');
    assert.equal(open.json.Result.Zones[0].ZoneName, 'example.net');
    const cc = await call(signVolc({ account: cert, api: 'cert', query: { limit: 1 } }));
    assert.equal(cc.status, 200);
    assert.equal(cc.json.ResponseMetadata.Service, 'certificate_service');
    // "DNS" in upper case, as some clients sign it, is taken too.
    assert.equal((await volc('ListZones', { service: 'DNS' })).status, 200);
    assert.equal((await volc('ListZones', { query: { PageSize: 501 } })).json.ResponseMetadata.Error.Code, 'ErrPageSizeNotValid');
  });

  test('create a TXT record, list it, delete it; deleting again is ErrDBNotFound', needsChalltestsrv, async () => {
    const name = '_acme-challenge.www.example.com';
    const c1 = await volc('CreateRecord', { body: { ZID: zid, Host: '_acme-challenge.www', Type: 'TXT', Value: 'volc-one', TTL: 600, Line: 'default' } });
    assert.equal(c1.status, 200, c1.text);
    const id1 = c1.json.Result.RecordID;
    assert.equal(typeof id1, 'string');
    assert.match(id1, /^\d+$/);
    assert.equal(c1.json.Result.Enable, true);
    assert.equal(c1.json.Result.PQDN, name);
    const c2 = await volc('CreateRecord', { body: { ZID: zid, Host: '_acme-challenge.www', Type: 'TXT', Value: 'volc-two' } });
    const id2 = c2.json.Result.RecordID;
    assert.deepEqual(await cts.txt(name), ['volc-one', 'volc-two']);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: { ZID: zid, Host: '_acme-challenge.www', Type: 'TXT', Value: 'volc-one' } })), [409, 'ErrDBDuplicated', 400103]);

    const listed = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge.www', Type: 'TXT', SearchMode: 'exact', PageSize: 500 } });
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.Result.TotalCount, 2);
    assert.deepEqual(listed.json.Result.Records.map((r) => [r.RecordID, r.Host, r.Type, r.Value, r.Enable, r.Line, r.TTL]), [
      [id1, '_acme-challenge.www', 'TXT', 'volc-one', true, 'default', 600],
      [id2, '_acme-challenge.www', 'TXT', 'volc-two', true, 'default', 600],
    ]);
    // The default Host match is fuzzy: "_acme-challenge" finds "_acme-challenge.www" too; exact does not.
    const fuzzy = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge' } });
    assert.equal(fuzzy.json.Result.TotalCount, 2);
    const exact = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge', SearchMode: 'exact' } });
    assert.equal(exact.json.Result.TotalCount, 0);
    // POST with a JSON body, as volcengine-go-sdk sends it.
    const viaPost = await volc('ListRecords', { method: 'POST', body: { ZID: zid, Host: '_acme-challenge.www', SearchMode: 'exact' } });
    assert.equal(viaPost.json.Result.TotalCount, 2);

    const del = await volc('DeleteRecord', { body: { RecordID: id1 } });
    assert.equal(del.status, 200, del.text);
    assert.deepEqual(Object.keys(del.json), ['ResponseMetadata']);
    assert.deepEqual(await cts.txt(name), ['volc-two']);
    assert.deepEqual(errOf(await volc('DeleteRecord', { body: { RecordID: id1 } })), [400, 'ErrDBNotFound', 400104]);
    assert.equal((await volc('DeleteRecord', { body: { RecordID: id2 } })).status, 200);
    assert.deepEqual(await cts.txt(name), []);
    const gone = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge.www', SearchMode: 'exact' } });
    assert.deepEqual([gone.json.Result.TotalCount, gone.json.Result.Records], [0, []]);
  });

  test('unknown zone, bad parameters, wrong methods', async () => {
    assert.deepEqual(errOf(await volc('ListRecords', { query: { ZID: 999 } })), [400, 'ErrZoneNotFound', 400105]);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: { ZID: 999, Host: 'x', Type: 'TXT', Value: 'v' } })), [400, 'ErrZoneNotFound', 400105]);
    assert.deepEqual(errOf(await volc('ListRecords', { query: {} })), [400, 'ErrParamInvalid', 400102]);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: { ZID: zid, Host: '', Type: 'TXT', Value: 'v' } })), [400, 'ErrHostCanNotBeEmpty', 400130]);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: { ZID: zid, Host: 'a', Type: 'TEXT', Value: 'v' } })), [400, 'ErrParamInvalid', 400102]);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: { ZID: String(zid), Host: 'a', Type: 'TXT', Value: 'v' } })), [400, 'ErrParsingParams', 400100]);
    assert.deepEqual(errOf(await volc('CreateRecord', { body: '{not json' })), [400, 'ErrParsingParams', 400100]);
    assert.deepEqual(errOf(await volc('DeleteRecord', { body: { RecordID: 12 } })), [400, 'ErrParsingParams', 400100]);
    assert.deepEqual(errOf(await volc('CreateRecord', { method: 'GET', query: { ZID: zid } })), [404, 'InvalidActionOrVersion', 100008]);
    assert.deepEqual(errOf(await volc('ListZones', { version: '2022-06-01' })), [404, 'InvalidActionOrVersion', 100008]);
  });

  test('bad signatures and keys are refused with the gateway codes', async () => {
    assert.deepEqual(errOf(await volc('ListZones', { account: wrong(vdns) })), [401, 'SignatureDoesNotMatch', 100010]);
    assert.deepEqual(errOf(await volc('ListZones', { account: unknown(vdns) })), [401, 'InvalidAccessKey', 100009]);
    assert.deepEqual(errOf(await volc('ListZones', { date: new Date(Date.now() - 600_000) })), [400, 'InvalidTimestamp', 100006]);
    assert.deepEqual(errOf(await volc('ListZones', { account: { ...vdnsSts, sessionToken: undefined } })), [401, 'InvalidSecretToken', 100022]);
    assert.equal((await volc('ListZones', { account: vdnsSts })).status, 200);
    // Signed for Certificate Center's service: not an operation of that service.
    assert.deepEqual(errOf(await volc('ListZones', { service: 'certificate_service' })), [404, 'InvalidActionOrVersion', 100008]);
    const tampered = signVolcDns({ account: vdns, action: 'CreateRecord', body: { ZID: zid, Host: 't', Type: 'TXT', Value: 'a' } });
    tampered.body = JSON.stringify({ ZID: zid, Host: 't', Type: 'TXT', Value: 'b' });
    assert.deepEqual(errOf(await call(tampered)), [401, 'SignatureDoesNotMatch', 100010]);
  });

  test('never live: disabled (Enable false) or hidden, and not in DNS', async () => {
    sb.setFaults({ 'volcengine-dns': { dnsNeverLive: 'disabled' } });
    const a = await volc('CreateRecord', { body: { ZID: zid, Host: '_acme-challenge.nl', Type: 'TXT', Value: 'never' } });
    assert.equal(a.status, 200, a.text);
    const listed = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge.nl', SearchMode: 'exact' } });
    assert.deepEqual(listed.json.Result.Records.map((r) => [r.RecordID, r.Enable]), [[a.json.Result.RecordID, false]]);
    sb.setFaults({ 'volcengine-dns': { dnsNeverLive: 'hidden' } });
    const b = await volc('CreateRecord', { body: { ZID: zid, Host: '_acme-challenge.hid', Type: 'TXT', Value: 'never' } });
    assert.equal(b.status, 200);
    const none = await volc('ListRecords', { query: { ZID: zid, Host: '_acme-challenge.hid', SearchMode: 'exact' } });
    assert.equal(none.json.Result.TotalCount, 0);
    if (cts) {
      assert.deepEqual(await cts.txt('_acme-challenge.nl.example.com'), []);
      assert.deepEqual(await cts.txt('_acme-challenge.hid.example.com'), []);
    }
    sb.clearFaults();
    for (const r of [a, b]) assert.equal((await volc('DeleteRecord', { body: { RecordID: r.json.Result.RecordID } })).status, 200);
  });

  test('rate limit: 429 FlowLimitExceeded', async () => {
    sb.setFaults({ 'volcengine-dns': { rateLimit: true } });
    const answers = await Promise.all(Array.from({ length: 22 }, () => volc('ListZones')));
    const limited = answers.filter((r) => r.status === 429);
    assert.equal(limited.length, 2, 'ListZones: 20/s documented');
    assert.deepEqual(errOf(limited[0]), [429, 'FlowLimitExceeded', 100018]);
    sb.clearFaults();
  });
});

describe('pebble-challtestsrv', () => {
  test('one name held by both providers: deleting one record keeps the other value', needsChalltestsrv, async () => {
    const name = '_acme-challenge.shared.example.com';
    const t = await tc('CreateRecord', { Domain: 'example.com', SubDomain: '_acme-challenge.shared', RecordType: 'TXT', RecordLine: '默认', Value: '"quoted-tencent"' });
    const zones = await volc('ListZones', { query: { Key: 'example.com', SearchMode: 'exact' } });
    const v = await volc('CreateRecord', { body: { ZID: zones.json.Result.Zones[0].ZID, Host: '_acme-challenge.shared', Type: 'TXT', Value: 'volc-shared' } });
    assert.equal(v.status, 200, v.text);
    // One pair of surrounding quotes is the TXT string's, not part of it.
    assert.deepEqual(await cts.txt(name), ['quoted-tencent', 'volc-shared']);
    await tc('DeleteRecord', { Domain: 'example.com', RecordId: t.RecordId });
    assert.deepEqual(await cts.txt(name), ['volc-shared']);
    assert.equal((await volc('DeleteRecord', { body: { RecordID: v.json.Result.RecordID } })).status, 200);
    assert.deepEqual(await cts.txt(name), []);
    const st = sb.state();
    assert.equal(st.challtestsrv.url, cts.url);
    assert.ok(st.challtestsrv.writes.setTxt >= 2 && st.challtestsrv.writes.clearTxt >= 2, JSON.stringify(st.challtestsrv));
  });

  test('reset clears what was written', needsChalltestsrv, async () => {
    await tc('CreateRecord', { Domain: 'example.org', SubDomain: '_acme-challenge.reset', RecordType: 'TXT', RecordLine: '默认', Value: 'before-reset' });
    assert.deepEqual(await cts.txt('_acme-challenge.reset.example.org'), ['before-reset']);
    sb.reset();
    for (let i = 0; i < 40 && (await cts.txt('_acme-challenge.reset.example.org')).length; i++) await sleep(25);
    assert.deepEqual(await cts.txt('_acme-challenge.reset.example.org'), []);
  });

  test('a pebble-challtestsrv that does not answer is an InternalError, and nothing is stored', async () => {
    const dead = await freePort(); // nothing listens there
    const other = await startSandbox({ port: 0, certs: 1, challtestsrv: `http://127.0.0.1:${dead}` });
    try {
      const r = await send(other.url, signDnspod({ account: tdns, action: 'CreateRecord', body: { Domain: 'example.com', SubDomain: '_acme-challenge', RecordType: 'TXT', RecordLine: '默认', Value: 'x' } }));
      assert.equal(r.status, 200);
      assert.equal(r.json.Response.Error.Code, 'InternalError');
      const list = await send(other.url, signDnspod({ account: tdns, action: 'DescribeRecordList', body: { Domain: 'example.com', Subdomain: '_acme-challenge' } }));
      assert.equal(list.json.Response.Error.Code, 'ResourceNotFound.NoDataOfRecord');
      const zones = await send(other.url, signVolcDns({ account: vdns, action: 'ListZones', query: { Key: 'example.com', SearchMode: 'exact' } }));
      const v = await send(other.url, signVolcDns({ account: vdns, action: 'CreateRecord', body: { ZID: zones.json.Result.Zones[0].ZID, Host: '_acme-challenge', Type: 'TXT', Value: 'x' } }));
      assert.deepEqual([v.status, v.json.ResponseMetadata.Error.Code, v.json.ResponseMetadata.Error.CodeN], [500, 'ErrInternalServer', 500100]);
      // A record that is not live (the fault) is not written, so it is created.
      other.setFaults({ 'tencent-dns': { dnsNeverLive: true } });
      const off = await send(other.url, signDnspod({ account: tdns, action: 'CreateRecord', body: { Domain: 'example.com', SubDomain: '_acme-challenge', RecordType: 'TXT', RecordLine: '默认', Value: 'x' } }));
      assert.ok(off.json.Response.RecordId, off.text);
      // The server is still up.
      assert.equal((await send(other.url, signDnspod({ account: tdns, action: 'DescribeDomainList', body: {} }))).status, 200);
    } finally {
      await other.close();
    }
  });
});
