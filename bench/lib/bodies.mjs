// Response bodies of N certificates, built from the sandbox's own data module
// (`certificatesFor` returns exactly the list items the sandbox answers, in API order), each in
// its API's envelope as the sandbox sends it: one body holding what would otherwise be N / page
// size pages concatenated. Two shapes of record:
//
//   thin  the sandbox's list items as they are (every documented field, but many of them null,
//         short names and SAN lists; Certificate Center's chains are placeholders that decode
//         as no certificate)
//   full  every field of each seed document's sample record (../shared/seeds/) filled as a real
//         account fills it: Tencent's ~45 fields with their nested objects (PreAuditInfo, Tags,
//         hosting and validation fields), Certificate Center records carrying a real
//         two-certificate chain (tests/fixtures/volcengine-cert.real-chain.json) whose leaf the
//         record's names, dates, serial and fingerprints describe, plus `log`, `ssl.san`,
//         `certificate_detail` and the seed's `upstream_extension` (order id, DNS records); and
//         long strings everywhere a console meets them: names with remarks, multi-domain SAN
//         lists of 10 to 50 names on a third of the records.

import { constants as bufferConstants } from 'node:buffer';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KEYS } from '../../sandbox/accounts.mjs';
import { certificatesFor, defaultAnchorMs, fmtBeijing, rngFor } from '../../sandbox/data.mjs';

export const PROVIDERS = ['tencent-ssl', 'tencent-legacy', 'volcengine-live', 'volcengine-cert', 'qiniu'];
export const SHAPES = ['thin', 'full'];
const FAMILY = { 'tencent-ssl': 'tencent', 'tencent-legacy': 'tencent', 'volcengine-live': 'volcengine', 'volcengine-cert': 'volcengine', qiniu: 'qiniu' };
const DAY = 86_400_000;

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

/** The longest string this engine holds (V8: 2^29 − 24 UTF-16 units on 64-bit). */
export const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/**
 * `{body, count, bytes, listed, fitted}`: one response body of `count` certificates of `provider`,
 * in `shape` (thin or full). With `fit`, a body whose text would be longer than one JavaScript
 * string can be keeps the longest prefix of the account's list that fits (`fitted`: true; `listed`:
 * how many the account listed): the largest count that fits in one string (or in `maxLength`).
 */
export function buildBody(provider, count, { anchorMs = defaultAnchorMs(), nowMs = Date.now(), shape = 'thin', fit = false, maxLength = MAX_STRING_LENGTH } = {}) {
  if (!SHAPES.includes(shape)) throw new Error(`unknown body shape ${shape}`);
  const listed = certificatesFor(provider, mainKey(provider).accessKeyId, count, { anchorMs, nowMs });
  let items = shape === 'thin' ? listed.map((c) => c.vendor) : listed.map((c) => FULL[provider](c.vendor, c.base, nowMs));
  const total = items.length;
  let fitted = false;
  if (fit) {
    // The text of n records: the envelope (naming the count n) with an empty list, plus each
    // record and n − 1 commas.
    const envelope = (n) => JSON.stringify(envelopeOf(provider, [], n)).length;
    let records = 0;
    let n = 0;
    while (n < items.length) {
      const more = records + JSON.stringify(items[n]).length + (n ? 1 : 0);
      if (envelope(n + 1) + more > maxLength) break;
      records = more;
      n += 1;
    }
    if (n < items.length) {
      items = items.slice(0, n);
      fitted = true;
    }
  }
  const body = JSON.stringify(envelopeOf(provider, items, items.length));
  return { body, count: items.length, bytes: Buffer.byteLength(body), listed: total, fitted };
}

/** The list's API envelope around `items`, as the sandbox sends it. */
function envelopeOf(provider, items, count) {
  let doc;
  switch (provider) {
    case 'tencent-ssl':
      doc = { Response: { TotalCount: count, Certificates: items, RequestId: 'bench-0000-0000' } };
      break;
    case 'tencent-legacy':
      doc = { code: 0, message: '', codeDesc: 'Success', data: { totalNum: count, list: items } };
      break;
    case 'volcengine-live':
      doc = { ResponseMetadata: volcMeta(provider), Result: { CertList: items } };
      break;
    case 'volcengine-cert':
      doc = { ResponseMetadata: volcMeta(provider), Result: { count, content: items } };
      break;
    case 'qiniu':
      doc = { marker: '', certs: items };
      break;
    default:
      throw new Error(`unknown provider ${provider}`);
  }
  return doc;
}

// ------------------------------------------------------------------ the full shape

const REMARKS = ['生产环境', '预发环境', '海外站点', '运维组维护', '到期前 30 天自动续费', '多域名合并证书', 'CDN 与负载均衡共用'];
const WORDS = ['static-assets', 'api-gateway', 'user-center', 'payment-callback', 'live-push', 'image-resize', 'open-platform', 'admin-console'];

/** The record's stream of choices: same record, same full shape. */
const rngOf = (provider, rec) => rngFor('bench-full', provider, rec.index);
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** A long name: the vendor's name with the remarks a team puts in it (half of the records). */
function longName(r, name, rec) {
  if (r() < 0.5) return name;
  return `${name || rec.commonName}（${pick(r, REMARKS)}，${pick(r, REMARKS)}，工单 OPS-${2020 + Math.floor(r() * 6)}-${String(rec.index).padStart(5, '0')}）`;
}

/** SANs: a third of the records are multi-domain certificates of 10 to 50 long names. */
function longSans(r, sans) {
  if (r() >= 1 / 3) return sans;
  const zone = sans[0].replace(/^\*\./, '');
  const out = sans.slice();
  const n = 10 + Math.floor(r() * 41);
  for (let k = out.length; k < n; k++) out.push(`${pick(r, WORDS)}-${k}.${pick(r, ['cn-north', 'cn-east', 'ap-southeast', 'eu-west'])}.${zone}`);
  return out;
}

function tencentFull(v, rec, nowMs) {
  const r = rngOf('tencent-ssl', rec);
  const sans = longSans(r, v.SubjectAltName);
  const hasCert = v.CertEndTime !== null;
  const time = (ms) => fmtBeijing(ms ?? rec.createdMs);
  return {
    ...v,
    Alias: longName(r, v.Alias, rec),
    SubjectAltName: sans,
    CertSANs: hasCert ? sans.slice() : v.CertSANs,
    StatusMsg: v.StatusMsg ?? (hasCert ? 'CERT_ISSUED' : 'PRE-REVIEWING'),
    CertificateExtra: {
      ...v.CertificateExtra,
      DomainNumber: String(sans.length),
      OriginCertificateId: v.CertificateExtra.OriginCertificateId ?? v.CertificateId,
      RenewOrder: v.CertificateExtra.RenewOrder ?? '',
    },
    Tags: v.Tags ?? [{ TagKey: 'env', TagValue: pick(r, ['prod', 'staging', '测试']) }, { TagKey: 'owner', TagValue: `ops-${rec.index % 17}` }],
    PreAuditInfo: { TotalPeriod: 1, NowPeriod: 1, ManagerId: `${10000 + (rec.index % 9000)}` },
    HostingStatus: r() < 0.3 ? 1 : 0,
    HostingCompleteTime: time(rec.notBeforeMs),
    HostingRenewCertId: v.HasRenewOrder ?? '',
    HasRenewOrder: v.HasRenewOrder ?? '',
    ReplaceOriCertIsDelete: false,
    DVAuthDeadline: v.DVAuthDeadline ?? time(rec.createdMs + 7 * DAY),
    ValidationPassedTime: v.ValidationPassedTime ?? time(rec.notBeforeMs),
    AwaitingValidationMsg: hasCert ? '' : '请尽快添加 DNS 验证记录，验证通过后证书将在 1 个工作日内签发',
    CAEncryptAlgorithms: v.CAEncryptAlgorithms ?? [v.EncryptAlgorithm],
    CAEndTimes: v.CAEndTimes ?? [],
    CACommonNames: v.CACommonNames ?? [],
    SupportDownloadType: v.SupportDownloadType ?? { NGINX: false, APACHE: false, TOMCAT: false, IIS: false, JKS: false, OTHER: false, ROOT: false },
  };
}

function legacyFull(v, rec) {
  const r = rngOf('tencent-legacy', rec);
  return {
    ...v,
    alias: longName(r, v.alias, rec),
    subjectAltName: longSans(r, v.subjectAltName),
    statusMsg: v.statusMsg ?? (v.certEndTime ? 'CERT_ISSUED' : 'PRE-REVIEWING'),
  };
}

function liveFull(v, rec) {
  const r = rngOf('volcengine-live', rec);
  return { ...v, CertName: longName(r, v.CertName, rec), CertDomainList: longSans(r, v.CertDomainList) };
}

function qiniuFull(v, rec) {
  const r = rngOf('qiniu', rec);
  return { ...v, name: longName(r, v.name, rec), dnsnames: longSans(r, v.dnsnames) };
}

/** The real chain of tests/fixtures and what its leaf says, read once. */
let realChain;
function chain() {
  if (realChain) return realChain;
  const fixture = JSON.parse(readFileSync(new URL('../../tests/fixtures/volcengine-cert.real-chain.json', import.meta.url), 'utf8'));
  const pems = fixture.Result.content[0].ssl.certificate.chain;
  if (pems.length !== 2) throw new Error(`the fixture's chain has ${pems.length} certificates, not 2`);
  const [leaf, ca] = pems.map((p) => new X509Certificate(p));
  const cn = (name) => /(?:^|\n)CN=([^\n]*)/.exec(name)?.[1];
  const o = (name) => /(?:^|\n)O=([^\n]*)/.exec(name)?.[1] ?? '';
  const hex = (s) => s.replaceAll(':', '').toUpperCase();
  realChain = {
    pems,
    commonName: cn(leaf.subject),
    sans: (leaf.subjectAltName ?? '').split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)),
    issuer: cn(leaf.issuer),
    issuerOrganization: o(leaf.issuer),
    notBeforeMs: Date.parse(leaf.validFrom),
    notAfterMs: Date.parse(leaf.validTo),
    // As the vendor writes it: 20 bytes, zero-padded (the seed's 000000000AC959EE...).
    serial: leaf.serialNumber.padStart(40, '0'),
    sha1: hex(leaf.fingerprint),
    sha256: hex(leaf.fingerprint256),
    keyBits: leaf.publicKey.asymmetricKeyDetails.modulusLength,
    caNotAfterMs: Date.parse(ca.validTo),
  };
  return realChain;
}

function certCenterFull(v, rec) {
  const r = rngOf('volcengine-cert', rec);
  const c = chain();
  const hasCert = v.certificate_exist === 1;
  const bj = fmtBeijing;
  const domains = hasCert ? c.sans : v.ssl.san;
  const out = {
    ...v,
    tag: longName(r, v.tag, rec),
    deploy_info: v.deploy_info ?? [],
    order_organization: v.order_organization ?? {
      department: '', name: '', postal_code: '', address: '', city: '', province: '', country: '', email: '', phone: '',
      bank_account_license_no: '', business_license_no: '',
      contact: { first_name: '', last_name: '', email: '', phone: '', title: '', id_card_no: '' },
      upstream_extension: null,
    },
    upstream_extension: {
      plan: v.upstream_extension?.plan ?? '',
      sub_order_id: `Suborder${String(717458362305575000 + rec.index)}`,
      income_confirmed: hasCert,
      dns: Object.entries(v.ssl.order_validations).map(([d, val], i) => ({
        RecordID: String(30012274 + rec.index * 7 + i),
        ZoneName: d.replace(/^\*\./, '').split('.').slice(-2).join('.'),
        Line: 'default',
        Host: val.key[0].replace(/\.[^.]+\.[^.]+$/, ''),
        Type: 'TXT',
        Value: val.value,
      })),
      is_completed: hasCert,
    },
    log: [...v.log, { time: bj(rec.createdMs + 600_000), title: '验证中', content: '已提交证书申请，等待域名所有权验证（DNS TXT 记录）。' }],
  };
  if (!hasCert) return out;
  // The record describes the certificate it carries: its names, dates, serial and fingerprints.
  return {
    ...out,
    common_name: c.commonName,
    applicable_domains: `,${domains.join(',')},`,
    order_san_number: domains.length > 1 ? domains.length : 0,
    issuer: c.issuer,
    ssl: {
      ...v.ssl,
      order_san_number: domains.length > 1 ? domains.length : 0,
      san: domains.slice(),
      certificate: { ...v.ssl.certificate, key_type: 'rsa', chain: c.pems.slice() },
    },
    certificate_not_before: bj(c.notBeforeMs),
    certificate_not_after: bj(c.notAfterMs),
    certificate_not_before_ms: c.notBeforeMs,
    certificate_not_after_ms: c.notAfterMs,
    order_progress_time: bj(c.notBeforeMs),
    certificate_detail: {
      subject: { ...v.certificate_detail.subject, common_name: c.commonName, san: domains.slice() },
      issuer: { ...v.certificate_detail.issuer, common_name: c.issuer, organization: c.issuerOrganization },
      serial_number: c.serial,
      not_before: bj(c.notBeforeMs),
      not_after: bj(c.notAfterMs),
      encryption_algorithm: `RSA ${c.keyBits}`,
      signature_algorithm: 'SHA256-RSA',
      fingerprint_sha_1: c.sha1,
      fingerprint_sha_256: c.sha256,
    },
  };
}

const FULL = {
  'tencent-ssl': tencentFull,
  'tencent-legacy': legacyFull,
  'volcengine-live': liveFull,
  'volcengine-cert': certCenterFull,
  qiniu: qiniuFull,
};
