// The ACME test bed: Debian's pebble and pebble-challtestsrv (tests/support/pebble.mjs) behind the
// CORS proxy, which admits pebble's origin through its `acme` option, as the page and the demo use
// it. Loopback only; everything is bounded (the harness start, each request ≤ 5 s).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { promises as dnsPromises } from "node:dns";
import { startPebble, challtestsrv } from "../support/pebble.mjs";
import { startProxy } from "../../proxy/server.mjs";

const ORIGIN = "http://127.0.0.1:8080"; // the page's origin, as a browser would send it

let pebble;
let proxy;
let directory;
const logLines = [];

before(async () => {
  pebble = await startPebble();
  proxy = await startProxy({
    port: 0,
    acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem },
    timeoutMs: 5000,
    log: (line) => logLines.push(line),
  });
});

after(async () => {
  await proxy?.close();
  await pebble?.close();
});

/** `fetch` through the proxy: the proxy URL + the full target URL, as cloudcerts sends it. */
const viaProxy = (url, init = {}) =>
  fetch(proxy.url + url, { ...init, headers: { Origin: ORIGIN, ...init.headers }, signal: AbortSignal.timeout(5000) });

const exposed = (res) => (res.headers.get("access-control-expose-headers") ?? "").split(",").map((s) => s.trim().toLowerCase());

test("the directory, fetched through the proxy, names newNonce, newAccount and newOrder on pebble's origin", async () => {
  const res = await viaProxy(pebble.directoryUrl);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  directory = await res.json();
  const origin = new URL(pebble.directoryUrl).origin;
  for (const field of ["newNonce", "newAccount", "newOrder"]) {
    assert.equal(typeof directory[field], "string", field);
    assert.equal(new URL(directory[field]).origin, origin, `${field} is on ${origin} (pebble saw Host: ${new URL(origin).host})`);
  }
});

test("a nonce: HEAD newNonce through the proxy carries Replay-Nonce, exposed to the page", async () => {
  assert.ok(directory, "the directory test ran first");
  const head = await viaProxy(directory.newNonce, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.match(head.headers.get("replay-nonce") ?? "", /^[A-Za-z0-9_-]+$/);
  for (const h of ["replay-nonce", "location", "link", "retry-after"]) assert.ok(exposed(head).includes(h), h);
  assert.match(head.headers.get("cache-control") ?? "", /no-cache|no-store/, "pebble's Cache-Control passes");
  const get = await viaProxy(directory.newNonce);
  assert.equal(get.status, 204);
  assert.notEqual(get.headers.get("replay-nonce"), head.headers.get("replay-nonce"), "a fresh nonce each time");
});

test("a JWS POST (application/jose+json) passes the preflight and reaches pebble; its problem document comes back", async () => {
  const pre = await viaProxy(directory.newAccount, {
    method: "OPTIONS",
    headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
  assert.equal(pre.status, 204);
  assert.ok((pre.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(/\s*,\s*/).includes("content-type"));
  assert.ok(exposed(pre).includes("replay-nonce"));
  // Not a valid JWS: pebble answers 400 with a problem document and a fresh nonce.
  const body = JSON.stringify({ protected: "e30", payload: "", signature: "SECRET-LOOKING-BODY" });
  const res = await viaProxy(directory.newAccount, { method: "POST", headers: { "Content-Type": "application/jose+json" }, body });
  assert.equal(res.status, 400);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  assert.equal((await res.json()).type, "urn:ietf:params:acme:error:malformed");
  assert.ok(res.headers.get("replay-nonce"));
  assert.ok(!logLines.some((l) => l.includes("SECRET-LOOKING-BODY")), "the log never holds a body");
  assert.ok(logLines.some((l) => /^POST localhost:\d+\/sign-me-up 400 \d+ms$/.test(l)), logLines.join("\n"));
});

test("pebble's management port is another origin: the proxy refuses it", async () => {
  const res = await viaProxy(`${pebble.managementUrl}/roots/0`);
  assert.equal(res.status, 403);
  assert.equal((await res.json()).code, "ProxyForbidden");
});

test("a TXT record written through challtestsrv reads back over its DNS (set-txt appends, clear-txt removes)", async () => {
  const name = "_acme-challenge.cloudcerts.test";
  const resolver = new dnsPromises.Resolver({ timeout: 1000, tries: 2 });
  resolver.setServers([pebble.dnsAddress]);
  await challtestsrv(pebble.challtestsrvUrl, "set-txt", { host: `${name}.`, value: "first-token" });
  assert.deepEqual(await resolver.resolveTxt(name), [["first-token"]]);
  await challtestsrv(pebble.challtestsrvUrl, "set-txt", { host: `${name}.`, value: "second-token" });
  assert.deepEqual((await resolver.resolveTxt(name)).map((r) => r.join("")).sort(), ["first-token", "second-token"]);
  await challtestsrv(pebble.challtestsrvUrl, "clear-txt", { host: `${name}.` });
  await assert.rejects(resolver.resolveTxt(name), (err) => ["ENODATA", "ENOTFOUND"].includes(err.code));
});

test("rootsPem(): pebble's issuing root, a CA certificate", async () => {
  const pem = await pebble.rootsPem();
  const root = new X509Certificate(pem);
  assert.equal(root.ca, true);
  assert.match(root.subject, /Pebble Root CA/);
  assert.ok(root.verify(root.publicKey), "self-signed");
});
