#!/usr/bin/env node
// cloudcerts sandbox: a local emulator of the five vendor certificate APIs and two DNS APIs.
//
//   node sandbox/server.mjs [--port 8788] [--certs 36] [--fault qiniu.serverErrorRate=0.2] ...
//
// Routes by the Host header (the CORS proxy forwards with the real vendor host):
//   ssl.tencentcloudapi.com, ssl.<region>.tencentcloudapi.com  tencent-ssl
//   wss.api.qcloud.com                                         tencent-legacy
//   live.volcengineapi.com                                     volcengine-live
//   open.volcengineapi.com                                     volcengine-cert (volcengine-dns for the DNS actions)
//   api.qiniu.com, fusion.qiniuapi.com                         qiniu
//   dnspod.tencentcloudapi.com                                 tencent-dns
//   dns.volcengineapi.com                                      volcengine-dns
//   localhost, 127.0.0.1, [::1]                                control endpoint /__sandbox/...
// Listens on loopback only. See sandbox/README.md.

import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { PROVIDERS, accounts } from './accounts.mjs';
import { hostnameOf } from './auth.mjs';
import { DEFAULT_CERTS, MAX_CERTS, defaultAnchorMs } from './data.mjs';
import { DOCUMENTED_ACTION_RATE, DOCUMENTED_RATE, FaultState, MAX_CLOCK_OFFSET_MS, validateFaults } from './faults.mjs';
import { htmlErrorPage, json } from './vendors/common.mjs';
import { Challtestsrv, DnsIds, unpublishAll } from './vendors/dns.mjs';
import { handleDnspod } from './vendors/dnspod.mjs';
import { handleLegacy, legacyInternalError } from './vendors/legacy.mjs';
import { handleQiniu, qiniuInternalError } from './vendors/qiniu.mjs';
import { handleTencent, tencentInternalError } from './vendors/tencent.mjs';
import { CERT, LIVE, handleVolc, volcInternalError } from './vendors/volcengine.mjs';
import { handleVolcDns, isVolcDnsRequest, volcDnsInternalError } from './vendors/volcengine-dns.mjs';

export const DEFAULT_PORT = 8788;
export const DEFAULT_WINDOW_SEC = 300;
const MAX_BODY = 2 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const CONTROL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '']);

/** Vendor host -> provider id (null for unknown hosts). */
export function providerForHost(hostname) {
  if (hostname === 'ssl.tencentcloudapi.com' || /^ssl\.[a-z0-9-]+\.tencentcloudapi\.com$/.test(hostname)) return 'tencent-ssl';
  if (hostname === 'wss.api.qcloud.com') return 'tencent-legacy';
  if (hostname === 'live.volcengineapi.com') return 'volcengine-live';
  if (hostname === 'open.volcengineapi.com') return 'volcengine-cert';
  if (hostname === 'api.qiniu.com' || hostname === 'fusion.qiniuapi.com') return 'qiniu';
  if (hostname === 'dnspod.tencentcloudapi.com' || hostname === 'dnspod.intl.tencentcloudapi.com') return 'tencent-dns';
  if (hostname === 'dns.volcengineapi.com') return 'volcengine-dns';
  return null;
}

/**
 * Provider of a request: by host, and on open.volcengineapi.com (Certificate Center and, before
 * dns.volcengineapi.com, the DNS API) by the request: a DNS action name in `Action`, or "dns" as
 * the service of the signature's credential scope, is `volcengine-dns`.
 */
export function providerForRequest(hostname, url, headers) {
  const provider = providerForHost(hostname);
  if (provider === 'volcengine-cert' && isVolcDnsRequest(url, headers)) return 'volcengine-dns';
  return provider;
}

export const VENDOR_HOSTS = Object.freeze([
  'ssl.tencentcloudapi.com', 'ssl.<region>.tencentcloudapi.com', 'wss.api.qcloud.com', 'live.volcengineapi.com',
  'open.volcengineapi.com', 'api.qiniu.com', 'fusion.qiniuapi.com', 'dnspod.tencentcloudapi.com', 'dns.volcengineapi.com',
]);

function checkCerts(n) {
  if (!Number.isInteger(n) || n < 0 || n > MAX_CERTS) throw new RangeError(`certs must be an integer 0..${MAX_CERTS}`);
  return n;
}

function normalizeWindow(w) {
  const out = Object.fromEntries(PROVIDERS.map((p) => [p, DEFAULT_WINDOW_SEC]));
  if (w === undefined || w === null) return out;
  if (typeof w === 'number') {
    for (const p of PROVIDERS) out[p] = w;
  } else {
    for (const [p, v] of Object.entries(w)) if (PROVIDERS.includes(p)) out[p] = v;
  }
  for (const [p, v] of Object.entries(out)) {
    if (!Number.isInteger(v) || v < 1 || v > 86400) throw new RangeError(`windowSec for ${p} must be an integer 1..86400`);
  }
  return out;
}

function envInt(name) {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be an integer`);
  return n;
}

function parseAnchor(a) {
  if (a === undefined || a === null || a === '') return undefined;
  if (typeof a === 'number') return defaultAnchorMs(a);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(a) ? `${a}T00:00:00Z` : a);
  if (Number.isNaN(ms)) throw new RangeError(`anchor ${a} is not a date`);
  return defaultAnchorMs(ms);
}

/**
 * Start a sandbox.
 * @param {object} [options]
 * @param {number} [options.port]    default env PORT or 8788; 0 = any free port
 * @param {string} [options.host]    loopback only: 127.0.0.1 (default), ::1 or localhost
 * @param {number} [options.certs]   certificates per account, default env SANDBOX_CERTS or 36 (max 100000)
 * @param {object} [options.faults]  faults document, as POST /__sandbox/faults takes it
 * @param {number} [options.clockOffsetMs] sandbox clock = real clock + offset
 * @param {number|string} [options.anchor] data anchor (date); default: start of today (UTC) or env SANDBOX_ANCHOR
 * @param {number|object} [options.windowSec] allowed clock skew in seconds (number, or per provider); default 300
 * @param {number} [options.faultSeed] PRNG seed of the fault draws (default 1)
 * @param {boolean|function} [options.log] request log: true = console, function(line), false (default)
 * @param {string} [options.challtestsrv] pebble-challtestsrv management URL (loopback), default env
 *   SANDBOX_CHALLTESTSRV: every live TXT record the DNS providers create is written there
 * @returns {Promise<{url, port, close, setFaults, clearFaults, configure, reset, state, now}>}
 */
export async function startSandbox(options = {}) {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`the sandbox listens on loopback only (got host ${host})`);
  const port = options.port ?? envInt('PORT') ?? DEFAULT_PORT;
  const initial = {
    certs: checkCerts(options.certs ?? envInt('SANDBOX_CERTS') ?? DEFAULT_CERTS),
    clockOffsetMs: options.clockOffsetMs ?? envInt('SANDBOX_CLOCK_OFFSET_MS') ?? 0,
    windowSec: normalizeWindow(options.windowSec),
    faults: options.faults ?? (process.env.SANDBOX_FAULTS ? JSON.parse(process.env.SANDBOX_FAULTS) : {}),
  };
  if (!Number.isInteger(initial.clockOffsetMs) || Math.abs(initial.clockOffsetMs) > MAX_CLOCK_OFFSET_MS) {
    throw new RangeError(`clockOffsetMs must be an integer within ±${MAX_CLOCK_OFFSET_MS}`);
  }
  const validated = validateFaults(initial.faults);
  if (validated.errors) throw new RangeError(`invalid faults: ${validated.errors.join('; ')}`);
  const anchorMs = parseAnchor(options.anchor ?? process.env.SANDBOX_ANCHOR) ?? defaultAnchorMs();
  const challtestsrvUrl = options.challtestsrv ?? (process.env.SANDBOX_CHALLTESTSRV || null);
  const challtestsrv = challtestsrvUrl ? new Challtestsrv(challtestsrvUrl) : null;
  const log = options.log === true ? (line) => console.log(line) : typeof options.log === 'function' ? options.log : null;

  const faults = new FaultState(options.faultSeed ?? 1);
  const state = {
    certs: initial.certs,
    clockOffsetMs: initial.clockOffsetMs,
    windowSec: { ...initial.windowSec },
    nonces: new Map(),
    qiniuStores: new Map(),
    tencentStores: new Map(),
    ccStores: new Map(),
    liveStores: new Map(),
    dnsStores: new Map(),
    dnsIds: new DnsIds(),
    stats: {},
    startedAt: Date.now(),
  };
  const now = () => Date.now() + state.clockOffsetMs;
  const newStats = () =>
    Object.fromEntries(PROVIDERS.map((p) => [p, { requests: 0, byStatus: {}, throttled: 0, injected: { latency: 0, drop: 0, html: 0, serverError: 0, truncate: 0 } }]));

  function resetAll() {
    state.certs = initial.certs;
    state.clockOffsetMs = initial.clockOffsetMs;
    state.windowSec = { ...initial.windowSec };
    state.nonces.clear();
    state.qiniuStores.clear();
    state.tencentStores.clear();
    state.ccStores.clear();
    state.liveStores.clear();
    unpublishAll(state.dnsStores, challtestsrv).catch(() => {});
    state.dnsStores.clear();
    state.dnsIds = new DnsIds();
    state.stats = newStats();
    faults.reset();
    faults.apply(validated.faults);
    if (validated.clockOffsetMs !== undefined) state.clockOffsetMs = validated.clockOffsetMs;
  }
  resetAll();

  function snapshot() {
    const summaries = (stores) => Object.fromEntries([...stores].map(([seed, s]) => [seed, s.summary()]));
    const qiniu = summaries(state.qiniuStores);
    const tencent = summaries(state.tencentStores);
    const certificateCenter = summaries(state.ccStores);
    const live = summaries(state.liveStores);
    const dns = summaries(state.dnsStores);
    return {
      url: api.url,
      certs: state.certs,
      anchor: new Date(anchorMs).toISOString(),
      anchorMs,
      clockOffsetMs: state.clockOffsetMs,
      now: new Date(now()).toISOString(),
      nowMs: now(),
      windowSec: state.windowSec,
      documentedRates: DOCUMENTED_RATE,
      documentedActionRates: DOCUMENTED_ACTION_RATE,
      faults: faults.snapshot(),
      stats: state.stats,
      qiniu,
      tencent,
      certificateCenter,
      live,
      dns,
      challtestsrv: challtestsrv ? { url: challtestsrv.url, writes: { ...challtestsrv.writes } } : null,
      hosts: VENDOR_HOSTS,
    };
  }

  function setFaultsDoc(doc) {
    const v = validateFaults(doc);
    if (v.errors) return v;
    faults.apply(v.faults);
    if (v.clockOffsetMs !== undefined) state.clockOffsetMs = v.clockOffsetMs;
    return { ok: true };
  }

  function configure(cfg) {
    const errors = [];
    if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) return { errors: ['body must be a JSON object'] };
    for (const k of Object.keys(cfg)) if (!['certs', 'clockOffsetMs', 'windowSec'].includes(k)) errors.push(`${k} is not a setting (certs, clockOffsetMs, windowSec)`);
    let certs;
    let windowSec;
    try {
      if (cfg.certs !== undefined) certs = checkCerts(cfg.certs);
    } catch (e) {
      errors.push(e.message);
    }
    if (cfg.clockOffsetMs !== undefined && (!Number.isInteger(cfg.clockOffsetMs) || Math.abs(cfg.clockOffsetMs) > MAX_CLOCK_OFFSET_MS)) {
      errors.push(`clockOffsetMs must be an integer within ±${MAX_CLOCK_OFFSET_MS}`);
    }
    try {
      if (cfg.windowSec !== undefined) windowSec = normalizeWindow(typeof cfg.windowSec === 'number' ? cfg.windowSec : { ...state.windowSec, ...cfg.windowSec });
    } catch (e) {
      errors.push(e.message);
    }
    if (errors.length) return { errors };
    if (certs !== undefined) state.certs = certs;
    if (cfg.clockOffsetMs !== undefined) state.clockOffsetMs = cfg.clockOffsetMs;
    if (windowSec) state.windowSec = windowSec;
    return { ok: true };
  }

  const abort = new AbortController();

  function dispatch(provider, ctx, env) {
    switch (provider) {
      case 'tencent-ssl':
        return handleTencent(ctx, env);
      case 'tencent-legacy':
        return handleLegacy(ctx, env);
      case 'volcengine-live':
        return handleVolc(LIVE, ctx, env);
      case 'volcengine-cert':
        return handleVolc(CERT, ctx, env);
      case 'tencent-dns':
        return handleDnspod(ctx, env);
      case 'volcengine-dns':
        return handleVolcDns(ctx, env);
      default:
        return handleQiniu(ctx, env);
    }
  }

  function internalError(provider, status, ctx, env) {
    switch (provider) {
      case 'tencent-ssl':
      case 'tencent-dns':
        return tencentInternalError(status);
      case 'tencent-legacy':
        return legacyInternalError(status);
      case 'volcengine-live':
        return volcInternalError(LIVE, ctx, env, status);
      case 'volcengine-cert':
        return volcInternalError(CERT, ctx, env, status);
      case 'volcengine-dns':
        return volcDnsInternalError(ctx, env, status);
      default:
        return qiniuInternalError(status);
    }
  }

  async function handleVendor(provider, req, res, hostname) {
    const started = Date.now();
    const body = await readBody(req);
    if (body === null) {
      send(res, { status: 413, headers: { 'Content-Type': 'text/plain' }, body: 'request body too large' });
      return;
    }
    const u = new URL(req.url, 'http://sandbox.invalid');
    const ctx = { method: req.method, url: req.url, path: u.pathname, query: u.searchParams, headers: req.headers, body, hostname, account: null };
    const stats = state.stats[provider];
    stats.requests += 1;
    const env = {
      now,
      anchorMs,
      count: () => state.certs,
      windowSec: (p) => state.windowSec[p],
      nonces: state.nonces,
      qiniuStores: state.qiniuStores,
      tencentStores: state.tencentStores,
      ccStores: state.ccStores,
      liveStores: state.liveStores,
      dnsStores: state.dnsStores,
      dnsIds: state.dnsIds,
      challtestsrv,
      neverLive: (p) => faults.neverLive(p),
      setAccount: (ak) => {
        ctx.account = ak;
      },
      throttle: (p, ak, action) => {
        const t = faults.throttle(p, ak, Date.now(), action);
        if (t) stats.throttled += 1;
        return t;
      },
    };
    const plan = faults.plan(provider);
    if (plan.latencyMs) stats.injected.latency += 1;
    let fault = '';
    if (plan.drop) {
      stats.injected.drop += 1;
      if (plan.latencyMs) await sleep(plan.latencyMs, undefined, { signal: abort.signal });
      req.socket.destroy();
      log?.(`${req.method} ${hostname}${req.url} -> dropped (${Date.now() - started} ms)`);
      return;
    }
    let result;
    if (plan.html) {
      stats.injected.html += 1;
      fault = ' [html]';
      result = htmlErrorPage(502, provider.startsWith('tencent') ? 'stgw' : provider === 'qiniu' ? 'openresty' : 'nginx');
    } else if (plan.serverError) {
      stats.injected.serverError += 1;
      fault = ` [${plan.serverError}]`;
      result = internalError(provider, plan.serverError, ctx, env);
    } else {
      result = await dispatch(provider, ctx, env);
    }
    let out = Buffer.from(result.body, 'utf8');
    let truncated = false;
    if (plan.truncate) {
      stats.injected.truncate += 1;
      fault += ' [truncated]';
      out = out.subarray(0, Math.max(1, Math.floor(out.length / 2)));
      truncated = true;
    }
    if (plan.latencyMs) await sleep(plan.latencyMs, undefined, { signal: abort.signal });
    stats.byStatus[result.status] = (stats.byStatus[result.status] || 0) + 1;
    send(res, { ...result, body: out }, truncated);
    log?.(`${req.method} ${hostname}${req.url} ${ctx.account ?? '-'} -> ${result.status}${fault} (${Date.now() - started} ms)`);
  }

  function send(res, { status, headers, body }, chunked = false) {
    if (res.headersSent || res.destroyed) return;
    const h = { ...headers, Date: new Date(now()).toUTCString() };
    if (!chunked) h['Content-Length'] = Buffer.byteLength(body);
    res.writeHead(status, h);
    res.end(body);
  }

  async function handleControl(req, res) {
    const u = new URL(req.url, 'http://sandbox.invalid');
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Cache-Control': 'no-store',
    };
    const reply = (status, obj) => send(res, { ...json(status, obj, cors) });
    if (req.method === 'OPTIONS') {
      send(res, { status: 204, headers: cors, body: '' });
      return;
    }
    const body = await readBody(req);
    if (body === null) return reply(413, { error: 'request body too large' });
    let doc = {};
    if (req.method === 'POST' && body.length) {
      try {
        doc = JSON.parse(body.toString('utf8'));
      } catch {
        return reply(400, { errors: ['body is not valid JSON'] });
      }
    }
    const route = `${req.method} ${u.pathname.replace(/\/+$/, '') || '/'}`;
    switch (route) {
      case 'GET /':
      case 'GET /__sandbox':
        return reply(200, {
          name: 'cloudcerts sandbox',
          url: api.url,
          hosts: VENDOR_HOSTS,
          control: ['GET /__sandbox/state', 'GET /__sandbox/accounts', 'GET|POST|DELETE /__sandbox/faults', 'POST /__sandbox/config', 'POST /__sandbox/reset'],
          hint: 'send vendor requests to this address with the vendor host in the Host header',
        });
      case 'GET /__sandbox/state':
        return reply(200, snapshot());
      case 'GET /__sandbox/accounts':
        return reply(200, { accounts });
      case 'GET /__sandbox/faults':
        return reply(200, { faults: faults.snapshot(), clockOffsetMs: state.clockOffsetMs });
      case 'POST /__sandbox/faults': {
        const r = setFaultsDoc(doc);
        if (r.errors) return reply(400, { errors: r.errors });
        return reply(200, { faults: faults.snapshot(), clockOffsetMs: state.clockOffsetMs });
      }
      case 'DELETE /__sandbox/faults':
        faults.reset();
        return reply(200, { faults: faults.snapshot(), clockOffsetMs: state.clockOffsetMs });
      case 'POST /__sandbox/config': {
        const r = configure(doc);
        if (r.errors) return reply(400, { errors: r.errors });
        return reply(200, snapshot());
      }
      case 'POST /__sandbox/reset':
        resetAll();
        return reply(200, snapshot());
      default:
        return reply(404, { error: `no control route ${route}` });
    }
  }

  const server = http.createServer((req, res) => {
    const hostname = hostnameOf(req.headers.host);
    const provider = providerForRequest(hostname, req.url, req.headers);
    const work = provider
      ? handleVendor(provider, req, res, hostname)
      : CONTROL_HOSTS.has(hostname)
        ? handleControl(req, res)
        : Promise.resolve(send(res, { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `unknown host ${hostname}: the sandbox serves ${VENDOR_HOSTS.join(', ')}\n` }));
    work.catch((err) => {
      if (err?.name === 'AbortError') return;
      log?.(`sandbox error: ${err?.stack || err}`);
      send(res, { status: 500, headers: { 'Content-Type': 'text/plain' }, body: 'sandbox internal error\n' });
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const urlHost = host === '::1' ? '[::1]' : host;

  const api = {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    host,
    anchorMs,
    /** Stop listening, drop open connections and pending latency timers. */
    close() {
      abort.abort();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    /** Apply a faults document (throws on invalid input). */
    setFaults(doc) {
      const r = setFaultsDoc(doc);
      if (r.errors) throw new RangeError(r.errors.join('; '));
    },
    clearFaults() {
      faults.reset();
    },
    /** Change {certs, clockOffsetMs, windowSec} (throws on invalid input). */
    configure(cfg) {
      const r = configure(cfg);
      if (r.errors) throw new RangeError(r.errors.join('; '));
    },
    /** Back to the startup configuration; forgets uploads, deletions, nonces, counters. */
    reset: resetAll,
    state: snapshot,
    /** The sandbox clock (ms). */
    now,
  };
  return api;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// CLI

const HELP = `cloudcerts sandbox: local emulator of the five vendor certificate APIs and two DNS APIs

usage: node sandbox/server.mjs [options]        (npm run sandbox -- [options])

  --port N              listen port (default env PORT or ${DEFAULT_PORT}; 0 = any)
  --host H              127.0.0.1 (default), ::1 or localhost; loopback only
  --certs N             certificates per account (default env SANDBOX_CERTS or ${DEFAULT_CERTS}; max ${MAX_CERTS})
  --anchor DATE         data anchor date (default: today UTC, env SANDBOX_ANCHOR)
  --clock-offset MS     sandbox clock = real clock + MS (env SANDBOX_CLOCK_OFFSET_MS)
  --window-sec N        allowed request clock skew in seconds (default ${DEFAULT_WINDOW_SEC})
  --rate-limit          enforce the documented rate limits for every provider
  --latency MS          add MS of latency to every answer
  --fault P.KEY=VALUE   set one fault, P = provider id or *, e.g. --fault qiniu.serverErrorRate=0.2
  --faults JSON         a whole faults document (env SANDBOX_FAULTS)
  --seed N              PRNG seed of the fault draws (default 1)
  --challtestsrv URL    pebble-challtestsrv management URL (loopback; env SANDBOX_CHALLTESTSRV): the DNS
                        providers' live TXT records are written there (POST /set-txt, /clear-txt)
  --quiet               no request log
  --help

providers: ${PROVIDERS.join(', ')}
faults: latencyMs, jitterMs, rateLimit, serverErrorRate, serverErrorStatus, htmlRate, truncateRate, dropRate, times,
        dnsNeverLive (tencent-dns, volcengine-dns)
control: GET /__sandbox/state | GET /__sandbox/accounts | GET|POST|DELETE /__sandbox/faults | POST /__sandbox/config | POST /__sandbox/reset
         (Host localhost or 127.0.0.1)`;

export function parseArgs(argv) {
  const opts = { faults: undefined, log: true };
  const faults = {};
  const addFault = (provider, key, value) => {
    faults[provider] = { ...(faults[provider] || {}), [key]: value };
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') && a.startsWith('--') && !a.startsWith('--fault=') && !a.startsWith('--faults=') ? a.split(/=(.*)/s, 2) : [a, undefined];
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    const num = (v) => {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`${flag}: ${v} is not a number`);
      return n;
    };
    switch (flag) {
      case '--help':
      case '-h':
        opts.help = true;
        break;
      case '--port':
        opts.port = num(next());
        break;
      case '--host':
        opts.host = next();
        break;
      case '--certs':
        opts.certs = num(next());
        break;
      case '--anchor':
        opts.anchor = next();
        break;
      case '--clock-offset':
        opts.clockOffsetMs = num(next());
        break;
      case '--window-sec':
        opts.windowSec = num(next());
        break;
      case '--rate-limit':
        addFault('*', 'rateLimit', true);
        break;
      case '--latency':
        addFault('*', 'latencyMs', num(next()));
        break;
      case '--seed':
        opts.faultSeed = num(next());
        break;
      case '--challtestsrv':
        opts.challtestsrv = next();
        break;
      case '--quiet':
        opts.log = false;
        break;
      default:
        if (a.startsWith('--faults')) {
          const v = a.startsWith('--faults=') ? a.slice(9) : argv[++i];
          Object.assign(faults, JSON.parse(v));
        } else if (a.startsWith('--fault')) {
          const v = a.startsWith('--fault=') ? a.slice(8) : argv[++i];
          const m = /^([^.=]+|\*)\.([A-Za-z]+)=(.*)$/.exec(v || '');
          if (!m) throw new Error(`--fault expects PROVIDER.KEY=VALUE, got ${v}`);
          let value;
          try {
            value = JSON.parse(m[3]);
          } catch {
            value = m[3];
          }
          addFault(m[1], m[2], value);
        } else {
          throw new Error(`unknown option ${a} (try --help)`);
        }
    }
  }
  if (Object.keys(faults).length) {
    // "*" first, then per-provider settings on top of it.
    const star = faults['*'];
    const merged = {};
    if (star) merged['*'] = star;
    for (const [k, v] of Object.entries(faults)) if (k !== '*') merged[k] = { ...(star || {}), ...v };
    opts.faults = merged;
  }
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`sandbox: ${e.message}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(HELP);
    return;
  }
  if (process.env.SANDBOX_QUIET === '1') opts.log = false;
  let sb;
  try {
    sb = await startSandbox(opts);
  } catch (e) {
    console.error(`sandbox: ${e.message}`);
    process.exit(1);
  }
  const st = sb.state();
  console.log(`cloudcerts sandbox listening on ${sb.url}`);
  console.log(`  ${st.certs} certificates per account, data anchor ${st.anchor.slice(0, 10)}, clock offset ${st.clockOffsetMs} ms`);
  console.log(`  vendor hosts (send them in the Host header): ${VENDOR_HOSTS.join(', ')}`);
  console.log(`  control: ${sb.url}/__sandbox/state (accounts: ${sb.url}/__sandbox/accounts)`);
  if (st.challtestsrv) console.log(`  DNS TXT records are written to pebble-challtestsrv at ${st.challtestsrv.url}`);
  const active = Object.entries(st.faults).filter(([, f]) => Object.keys(f).length);
  if (active.length) console.log(`  faults: ${JSON.stringify(Object.fromEntries(active))}`);
  const stop = () => {
    sb.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
