// Volcengine DNS (云解析 DNS, `volcengine-dns`): ListZones, CreateRecord, ListRecords, DeleteRecord,
// version 2018-08-01, on dns.volcengineapi.com (the host since 2025-06-23) and open.volcengineapi.com
// (where the server routes the DNS actions here, beside Certificate Center). Signature: Volcengine
// HMAC-SHA256 with service "dns" (the official SDKs' spelling; "DNS" is taken too), any region.
// ListZones and ListRecords: GET with a query, as documented (https://volcengine.com/docs/6758/155100,
// /155109), or POST with a JSON body, as volcengine-go-sdk sends them; CreateRecord and DeleteRecord:
// POST with a JSON body (/155104, /155105). Answers {"ResponseMetadata": {..., "Service": "dns"},
// "Result": {...}} (DeleteRecord: no Result, as its example shows); errors in ResponseMetadata.Error
// with the DNS error table's Code, CodeN and HTTP status (https://volcengine.com/docs/6758/155089).
// sandbox/dns-apis.md cites every field and marks the guesses.

import { verifyVolc } from '../auth.mjs';
import { intParam, json } from './common.mjs';
import {
  dnsStore, fqdnOf, isHostPart, newRecord, publishCreated, publishDeleted,
} from './dns.mjs';
import { VOLC_AUTH_ERRORS, volcError, volcMeta } from './volcengine.mjs';

export const DNS_API = Object.freeze({
  provider: 'volcengine-dns', host: 'dns.volcengineapi.com', service: 'dns', action: 'ListZones', version: '2018-08-01', method: 'GET',
});
const PROVIDER = DNS_API.provider;
const VERSION = DNS_API.version;

/** The DNS actions the sandbox serves and their methods. */
export const VOLC_DNS_ACTIONS = Object.freeze({
  ListZones: ['GET', 'POST'],
  ListRecords: ['GET', 'POST'],
  CreateRecord: ['POST'],
  DeleteRecord: ['POST'],
});
/** Further DNS action names (2018-08-01): routed here from open.volcengineapi.com, answered as not served. */
export const VOLC_DNS_OTHER_ACTIONS = Object.freeze([
  'CreateZone', 'DeleteZone', 'UpdateZone', 'QueryZone', 'CheckZone', 'RetrieveZone', 'CheckRetrieveZone', 'UpdateRecord',
  'UpdateRecordStatus', 'QueryRecord', 'ListRecordSets', 'UpdateRecordSet', 'ListLines', 'ListCustomLines',
]);

/** The DNS error table (公共错误码): code -> [CodeN, HTTP status]. */
export const DNS_ERRORS = Object.freeze({
  ErrInternalServer: [500100, 500],
  ErrParsingParams: [400100, 400],
  ErrParamInvalid: [400102, 400],
  ErrDBDuplicated: [400103, 409],
  ErrDBNotFound: [400104, 400],
  ErrZoneNotFound: [400105, 400],
  ErrHostCanNotBeEmpty: [400130, 400],
  ErrPageSizeNotValid: [400132, 400],
  ErrSpecNotValid: [400135, 400],
});

const RECORD_TYPES = new Set(['A', 'AAAA', 'CNAME', 'NS', 'MX', 'SRV', 'TXT', 'CAA']);
const MAX_PAGE_SIZE = 500;
const MAX_VALUE = 4096; // a guess: no length is documented
const MAX_TTL = 604800; // a guess: "参见 功能版本规格 了解 TTL 的限制"

const HEADERS = (m) => ({ 'X-Tt-Logid': m.RequestId });
const CT = 'application/json; charset=utf-8';

function dnsError(ctx, env, code, message, region) {
  const [codeN, status] = DNS_ERRORS[code];
  const m = volcMeta(DNS_API, ctx, env, region);
  return json(status, { ResponseMetadata: { ...m, Error: { Code: code, CodeN: codeN, Message: message } } }, HEADERS(m), CT);
}
function okResult(ctx, env, region, result) {
  const m = volcMeta(DNS_API, ctx, env, region);
  return json(200, result === undefined ? { ResponseMetadata: m } : { ResponseMetadata: m, Result: result }, HEADERS(m), CT);
}

/** Body of a 5xx fault. */
export function volcDnsInternalError(ctx, env, status) {
  const r = dnsError(ctx, env, 'ErrInternalServer', 'server internal error');
  return { ...r, status };
}

/** Whether a request to open.volcengineapi.com is for DNS: a DNS action name, or "dns" as the signed service. */
export function isVolcDnsRequest(url, headers) {
  let action = null;
  try {
    action = new URL(url, 'http://sandbox.invalid').searchParams.get('Action');
  } catch {
    return false;
  }
  if (action && (Object.hasOwn(VOLC_DNS_ACTIONS, action) || VOLC_DNS_OTHER_ACTIONS.includes(action))) return true;
  const m = /Credential=[^/\s,]+\/\d{8}\/[^/\s,]+\/([^/\s,]+)\/request/.exec(String(headers.authorization ?? ''));
  return !!m && m[1].toLowerCase() === 'dns';
}

export async function handleVolcDns(ctx, env) {
  const action = ctx.query.get('Action');
  const version = ctx.query.get('Version');
  if (!action) return volcError(DNS_API, ctx, env, 'MissingParameter', 'The request is missing Action parameter.');
  if (!version) return volcError(DNS_API, ctx, env, 'MissingParameter', 'The request is missing Version parameter.');
  const methods = VOLC_DNS_ACTIONS[action];
  if (!methods || version !== VERSION || !methods.includes(ctx.method)) {
    return volcError(DNS_API, ctx, env, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}.`);
  }
  const auth = verifyVolc(ctx, { provider: PROVIDER, nowMs: env.now(), windowSec: env.windowSec(PROVIDER) });
  if (!auth.ok) return volcError(DNS_API, ctx, env, VOLC_AUTH_ERRORS[auth.kind] || 'SignatureDoesNotMatch', auth.message, auth.region);
  env.setAccount(auth.accessKeyId);
  if (auth.service.toLowerCase() !== DNS_API.service) {
    return volcError(DNS_API, ctx, env, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}.`, auth.region);
  }
  const limited = env.throttle(PROVIDER, auth.accessKeyId, action);
  if (limited) {
    return volcError(DNS_API, ctx, env, 'FlowLimitExceeded', `Too Many Requests: the flow limit (${limited.limit} requests per second) is exceeded.`, auth.region);
  }
  const region = auth.region;
  // Parameters: the query (GET), or the JSON body (POST).
  let params;
  let fromQuery = false;
  if (ctx.method === 'GET') {
    params = {};
    for (const [k, v] of ctx.query) if (k !== 'Action' && k !== 'Version' && !Object.hasOwn(params, k)) params[k] = v;
    fromQuery = true;
  } else {
    const text = ctx.body.toString('utf8').trim();
    try {
      params = text === '' ? {} : JSON.parse(text);
    } catch {
      return dnsError(ctx, env, 'ErrParsingParams', 'parsing params error', region);
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return dnsError(ctx, env, 'ErrParsingParams', 'parsing params error', region);
  }
  const store = dnsStore(env.dnsStores, PROVIDER, auth.key.dataSeed, env.now(), env.dnsIds);
  const c = { ctx, env, store, region, fromQuery };
  switch (action) {
    case 'ListZones':
      return listZones(c, params);
    case 'ListRecords':
      return listRecords(c, params);
    case 'CreateRecord':
      return createRecord(c, params);
    default:
      return deleteRecord(c, params);
  }
}

/** A string parameter: `{value}`, `{absent}` or `{bad}`. */
function strParam(v) {
  if (v === undefined || v === null) return { absent: true };
  return typeof v === 'string' ? { value: v } : { bad: true };
}

/** PageNumber / PageSize: `{number, size}` or an error answer. */
function paging(c, p, defaultSize) {
  const num = intParam(p.PageNumber, { fromQuery: c.fromQuery });
  const size = intParam(p.PageSize, { fromQuery: c.fromQuery });
  if (num.bad || size.bad) return { error: dnsError(c.ctx, c.env, 'ErrParsingParams', 'parsing params error', c.region) };
  const number = num.value ?? 1;
  const pageSize = size.value ?? defaultSize;
  if (number < 1) return { error: dnsError(c.ctx, c.env, 'ErrParamInvalid', 'validation fail: PageNumber must be at least 1', c.region) };
  if (pageSize < 1) return { error: dnsError(c.ctx, c.env, 'ErrParamInvalid', 'validation fail: PageSize must be at least 1', c.region) };
  if (pageSize > MAX_PAGE_SIZE) return { error: dnsError(c.ctx, c.env, 'ErrPageSizeNotValid', 'page size must be less than 500 when search', c.region) };
  return { number, size: pageSize };
}

/** `like` (default) or `exact`, either case. */
function searchMode(c, p) {
  const s = strParam(p.SearchMode);
  if (s.bad) return { error: dnsError(c.ctx, c.env, 'ErrParsingParams', 'parsing params error', c.region) };
  const mode = (s.value ?? 'like').toLowerCase() || 'like';
  if (mode !== 'like' && mode !== 'exact') return { error: dnsError(c.ctx, c.env, 'ErrParamInvalid', `validation fail: SearchMode ${s.value} is not like or exact`, c.region) };
  return { mode };
}

/** Volcengine's time format in these answers: RFC 3339 with +08:00. */
function beijingIso(ms) {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function zoneItem(zone) {
  return {
    ZID: zone.id, ZoneName: zone.name, RecordCount: zone.records.filter((r) => r.shown !== 'hidden').length, Remark: '',
    TradeCode: 'free_inner', ProjectName: 'default', IsSubDomain: false, Stage: 0, CacheStage: 0, ConfigurationCode: null,
    DnsSecurity: 'dns_security_standard_inner', ExpiredTime: 0, InstanceID: null, LastOperator: '2100000001', Tags: [],
    CreatedAt: beijingIso(zone.createdMs), UpdatedAt: beijingIso(zone.updatedMs),
  };
}

function listZones(c, p) {
  const pg = paging(c, p, 10);
  if (pg.error) return pg.error;
  const sm = searchMode(c, p);
  if (sm.error) return sm.error;
  const key = strParam(p.Key);
  if (key.bad) return dnsError(c.ctx, c.env, 'ErrParsingParams', 'parsing params error', c.region);
  const k = key.value ? key.value.trim().toLowerCase().replace(/\.$/, '') : '';
  const zones = c.store.zones.filter((z) => !k || (sm.mode === 'exact' ? z.name === k : z.name.includes(k)));
  const start = (pg.number - 1) * pg.size;
  return okResult(c.ctx, c.env, c.region, { Total: zones.length, Zones: zones.slice(start, start + pg.size).map(zoneItem) });
}

/** The zone of a `ZID` parameter: `{zone}` or `{error}`. */
function zoneOf(c, p) {
  const zid = intParam(p.ZID, { fromQuery: c.fromQuery });
  if (zid.absent) return { error: dnsError(c.ctx, c.env, 'ErrParamInvalid', 'validation fail: ZID is required', c.region) };
  if (zid.bad) return { error: dnsError(c.ctx, c.env, 'ErrParsingParams', 'parsing params error', c.region) };
  const zone = c.store.zoneById(zid.value);
  return zone ? { zone } : { error: dnsError(c.ctx, c.env, 'ErrZoneNotFound', 'zone not found', c.region) };
}

function recordSetId(record, zone) {
  return Buffer.from(`${zone.id}|${record.host === '@' ? '@.' : ''}${fqdnOf(record, zone)}.|${record.type}|${record.line}`).toString('base64');
}

function recordItem(record, zone) {
  const pqdn = fqdnOf(record, zone);
  return {
    RecordID: String(record.id), Host: record.host, Type: record.type, Value: record.value, TTL: record.ttl, Line: record.line,
    Enable: record.enabled && record.shown === 'listed', Weight: record.weight ?? 1, Remark: record.remark, PQDN: pqdn, FQDN: pqdn,
    RecordSetID: recordSetId(record, zone), CreatedAt: beijingIso(record.createdMs), UpdatedAt: beijingIso(record.updatedMs),
    Operators: [], Tags: [],
  };
}

function listRecords(c, p) {
  const z = zoneOf(c, p);
  if (z.error) return z.error;
  const pg = paging(c, p, 10);
  if (pg.error) return pg.error;
  const sm = searchMode(c, p);
  if (sm.error) return sm.error;
  const host = strParam(p.Host);
  const type = strParam(p.Type);
  const value = strParam(p.Value);
  const line = strParam(p.Line);
  const order = strParam(p.SearchOrder);
  if (host.bad || type.bad || value.bad || line.bad || order.bad) return dnsError(c.ctx, c.env, 'ErrParsingParams', 'parsing params error', c.region);
  const h = host.value ? host.value.trim().toLowerCase() : '';
  const desc = (order.value ?? 'asc').toLowerCase() === 'desc';
  let records = z.zone.records.filter((r) => r.shown !== 'hidden'
    && (!h || (sm.mode === 'exact' ? r.host === h : r.host.includes(h)))
    && (!type.value || r.type === type.value.toUpperCase())
    && (!value.value || r.value === value.value)
    && (!line.value || r.line === line.value.toLowerCase()));
  records = records.slice().sort((a, b) => (a.createdMs - b.createdMs) * (desc ? -1 : 1));
  const start = (pg.number - 1) * pg.size;
  return okResult(c.ctx, c.env, c.region, {
    TotalCount: records.length, PageNumber: pg.number, PageSize: pg.size,
    Records: records.slice(start, start + pg.size).map((r) => recordItem(r, z.zone)),
  });
}

async function createRecord(c, p) {
  const { ctx, env, region } = c;
  const bad = (msg) => dnsError(ctx, env, 'ErrParamInvalid', `validation fail: ${msg}`, region);
  const z = zoneOf(c, p);
  if (z.error) return z.error;
  const { zone } = z;
  const host = strParam(p.Host);
  const type = strParam(p.Type);
  const value = strParam(p.Value);
  const line = strParam(p.Line);
  const remark = strParam(p.Remark);
  const ttl = intParam(p.TTL);
  const weight = intParam(p.Weight);
  if (host.bad || type.bad || value.bad || line.bad || remark.bad || ttl.bad || weight.bad) return dnsError(ctx, env, 'ErrParsingParams', 'parsing params error', region);
  if (host.absent) return bad('Host is required');
  if (host.value.trim() === '') return dnsError(ctx, env, 'ErrHostCanNotBeEmpty', "host can't be empty, use @ instead", region);
  const h = host.value.trim().toLowerCase();
  if (!isHostPart(h)) return bad(`Host ${host.value} is not a valid host`);
  if (type.absent || !type.value) return bad('Type is required');
  if (!RECORD_TYPES.has(type.value)) return bad(`Type ${type.value} is not one of ${[...RECORD_TYPES].join(', ')}`);
  if (value.absent || value.value === '') return bad('Value is required');
  if (value.value.length > MAX_VALUE) return bad('Value is too long');
  const l = line.value ?? 'default';
  if (l !== 'default') return bad(`Line ${l} is not a line of this zone (the sandbox has only "default")`);
  const t = ttl.value ?? 600;
  if (t < 1 || t > MAX_TTL) return dnsError(ctx, env, 'ErrSpecNotValid', `record TTL ${t} not valid when creating record`, region);
  if (remark.value !== undefined && remark.value.length > 255) return bad('Remark is longer than 255 characters');
  if (zone.records.some((r) => r.host === h && r.type === type.value && r.line === l && r.value === value.value)) {
    return dnsError(ctx, env, 'ErrDBDuplicated', `duplicated: record ${h} ${type.value} ${l} ${value.value}`, region);
  }
  const now = env.now();
  const record = newRecord(PROVIDER, env.dnsIds, {
    host: h, type: type.value, value: value.value, ttl: t, line: l, shown: env.neverLive(PROVIDER) ?? 'listed', nowMs: now,
    remark: remark.value ?? '', weight: weight.value ?? 1,
  });
  zone.records.push(record);
  zone.updatedMs = now;
  try {
    await publishCreated(env, record, zone);
  } catch (e) {
    zone.records.splice(zone.records.indexOf(record), 1);
    return dnsError(ctx, env, 'ErrInternalServer', `server internal error (sandbox: ${e.message})`, region);
  }
  c.store.created += 1;
  return okResult(ctx, env, region, recordItem(record, zone));
}

/**
 * `DeleteRecord` by `RecordID` (a string). An unknown or deleted id answers `ErrDBNotFound` (the DNS
 * table's not-found code; which code the vendor gives here is undocumented).
 */
async function deleteRecord(c, p) {
  const { ctx, env, region } = c;
  const id = strParam(p.RecordID);
  if (id.bad) return dnsError(ctx, env, 'ErrParsingParams', 'parsing params error', region);
  if (id.absent || id.value === '') return dnsError(ctx, env, 'ErrParamInvalid', 'validation fail: RecordID is required', region);
  const found = c.store.findRecord(id.value);
  if (!found) return dnsError(ctx, env, 'ErrDBNotFound', `record not found :${id.value}`, region);
  const { zone, record } = found;
  const i = zone.records.indexOf(record);
  zone.records.splice(i, 1);
  record.deleted = true;
  if (record.live || record.published) {
    try {
      await publishDeleted(env, fqdnOf(record, zone));
    } catch (e) {
      record.deleted = false;
      zone.records.splice(i, 0, record);
      return dnsError(ctx, env, 'ErrInternalServer', `server internal error (sandbox: ${e.message})`, region);
    }
  }
  zone.updatedMs = env.now();
  c.store.deleted += 1;
  return okResult(ctx, env, region, undefined);
}
