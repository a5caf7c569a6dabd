// Tests of the CORS proxy (proxy/). Loopback only: the proxy runs in sandbox mode pointed at a
// tiny stub upstream defined here, which echoes what it received. Set CLOUDCERTS_NGINX_TEST=1 to
// also run proxy/nginx-test.sh (CI may instead call that script directly).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startProxy, parseTarget, parseAcmeUpstream, EXPOSE_HEADERS } from "../../proxy/server.mjs";
import { optionsFromCli } from "../../proxy/server.mjs";
import { makeLocalhostCert } from "../support/localhost-cert.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// ---------------------------------------------------------------- stub upstream

const UPSTREAM_DATE = "Tue, 14 Nov 2023 22:13:20 GMT";
const hits = []; // every request the stub saw
const stubSockets = new Set();
const stub = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    hits.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, headers: req.headers, body });
    const path = req.url.split("?")[0];
    if (path === "/hang") return; // never answers: the proxy must time out
    if (path === "/redirect-away") {
      res.writeHead(302, { Location: "https://evil.example/steal" });
      return res.end();
    }
    if (path === "/redirect-loopback") {
      res.writeHead(307, { Location: "http://127.0.0.1:1/" });
      return res.end();
    }
    if (path === "/redirect-ok") {
      res.writeHead(301, { Location: "https://fusion.qiniuapi.com/sslcert?marker=a" });
      return res.end();
    }
    if (path === "/redirect-relative") {
      res.writeHead(302, { Location: "/sslcert/next?x=1" });
      return res.end();
    }
    if (path === "/created") {
      // An ACME 201: Location names the new account; it is not a redirect.
      res.writeHead(201, {
        "Content-Type": "application/json",
        Location: "https://acme-v02.api.letsencrypt.org/acme/acct/1",
        "Replay-Nonce": "nonce-1",
        Link: '<https://acme-v02.api.letsencrypt.org/directory>;rel="index"',
        "Retry-After": "3",
      });
      return res.end("{}");
    }
    res.sendDate = false;
    res.writeHead(200, [
      "Date", UPSTREAM_DATE,
      "Content-Type", "application/json",
      "X-Tc-Requestid", "tc-req-1",
      "X-Reqid", "qiniu-req-1",
      "X-Tt-Logid", "volc-log-1",
      "Set-Cookie", "session=upstream; Path=/",
      "Access-Control-Allow-Origin", "https://evil.example",
    ]);
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        rawHeaders: req.rawHeaders,
        body: body.toString("base64"),
      }),
    );
  });
});
stub.on("connection", (s) => {
  stubSockets.add(s);
  s.on("close", () => stubSockets.delete(s));
});

let stubUrl;
let proxy; // sandbox mode → stub, 64 KiB body cap, 3 s timeout
let fastProxy; // 300 ms timeout
let strictProxy; // only https://console.example may use it

before(async () => {
  await new Promise((r) => stub.listen(0, "127.0.0.1", r));
  stubUrl = `http://127.0.0.1:${stub.address().port}`;
  proxy = await startProxy({ port: 0, sandbox: stubUrl, maxBodyBytes: 64 * 1024, timeoutMs: 3000 });
  fastProxy = await startProxy({ port: 0, sandbox: stubUrl, timeoutMs: 300 });
  strictProxy = await startProxy({ port: 0, sandbox: stubUrl, allowedOrigins: "https://console.example" });
});

after(async () => {
  await Promise.all([proxy?.close(), fastProxy?.close(), strictProxy?.close()]);
  for (const s of stubSockets) s.destroy();
  await new Promise((r) => stub.close(r));
});

// ---------------------------------------------------------------- helpers

/**
 * Send raw bytes to the proxy (so no client library normalizes the target) and parse the answer.
 * Bounded: gives up after 5 s.
 */
function rawRequest(port, { method = "GET", target, headers = {}, body = null }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const out = [];
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error("raw request timed out"));
    });
    socket.on("data", (d) => out.push(d));
    socket.on("error", () => {}); // a reset after a refusal is fine; parse what arrived
    socket.on("close", () => {
      const text = Buffer.concat(out).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const h = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        h[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers: h, body: text.slice(split + 4) });
    });
    const head = Buffer.from(`${method} `, "latin1");
    const tgt = Buffer.isBuffer(target) ? target : Buffer.from(target, "utf8");
    let rest = ` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`;
    for (const [k, v] of Object.entries(headers)) rest += `${k}: ${v}\r\n`;
    if (body !== null) rest += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    socket.write(Buffer.concat([head, tgt, Buffer.from(rest + "\r\n", "latin1"), body === null ? Buffer.alloc(0) : Buffer.from(body)]));
  });
}

/** A normal HTTP request through Node's client (the way a backend would call the proxy). */
function request(port, { method = "GET", path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on("timeout", () => req.destroy(new Error("client timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

const json = (r) => JSON.parse(Buffer.isBuffer(r.body) ? r.body.toString("utf8") : r.body);
const pairs = (raw) => {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
};

// ---------------------------------------------------------------- refusals

const REFUSED = [
  // other hosts and look-alike names
  ["other host", "/https://example.com/"],
  ["vendor suffix on another domain", "/https://api.qiniu.com.evil.example/"],
  ["vendor name as a subdomain label", "/https://evil.example/api.qiniu.com/"],
  ["parent domain only", "/https://tencentcloudapi.com/"],
  ["prefix before ssl.", "/https://xssl.tencentcloudapi.com/"],
  ["sub-subdomain of a vendor", "/https://evil.ssl.tencentcloudapi.com/"],
  ["two region labels", "/https://ssl.ap-guangzhou.x.tencentcloudapi.com/"],
  ["empty region label", "/https://ssl..tencentcloudapi.com/"],
  ["region label with leading hyphen", "/https://ssl.-ap.tencentcloudapi.com/"],
  ["region label with underscore", "/https://ssl.ap_gz.tencentcloudapi.com/"],
  ["other qcloud host", "/https://cvm.api.qcloud.com/v2/index.php"],
  ["other volcengine host", "/https://iam.volcengineapi.com/"],
  ["Volcengine HTTPDNS host", "/https://httpdns.volcengineapi.com/resolve"],
  ["other Let's Encrypt host", "/https://acme-v01.api.letsencrypt.org/directory"],
  ["Let's Encrypt parent domain", "/https://api.letsencrypt.org/directory"],
  ["Let's Encrypt host on another domain", "/https://acme-v02.api.letsencrypt.org.evil.example/directory"],
  ["ZeroSSL REST API host", "/https://api.zerossl.com/acme/eab-credentials"],
  ["ZeroSSL subdomain", "/https://x.acme.zerossl.com/v2/DV90"],
  ["ZeroSSL on port 8443", "/https://acme.zerossl.com:8443/v2/DV90"],
  ["other tencentcloudapi host", "/https://cvm.tencentcloudapi.com/"],
  ["DNSPod legacy API host", "/https://dnsapi.cn/Record.Create"],
  ["pebble's default origin (no acme option)", "/https://localhost:14000/dir"],
  ["loopback with a port (no acme option)", "/https://127.0.0.1:14000/dir"],
  // IP literals and localhost
  ["IPv4 loopback", "/https://127.0.0.1/"],
  ["IPv4 short form", "/https://127.1/"],
  ["IPv4 decimal", "/https://2130706433/"],
  ["IPv4 octal", "/https://0177.0.0.1/"],
  ["IPv4 hex", "/https://0x7f.0.0.1/"],
  ["IPv4 hex integer", "/https://0x7f000001/"],
  ["metadata service", "/https://169.254.169.254/latest/meta-data/"],
  ["IPv6 loopback", "/https://[::1]/"],
  ["IPv4-mapped IPv6", "/https://[::ffff:127.0.0.1]/"],
  ["localhost", "/https://localhost/"],
  ["LOCALHOST upper case", "/https://LOCALHOST/"],
  ["localhost trailing dot", "/https://localhost./"],
  // ports and schemes
  ["port 80", "/https://api.qiniu.com:80/"],
  ["port 8443", "/https://api.qiniu.com:8443/"],
  ["port 0443", "/https://api.qiniu.com:0443/"],
  ["empty port", "/https://api.qiniu.com:/"],
  ["http scheme", "/http://api.qiniu.com/"],
  ["ws scheme", "/ws://api.qiniu.com/"],
  ["file scheme", "/file:///etc/passwd"],
  ["scheme-relative", "//api.qiniu.com/"],
  ["no scheme", "/api.qiniu.com/sslcert"],
  ["absolute-form request target", "https://api.qiniu.com/sslcert"],
  ["root", "/"],
  // userinfo
  ["userinfo before vendor host", "/https://user@api.qiniu.com/"],
  ["vendor host as userinfo", "/https://api.qiniu.com@evil.example/"],
  ["vendor host:443 as userinfo", "/https://api.qiniu.com:443@evil.example/"],
  ["user:password", "/https://a:b@api.qiniu.com/"],
  // encoding tricks
  ["percent-encoded dot", "/https://api%2eqiniu.com/"],
  ["percent-encoded host", "/https://%61%70%69.qiniu.com/"],
  ["percent-encoded slash then @", "/https://api.qiniu.com%2F@evil.example/"],
  ["percent-encoded NUL", "/https://api.qiniu.com%00.evil.example/"],
  ["percent-encoded scheme separator", "/https%3A%2F%2Fapi.qiniu.com/"],
  ["backslash then @", "/https://api.qiniu.com\\@evil.example/"],
  ["backslashes as slashes", "/https:\\\\api.qiniu.com/"],
  ["backslash in path", "/https://api.qiniu.com/\\evil.example/"],
  ["single slash after scheme", "/https:/api.qiniu.com/"],
  ["three slashes after scheme", "/https:///api.qiniu.com/"],
  ["double slash path", "/https://api.qiniu.com//evil.example/"],
  ["fragment trick", "/https://evil.example#@api.qiniu.com/"],
  ["trailing dot", "/https://api.qiniu.com./"],
  ["trailing dot with port", "/https://api.qiniu.com.:443/"],
  // unicode and punycode look-alikes
  ["Cyrillic a, percent-encoded (as a browser sends it)", "/https://%D0%B0pi.qiniu.com/"],
  ["Cyrillic a, raw UTF-8 bytes", "/https://аpi.qiniu.com/"],
  ["fullwidth dot, raw UTF-8 bytes", "/https://api．qiniu.com/"],
  ["punycode look-alike", "/https://xn--pi-7kc.qiniu.com/"],
  ["punycode label", "/https://xn--api-qiniu-com.example/"],
];

for (const [name, target] of REFUSED) {
  test(`refuses ${name}: ${target}`, async () => {
    const r = await rawRequest(proxy.port, { target });
    const code = r.status === 403 ? json(r).code : r.body;
    assert.deepEqual({ status: r.status, code }, { status: 403, code: "ProxyForbidden" });
  });
}

test("refusals never reached the upstream", async () => {
  // Runs after the table (node:test runs top-level tests in order).
  assert.deepEqual(
    hits.map((h) => h.url),
    [],
  );
});

test("refuses a preflight for an off-list target", async () => {
  const r = await rawRequest(proxy.port, {
    method: "OPTIONS",
    target: "/https://evil.example/",
    headers: { Origin: "https://console.example", "Access-Control-Request-Method": "POST" },
  });
  assert.equal(r.status, 403);
});

test("refuses methods it does not forward", async () => {
  const r = await rawRequest(proxy.port, { method: "PATCH", target: "/https://api.qiniu.com/sslcert" });
  assert.deepEqual([r.status, json(r).code], [405, "ProxyMethodNotAllowed"]);
});

test("parseTarget: allowed forms and exact path bytes", () => {
  const cases = [
    ["/https://ssl.tencentcloudapi.com/", "ssl.tencentcloudapi.com", "/"],
    ["/https://ssl.ap-guangzhou.tencentcloudapi.com/", "ssl.ap-guangzhou.tencentcloudapi.com", "/"],
    ["/https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&Signature=a%2Fb%3D", "wss.api.qcloud.com", "/v2/index.php?Action=CertGetList&Signature=a%2Fb%3D"],
    ["/https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01", "live.volcengineapi.com", "/?Action=ListCertV2&Version=2023-01-01"],
    ["/https://open.volcengineapi.com?Action=CertificateGetInstance", "open.volcengineapi.com", "/?Action=CertificateGetInstance"],
    ["/https://api.qiniu.com:443/sslcert?marker=&limit=100", "api.qiniu.com", "/sslcert?marker=&limit=100"],
    ["/https://fusion.qiniuapi.com", "fusion.qiniuapi.com", "/"],
    ["/HTTPS://API.Qiniu.COM/sslcert/ABC", "api.qiniu.com", "/sslcert/ABC"],
    ["/https://dnspod.tencentcloudapi.com/", "dnspod.tencentcloudapi.com", "/"],
    ["/https://dns.volcengineapi.com/?Action=CreateRecord&Version=2018-08-01", "dns.volcengineapi.com", "/?Action=CreateRecord&Version=2018-08-01"],
    ["/https://acme-v02.api.letsencrypt.org/directory", "acme-v02.api.letsencrypt.org", "/directory"],
    ["/https://acme-staging-v02.api.letsencrypt.org/acme/new-nonce", "acme-staging-v02.api.letsencrypt.org", "/acme/new-nonce"],
    ["/https://acme.zerossl.com:443/v2/DV90", "acme.zerossl.com", "/v2/DV90"],
  ];
  for (const [target, host, path] of cases) {
    assert.deepEqual(parseTarget(target), { ok: true, host, path }, target);
  }
});

// ---------------------------------------------------------------- forwarding

test("forwards an allowed POST with the real Host, signed headers and body bytes unchanged", async () => {
  // Odd spacing and key order on purpose: any re-serialization would change these bytes.
  const body = Buffer.from('{ "Limit":1000 ,"Offset":0, "x":"\\u672a\u547d" }\n', "utf8");
  const signed = {
    Authorization:
      "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579",
    "Content-Type": "application/json; charset=utf-8",
    "X-TC-Action": "DescribeCertificates",
    "X-TC-Version": "2019-12-05",
    "X-TC-Timestamp": "1700000000",
    "X-TC-Token": "session token with  two spaces",
  };
  const before = hits.length;
  const r = await request(proxy.port, {
    method: "POST",
    path: "/https://ssl.tencentcloudapi.com/",
    headers: { ...signed, Origin: "https://console.example", Referer: "https://console.example/page", Cookie: "a=b" },
    body,
  });
  assert.equal(r.status, 200);
  const seen = hits[before];
  assert.equal(hits.length, before + 1);
  assert.equal(seen.method, "POST");
  assert.equal(seen.url, "/");
  assert.equal(seen.headers.host, "ssl.tencentcloudapi.com");
  assert.ok(seen.body.equals(body), "body bytes unchanged");
  assert.equal(seen.headers["content-length"], String(body.length));
  const got = Object.fromEntries(pairs(seen.rawHeaders));
  for (const [k, v] of Object.entries(signed)) assert.equal(got[k], v, `${k} unchanged (name case too)`);
});

test("forwards a GET with its query string byte for byte and the host lower-cased", async () => {
  const path = "/https://API.QINIU.COM:443/sslcert?marker=&limit=100&x=%2A%20a+b&y=a%2Fb";
  const before = hits.length;
  const r = await request(proxy.port, {
    path,
    headers: { Authorization: "QBox MY_ACCESS_KEY:kW24uQ7m9mkGxUsYYVsSmdn3flo=" },
  });
  assert.equal(r.status, 200);
  const seen = hits[before];
  assert.equal(seen.url, "/sslcert?marker=&limit=100&x=%2A%20a+b&y=a%2Fb");
  assert.equal(seen.headers.host, "api.qiniu.com");
  assert.equal(seen.headers.authorization, "QBox MY_ACCESS_KEY:kW24uQ7m9mkGxUsYYVsSmdn3flo=");
  assert.equal(seen.headers["content-length"], undefined, "no body invented for a GET");
});

test("forwards Volcengine and regional Tencent hosts, and DELETE", async () => {
  const cases = [
    ["POST", "/https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01", "live.volcengineapi.com"],
    ["GET", "/https://open.volcengineapi.com/?Action=CertificateGetInstance&Version=2021-06-01&limit=100&page=1", "open.volcengineapi.com"],
    ["POST", "/https://ssl.ap-guangzhou.tencentcloudapi.com/", "ssl.ap-guangzhou.tencentcloudapi.com"],
    ["GET", "/https://wss.api.qcloud.com/v2/index.php?Action=CertGetList", "wss.api.qcloud.com"],
    ["DELETE", "/https://api.qiniu.com/sslcert/5e8a2c1f0000000000000000", "api.qiniu.com"],
    ["GET", "/https://fusion.qiniuapi.com/sslcert", "fusion.qiniuapi.com"],
  ];
  for (const [method, path, host] of cases) {
    const before = hits.length;
    const r = await request(proxy.port, {
      method,
      path,
      headers: { "X-Date": "20231114T221320Z", "X-Security-Token": "STS" },
      body: method === "POST" ? "{}" : undefined,
    });
    assert.equal(r.status, 200, path);
    assert.deepEqual([hits[before].method, hits[before].headers.host, hits[before].headers["x-date"]], [method, host, "20231114T221320Z"]);
  }
});

test("forwards the ACME directories' hosts and the DNS APIs' with their real Host (to the sandbox in sandbox mode)", async () => {
  const cases = [
    ["GET", "/https://acme-v02.api.letsencrypt.org/directory", "acme-v02.api.letsencrypt.org", "/directory"],
    ["HEAD", "/https://acme-staging-v02.api.letsencrypt.org/acme/new-nonce", "acme-staging-v02.api.letsencrypt.org", "/acme/new-nonce"],
    ["POST", "/https://acme.zerossl.com/v2/DV90/newAccount", "acme.zerossl.com", "/v2/DV90/newAccount"],
    ["POST", "/https://dnspod.tencentcloudapi.com/", "dnspod.tencentcloudapi.com", "/"],
    ["POST", "/https://dns.volcengineapi.com/?Action=CreateRecord&Version=2018-08-01", "dns.volcengineapi.com", "/?Action=CreateRecord&Version=2018-08-01"],
  ];
  for (const [method, target, host, url] of cases) {
    const before = hits.length;
    const r = await request(proxy.port, {
      method,
      path: target,
      headers: method === "POST" ? { "Content-Type": "application/jose+json" } : {},
      body: method === "POST" ? '{"protected":"e30","payload":"","signature":"c2ln"}' : undefined,
    });
    assert.equal(r.status, 200, target);
    assert.deepEqual([hits[before].method, hits[before].headers.host, hits[before].url], [method, host, url]);
    if (method === "POST") assert.equal(hits[before].headers["content-type"], "application/jose+json");
  }
});

test("drops cookies, Origin, Referer, hop-by-hop and forwarding headers", async () => {
  const before = hits.length;
  await request(proxy.port, {
    path: "/https://api.qiniu.com/sslcert",
    headers: {
      Cookie: "session=secret",
      Origin: "https://console.example",
      Referer: "https://console.example/certs",
      Connection: "keep-alive, X-Drop-Me",
      "X-Drop-Me": "1",
      "Keep-Alive": "timeout=5",
      "Proxy-Authorization": "Basic Zm9vOmJhcg==",
      "X-Forwarded-For": "1.2.3.4",
      "X-Keep-Me": "yes",
    },
  });
  const names = Object.keys(hits[before].headers);
  for (const n of ["cookie", "origin", "referer", "x-drop-me", "keep-alive", "proxy-authorization", "x-forwarded-for"]) {
    assert.ok(!names.includes(n), `${n} dropped`);
  }
  assert.equal(hits[before].headers["x-keep-me"], "yes");
});

test("response: CORS and exposed headers added, upstream Set-Cookie and CORS headers removed", async () => {
  const r = await request(proxy.port, {
    path: "/https://api.qiniu.com/sslcert",
    headers: { Origin: "https://console.example" },
  });
  assert.equal(r.headers["access-control-allow-origin"], "*");
  const exposed = r.headers["access-control-expose-headers"].split(",").map((s) => s.trim().toLowerCase());
  for (const h of ["date", "x-tc-requestid", "x-reqid", "x-request-id", "x-tt-logid"]) assert.ok(exposed.includes(h), h);
  assert.deepEqual(exposed, EXPOSE_HEADERS.map((h) => h.toLowerCase()));
  assert.equal(r.headers["set-cookie"], undefined);
  assert.equal(r.headers["x-tc-requestid"], "tc-req-1");
  assert.equal(r.headers["x-reqid"], "qiniu-req-1");
  const dates = pairs(r.rawHeaders).filter(([k]) => k.toLowerCase() === "date");
  assert.deepEqual(dates.map(([, v]) => v), [UPSTREAM_DATE], "the vendor's Date, not the proxy's");
  assert.equal(pairs(r.rawHeaders).filter(([k]) => k.toLowerCase() === "access-control-allow-origin").length, 1);
});

test("ACME headers: Replay-Nonce, Link, Retry-After pass and are exposed; a 201's Location passes unchanged", async () => {
  const r = await request(proxy.port, {
    method: "POST",
    path: "/https://acme-v02.api.letsencrypt.org/created",
    headers: { Origin: "https://console.example", "Content-Type": "application/jose+json" },
    body: "{}",
  });
  assert.equal(r.status, 201);
  assert.equal(r.headers.location, "https://acme-v02.api.letsencrypt.org/acme/acct/1", "a name, not a redirect: not rewritten");
  assert.equal(r.headers["replay-nonce"], "nonce-1");
  assert.equal(r.headers.link, '<https://acme-v02.api.letsencrypt.org/directory>;rel="index"');
  assert.equal(r.headers["retry-after"], "3");
  const exposed = r.headers["access-control-expose-headers"].split(",").map((s) => s.trim().toLowerCase());
  for (const h of ["replay-nonce", "location", "link", "retry-after", "date"]) assert.ok(exposed.includes(h), h);
});

// ---------------------------------------------------------------- preflight and origins

test("preflight: 204 with methods, signer headers, safe reflected X- headers, max-age", async () => {
  const before = hits.length;
  const r = await request(proxy.port, {
    method: "OPTIONS",
    path: "/https://ssl.tencentcloudapi.com/",
    headers: {
      Origin: "https://console.example",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type,x-tc-action,x-qiniu-date,x-forwarded-for,cookie",
    },
  });
  assert.equal(r.status, 204);
  assert.equal(hits.length, before, "preflights are answered locally");
  assert.equal(r.headers["access-control-allow-origin"], "*");
  assert.equal(r.headers["access-control-allow-methods"], "GET, POST, DELETE, PUT, OPTIONS");
  const allowed = r.headers["access-control-allow-headers"].split(",").map((s) => s.trim().toLowerCase());
  for (const h of [
    "authorization", "content-type", "x-tc-action", "x-tc-version", "x-tc-timestamp", "x-tc-region",
    "x-tc-token", "x-tc-language", "x-date", "x-content-sha256", "x-security-token", "x-qiniu-date",
  ]) assert.ok(allowed.includes(h), h);
  assert.ok(!allowed.includes("x-forwarded-for"));
  assert.ok(!allowed.includes("cookie"));
  assert.ok(Number(r.headers["access-control-max-age"]) > 0);
});

test("preflight: lists the exposed headers too, and lets Content-Type (application/jose+json) through", async () => {
  for (const target of ["/https://acme-v02.api.letsencrypt.org/acme/new-acct", "/https://dnspod.tencentcloudapi.com/"]) {
    const r = await request(proxy.port, {
      method: "OPTIONS",
      path: target,
      headers: { Origin: "https://console.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    assert.equal(r.status, 204, target);
    assert.ok(r.headers["access-control-allow-headers"].toLowerCase().split(/\s*,\s*/).includes("content-type"));
    const exposed = r.headers["access-control-expose-headers"].split(",").map((s) => s.trim().toLowerCase());
    assert.deepEqual(exposed, EXPOSE_HEADERS.map((h) => h.toLowerCase()));
  }
});

test("allowed-origin list: echoes a listed origin, refuses others", async () => {
  const ok = await request(strictProxy.port, {
    method: "OPTIONS",
    path: "/https://api.qiniu.com/sslcert",
    headers: { Origin: "https://console.example", "Access-Control-Request-Method": "GET" },
  });
  assert.deepEqual([ok.status, ok.headers["access-control-allow-origin"]], [204, "https://console.example"]);
  assert.match(ok.headers.vary, /Origin/);
  const no = await request(strictProxy.port, {
    path: "/https://api.qiniu.com/sslcert",
    headers: { Origin: "https://evil.example" },
  });
  assert.deepEqual([no.status, json(no).code, no.headers["access-control-allow-origin"]], [403, "ProxyForbidden", undefined]);
});

// ---------------------------------------------------------------- limits

test("body cap: a declared Content-Length over the cap gets 413", async () => {
  const before = hits.length;
  const r = await rawRequest(proxy.port, {
    method: "POST",
    target: "/https://api.qiniu.com/sslcert",
    body: "x".repeat(64 * 1024 + 1),
  });
  assert.deepEqual([r.status, json(r).code], [413, "ProxyBodyTooLarge"]);
  assert.equal(hits.length, before);
});

test("body cap: a chunked body over the cap gets 413", async () => {
  const before = hits.length;
  const r = await new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: proxy.port, method: "POST", path: "/https://api.qiniu.com/sslcert", agent: false, timeout: 5000 },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      },
    );
    req.on("error", reject);
    for (let i = 0; i < 17; i++) req.write(Buffer.alloc(4096, 0x61)); // 68 KiB, chunked
    req.end();
  });
  assert.deepEqual([r.status, json(r).code], [413, "ProxyBodyTooLarge"]);
  assert.equal(hits.length, before);
});

test("a body just under the cap is forwarded whole", async () => {
  const before = hits.length;
  const body = Buffer.alloc(64 * 1024, 0x7b);
  const r = await request(proxy.port, { method: "PUT", path: "/https://api.qiniu.com/sslcert", body });
  assert.equal(r.status, 200);
  assert.ok(hits[before].body.equals(body));
});

test("timeout: an upstream that never answers gets 504", async () => {
  const t0 = Date.now();
  const r = await request(fastProxy.port, { path: "/https://api.qiniu.com/hang" });
  assert.deepEqual([r.status, json(r).code], [504, "ProxyTimeout"]);
  assert.ok(Date.now() - t0 < 3000);
});

test("upstream unreachable gives 502 ProxyUpstreamError", async () => {
  // A port that was free a moment ago: connection refused.
  const tmp = net.createServer();
  await new Promise((r) => tmp.listen(0, "127.0.0.1", r));
  const deadPort = tmp.address().port;
  await new Promise((r) => tmp.close(r));
  const dead = await startProxy({ port: 0, sandbox: `http://127.0.0.1:${deadPort}` });
  try {
    const r = await request(dead.port, { path: "/https://api.qiniu.com/sslcert" });
    assert.deepEqual([r.status, json(r).code], [502, "ProxyUpstreamError"]);
  } finally {
    await dead.close();
  }
});

// ---------------------------------------------------------------- redirects

test("redirects are never followed; off-list Location gives 502", async () => {
  for (const path of ["/https://api.qiniu.com/redirect-away", "/https://api.qiniu.com/redirect-loopback"]) {
    const before = hits.length;
    const r = await request(proxy.port, { path });
    assert.deepEqual([r.status, json(r).code, r.headers.location], [502, "ProxyUpstreamError", undefined], path);
    assert.equal(hits.length, before + 1, "only the original request reached the upstream");
  }
});

test("redirects to an allow-listed host pass through, rewritten to stay on the proxy", async () => {
  const a = await request(proxy.port, { path: "/https://api.qiniu.com/redirect-ok" });
  assert.deepEqual([a.status, a.headers.location], [301, "/https://fusion.qiniuapi.com/sslcert?marker=a"]);
  const b = await request(proxy.port, { path: "/https://api.qiniu.com/redirect-relative" });
  assert.deepEqual([b.status, b.headers.location], [302, "/https://api.qiniu.com/sslcert/next?x=1"]);
});

// ---------------------------------------------------------------- logging and command line

test("logging (when on) names method, host, path, status, duration and never secrets", async () => {
  const lines = [];
  const p = await startProxy({ port: 0, sandbox: stubUrl, log: (l) => lines.push(l) });
  try {
    await request(p.port, {
      path: "/https://wss.api.qcloud.com/v2/index.php?SecretId=AKIDSECRETID&Signature=SIGVALUE",
      headers: { Authorization: "TC3-HMAC-SHA256 SECRETAUTH", "X-TC-Token": "SECRETTOKEN", "X-Security-Token": "SECRETSTS" },
    });
  } finally {
    await p.close();
  }
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^GET wss\.api\.qcloud\.com\/v2\/index\.php 200 \d+ms$/);
});

test("logging never holds a request body", async () => {
  const lines = [];
  const p = await startProxy({ port: 0, sandbox: stubUrl, log: (l) => lines.push(l) });
  try {
    await request(p.port, {
      method: "POST",
      path: "/https://acme.zerossl.com/v2/DV90/newOrder",
      headers: { "Content-Type": "application/jose+json" },
      body: '{"protected":"BODYMARKER","payload":"BODYMARKER","signature":"BODYMARKER"}',
    });
  } finally {
    await p.close();
  }
  assert.deepEqual(lines.length, 1);
  assert.match(lines[0], /^POST acme\.zerossl\.com\/v2\/DV90\/newOrder 200 \d+ms$/);
});

test("command line: --sandbox, --sandbox=URL, env", () => {
  assert.equal(optionsFromCli([], {}).sandbox, null);
  assert.equal(optionsFromCli([], {}).port, 8787);
  assert.equal(optionsFromCli(["--sandbox"], {}).sandbox, "http://127.0.0.1:8788");
  assert.equal(optionsFromCli(["--sandbox=http://127.0.0.1:9"], {}).sandbox, "http://127.0.0.1:9");
  assert.equal(optionsFromCli([], { CLOUDCERTS_PROXY_SANDBOX: "http://127.0.0.1:7" }).sandbox, "http://127.0.0.1:7");
  assert.equal(optionsFromCli([], { PORT: "9999" }).port, 9999);
});

// ---------------------------------------------------------------- the `acme` upstream (tests, demo)

// A TLS upstream standing in for pebble: its own throwaway CA, a certificate for localhost and
// 127.0.0.1. A second CA signs nothing here: a proxy told to trust it must refuse the upstream.
const tlsHits = [];
let tlsDir;
let tlsServer;
let tlsPort;
let acmeCa; // the CA of tlsServer's certificate
let otherCa; // an unrelated CA
let acmeProxy; // sandbox mode → stub, plus acme → tlsServer

before(async () => {
  tlsDir = await mkdtemp(path.join(os.tmpdir(), "cloudcerts-proxy-tls-"));
  await Promise.all([mkdir(path.join(tlsDir, "a")), mkdir(path.join(tlsDir, "b"))]);
  const [cert, other] = await Promise.all([makeLocalhostCert(path.join(tlsDir, "a")), makeLocalhostCert(path.join(tlsDir, "b"))]);
  acmeCa = cert.caPem;
  otherCa = other.caPem;
  tlsServer = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      tlsHits.push({ method: req.method, url: req.url, headers: req.headers, body });
      const self = `https://localhost:${tlsPort}`;
      const route = req.url.split("?")[0];
      if (route === "/new-acct") {
        res.writeHead(201, {
          "Content-Type": "application/json",
          Location: `${self}/acct/1`,
          "Replay-Nonce": "tls-nonce",
          Link: `<${self}/dir>;rel="index"`,
        });
        return res.end(JSON.stringify({ status: "valid" }));
      }
      if (route === "/redirect-same") {
        res.writeHead(302, { Location: "/dir?x=1" });
        return res.end();
      }
      if (route === "/redirect-away") {
        res.writeHead(307, { Location: "https://evil.example/" });
        return res.end();
      }
      res.writeHead(200, { "Content-Type": "application/json", "Replay-Nonce": "tls-nonce", "Retry-After": "1" });
      res.end(JSON.stringify({ newNonce: `${self}/nonce`, url: req.url }));
    });
  });
  await new Promise((r) => tlsServer.listen(0, "127.0.0.1", r));
  tlsPort = tlsServer.address().port;
  acmeProxy = await startProxy({ port: 0, sandbox: stubUrl, acme: { url: `https://localhost:${tlsPort}`, caPem: acmeCa }, timeoutMs: 3000 });
});

after(async () => {
  await acmeProxy?.close();
  tlsServer?.closeAllConnections();
  if (tlsServer) await new Promise((r) => tlsServer.close(r));
  if (tlsDir) await rm(tlsDir, { recursive: true, force: true });
});

test("acme option: its origin is forwarded over TLS with Host host:port and the body unchanged; vendors still go to the sandbox", async () => {
  assert.equal(acmeProxy.acme, `https://localhost:${tlsPort}`);
  let n = tlsHits.length;
  const dir = await request(acmeProxy.port, { path: `/https://localhost:${tlsPort}/dir`, headers: { Origin: "https://console.example" } });
  assert.equal(dir.status, 200);
  assert.equal(json(dir).newNonce, `https://localhost:${tlsPort}/nonce`);
  assert.deepEqual([tlsHits[n].method, tlsHits[n].url, tlsHits[n].headers.host], ["GET", "/dir", `localhost:${tlsPort}`]);
  assert.equal(dir.headers["access-control-allow-origin"], "*");
  assert.equal(dir.headers["replay-nonce"], "tls-nonce");
  assert.equal(dir.headers["retry-after"], "1");

  // A JWS POST: bytes unchanged; the 201's Location (the account URL, used as the JWS kid) unchanged.
  n = tlsHits.length;
  const jws = Buffer.from('{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"c2ln"}');
  const acct = await request(acmeProxy.port, {
    method: "POST",
    path: `/https://LOCALHOST:${tlsPort}/new-acct`,
    headers: { "Content-Type": "application/jose+json" },
    body: jws,
  });
  assert.equal(acct.status, 201);
  assert.equal(acct.headers.location, `https://localhost:${tlsPort}/acct/1`);
  assert.equal(acct.headers.link, `<https://localhost:${tlsPort}/dir>;rel="index"`);
  assert.ok(tlsHits[n].body.equals(jws));
  assert.equal(tlsHits[n].headers["content-type"], "application/jose+json");
  assert.equal(tlsHits[n].headers.host, `localhost:${tlsPort}`, "host lower-cased");
  const exposed = acct.headers["access-control-expose-headers"].split(",").map((s) => s.trim().toLowerCase());
  for (const h of ["replay-nonce", "location", "link", "retry-after"]) assert.ok(exposed.includes(h), h);

  // HEAD (newNonce) and a preflight for the ACME origin.
  const head = await request(acmeProxy.port, { method: "HEAD", path: `/https://localhost:${tlsPort}/nonce` });
  assert.deepEqual([head.status, head.headers["replay-nonce"]], [200, "tls-nonce"]);
  const pre = await request(acmeProxy.port, {
    method: "OPTIONS",
    path: `/https://localhost:${tlsPort}/new-acct`,
    headers: { Origin: "https://console.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
  assert.equal(pre.status, 204);
  assert.ok(pre.headers["access-control-expose-headers"].includes("Replay-Nonce"));

  // Vendor hosts on the same proxy still go to the sandbox, over plain HTTP.
  const before = hits.length;
  const vendor = await request(acmeProxy.port, { path: "/https://api.qiniu.com/sslcert" });
  assert.equal(vendor.status, 200);
  assert.equal(hits[before].headers.host, "api.qiniu.com");
});

test("acme option: only that exact origin; other ports, hosts and spellings stay refused", async () => {
  const otherPort = tlsPort === 65535 ? tlsPort - 1 : tlsPort + 1;
  const refused = [
    `/https://localhost:${otherPort}/dir`,
    `/https://localhost/dir`,
    `/https://localhost:443/dir`,
    `/https://127.0.0.1:${tlsPort}/dir`,
    `/https://[::1]:${tlsPort}/dir`,
    `/http://localhost:${tlsPort}/dir`,
    `/https://localhost:0${tlsPort}/dir`,
    `/https://localhost.:${tlsPort}/dir`,
    `/https://evil.localhost:${tlsPort}/dir`,
    `/https://localhost:${tlsPort}.evil.example/dir`,
    `/https://user@localhost:${tlsPort}/dir`,
    `/https://localhost:${tlsPort}@evil.example/dir`,
    `/https://localhost%3A${tlsPort}/dir`,
    `/https://localhost:${tlsPort}//evil.example/`,
    `/https://localhost:${tlsPort}/\\evil`,
  ];
  const n = tlsHits.length;
  const before = hits.length;
  for (const target of refused) {
    const r = await rawRequest(acmeProxy.port, { target });
    assert.deepEqual([r.status, json(r).code], [403, "ProxyForbidden"], target);
  }
  // Without the option, the same origin is refused as before.
  const plain = await rawRequest(proxy.port, { target: `/https://localhost:${tlsPort}/dir` });
  assert.deepEqual([plain.status, json(plain).code], [403, "ProxyForbidden"]);
  assert.equal(tlsHits.length, n, "nothing reached the TLS upstream");
  assert.equal(hits.length, before, "nothing reached the sandbox");
});

test("acme option: parseTarget admits the origin only when asked to", () => {
  const acme = parseAcmeUpstream({ url: "https://localhost:14000", caPem: acmeCa });
  assert.deepEqual(parseTarget("/https://localhost:14000/dir", { acme }), { ok: true, host: "localhost:14000", path: "/dir", acme: true });
  assert.deepEqual(parseTarget("/https://localhost:14000", { acme }), { ok: true, host: "localhost:14000", path: "/", acme: true });
  assert.equal(parseTarget("/https://localhost:14000/dir").ok, false);
  assert.equal(parseTarget("/https://localhost:14001/dir", { acme }).ok, false);
  // A vendor host is still a vendor host.
  assert.deepEqual(parseTarget("/https://api.qiniu.com/sslcert", { acme }), { ok: true, host: "api.qiniu.com", path: "/sslcert" });
  // On port 443 the port may be left out, as for the vendors.
  const on443 = parseAcmeUpstream({ url: "https://acme.internal.example", caPem: acmeCa });
  assert.equal(on443.authority, "acme.internal.example");
  for (const t of ["/https://acme.internal.example/dir", "/https://acme.internal.example:443/dir"]) {
    assert.deepEqual(parseTarget(t, { acme: on443 }), { ok: true, host: "acme.internal.example", path: "/dir", acme: true }, t);
  }
});

test("acme option: the upstream's certificate must chain to the given CA, and only to it", async () => {
  const wrong = await startProxy({ port: 0, acme: { url: `https://localhost:${tlsPort}`, caPem: otherCa }, timeoutMs: 3000 });
  const n = tlsHits.length;
  try {
    const r = await request(wrong.port, { path: `/https://localhost:${tlsPort}/dir` });
    assert.deepEqual([r.status, json(r).code], [502, "ProxyUpstreamError"]);
    assert.match(json(r).error, /UNABLE_TO_VERIFY|CERT/, "refused by certificate verification");
    assert.equal(tlsHits.length, n, "no request sent over an untrusted connection");
  } finally {
    await wrong.close();
  }
  // Node's own CA store does not count: a public CA's certificate would not be trusted either
  // (the agent is built with `ca`, which replaces the default roots).
});

test("acme option: its redirects are checked like the vendors'", async () => {
  const same = await request(acmeProxy.port, { path: `/https://localhost:${tlsPort}/redirect-same` });
  assert.deepEqual([same.status, same.headers.location], [302, `/https://localhost:${tlsPort}/dir?x=1`]);
  const away = await request(acmeProxy.port, { path: `/https://localhost:${tlsPort}/redirect-away` });
  assert.deepEqual([away.status, json(away).code, away.headers.location], [502, "ProxyUpstreamError", undefined]);
});

test("acme option: the log has method, host:port, path, status, duration, never the body", async () => {
  const lines = [];
  const p = await startProxy({ port: 0, acme: { url: `https://localhost:${tlsPort}`, caPem: acmeCa }, log: (l) => lines.push(l) });
  try {
    await request(p.port, {
      method: "POST",
      path: `/https://localhost:${tlsPort}/new-acct?q=QUERYMARKER`,
      headers: { "Content-Type": "application/jose+json" },
      body: '{"protected":"BODYMARKER","payload":"BODYMARKER","signature":"BODYMARKER"}',
    });
  } finally {
    await p.close();
  }
  assert.equal(lines.length, 1);
  assert.match(lines[0], new RegExp(`^POST localhost:${tlsPort}/new-acct 201 \\d+ms$`));
});

test("acme option: bad settings are refused at start", async () => {
  const bad = [
    [{ url: "http://localhost:14000", caPem: acmeCa }, /https/],
    [{ url: "https://localhost:14000/dir", caPem: acmeCa }, /origin/],
    [{ url: "https://user@localhost:14000", caPem: acmeCa }, /origin/],
    [{ url: "https://[::1]:14000", caPem: acmeCa }, /DNS name or IPv4/],
    [{ url: "https://localhost:14000" }, /caPem/],
    [{ url: "https://localhost:14000", caPem: "not a certificate" }, /caPem/],
    [{ url: "not a url", caPem: acmeCa }, /invalid acme URL/],
  ];
  for (const [acme, message] of bad) {
    await assert.rejects(startProxy({ port: 0, acme }), message, JSON.stringify(acme.url));
  }
});

test("command line: --acme and --acme-ca, or CLOUDCERTS_PROXY_ACME and CLOUDCERTS_PROXY_ACME_CA", () => {
  const caFile = path.join(tlsDir, "a", "ca.pem");
  assert.equal(optionsFromCli([], {}).acme, null);
  assert.deepEqual(optionsFromCli(["--acme=https://localhost:14000", `--acme-ca=${caFile}`], {}).acme, {
    url: "https://localhost:14000",
    caPem: acmeCa,
  });
  assert.deepEqual(optionsFromCli([], { CLOUDCERTS_PROXY_ACME: "https://localhost:14000", CLOUDCERTS_PROXY_ACME_CA: caFile }).acme, {
    url: "https://localhost:14000",
    caPem: acmeCa,
  });
  assert.throws(() => optionsFromCli(["--acme=https://localhost:14000"], {}), /go together/);
  assert.throws(() => optionsFromCli([`--acme-ca=${caFile}`], {}), /go together/);
  assert.throws(() => optionsFromCli(["--acme=https://localhost:14000", `--acme-ca=${caFile}.missing`], {}), /cannot read/);
  assert.throws(() => optionsFromCli(["--acme=http://localhost:14000", `--acme-ca=${caFile}`], {}), /https/);
});

// ---------------------------------------------------------------- nginx (opt-in)

test("nginx configuration (proxy/nginx-test.sh)", { skip: process.env.CLOUDCERTS_NGINX_TEST !== "1" && "set CLOUDCERTS_NGINX_TEST=1 to run" }, async () => {
  const { code, output } = await new Promise((resolve) => {
    const child = spawn("bash", ["proxy/nginx-test.sh"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const kill = setTimeout(() => child.kill("SIGTERM"), 60_000);
    child.on("close", (code) => {
      clearTimeout(kill);
      resolve({ code, output });
    });
  });
  assert.equal(code, 0, output);
});

test("a keep-alive connection reset before any answer byte: a read is sent once more, a write never", async () => {
  // An upstream that resets every connection on its second request, before answering: what a
  // vendor does when it closes an idle keep-alive connection as the proxy reuses it.
  const seen = [];
  const perSocket = new Map();
  const flaky = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method, action: req.headers["x-tc-action"], n });
      if (n >= 2) {
        req.socket.destroy(); // reset, no byte of an answer
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"Response":{"RequestId":"r"}}');
    });
  });
  await new Promise((ok) => flaky.listen(0, "127.0.0.1", ok));
  const p = await startProxy({ port: 0, sandbox: `http://127.0.0.1:${flaky.address().port}` });
  const post = (action) =>
    fetch(`${p.url}https://ssl.tencentcloudapi.com/`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-TC-Action": action },
      body: "{}",
    });
  const statusOf = async (url, init) => (await fetch(`${p.url}${url}`, init)).status;
  // Opens a pooled connection with a request that succeeds: the next one reuses it, and is reset.
  const warm = () => statusOf("https://api.qiniu.com/sslcert?limit=1").then((status) => assert.equal(status, 200, "a fresh connection answers"));
  const form = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" } };
  try {
    assert.equal((await post("DescribeCertificates")).status, 200);
    const read = await post("DescribeCertificates");
    assert.equal(read.status, 200, "the read was sent once more on a fresh connection");
    assert.equal(p.retries(), 1);
    assert.deepEqual(seen.map((s) => s.n), [1, 2, 1]);
    // A write on a reused connection that is reset: 502, never sent twice.
    await warm();
    seen.length = 0;
    const write = await post("UploadCertificate");
    assert.equal(write.status, 502);
    assert.equal((await write.json()).code, "ProxyUpstreamError");
    assert.deepEqual(seen.map((s) => [s.action, s.n]), [["UploadCertificate", 2]], "the upload reached the upstream once");
    assert.equal(p.retries(), 1);
    // GET is a read, and so are a query's and a form's list actions; a query's or a form's write is not.
    await warm();
    assert.equal(await statusOf("https://api.qiniu.com/sslcert?limit=1"), 200);
    assert.equal(p.retries(), 2);
    await warm();
    assert.equal(await statusOf("https://live.volcengineapi.com/?Action=ListCertV2&Version=2023-01-01", { method: "POST", body: "{}" }), 200);
    assert.equal(p.retries(), 3);
    await warm();
    assert.equal(await statusOf("https://wss.api.qcloud.com/v2/index.php", { ...form, body: "Action=CertGetList&page=1" }), 200);
    assert.equal(p.retries(), 4);
    await warm();
    assert.equal(await statusOf("https://live.volcengineapi.com/?Action=CreateCert&Version=2023-01-01", { method: "POST", body: "{}" }), 502);
    await warm();
    assert.equal(await statusOf("https://wss.api.qcloud.com/v2/index.php", { ...form, body: "Action=CertUpload&cert=x" }), 502);
    assert.equal(p.retries(), 4, "no write sent twice");
  } finally {
    await p.close();
    flaky.closeAllConnections();
    await new Promise((ok) => flaky.close(ok));
  }
});

test("a reset after the answer began is never resent, even for a read", async () => {
  let hits = 0;
  const perSocket = new Map();
  // The first request of a connection is answered whole; the next, on the reused connection,
  // gets its headers and part of its body, then the connection is cut.
  const partial = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    hits += 1;
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    req.resume();
    req.on("end", () => {
      if (n === 1) {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end('{"certs": []}');
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      res.write('{"certs": [');
      setTimeout(() => req.socket.destroy(), 20); // cut mid-answer
    });
  });
  await new Promise((ok) => partial.listen(0, "127.0.0.1", ok));
  const p = await startProxy({ port: 0, sandbox: `http://127.0.0.1:${partial.address().port}` });
  try {
    for (let i = 0; i < 4; i++) {
      await fetch(`${p.url}https://api.qiniu.com/sslcert?limit=1`).then((r) => r.text()).catch(() => "cut");
    }
    assert.ok([...perSocket.values()].some((n) => n >= 2), "a connection was reused");
    assert.equal(p.retries(), 0, "nothing resent once an answer began");
    assert.equal(hits, 4);
  } finally {
    await p.close();
    partial.closeAllConnections();
    await new Promise((ok) => partial.close(ok));
  }
});
