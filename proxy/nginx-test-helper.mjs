// Helper of proxy/nginx-test.sh (Node built-ins only).
//   node proxy/nginx-test-helper.mjs ports                 → two free loopback ports
//   node proxy/nginx-test-helper.mjs check STUB_PORT PROXY_PORT
//       starts a stub upstream on STUB_PORT (it echoes method, path, headers and body), then checks
//       the nginx proxy on PROXY_PORT: forwarding with the real Host and unchanged bytes, response
//       headers, a preflight, refusals, redirects and the body cap. Exit code 0 when all pass.

import http from "node:http";
import net from "node:net";
import assert from "node:assert/strict";

const UPSTREAM_DATE = "Tue, 14 Nov 2023 22:13:20 GMT";

async function freePorts(n) {
  const servers = [];
  for (let i = 0; i < n; i++) {
    const s = net.createServer();
    await new Promise((r) => s.listen(0, "127.0.0.1", r));
    servers.push(s);
  }
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function startStub(port) {
  const hits = [];
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      hits.push({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, headers: req.headers, body: Buffer.concat(chunks) });
      const path = req.url.split("?")[0];
      const redirects = {
        "/redirect-away": [302, "https://evil.example/steal"],
        "/redirect-loopback": [307, "http://127.0.0.1:1/"],
        "/redirect-scheme-relative": [302, "//evil.example/"],
        "/redirect-ok": [301, "https://fusion.qiniuapi.com/sslcert?marker=a"],
        "/redirect-relative": [302, "/sslcert/next?x=1"],
      };
      if (redirects[path]) {
        res.writeHead(redirects[path][0], { Location: redirects[path][1] });
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
        "Set-Cookie", "session=upstream; Path=/",
        "Access-Control-Allow-Origin", "https://evil.example",
      ]);
      res.end(JSON.stringify({ ok: true, url: req.url }));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        hits,
        close: () =>
          new Promise((r) => {
            for (const s of sockets) s.destroy();
            server.close(r);
          }),
      }),
    );
  });
}

/** Raw bytes to the proxy, so no client normalizes the target. Bounded by a 5 s timeout. */
function raw(port, { method = "GET", target, headers = {}, body = null }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const out = [];
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`timeout: ${method} ${target}`));
    });
    socket.on("data", (d) => out.push(d));
    socket.on("error", () => {});
    socket.on("close", () => {
      const all = Buffer.concat(out);
      const text = all.toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no HTTP answer to ${method} ${target}: ${JSON.stringify(text)}`));
      const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
      const h = {};
      const list = [];
      for (const line of lines) {
        const i = line.indexOf(":");
        const k = line.slice(0, i).toLowerCase();
        const v = line.slice(i + 1).trim();
        list.push([k, v]);
        h[k] = k in h ? `${h[k]}, ${v}` : v;
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers: h, list, body: all.subarray(split + 4) });
    });
    let head = `${method} `;
    const tail = [` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n`];
    for (const [k, v] of Object.entries(headers)) tail.push(`${k}: ${v}\r\n`);
    if (body !== null) tail.push(`Content-Length: ${body.length}\r\n`);
    tail.push("\r\n");
    socket.write(
      Buffer.concat([Buffer.from(head, "latin1"), Buffer.from(target, "utf8"), Buffer.from(tail.join(""), "latin1"), body ?? Buffer.alloc(0)]),
    );
  });
}

const REFUSED = [
  "/https://example.com/",
  "/https://api.qiniu.com.evil.example/",
  "/https://evil.ssl.tencentcloudapi.com/",
  "/https://ssl.a.b.tencentcloudapi.com/",
  "/https://ssl.AP-GUANGZHOU.tencentcloudapi.com/", // nginx only: region label must be lower case
  "/https://127.0.0.1/",
  "/https://2130706433/",
  "/https://0177.0.0.1/",
  "/https://0x7f.0.0.1/",
  "/https://[::1]/",
  "/https://localhost/",
  "/https://api.qiniu.com:80/",
  "/https://api.qiniu.com:0443/",
  "/http://api.qiniu.com/",
  "/file:///etc/passwd",
  "//api.qiniu.com/",
  "/api.qiniu.com/",
  "/",
  "/https://user@api.qiniu.com/",
  "/https://api.qiniu.com@evil.example/",
  "/https://api%2eqiniu.com/",
  "/https://api.qiniu.com%2F@evil.example/",
  "/https%3A%2F%2Fapi.qiniu.com/",
  "/https://api.qiniu.com\\@evil.example/",
  "/https:\\\\api.qiniu.com/",
  "/https://api.qiniu.com/\\evil",
  "/https:/api.qiniu.com/",
  "/https:///api.qiniu.com/",
  "/https://api.qiniu.com//evil.example/",
  "/https://api.qiniu.com./",
  "/https://%D0%B0pi.qiniu.com/",
  "/https://xn--pi-7kc.qiniu.com/",
  "/https://acme-v01.api.letsencrypt.org/directory",
  "/https://acme-v02.api.letsencrypt.org.evil.example/directory",
  "/https://api.zerossl.com/acme/eab-credentials",
  "/https://acme.zerossl.com:8443/v2/DV90",
  "/https://cvm.tencentcloudapi.com/",
  "/https://localhost:14000/dir",
];

async function check(stubPort, proxyPort) {
  const stub = await startStub(stubPort);
  const results = [];
  const run = async (name, fn) => {
    try {
      await fn();
      results.push(["ok", name]);
    } catch (err) {
      results.push(["FAIL", name, err.message]);
    }
  };
  const json = (r) => JSON.parse(r.body.toString("utf8"));
  try {
    await run("forwards POST with the real Host, signed headers and body bytes unchanged", async () => {
      const body = Buffer.from('{ "Limit":1000 ,"Offset":0, "x":"\\u672a\u547d" }\n', "utf8");
      const signed = {
        Authorization: "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ssl/tc3_request, SignedHeaders=content-type;host, Signature=a1b2",
        "Content-Type": "application/json; charset=utf-8",
        "X-TC-Action": "DescribeCertificates",
        "X-TC-Version": "2019-12-05",
        "X-TC-Timestamp": "1700000000",
        "X-TC-Token": "session token",
      };
      const n = stub.hits.length;
      const r = await raw(proxyPort, {
        method: "POST",
        target: "/https://ssl.tencentcloudapi.com/",
        headers: { ...signed, Origin: "https://console.example", Referer: "https://console.example/x", Cookie: "a=b", "X-Forwarded-For": "1.2.3.4" },
        body,
      });
      assert.equal(r.status, 200);
      const seen = stub.hits[n];
      assert.equal(seen.url, "/");
      assert.equal(seen.headers.host, "ssl.tencentcloudapi.com");
      assert.ok(seen.body.equals(body), "body bytes");
      assert.equal(seen.headers["content-length"], String(body.length));
      for (const [k, v] of Object.entries(signed)) assert.equal(seen.headers[k.toLowerCase()], v, k);
      for (const k of ["cookie", "origin", "referer", "x-forwarded-for"]) assert.equal(seen.headers[k], undefined, `${k} dropped`);
    });
    await run("forwards GET with the query byte for byte, host lower-cased", async () => {
      const n = stub.hits.length;
      const r = await raw(proxyPort, { target: "/https://API.QINIU.COM:443/sslcert?marker=&limit=100&x=%2A%20a+b&y=a%2Fb" });
      assert.equal(r.status, 200);
      assert.equal(stub.hits[n].url, "/sslcert?marker=&limit=100&x=%2A%20a+b&y=a%2Fb");
      assert.equal(stub.hits[n].headers.host, "api.qiniu.com");
    });
    await run("forwards every allow-listed host", async () => {
      for (const host of [
        "ssl.tencentcloudapi.com", "ssl.ap-guangzhou.tencentcloudapi.com", "wss.api.qcloud.com",
        "live.volcengineapi.com", "open.volcengineapi.com", "api.qiniu.com", "fusion.qiniuapi.com",
        "dnspod.tencentcloudapi.com", "dns.volcengineapi.com", "acme-v02.api.letsencrypt.org", "acme-staging-v02.api.letsencrypt.org", "acme.zerossl.com",
      ]) {
        const n = stub.hits.length;
        const r = await raw(proxyPort, { method: "DELETE", target: `/https://${host}/x?y=1` });
        assert.equal(r.status, 200, host);
        assert.deepEqual([stub.hits[n].method, stub.hits[n].headers.host, stub.hits[n].url], ["DELETE", host, "/x?y=1"]);
      }
    });
    await run("response: CORS, exposed headers, vendor Date, no Set-Cookie", async () => {
      const r = await raw(proxyPort, { target: "/https://api.qiniu.com/sslcert", headers: { Origin: "https://console.example" } });
      assert.equal(r.headers["access-control-allow-origin"], "*");
      const exposed = r.headers["access-control-expose-headers"].toLowerCase().split(/\s*,\s*/);
      for (const h of ["date", "x-tc-requestid", "x-reqid", "x-request-id", "x-tt-logid", "replay-nonce", "location", "link", "retry-after"]) {
        assert.ok(exposed.includes(h), h);
      }
      assert.equal(r.headers["set-cookie"], undefined);
      assert.deepEqual(r.list.filter(([k]) => k === "date").map(([, v]) => v), [UPSTREAM_DATE]);
      assert.deepEqual(r.list.filter(([k]) => k === "access-control-allow-origin").length, 1);
      assert.equal(r.headers["x-tc-requestid"], "tc-req-1");
    });
    await run("ACME: a JWS POST forwarded unchanged; a 201's Location, Replay-Nonce, Link, Retry-After pass", async () => {
      const n = stub.hits.length;
      const body = Buffer.from('{"protected":"eyJhbGciOiJFUzI1NiJ9","payload":"e30","signature":"c2ln"}');
      const r = await raw(proxyPort, {
        method: "POST",
        target: "/https://acme-v02.api.letsencrypt.org/created",
        headers: { Origin: "https://console.example", "Content-Type": "application/jose+json" },
        body,
      });
      assert.equal(r.status, 201);
      assert.ok(stub.hits[n].body.equals(body));
      assert.equal(stub.hits[n].headers["content-type"], "application/jose+json");
      assert.equal(r.headers.location, "https://acme-v02.api.letsencrypt.org/acme/acct/1", "not a redirect: unchanged");
      assert.equal(r.headers["replay-nonce"], "nonce-1");
      assert.equal(r.headers.link, '<https://acme-v02.api.letsencrypt.org/directory>;rel="index"');
      assert.equal(r.headers["retry-after"], "3");
      const exposed = r.headers["access-control-expose-headers"].toLowerCase().split(/\s*,\s*/);
      for (const h of ["replay-nonce", "location", "link", "retry-after"]) assert.ok(exposed.includes(h), h);
    });
    await run("preflight", async () => {
      const n = stub.hits.length;
      const r = await raw(proxyPort, {
        method: "OPTIONS",
        target: "/https://ssl.tencentcloudapi.com/",
        headers: {
          Origin: "https://console.example",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,content-type,x-tc-action,x-tc-token,x-qiniu-date",
        },
      });
      assert.equal(r.status, 204);
      assert.equal(stub.hits.length, n, "answered locally");
      assert.equal(r.headers["access-control-allow-origin"], "*");
      assert.equal(r.headers["access-control-allow-methods"], "GET, POST, DELETE, PUT, OPTIONS");
      const allowed = r.headers["access-control-allow-headers"].toLowerCase().split(/\s*,\s*/);
      for (const h of ["authorization", "content-type", "x-tc-action", "x-tc-timestamp", "x-tc-token", "x-date", "x-content-sha256", "x-security-token", "x-qiniu-date"]) {
        assert.ok(allowed.includes(h), h);
      }
      assert.ok(Number(r.headers["access-control-max-age"]) > 0);
      const exposed = r.headers["access-control-expose-headers"].toLowerCase().split(/\s*,\s*/);
      for (const h of ["date", "replay-nonce", "location", "link", "retry-after"]) assert.ok(exposed.includes(h), h);
      const unsafe = await raw(proxyPort, {
        method: "OPTIONS",
        target: "/https://ssl.tencentcloudapi.com/",
        headers: { Origin: "https://console.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,x-forwarded-for" },
      });
      assert.ok(!unsafe.headers["access-control-allow-headers"].toLowerCase().includes("x-forwarded-for"));
    });
    await run(`refuses ${REFUSED.length} off-list targets with 403 ProxyForbidden`, async () => {
      const n = stub.hits.length;
      const wrong = [];
      for (const target of REFUSED) {
        const r = await raw(proxyPort, { target });
        let code = null;
        try {
          code = json(r).code;
        } catch {}
        if (r.status !== 403 || code !== "ProxyForbidden") wrong.push(`${target} → ${r.status} ${code}`);
      }
      assert.deepEqual(wrong, []);
      assert.equal(stub.hits.length, n, "nothing reached the upstream");
    });
    await run("refuses a preflight for an off-list target", async () => {
      const r = await raw(proxyPort, { method: "OPTIONS", target: "/https://evil.example/", headers: { Origin: "https://a.example", "Access-Control-Request-Method": "GET" } });
      assert.equal(r.status, 403);
    });
    await run("refuses other methods with 405", async () => {
      const r = await raw(proxyPort, { method: "PATCH", target: "/https://api.qiniu.com/sslcert" });
      assert.deepEqual([r.status, json(r).code], [405, "ProxyMethodNotAllowed"]);
    });
    await run("redirects off the allow-list are not followed: 502", async () => {
      for (const p of ["redirect-away", "redirect-loopback", "redirect-scheme-relative"]) {
        const n = stub.hits.length;
        const r = await raw(proxyPort, { target: `/https://api.qiniu.com/${p}` });
        assert.deepEqual([r.status, json(r).code, r.headers.location], [502, "ProxyUpstreamError", undefined], p);
        assert.equal(stub.hits.length, n + 1, "not followed");
      }
    });
    await run("redirects onto the allow-list pass, rewritten to stay on the proxy", async () => {
      const a = await raw(proxyPort, { target: "/https://api.qiniu.com/redirect-ok" });
      assert.deepEqual([a.status, a.headers.location], [301, "/https://fusion.qiniuapi.com/sslcert?marker=a"]);
      const b = await raw(proxyPort, { target: "/https://api.qiniu.com/redirect-relative" });
      assert.deepEqual([b.status, b.headers.location], [302, "/https://api.qiniu.com/sslcert/next?x=1"]);
      assert.equal(a.headers["access-control-allow-origin"], "*");
    });
    await run("body cap: 413 over 1 MiB, forwarded at 1 MiB", async () => {
      const n = stub.hits.length;
      const big = await raw(proxyPort, { method: "POST", target: "/https://api.qiniu.com/sslcert", body: Buffer.alloc(1024 * 1024 + 1, 0x61) });
      assert.deepEqual([big.status, json(big).code], [413, "ProxyBodyTooLarge"]);
      assert.equal(stub.hits.length, n);
      const body = Buffer.alloc(1024 * 1024, 0x62);
      const ok = await raw(proxyPort, { method: "PUT", target: "/https://api.qiniu.com/sslcert", body });
      assert.equal(ok.status, 200);
      assert.ok(stub.hits[n].body.equals(body));
    });
  } finally {
    await stub.close();
  }
  for (const [status, name, msg] of results) console.log(`${status} - ${name}${msg ? `\n    ${msg.replace(/\n/g, "\n    ")}` : ""}`);
  const failed = results.filter(([s]) => s !== "ok").length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0;
}

const [mode, a, b] = process.argv.slice(2);
if (mode === "ports") {
  console.log((await freePorts(2)).join(" "));
} else if (mode === "check") {
  const ok = await check(Number(a), Number(b));
  process.exit(ok ? 0 : 1);
} else {
  console.error("usage: nginx-test-helper.mjs ports | check STUB_PORT PROXY_PORT");
  process.exit(2);
}
