// Qiniu `/sslcert` (api.qiniu.com, fusion.qiniuapi.com): upload (POST JSON), delete, get, list
// with marker/limit. QBox management token (the newer "Qiniu" token is accepted too).
// Errors: {"error": "..."} (401 bad token) or {"code": <6 digits>, "error": "..."} with the HTTP
// status of the code's first three digits (400401 -> 400, 404906 -> 404).

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { verifyQiniu } from '../auth.mjs';
import { FAMILY, KEYS } from '../accounts.mjs';
import {
  QINIU_UPLOAD_BASE, SECOND, datasetFor, parseQiniuId, qiniuGetItem, qiniuId, qiniuListItem,
} from '../data.mjs';
import { json, qiniuReqId, writeStore } from './common.mjs';

const PROVIDER = 'qiniu';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_UPLOADS = 10_000;

function reply(status, obj) {
  return json(status, obj, { 'X-Reqid': qiniuReqId(), 'X-Log': 'SSLCERT' });
}
export const qiniuError = (status, error) => reply(status, { error });
const codeError = (code, error) => reply(Math.floor(code / 1000), { code, error });
export function qiniuInternalError(status) {
  return qiniuError(status, status === 503 ? 'service unavailable' : status === 504 ? 'gateway timeout' : 'internal server error');
}


/** Ordinal position of a cert id in the account's list, or -1. */
function ordinalOf(ds, id) {
  const p = parseQiniuId(id);
  if (!p || p.tag !== ds.qiniuTag) return -1;
  return p.counter;
}

/** Iterate the list from ordinal `from` (inclusive): generated [0,count) then uploads. */
function* walk(ds, store, count, from) {
  for (let i = Math.max(0, from); i < count; i++) {
    if (!store.deleted.has(i)) yield { ord: i, item: qiniuListItem(ds, ds.record(i, count)) };
  }
  const startSeq = Math.max(0, from - QINIU_UPLOAD_BASE);
  for (let s = startSeq; s < store.uploads.length; s++) {
    const u = store.uploads[s];
    if (u) yield { ord: QINIU_UPLOAD_BASE + s, item: listShape(u) };
  }
}

const listShape = (u) => ({
  certid: u.certid, name: u.name, common_name: u.common_name, dnsnames: u.dnsnames,
  not_before: u.not_before, not_after: u.not_after, create_time: u.create_time,
});

/** Find a certificate: {gen: index} | {upload: record} | {foreign: true} | null. */
function find(ds, store, count, id) {
  const p = parseQiniuId(id);
  if (!p) return null;
  if (p.tag !== ds.qiniuTag) {
    // Another sandbox account's certificate?
    const others = KEYS.qiniu.map((k) => datasetFor('qiniu', k.dataSeed, ds.anchorMs));
    return others.some((o) => o.qiniuTag === p.tag) ? { foreign: true } : null;
  }
  if (p.counter < QINIU_UPLOAD_BASE) {
    const i = p.counter;
    if (i >= count || store.deleted.has(i)) return null;
    const rec = ds.record(i, count);
    return qiniuId(ds, i, rec.createdMs) === id ? { gen: i, rec } : null;
  }
  const u = store.uploads[p.counter - QINIU_UPLOAD_BASE];
  return u && u.certid === id ? { upload: u } : null;
}

export function handleQiniu(ctx, env) {
  const m = /^\/sslcert(?:\/([^/?]+))?\/?$/.exec(ctx.path);
  if (!m) return qiniuError(404, 'no such api');
  const certId = m[1] ? decodeURIComponent(m[1]) : null;
  const route =
    ctx.method === 'GET' && !certId ? 'list'
      : ctx.method === 'POST' && !certId ? 'upload'
        : ctx.method === 'GET' ? 'get'
          : ctx.method === 'DELETE' ? 'delete' : null;
  if (!route) return qiniuError(405, 'method not allowed');

  const auth = verifyQiniu(ctx, { provider: PROVIDER, nowMs: env.now(), windowSec: env.windowSec(PROVIDER) });
  if (!auth.ok) return qiniuError(401, auth.message);
  env.setAccount(auth.accessKeyId);
  const limited = env.throttle(PROVIDER, auth.accessKeyId);
  // Documented: business code 403024, single-user QPS exceeded, with HTTP 403
  // (https://developer.qiniu.com/fusion/13361/fusion-api-error-codes).
  if (limited) return codeError(403024, '单用户QPS超限');

  const ds = datasetFor(FAMILY[PROVIDER], auth.key.dataSeed, env.anchorMs);
  const store = writeStore(env.qiniuStores, auth.key.dataSeed);
  const count = env.count();

  if (route === 'list') {
    const marker = ctx.query.get('marker') || '';
    const limitRaw = ctx.query.get('limit');
    let limit = DEFAULT_LIMIT;
    if (limitRaw !== null && limitRaw !== '') {
      if (!/^\d{1,9}$/.test(limitRaw)) return codeError(400000, 'invalid limit');
      limit = Number(limitRaw) === 0 ? DEFAULT_LIMIT : Math.min(Number(limitRaw), MAX_LIMIT);
    }
    let from = 0;
    if (marker) {
      const ord = ordinalOf(ds, marker);
      if (ord < 0) return codeError(400000, 'invalid marker');
      from = ord + 1;
    }
    const certs = [];
    let last = null;
    let more = false;
    for (const { ord, item } of walk(ds, store, count, from)) {
      if (certs.length === limit) {
        more = true;
        break;
      }
      certs.push(item);
      last = { ord, id: item.certid };
    }
    return reply(200, { marker: more ? last.id : '', certs });
  }

  if (route === 'get' || route === 'delete') {
    const found = find(ds, store, count, certId);
    if (!found) return codeError(400401, 'no such certificate');
    if (found.foreign) return codeError(404908, 'no permission to operate on this certificate');
    if (route === 'get') {
      if (found.upload) {
        const u = found.upload;
        return reply(200, {
          name: u.name, common_name: u.common_name, dnsnames: u.dnsnames, not_before: u.not_before,
          not_after: u.not_after, pri: u.pri, ca: u.ca, create_time: u.create_time,
        });
      }
      return reply(200, qiniuGetItem(ds, found.rec));
    }
    if (found.upload) store.uploads[found.upload.seq] = null;
    else store.deleted.add(found.gen);
    return reply(200, {});
  }

  // upload
  let body;
  try {
    body = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    return codeError(400000, 'invalid request body: not JSON');
  }
  if (typeof body !== 'object' || body === null) return codeError(400000, 'invalid request body');
  for (const f of ['name', 'common_name', 'pri', 'ca']) {
    if (typeof body[f] !== 'string' || body[f] === '') return codeError(400000, `${f} is required`);
  }
  if (store.uploads.length >= MAX_UPLOADS) return codeError(400500, 'exceeds the maximum number of certificates');
  let cert;
  try {
    cert = new X509Certificate(body.ca);
    createPrivateKey(body.pri);
  } catch {
    return codeError(404906, 'failed to decode the https certificate');
  }
  const notBefore = Math.floor(Date.parse(cert.validFrom) / SECOND);
  const notAfter = Math.floor(Date.parse(cert.validTo) / SECOND);
  const nowSec = Math.floor(env.now() / SECOND);
  if (notAfter < nowSec) return codeError(400329, 'the https certificate has expired');
  if (notAfter - Math.max(notBefore, nowSec) < 86400) return codeError(400322, 'the https certificate validity is too short');
  const dnsnames = (cert.subjectAltName || '')
    .split(/,\s*/)
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4));
  const seq = store.uploads.length;
  const certid = `${nowSec.toString(16).padStart(8, '0').slice(-8)}${ds.qiniuTag}${(QINIU_UPLOAD_BASE + seq).toString(16).padStart(6, '0')}`;
  store.uploads.push({
    seq, certid, name: body.name, common_name: body.common_name,
    dnsnames: dnsnames.length ? dnsnames : [body.common_name],
    not_before: notBefore, not_after: notAfter, pri: body.pri, ca: body.ca, create_time: nowSec,
  });
  return reply(200, { certID: certid });
}
