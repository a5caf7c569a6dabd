// Tencent Cloud DNSPod, API 3.0 (`tencent-dns`): DescribeDomainList, DescribeDomain, CreateRecord,
// DescribeRecordList, DeleteRecord, version 2021-03-23, on dnspod.tencentcloudapi.com
// (and dnspod.intl.tencentcloudapi.com). POST / with a JSON body (or GET with query parameters),
// X-TC-Action / X-TC-Version / X-TC-Timestamp, TC3-HMAC-SHA256 with service "dnspod".
// Every answer is HTTP 200 with {"Response": {..., "RequestId"}}, errors in Response.Error, as
// documented (https://cloud.tencent.com/document/api/1427/56192). Fields, types and the error codes
// of each action are the official SDK's (tencentcloud-sdk-go dnspod/v20210323 models.go and
// client.go); sandbox/dns-apis.md cites every one, and says which choices are guesses.

import { verifyTc3 } from '../auth.mjs';
import { fmtBeijing } from '../data.mjs';
import {
  dnsStore, fqdnOf, isDomainName, isHostPart, newRecord, publishCreated, publishDeleted,
} from './dns.mjs';
import { tc3Params, tencentError, tencentReply } from './tencent.mjs';

const PROVIDER = 'tencent-dns';
const SERVICE = 'dnspod';
const VERSION = '2021-03-23';

const AUTH_ERRORS = {
  missing: 'AuthFailure.InvalidAuthorization',
  malformed: 'AuthFailure.InvalidAuthorization',
  expired: 'AuthFailure.SignatureExpire',
  unknownKey: 'AuthFailure.SecretIdNotFound',
  token: 'AuthFailure.TokenFailure',
  signature: 'AuthFailure.SignatureFailure',
};

const SCHEMAS = {
  DescribeDomainList: { Type: 'string', Offset: 'int', Limit: 'int', GroupId: 'int', Keyword: 'string', Tags: 'tags' },
  DescribeDomain: { Domain: 'string', DomainId: 'int' },
  CreateRecord: {
    Domain: 'string', RecordType: 'string', RecordLine: 'string', Value: 'string', DomainId: 'int', SubDomain: 'string',
    RecordLineId: 'string', MX: 'int', TTL: 'int', Weight: 'int', Status: 'string', Remark: 'string',
    DnssecConflictMode: 'string', GroupId: 'int',
  },
  DescribeRecordList: {
    Domain: 'string', DomainId: 'int', Subdomain: 'string', SubDomain: 'string', RecordType: 'string', RecordLine: 'string',
    RecordLineId: 'string', GroupId: 'int', Keyword: 'string', SortField: 'string', SortType: 'string', Offset: 'int',
    Limit: 'int', ErrorOnEmpty: 'string',
  },
  DeleteRecord: { Domain: 'string', RecordId: 'int', DomainId: 'int' },
};

/** Record types DNSPod takes (upper case, as documented: "大写英文"). */
const RECORD_TYPES = new Set(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA', 'SPF', 'HTTPS', 'SVCB', '显性URL', '隐性URL']);
/** The default line: "默认" (the international site says "Default"), id "0". */
const DEFAULT_LINES = new Set(['默认', 'Default']);
const DEFAULT_LINE_ID = '0';
/** Longest TXT value the sandbox takes (a guess: the documentation gives no number). */
const MAX_VALUE = 512;
/** The free plan's smallest TTL (a guess: "不同套餐域名最小值不同"). */
const MIN_TTL = 600;
const MAX_TTL = 604800;
const MAX_RECORD_LIMIT = 3000;
const NS = ['f1g1ns1.dnspod.net', 'f1g1ns2.dnspod.net'];

const missing = (name) => tencentError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);

export function handleDnspod(ctx, env) {
  if (ctx.method !== 'POST' && ctx.method !== 'GET') {
    return tencentError('InvalidParameter', `The request method ${ctx.method} is not supported; use POST or GET.`);
  }
  const action = ctx.headers['x-tc-action'];
  const version = ctx.headers['x-tc-version'];
  if (!action) return missing('X-TC-Action');
  if (!version) return missing('X-TC-Version');

  const auth = verifyTc3(ctx, { provider: PROVIDER, nowMs: env.now(), windowSec: env.windowSec(PROVIDER), service: SERVICE });
  if (!auth.ok) return tencentError(AUTH_ERRORS[auth.kind] || 'AuthFailure', auth.message);
  env.setAccount(auth.accessKeyId);

  const limited = env.throttle(PROVIDER, auth.accessKeyId, action);
  if (limited) {
    return tencentError(
      'RequestLimitExceeded',
      `Your current request times equals to \`${limited.count}\` in a second, which exceeds the frequency limit \`${limited.limit}\` for a second. Please reduce the frequency of calls.`,
    );
  }
  if (version !== VERSION) return tencentError('NoSuchVersion', `The requested version \`${version}\` of service \`${SERVICE}\` does not exist.`);
  const schema = SCHEMAS[action] ?? null;
  if (!schema) return tencentError('InvalidAction', `The requested action \`${action}\` does not exist.`);

  const read = tc3Params(ctx, schema, { omit: ['Action', 'Version'] });
  if (read.error) return read.error;
  const { params } = read;

  const store = dnsStore(env.dnsStores, PROVIDER, auth.key.dataSeed, env.now(), env.dnsIds);
  switch (action) {
    case 'DescribeDomainList':
      return describeDomainList(store, params);
    case 'DescribeDomain': {
      const z = zoneOf(store, params);
      return z.error ?? tencentReply({ DomainInfo: domainInfo(z.zone) });
    }
    case 'CreateRecord':
      return createRecord(env, store, params);
    case 'DescribeRecordList':
      return describeRecordList(store, params);
    default:
      return deleteRecord(env, store, params);
  }
}

/** The zone a request names (`DomainId` wins over `Domain`): `{zone}` or `{error}`. */
function zoneOf(store, p) {
  if (p.DomainId !== undefined && p.DomainId !== null) {
    const zone = store.zoneById(p.DomainId);
    return zone ? { zone } : { error: tencentError('InvalidParameter.DomainIdInvalid', '域名编号不正确。') };
  }
  if (p.Domain === undefined || p.Domain === null || p.Domain === '') return { error: missing('Domain') };
  if (!isDomainName(p.Domain)) return { error: tencentError('InvalidParameter.DomainInvalid', '域名不正确，请输入主域名，如 dnspod.cn。') };
  const zone = store.zoneByName(p.Domain);
  return zone ? { zone } : { error: tencentError('InvalidParameterValue.DomainNotExists', '当前域名有误，请返回重新操作。') };
}

const visible = (zone) => zone.records.filter((r) => r.shown !== 'hidden');

function domainListItem(zone) {
  return {
    DomainId: zone.id, Name: zone.name, Status: 'ENABLE', TTL: 600, CNAMESpeedup: 'DISABLE', DNSStatus: '', Grade: 'DP_FREE',
    GroupId: 1, SearchEnginePush: 'NO', Remark: '', Punycode: zone.name, EffectiveDNS: NS.slice(), GradeLevel: 2, GradeTitle: '免费版',
    IsVip: 'NO', VipStartAt: '0000-00-00 00:00:00', VipEndAt: '0000-00-00 00:00:00', VipAutoRenew: 'DEFAULT',
    RecordCount: visible(zone).length, CreatedOn: fmtBeijing(zone.createdMs), UpdatedOn: fmtBeijing(zone.updatedMs),
    Owner: 'sandbox@qcloud.com', TagList: [],
  };
}

function domainInfo(zone) {
  return {
    DomainId: zone.id, Status: 'enable', Grade: 'DP_FREE', GroupId: 1, IsMark: 'no', TTL: 600, CnameSpeedup: 'disable', Remark: '',
    Punycode: zone.name, DnsStatus: '', DnspodNsList: NS.slice(), Domain: zone.name, GradeLevel: 2, UserId: 1000001, IsVip: 'no',
    Owner: 'sandbox@qcloud.com', GradeTitle: '免费版', CreatedOn: fmtBeijing(zone.createdMs), UpdatedOn: fmtBeijing(zone.updatedMs),
    Uin: '100000000001', ActualNsList: NS.slice(), RecordCount: visible(zone).length, OwnerNick: 'sandbox', IsGracePeriod: 'no',
    VipBuffered: 'no', VipStartAt: '0000-00-00 00:00:00', VipEndAt: '0000-00-00 00:00:00', VipAutoRenew: 'default',
    VipResourceId: '', IsSubDomain: false, TagList: [], SearchEnginePush: 'no', SlaveDNS: 'no',
  };
}

/** `DescribeDomainList`: `Keyword` is a case-insensitive substring of the name (a guess: the kind of match is undocumented). */
function describeDomainList(store, p) {
  const type = p.Type ?? 'ALL';
  const TYPES = ['ALL', 'MINE', 'SHARE', 'ISMARK', 'PAUSE', 'VIP', 'RECENT', 'SHARE_OUT', 'FREE'];
  if (!TYPES.includes(type)) return tencentError('InvalidParameter', `The value of parameter \`Type\` must be one of ${TYPES.join(', ')}.`);
  const offset = p.Offset ?? 0;
  const limit = p.Limit ?? 3000;
  if (offset < 0) return tencentError('InvalidParameter.OffsetInvalid', '分页起始数量错误。');
  if (limit < 1) return tencentError('InvalidParameterValue.LimitInvalid', '分页长度数量错误。');
  const kw = p.Keyword ? p.Keyword.toLowerCase() : '';
  // The sandbox's zones are the account's own, free and not starred, paused or shared.
  const ofType = ['ALL', 'MINE', 'RECENT', 'FREE'].includes(type) ? store.zones : [];
  const matched = ofType.filter((z) => !kw || z.name.includes(kw));
  const all = store.zones.length;
  return tencentReply({
    DomainCountInfo: {
      DomainTotal: matched.length, AllTotal: all, MineTotal: all, ShareTotal: 0, VipTotal: 0, PauseTotal: 0, ErrorTotal: 0,
      LockTotal: 0, SpamTotal: 0, VipExpire: 0, ShareOutTotal: 0, GroupTotal: all,
    },
    DomainList: matched.slice(offset, offset + limit).map(domainListItem),
  });
}

function recordItem(r) {
  return {
    RecordId: r.id, Value: r.value, Status: r.enabled && r.shown === 'listed' ? 'ENABLE' : 'DISABLE', UpdatedOn: fmtBeijing(r.updatedMs),
    Name: r.host, Line: '默认', LineId: DEFAULT_LINE_ID, Type: r.type, Weight: r.weight, MonitorStatus: '', Remark: r.remark,
    TTL: r.ttl, MX: r.mx, DefaultNS: r.defaultNS,
  };
}

async function createRecord(env, store, p) {
  const z = zoneOf(store, p);
  if (z.error) return z.error;
  const { zone } = z;
  if (!p.RecordType) return missing('RecordType');
  if (!RECORD_TYPES.has(p.RecordType)) return tencentError('InvalidParameter.RecordTypeInvalid', '记录类型不正确。');
  if (p.RecordLineId !== undefined && p.RecordLineId !== null) {
    if (p.RecordLineId !== DEFAULT_LINE_ID) return tencentError('InvalidParameter.RecordLineInvalid', '记录线路不正确。');
  } else if (!p.RecordLine) {
    return missing('RecordLine');
  } else if (!DEFAULT_LINES.has(p.RecordLine)) {
    return tencentError('InvalidParameter.RecordLineInvalid', '记录线路不正确。');
  }
  if (p.Value === undefined || p.Value === null) return missing('Value');
  if (p.Value === '') return tencentError('InvalidParameter.RecordValueInvalid', '记录的值不正确。');
  if (p.Value.length > MAX_VALUE) return tencentError('InvalidParameter.RecordValueLengthInvalid', '解析记录值过长。');
  const host = p.SubDomain === undefined || p.SubDomain === null || p.SubDomain === '' ? '@' : p.SubDomain.trim().toLowerCase();
  if (!isHostPart(host)) return tencentError('InvalidParameter.SubdomainInvalid', '子域名不正确。');
  const ttl = p.TTL ?? 600;
  if (ttl < MIN_TTL || ttl > MAX_TTL) return tencentError('LimitExceeded.RecordTtlLimit', '记录的TTL值超出了限制。');
  const status = p.Status ?? 'ENABLE';
  if (status !== 'ENABLE' && status !== 'DISABLE') return tencentError('InvalidParameter', 'The value of parameter `Status` must be ENABLE or DISABLE.');
  if (p.RecordType === 'MX' && (p.MX === undefined || p.MX < 0 || p.MX > 65535)) return tencentError('InvalidParameter.MxInvalid', 'MX优先级不正确。');
  if (p.Weight !== undefined && p.Weight !== null && (p.Weight < 0 || p.Weight > 100)) return tencentError('InvalidParameter.InvalidWeight', '权重不合法。请输入0~100的整数。');
  if (zone.records.some((r) => r.host === host && r.type === p.RecordType && r.value === p.Value)) {
    return tencentError('InvalidParameter.DomainRecordExist', '记录已经存在，无需再次添加。');
  }
  const neverLive = env.neverLive(PROVIDER);
  const now = env.now();
  const record = newRecord(PROVIDER, env.dnsIds, {
    host, type: p.RecordType, value: p.Value, ttl, enabled: status === 'ENABLE', shown: neverLive ?? 'listed', nowMs: now,
    remark: p.Remark ?? '', weight: p.Weight ?? null, mx: p.MX ?? 0,
  });
  zone.records.push(record);
  zone.updatedMs = now;
  try {
    await publishCreated(env, record, zone);
  } catch (e) {
    zone.records.splice(zone.records.indexOf(record), 1);
    return tencentError('InternalError', `An internal error has occurred. Retry your request, but if the problem persists, contact us. (sandbox: ${e.message})`);
  }
  store.created += 1;
  return tencentReply({ RecordId: record.id });
}

const SORT_FIELDS = { name: 'host', line: 'line', type: 'type', value: 'value', weight: 'weight', mx: 'mx', ttl: 'ttl', updated_on: 'updatedMs' };

function describeRecordList(store, p) {
  const z = zoneOf(store, p);
  if (z.error) return z.error;
  const { zone } = z;
  const offset = p.Offset ?? 0;
  const limit = p.Limit ?? 100;
  if (offset < 0) return tencentError('InvalidParameter', 'The value of parameter `Offset` is not valid.');
  if (limit < 1 || limit > MAX_RECORD_LIMIT) return tencentError('InvalidParameterValue.LimitInvalid', '分页长度数量错误。');
  const errorOnEmpty = p.ErrorOnEmpty ?? 'yes';
  if (errorOnEmpty !== 'yes' && errorOnEmpty !== 'no') return tencentError('InvalidParameter.ParamInvalid', 'param 格式错误。');
  if (p.RecordType && !RECORD_TYPES.has(p.RecordType.toUpperCase())) return tencentError('InvalidParameter.RecordTypeInvalid', '记录类型不正确。');
  if (p.RecordLineId !== undefined && p.RecordLineId !== null && p.RecordLineId !== '' && p.RecordLineId !== DEFAULT_LINE_ID) {
    return tencentError('InvalidParameter.RecordLineInvalid', '记录线路不正确。');
  }
  if ((p.RecordLineId === undefined || p.RecordLineId === null || p.RecordLineId === '') && p.RecordLine && !DEFAULT_LINES.has(p.RecordLine)) {
    return tencentError('InvalidParameter.RecordLineInvalid', '记录线路不正确。');
  }
  // SubDomain (the current spelling) wins over the deprecated Subdomain, as documented.
  const sub = p.SubDomain || p.Subdomain;
  const host = sub ? sub.trim().toLowerCase() : null;
  const kw = p.Keyword ? p.Keyword.toLowerCase() : null;
  let list = visible(zone).filter((r) => (host === null || r.host === host)
    && (!p.RecordType || r.type === p.RecordType.toUpperCase())
    && (!kw || r.host.includes(kw) || r.value.toLowerCase().includes(kw)));
  if (p.SortField) {
    const field = SORT_FIELDS[p.SortField];
    if (!field) return tencentError('InvalidParameter.ParamInvalid', 'param 格式错误。');
    const dir = (p.SortType ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1;
    list = list.slice().sort((a, b) => (a[field] < b[field] ? -dir : a[field] > b[field] ? dir : 0));
  }
  if (list.length === 0 && errorOnEmpty === 'yes') return tencentError('ResourceNotFound.NoDataOfRecord', '记录列表为空。');
  const page = list.slice(offset, offset + limit);
  return tencentReply({
    RecordCountInfo: { SubdomainCount: new Set(visible(zone).map((r) => r.host)).size, ListCount: page.length, TotalCount: list.length },
    RecordList: page.map(recordItem),
  });
}

/**
 * `DeleteRecord`. An unknown (or already deleted) id answers `InvalidParameter.RecordIdInvalid`,
 * the only record-id code the SDK lists for this action (which code the vendor gives is undocumented).
 */
async function deleteRecord(env, store, p) {
  const z = zoneOf(store, p);
  if (z.error) return z.error;
  const { zone } = z;
  if (p.RecordId === undefined || p.RecordId === null) return missing('RecordId');
  const i = zone.records.findIndex((r) => r.id === p.RecordId);
  if (i < 0) return tencentError('InvalidParameter.RecordIdInvalid', '记录编号错误。');
  const record = zone.records[i];
  zone.records.splice(i, 1);
  record.deleted = true;
  if (record.live || record.published) {
    try {
      await publishDeleted(env, fqdnOf(record, zone));
    } catch (e) {
      record.deleted = false;
      zone.records.splice(i, 0, record);
      return tencentError('InternalError', `An internal error has occurred. Retry your request, but if the problem persists, contact us. (sandbox: ${e.message})`);
    }
  }
  zone.updatedMs = env.now();
  store.deleted += 1;
  return tencentReply({});
}

