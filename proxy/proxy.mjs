// cloudcerts CORS proxy: forwards `/<full vendor URL>` to an allow-listed vendor host only (and,
// when configured with the `acme` option, to one extra ACME origin such as a local pebble).
//
// Node built-ins only. `startProxy()` is the API (tests start it in-process on port 0);
// `server.mjs` is the command line around it. See README.md in this folder.

import http from "node:http";
import https from "node:https";
import net from "node:net";

/** Default port of `npm run proxy`. */
export const DEFAULT_PORT = 8787;
/** Default URL of the local sandbox (`--sandbox` without a value). */
export const DEFAULT_SANDBOX_URL = "http://127.0.0.1:8788";
/** Largest request body forwarded (bytes); larger ones get 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Time allowed per request, from its arrival to the end of the response (ms); then 504. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Vendor hosts with a fixed name (lower case, no trailing dot). */
export const ALLOWED_HOSTS = Object.freeze([
  // certificate APIs
  "ssl.tencentcloudapi.com",
  "wss.api.qcloud.com",
  "live.volcengineapi.com",
  "open.volcengineapi.com", // also Volcengine's DNS API, before dns.volcengineapi.com
  "api.qiniu.com",
  "fusion.qiniuapi.com",
  // DNS APIs (DNS-01 records): Tencent Cloud DNSPod, Volcengine DNS
  "dnspod.tencentcloudapi.com",
  "dns.volcengineapi.com",
  // ACME (RFC 8555) directories: Let's Encrypt production and staging, ZeroSSL
  "acme-v02.api.letsencrypt.org",
  "acme-staging-v02.api.letsencrypt.org",
  "acme.zerossl.com",
]);

/** `ssl.<region>.tencentcloudapi.com`: exactly one DNS label (letters, digits, inner hyphens). */
const TENCENT_REGIONAL = /^ssl\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.tencentcloudapi\.com$/;

/** Headers our signers send, always allowed in preflights. */
export const ALLOW_HEADERS = Object.freeze([
  "Authorization",
  "Content-Type",
  "X-TC-Action",
  "X-TC-Version",
  "X-TC-Timestamp",
  "X-TC-Region",
  "X-TC-Token",
  "X-TC-Language",
  "X-Date",
  "X-Content-Sha256",
  "X-Security-Token",
]);

/**
 * Response headers a page may read: `Date` (clock-skew correction) and the vendors' request ids:
 * Tencent `X-TC-RequestId` (the id is also in the JSON body), Qiniu `X-Reqid` (and `X-Log`),
 * Volcengine `X-Tt-Logid` (ByteDance gateway log id; also `ResponseMetadata.RequestId` in the body),
 * and the generic `X-Request-Id`; then what ACME (RFC 8555) needs: `Replay-Nonce` (the next JWS
 * nonce), `Location` (account, order and certificate URLs of a 201), `Link` (`up`, `index`,
 * `alternate` chains) and `Retry-After` (polling and rate limits).
 */
export const EXPOSE_HEADERS = Object.freeze([
  "Date",
  "X-Tc-Requestid",
  "X-Reqid",
  "X-Log",
  "X-Request-Id",
  "X-Tt-Logid",
  "Replay-Nonce",
  "Location",
  "Link",
  "Retry-After",
]);

export const ALLOW_METHODS = "GET, POST, DELETE, PUT, OPTIONS";
const FORWARDED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE"]);
export const PREFLIGHT_MAX_AGE = 600;
/** The statuses a browser follows (Fetch's redirect statuses): their Location is checked and rewritten. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Errors of a connection the upstream closed under us. */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE"]);

/** The vendors' read actions sent with POST (everything else a POST does may be a write). */
const READ_ACTIONS = new Set([
  "DescribeCertificates", "DescribeCertificateDetail", "ListCertV2", "CertGetList",
  // The DNS APIs' lists (issueCertificate): DNSPod's are POSTs; Volcengine's GETs are reads anyway.
  "DescribeDomainList", "DescribeRecordList", "ListZones", "ListRecords",
]);

/**
 * Whether a request only reads, as far as the proxy can tell from the vendors' documented
 * actions: GET and HEAD; a POST whose action (Tencent's `X-TC-Action` header, an `Action` query
 * parameter, or API 2.0's form field) is a list or get. Anything else may be a write.
 */
function isRead(req, target, body) {
  if (req.method === "GET" || req.method === "HEAD") return true;
  if (req.method !== "POST") return false;
  const header = req.headers["x-tc-action"];
  if (header !== undefined) return READ_ACTIONS.has(String(header));
  const query = new URLSearchParams(target.path.split("?")[1] ?? "");
  if (query.has("Action")) return READ_ACTIONS.has(query.get("Action"));
  if (String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return READ_ACTIONS.has(new URLSearchParams(body.toString("latin1")).get("Action") ?? "");
  }
  return false;
}

/** Request headers never forwarded upstream (lower case). */
const DROP_REQUEST = new Set([
  // hop-by-hop (RFC 9110 §7.6.1) and the proxy's own
  "connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate",
  "te", "trailer", "transfer-encoding", "upgrade", "expect",
  // replaced: the vendor's real host is set from the target
  "host", "content-length",
  // the page's identity and ambient credentials: the vendor needs none of them
  "cookie", "cookie2", "origin", "referer",
  // client-address claims a page could forge
  "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
  "x-real-ip", "via",
]);

/** Response headers never passed back (lower case). Access-Control-* are ours to set. */
const DROP_RESPONSE = new Set([
  "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "te", "trailer",
  "transfer-encoding", "upgrade", "set-cookie", "set-cookie2", "alt-svc",
]);

/** Is `host` (already lower case, no port) on the allow-list? */
export function isAllowedHost(host) {
  return ALLOWED_HOSTS.includes(host) || TENCENT_REGIONAL.test(host);
}

const refuse = (reason) => ({ ok: false, reason });

/**
 * Parse the raw request target `/https://<host>[:443][/path][?query]`.
 *
 * Works on the raw bytes of the request line, never through a lenient URL parser, so nothing is
 * decoded, normalized or guessed. The authority may hold only ASCII letters, digits, `.` and `-`
 * plus an optional `:443`; that alone refuses userinfo (`@`), percent-encoding, backslashes, IPv6
 * literals (`[`), unicode and fullwidth dots. The lower-cased host must then equal an allow-listed
 * name exactly (no trailing dot, so every IPv4 form, `localhost` and punycode look-alikes fail).
 *
 * With `options.acme` (from `parseAcmeUpstream`), exactly that one origin is admitted as well:
 * the same host spelled the same way (case aside) and the same port, written as decimal digits
 * exactly as the origin has them (`:443` may be left out when the port is 443).
 *
 * @param {string} rawTarget
 * @param {{acme?: {hostname: string, port: number, authority: string} | null}} [options]
 * @returns {{ok: true, host: string, path: string, acme?: true} | {ok: false, reason: string}}
 *   `path` is the rest of the target (path and query), byte for byte, starting with `/`. For the
 *   ACME origin `host` is its authority (`localhost:14000`), sent as the `Host` header, and
 *   `acme` is true.
 */
export function parseTarget(rawTarget, options = {}) {
  if (typeof rawTarget !== "string" || rawTarget.length === 0) return refuse("empty target");
  if (rawTarget.length > 16 * 1024) return refuse("target too long");
  if (!rawTarget.startsWith("/")) return refuse("target must be /https://<vendor host>/...");
  const m = /^\/([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(rawTarget);
  if (!m) return refuse("target must be /https://<vendor host>/...");
  const [, scheme, authority, rest] = m;
  if (scheme.toLowerCase() !== "https") return refuse("only https vendor URLs are forwarded");
  const a = /^([A-Za-z0-9.-]+)(?::([0-9]*))?$/.exec(authority);
  if (!a) return refuse("host has characters outside [A-Za-z0-9.-] (userinfo, encoding or IP literal)");
  const host = a[1].toLowerCase();
  const acme = options.acme;
  const isAcme =
    Boolean(acme) && host === acme.hostname && (a[2] === undefined ? acme.port === 443 : a[2] === String(acme.port));
  if (!isAcme) {
    if (a[2] !== undefined && a[2] !== "443") return refuse("only port 443 is forwarded");
    if (!isAllowedHost(host)) return refuse("host is not on the allow-list");
  }
  let path = rest;
  if (path === "") path = "/";
  else if (path.startsWith("?")) path = "/" + path;
  if (path.startsWith("//")) return refuse("path starts with //");
  if (path.includes("#")) return refuse("fragment in target");
  if (path.includes("\\")) return refuse("backslash in target");
  // Request-line bytes: Node's parser already refuses controls and spaces; be explicit anyway.
  if (/[\u0000-\u0020\u007f-\uffff]/.test(path)) return refuse("unescaped character in path");
  return isAcme ? { ok: true, host: acme.authority, path, acme: true } : { ok: true, host, path };
}

/**
 * Parse the `acme` option: the one extra origin (for tests and the demo, a local pebble) that the
 * proxy admits besides the vendor allow-list, reached over TLS that trusts only `caPem`.
 *
 * @param {{url: string, caPem: string | Buffer}} acme `url`: `https://<host>[:<port>]` with a host
 *   of ASCII letters, digits, dots and hyphens (an IPv4 address is fine, an IPv6 literal is not),
 *   no path, query or userinfo; `caPem`: the PEM CA certificate(s) its TLS certificate chains to.
 * @returns {{origin: string, hostname: string, port: number, authority: string, ca: string}}
 */
export function parseAcmeUpstream(acme) {
  if (acme === null || typeof acme !== "object") throw new TypeError("acme must be { url, caPem }");
  let u;
  try {
    u = new URL(String(acme.url));
  } catch {
    throw new Error(`invalid acme URL: ${acme.url}`);
  }
  if (u.protocol !== "https:") throw new Error(`acme URL must be https: ${acme.url}`);
  if (u.username || u.password || u.search || u.hash || (u.pathname !== "/" && u.pathname !== "")) {
    throw new Error(`acme URL must be an origin (https://host[:port]), without path, query or userinfo: ${acme.url}`);
  }
  if (!/^[a-z0-9.-]+$/.test(u.hostname) || u.hostname.endsWith(".")) {
    throw new Error(`acme URL host must be a DNS name or IPv4 address: ${acme.url}`);
  }
  const ca = Buffer.isBuffer(acme.caPem) ? acme.caPem.toString("utf8") : acme.caPem;
  if (typeof ca !== "string" || !ca.includes("-----BEGIN CERTIFICATE-----")) {
    throw new Error("acme.caPem must hold the PEM CA certificate the ACME server's TLS certificate chains to");
  }
  const port = Number(u.port) || 443;
  return {
    origin: u.origin,
    hostname: u.hostname,
    port,
    authority: port === 443 ? u.hostname : `${u.hostname}:${port}`,
    ca,
  };
}

/** Parse `http(s)://host[:port]` for the sandbox upstream. */
function parseUpstream(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid sandbox URL: ${url}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new Error(`sandbox URL must be http(s): ${url}`);
  }
  return {
    protocol: u.protocol,
    hostname: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port) || (u.protocol === "https:" ? 443 : 80),
    origin: u.origin,
  };
}

function resolveSandbox(sandbox) {
  if (sandbox === undefined || sandbox === null || sandbox === false || sandbox === "") return null;
  if (sandbox === true) return DEFAULT_SANDBOX_URL;
  return String(sandbox);
}

/** Parse a comma-separated origin list; `*` or empty means any origin. */
export function parseOrigins(value) {
  if (value === undefined || value === null) return ["*"];
  const list = (Array.isArray(value) ? value : String(value).split(","))
    .map((s) => String(s).trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return list.length === 0 || list.includes("*") ? ["*"] : list;
}

const ALLOW_HEADERS_LOWER = new Set(ALLOW_HEADERS.map((h) => h.toLowerCase()));
/**
 * Extra request headers we reflect in a preflight: any `X-` name made of letters, digits and
 * hyphens (for example Qiniu's `X-Qiniu-*`), except client-address claims. Everything else the
 * browser asks for (say `Cookie`-like or `Proxy-` names) is not reflected, so the browser refuses
 * to send it.
 */
function isReflectableHeader(name) {
  return (
    /^x-[a-z0-9][a-z0-9-]{0,62}$/.test(name) &&
    !name.startsWith("x-forwarded-") &&
    name !== "x-real-ip" &&
    !name.startsWith("x-http-method")
  );
}

/**
 * Start the proxy.
 *
 * @param {object} [options]
 * @param {number} [options.port=8787] port on 127.0.0.1; 0 picks a free one
 * @param {boolean|string} [options.sandbox] true → http://127.0.0.1:8788; a URL → that server;
 *   allow-listed requests then go there over plain HTTP, still with the vendor's `Host`.
 * @param {string} [options.upstream] same as a sandbox URL (alias)
 * @param {string|string[]} [options.allowedOrigins="*"] origins allowed to use the proxy
 * @param {number} [options.maxBodyBytes=1048576]
 * @param {number} [options.timeoutMs=30000]
 * @param {boolean|function} [options.log=false] true logs to stderr; a function receives each line
 * @param {{url: string, caPem: string|Buffer}} [options.acme] one extra origin to admit, for tests
 *   and the demo (a local pebble, `https://localhost:14000`): targets `/https://<that host>:<that
 *   port>/...` are forwarded there over TLS trusting only `caPem`, with `Host: <host>:<port>`, in
 *   sandbox mode too. See `parseAcmeUpstream`.
 * @returns {Promise<{url: string, port: number, sandbox: string|null, acme: string|null, close: () => Promise<void>}>}
 */
export async function startProxy(options = {}) {
  const port = options.port ?? DEFAULT_PORT;
  const sandboxUrl = resolveSandbox(options.upstream ?? options.sandbox);
  const upstream = sandboxUrl ? parseUpstream(sandboxUrl) : null;
  const acme = options.acme ? parseAcmeUpstream(options.acme) : null;
  const targetOptions = { acme };
  const origins = parseOrigins(options.allowedOrigins);
  const anyOrigin = origins[0] === "*";
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log =
    typeof options.log === "function"
      ? options.log
      : options.log
        ? (line) => process.stderr.write(line + "\n")
        : null;

  // Own agents, so close() can end every upstream connection.
  const agent = upstream
    ? new (upstream.protocol === "https:" ? https : http).Agent({ keepAlive: true, maxSockets: 32 })
    : new https.Agent({ keepAlive: true, maxSockets: 32 });
  const acmeAgent = acme ? new https.Agent({ keepAlive: true, maxSockets: 32, ca: acme.ca }) : null;

  const exposeHeaders = EXPOSE_HEADERS.join(", ");
  const retried = new Map(); // vendor host -> reads sent again after a stale keep-alive reset

  /** CORS response headers for this request's Origin; null if the origin is not allowed. */
  function corsHeaders(req) {
    const origin = req.headers.origin;
    if (anyOrigin) return { "Access-Control-Allow-Origin": "*" };
    if (origin === undefined) return {}; // not a cross-origin browser request (curl, same origin)
    if (origins.includes(origin)) return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
    return null;
  }

  function sendJson(res, status, code, error, extra = {}) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ error, code });
    res.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...extra,
    });
    res.end(body);
  }

  function handlePreflight(req, res, cors) {
    const requested = String(req.headers["access-control-request-headers"] ?? "")
      .split(",")
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
      .slice(0, 64);
    const extra = requested.filter((h) => !ALLOW_HEADERS_LOWER.has(h) && isReflectableHeader(h));
    const allowHeaders = [...ALLOW_HEADERS, ...new Set(extra)].join(", ");
    res.writeHead(204, {
      ...cors,
      "Access-Control-Allow-Methods": ALLOW_METHODS,
      "Access-Control-Allow-Headers": allowHeaders,
      "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE),
      // Not needed by a preflight itself; sent so that every answer lists what a page may read.
      "Access-Control-Expose-Headers": exposeHeaders,
      Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      "Content-Length": "0",
    });
    res.end();
  }

  /** Location of an upstream 3xx rewritten into proxy form, or null if it leaves the allow-list. */
  function rewriteLocation(location, target) {
    let abs;
    try {
      abs = new URL(location, `https://${target.host}${target.path}`);
    } catch {
      return null;
    }
    // Re-check through the same strict parser as incoming targets.
    const candidate = `/${abs.protocol.replace(/:$/, "")}://${abs.host}${abs.pathname}${abs.search}`;
    if (abs.username || abs.password) return null;
    const parsed = parseTarget(candidate, targetOptions);
    return parsed.ok ? `/https://${parsed.host}${parsed.path}` : null;
  }

  function handle(req, res) {
    const started = Date.now();
    let target = null;
    let timer = null;
    let upstreamReq = null;
    let finished = false;

    res.on("close", () => {
      finished = true;
      clearTimeout(timer);
      if (upstreamReq) upstreamReq.destroy();
      if (log) {
        // Method, host, path (no query: legacy Tencent puts SecretId and Signature there), status, duration.
        const where = target ? `${target.host}${target.path.split("?")[0]}` : "-";
        log(`${req.method} ${where} ${res.statusCode} ${Date.now() - started}ms`);
      }
    });

    const cors = corsHeaders(req);
    if (cors === null) {
      sendJson(res, 403, "ProxyForbidden", "origin not allowed");
      req.resume();
      return;
    }

    const parsed = parseTarget(req.url, targetOptions);
    if (!parsed.ok) {
      sendJson(res, 403, "ProxyForbidden", parsed.reason, cors);
      req.resume();
      return;
    }
    target = parsed;

    if (req.method === "OPTIONS") {
      handlePreflight(req, res, cors);
      req.resume();
      return;
    }
    if (!FORWARDED_METHODS.has(req.method)) {
      sendJson(res, 405, "ProxyMethodNotAllowed", "method not forwarded", { ...cors, Allow: ALLOW_METHODS });
      req.resume();
      return;
    }

    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > maxBodyBytes) {
      sendJson(res, 413, "ProxyBodyTooLarge", `request body over ${maxBodyBytes} bytes`, {
        ...cors,
        Connection: "close",
      });
      req.resume();
      return;
    }

    let phase = "body";
    timer = setTimeout(() => {
      if (finished) return;
      if (phase === "body") sendJson(res, 408, "ProxyTimeout", "request body not received in time", { ...cors, Connection: "close" });
      else sendJson(res, 504, "ProxyTimeout", `no complete upstream answer within ${timeoutMs} ms`, cors);
      if (upstreamReq) upstreamReq.destroy();
    }, timeoutMs);
    timer.unref?.();

    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge = true;
        chunks.length = 0;
        sendJson(res, 413, "ProxyBodyTooLarge", `request body over ${maxBodyBytes} bytes`, {
          ...cors,
          Connection: "close",
        });
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (tooLarge || finished) return;
      phase = "upstream";
      forward(req, res, target, Buffer.concat(chunks, size), cors);
    });

    function forward(req, res, target, body, cors) {
      // Headers: the client's own, in their order and case, minus the dropped ones.
      const connectionTokens = new Set(
        String(req.headers.connection ?? "")
          .split(",")
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      );
      const headers = [["Host", target.host]];
      const raw = req.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const lower = raw[i].toLowerCase();
        if (DROP_REQUEST.has(lower) || connectionTokens.has(lower)) continue;
        headers.push([raw[i], raw[i + 1]]);
      }
      const hasBody = body.length > 0 || declared !== undefined || req.method === "POST" || req.method === "PUT";
      if (hasBody) headers.push(["Content-Length", String(body.length)]);

      const client = target.acme ? https : upstream ? (upstream.protocol === "https:" ? https : http) : https;
      const requestOptions = {
        method: req.method,
        path: target.path,
        headers: headers.flat(),
        agent: target.acme ? acmeAgent : agent,
        setHost: false,
      };
      if (target.acme) {
        // The one configured ACME origin, over TLS that trusts its CA only (also on a fresh
        // connection without the agent, hence `ca` here too).
        requestOptions.hostname = acme.hostname;
        requestOptions.port = acme.port;
        requestOptions.ca = acme.ca;
        if (!net.isIP(acme.hostname)) requestOptions.servername = acme.hostname;
      } else if (upstream) {
        requestOptions.hostname = upstream.hostname;
        requestOptions.port = upstream.port;
      } else {
        requestOptions.hostname = target.host;
        requestOptions.port = 443;
        requestOptions.servername = target.host;
      }

      send(true);

      /** Sends the request upstream; `mayRetry`: once more after a stale keep-alive reset. */
      function send(mayRetry) {
        try {
          upstreamReq = client.request(requestOptions);
        } catch (err) {
          sendJson(res, 502, "ProxyUpstreamError", "could not build the upstream request", cors);
          return;
        }
        const sent = upstreamReq;
        let answered = false;
        sent.on("error", (err) => {
          if (finished || sent !== upstreamReq) return;
          // A keep-alive connection the upstream had closed, reset before any byte of an answer:
          // the upstream did not read the request. Sent again once on a fresh connection, for a
          // read only: a write that may have reached the vendor is never sent twice.
          if (mayRetry && !answered && sent.reusedSocket && RESET_CODES.has(err.code) && isRead(req, target, body)) {
            retried.set(target.host, (retried.get(target.host) ?? 0) + 1);
            // A new connection of its own: the pool may hold other sockets the upstream closed.
            requestOptions.agent = false;
            send(false);
            return;
          }
          sendJson(res, 502, "ProxyUpstreamError", `upstream unreachable (${err.code ?? "error"})`, cors);
        });
        sent.on("response", (up) => {
          answered = true;
          if (finished) {
            up.resume();
            return;
          }
          const status = up.statusCode ?? 502;
          // A browser follows only the redirect statuses: there the Location must stay on the
          // allow-list and is rewritten onto the proxy. On any other status (an ACME 201's account
          // or order URL) it is a name, not followed, and passes unchanged.
          const redirect = REDIRECT_STATUSES.has(status);
          const outHeaders = [];
          const upRaw = up.rawHeaders;
          for (let i = 0; i + 1 < upRaw.length; i += 2) {
            const lower = upRaw[i].toLowerCase();
            if (DROP_RESPONSE.has(lower) || lower.startsWith("access-control-")) continue;
            if (lower === "location" && redirect) continue; // handled below
            outHeaders.push([upRaw[i], upRaw[i + 1]]);
          }
          const location = up.headers.location;
          if (redirect && location !== undefined) {
            const rewritten = rewriteLocation(location, target);
            if (rewritten === null) {
              up.resume();
              sendJson(res, 502, "ProxyUpstreamError", "upstream redirected outside the allow-list; not followed", cors);
              return;
            }
            outHeaders.push(["Location", rewritten]);
          }
          for (const [k, v] of Object.entries(cors)) outHeaders.push([k, v]);
          outHeaders.push(["Access-Control-Expose-Headers", exposeHeaders]);
          res.writeHead(status, outHeaders.flat());
          up.pipe(res);
          up.on("error", () => res.destroy());
        });
        sent.end(body.length > 0 ? body : undefined);
      }
    }
  }

  const server = http.createServer({ keepAliveTimeout: 5000 }, handle);
  server.on("clientError", (err, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // A target the HTTP parser cannot even read (raw unicode, controls) is refused like any other.
    const [status, code, text] =
      err.code === "HPE_INVALID_URL"
        ? [403, "ProxyForbidden", "Forbidden"]
        : err.code === "HPE_HEADER_OVERFLOW"
          ? [431, "ProxyBadRequest", "Request Header Fields Too Large"]
          : [400, "ProxyBadRequest", "Bad Request"];
    const body = JSON.stringify({ error: "malformed HTTP request", code });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nAccess-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;

  let closing = null;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    sandbox: upstream ? upstream.origin : null,
    acme: acme ? acme.origin : null,
    /** Reads sent again after an upstream keep-alive connection was reset under them: to `host`, or in all. */
    retries: (host) => (host === undefined ? [...retried.values()].reduce((a, b) => a + b, 0) : (retried.get(host) ?? 0)),
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
        acmeAgent?.destroy();
      });
      return closing;
    },
  };
}
