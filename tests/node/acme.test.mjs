// ACME end to end (issue 18), with no internet: pebble (a test CA) validates DNS-01 against
// pebble-challtestsrv, into which the sandbox writes the TXT records its DNSPod and Volcengine DNS
// emulations are asked for; every request goes through the CORS proxy (the vendor hosts to the
// sandbox, pebble as its `acme` upstream). issueCertificate from the Node build: a certificate
// for two names and a wildcard, inspected (chain in order, key matches, names covered); the
// account key reused; records removed afterwards; the failure paths (a record that never shows,
// a validation that fails, an abort mid-order, a CA that rejects nonces) typed, and cleaned up.
// The same in Chromium, and the renewal rolled out to three providers: tests/node/acme-browser.test.mjs.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { Resolver } from "node:dns/promises";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor } from "../../sandbox/accounts.mjs";
import { startPebble } from "../support/pebble.mjs";
import { makeLocalhostCert } from "../support/localhost-cert.mjs";
import { createServer } from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let cc;
let pebble;
let sb;
let px;

const tencentDns = accountFor("tencent-dns");
const volcDns = accountFor("volcengine-dns");

/** Options of every call: the proxy, quick polls (pebble validates at once). */
const opts = (extra = {}) => ({ proxy: px.url, pollIntervalMs: 20, maxPolls: 20, ...extra });

/** The records created and deleted through the sandbox's DNS APIs, and those still held. */
async function dnsState() {
  const state = await (await fetch(`${sb.url}/__sandbox/state`)).json();
  const stores = Object.values(state.dns ?? {});
  const sum = (key) => stores.reduce((n, s) => n + (s[key] ?? 0), 0);
  return { created: sum("created"), deleted: sum("deleted"), held: stores.flatMap((s) => s.zones.flatMap((z) => z.records)) };
}

/** The TXT values pebble-challtestsrv answers for `name` (what pebble's validation sees). */
async function txt(name) {
  const resolver = new Resolver();
  resolver.setServers([pebble.dnsAddress]);
  return resolver.resolveTxt(name).then((records) => records.map((r) => r.join("")), (e) => (["ENODATA", "ENOTFOUND"].includes(e.code) ? [] : Promise.reject(e)));
}

before(async () => {
  const files = ["pkg/node/index.mjs", "pkg/node/cloudcerts_acme.cjs", "pkg/node/cloudcerts_acme_bg.wasm"].map((f) => join(root, f));
  for (let i = 0; i < 120 && !files.every((f) => existsSync(f)); i++) await delay(500);
  assert.ok(files.every((f) => existsSync(f)), "pkg/node is missing the ACME module: run `npm run build` first");
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  pebble = await startPebble();
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: 4, challtestsrv: pebble.challtestsrvUrl });
  px = await startProxy({ port: 0, sandbox: sb.url, acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem } });
});

after(async () => {
  await px?.close();
  await sb?.close();
  await pebble?.close();
});

beforeEach(() => sb.reset());

test("issues a certificate for two names and a wildcard through DNSPod, and removes the records", async () => {
  const steps = [];
  const domains = ["shop.example.com", "api.example.com", "*.cdn.example.com"];
  const issued = await cc.issueCertificate(
    { directory: pebble.directoryUrl, domains, dns: tencentDns, contact: ["mailto:ops@example.com"] },
    opts({ onProgress: (p) => steps.push(p) }),
  );
  assert.deepEqual(issued.domains, domains);
  assert.match(issued.accountUrl, /^https:\/\/localhost:\d+\/my-account\//);
  assert.match(issued.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(issued.accountKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.notEqual(issued.privateKeyPem, issued.accountKeyPem);
  assert.ok(Date.parse(issued.notAfter) > Date.now() + 30 * 86_400_000, issued.notAfter);

  // The chain in order, the key matching the leaf, every name covered.
  const report = await cc.inspectCertificate(issued.certificatePem, issued.privateKeyPem);
  assert.ok(report.certificates.length >= 2, "leaf and intermediate");
  assert.equal(report.chainInOrder, true, JSON.stringify(report.problems));
  assert.equal(report.keyMatches, true);
  assert.deepEqual([...report.certificates[0].sans].sort(), [...domains].sort());
  assert.equal(report.certificates[0].serialNumber, issued.serialNumber);
  assert.deepEqual(report.problems.filter((p) => p.severity === "error"), []);
  assert.equal(report.ok, true);

  // Each step reported once, a challenge per name, in order; the records are removed as soon as
  // the CA has validated them.
  const names = steps.map((s) => s.step);
  assert.deepEqual(names.filter((s) => s !== "challenge"), ["account", "order", "validation", "cleanup", "finalize", "download"]);
  assert.deepEqual(names.slice(2, 5), ["challenge", "challenge", "challenge"]);
  assert.deepEqual(steps.filter((s) => s.step === "challenge").map((s) => s.domain).sort(), ["api.example.com", "cdn.example.com", "shop.example.com"]);
  assert.ok(!JSON.stringify(steps).includes("PRIVATE KEY"));

  // Three records published, three removed: none left at the provider, none in the DNS.
  assert.deepEqual(await dnsState(), { created: 3, deleted: 3, held: [] });
  for (const name of ["shop.example.com", "api.example.com", "cdn.example.com"]) assert.deepEqual(await txt(`_acme-challenge.${name}`), [], name);
});

test("Volcengine DNS, with the account key of an earlier call: the same account at the CA", async () => {
  const first = await cc.issueCertificate({ directory: pebble.directoryUrl, domains: ["www.example.net"], dns: volcDns }, opts());
  const again = await cc.issueCertificate(
    { directory: pebble.directoryUrl, domains: ["*.example.net"], dns: [tencentDns, volcDns], accountKey: first.accountKeyPem },
    opts(),
  );
  assert.equal(again.accountUrl, first.accountUrl);
  assert.equal(again.accountKeyPem.trim(), first.accountKeyPem.trim());
  const report = await cc.inspectCertificate(again.certificatePem, again.privateKeyPem);
  assert.deepEqual(report.certificates[0].sans, ["*.example.net"]);
  assert.equal(report.keyMatches, true);
});

test("a TXT record the provider never reports live: Timeout, before the CA is asked, and the record removed", async () => {
  sb.setFaults({ "tencent-dns": { dnsNeverLive: true } });
  const steps = [];
  const error = await cc
    .issueCertificate({ directory: pebble.directoryUrl, domains: ["never.example.org"], dns: tencentDns }, opts({ maxPolls: 3, onProgress: (p) => steps.push(p.step) }))
    .then(() => assert.fail("issued"), (e) => e);
  assert.ok(cc.isCloudCertError(error), String(error));
  assert.equal(error.code, "Timeout", error.message);
  assert.ok(!steps.includes("validation"), steps.join());
  assert.ok(steps.includes("cleanup"), steps.join());
  assert.deepEqual(await dnsState(), { created: 1, deleted: 1, held: [] });
});

test("a name no DNS account holds: NotFound naming it, nothing published", async () => {
  const error = await cc
    .issueCertificate({ directory: pebble.directoryUrl, domains: ["www.example.com", "www.unheld.test"], dns: volcDns }, opts())
    .then(() => assert.fail("issued"), (e) => e);
  assert.equal(error.code, "NotFound", error.message);
  assert.match(error.message, /www\.unheld\.test/);
  assert.deepEqual(await dnsState(), { created: 0, deleted: 0, held: [] });
});

test("an abort mid-order rejects with Aborted and still removes the records", async () => {
  const controller = new AbortController();
  const error = await cc
    .issueCertificate(
      { directory: pebble.directoryUrl, domains: ["a.example.com", "b.example.com"], dns: tencentDns },
      opts({ signal: controller.signal, onProgress: (p) => p.step === "challenge" && p.domain === "b.example.com" && controller.abort() }),
    )
    .then(() => assert.fail("issued"), (e) => e);
  assert.equal(error.code, "Aborted", error.message);
  const dns = await dnsState();
  assert.ok(dns.created >= 1, "a record was published before the abort");
  assert.deepEqual(dns, { created: dns.created, deleted: dns.created, held: [] });
});

test("arguments are checked before anything is sent", async () => {
  const cases = [
    [{ directory: "ftp://ca.example", domains: ["a.example.com"], dns: tencentDns }, /request\.directory/],
    [{ directory: pebble.directoryUrl, domains: [], dns: tencentDns }, /domains/],
    [{ directory: pebble.directoryUrl, domains: ["a..example.com"], dns: tencentDns }, /domains\[0\]/],
    [{ directory: pebble.directoryUrl, domains: ["a.example.com"], dns: accountFor("tencent-ssl") }, /dns\.provider.*certificate provider/],
    [{ directory: pebble.directoryUrl, domains: ["a.example.com"] }, /request\.dns/],
    [{ directory: pebble.directoryUrl, domains: ["a.example.com"], dns: tencentDns, accountKey: "not a key" }, /request\.accountKey/],
    [{ directory: pebble.directoryUrl, domains: ["a.example.com"], dns: tencentDns, keyType: "rsa-1024" }, /request\.keyType/],
  ];
  const before = sb.state().stats;
  for (const [request, message] of cases) {
    const error = await cc.issueCertificate(request, opts()).then(() => assert.fail("issued"), (e) => e);
    assert.equal(error.code, "InvalidInput", `${JSON.stringify(request.domains)}: ${error.message}`);
    assert.match(error.message, message);
    assert.ok(!error.message.includes("not a key"));
  }
  assert.deepEqual(sb.state().stats, before, "nothing reached the sandbox");
});

test("a DNS account is refused by the certificate calls, naming issueCertificate", async () => {
  const error = await cc.listCertificates(tencentDns, {}, { proxy: px.url }).then(() => assert.fail("listed"), (e) => e);
  assert.equal(error.code, "InvalidInput");
  assert.match(error.message, /DNS account.*issueCertificate/);
});

test("a CA that rejects nonces: badNonce sent again with the fresh nonce; always rejected, a typed error", async () => {
  // 15% of nonces rejected: every rejected request is sent again (up to 5 times: a request fails
  // once in 90,000) and it issues.
  const flaky = await startPebble({ nonceRejectPercent: 15 });
  const always = await startPebble({ nonceRejectPercent: 100 });
  const proxies = [];
  try {
    for (const ca of [flaky, always]) {
      // Each pebble has its own DNS: a sandbox writing there, and a proxy with it as upstream.
      const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", certs: 1, challtestsrv: ca.challtestsrvUrl });
      const proxy = await startProxy({ port: 0, sandbox: sandbox.url, acme: { url: new URL(ca.directoryUrl).origin, caPem: ca.caCertPem } });
      proxies.push({ sandbox, proxy });
    }
    const issued = await cc.issueCertificate(
      { directory: flaky.directoryUrl, domains: ["nonce.example.com"], dns: tencentDns },
      { proxy: proxies[0].proxy.url, pollIntervalMs: 20 },
    );
    assert.match(issued.certificatePem, /-----BEGIN CERTIFICATE-----/);
    const error = await cc
      .issueCertificate({ directory: always.directoryUrl, domains: ["nonce.example.com"], dns: tencentDns }, { proxy: proxies[1].proxy.url, pollIntervalMs: 20 })
      .then(() => assert.fail("issued"), (e) => e);
    assert.ok(cc.isCloudCertError(error));
    assert.equal(error.vendorCode, "urn:ietf:params:acme:error:badNonce", error.message);
    assert.equal(error.httpStatus, 400);
  } finally {
    for (const { sandbox, proxy } of proxies) {
      await proxy.close();
      await sandbox.close();
    }
    await flaky.close();
    await always.close();
  }
});

test("a challenge the CA finds invalid (the record never reaches the DNS it asks): a typed error with the name's reason, records removed", async () => {
  // A sandbox that does not write to pebble-challtestsrv: the provider reports the record, the DNS has none.
  const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", certs: 1 });
  const proxy = await startProxy({ port: 0, sandbox: sandbox.url, acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem } });
  try {
    const error = await cc
      .issueCertificate({ directory: pebble.directoryUrl, domains: ["invalid.example.com"], dns: tencentDns }, { proxy: proxy.url, pollIntervalMs: 20 })
      .then(() => assert.fail("issued"), (e) => e);
    assert.ok(cc.isCloudCertError(error));
    assert.match(error.vendorCode ?? "", /^urn:ietf:params:acme:error:/, error.message);
    assert.notEqual(error.code, "InvalidInput");
    assert.match(error.message, /invalid\.example\.com/);
    const state = await (await fetch(`${sandbox.url}/__sandbox/state`)).json();
    const stores = Object.values(state.dns);
    assert.equal(stores.reduce((n, s) => n + s.created, 0), 1);
    assert.equal(stores.reduce((n, s) => n + s.deleted, 0), 1);
  } finally {
    await proxy.close();
    await sandbox.close();
  }
});

/**
 * A CA that refuses every new order with `problem` (status 400 or 429): the directory, nonces and
 * accounts as RFC 8555 says, over TLS on loopback. Counts the requests by path.
 */
async function refusingCa(status, problem) {
  const dir = await mkdtemp(join(tmpdir(), "cloudcerts-refusing-ca-"));
  const tls = await makeLocalhostCert(dir);
  const hits = {};
  let nonce = 0;
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const path = new URL(req.url, "https://localhost").pathname;
    hits[path] = (hits[path] ?? 0) + 1;
    const base = `https://localhost:${server.address().port}`;
    res.setHeader("Replay-Nonce", `nonce-${++nonce}`);
    res.setHeader("Cache-Control", "no-store");
    req.resume();
    req.on("end", () => {
      if (path === "/dir") {
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ newNonce: `${base}/nonce`, newAccount: `${base}/account`, newOrder: `${base}/order`, revokeCert: `${base}/revoke`, keyChange: `${base}/key` }));
      } else if (path === "/nonce") {
        res.statusCode = req.method === "HEAD" ? 200 : 204;
        res.end();
      } else if (path === "/account") {
        res.statusCode = 201;
        res.setHeader("Location", `${base}/account/1`);
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ status: "valid", orders: `${base}/account/1/orders` }));
      } else {
        res.statusCode = status;
        if (status === 429) res.setHeader("Retry-After", "3600");
        res.setHeader("Content-Type", "application/problem+json");
        res.end(JSON.stringify(problem));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://localhost:${server.address().port}`;
  const proxy = await startProxy({ port: 0, sandbox: sb.url, acme: { url: origin, caPem: tls.caPem } });
  return {
    directoryUrl: `${origin}/dir`,
    proxy,
    hits,
    async close() {
      await proxy.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

test("a CA's problem document keeps its type, detail and subproblems (one per name); nothing published", async () => {
  const ca = await refusingCa(400, {
    type: "urn:ietf:params:acme:error:rejectedIdentifier",
    detail: "Some of the identifiers are not allowed",
    status: 400,
    subproblems: [
      { type: "urn:ietf:params:acme:error:rejectedIdentifier", detail: "blocked by policy", identifier: { type: "dns", value: "blocked.example.com" } },
      { type: "urn:ietf:params:acme:error:caa", detail: "CAA forbids this CA", identifier: { type: "dns", value: "caa.example.com" } },
    ],
  });
  try {
    const error = await cc
      .issueCertificate({ directory: ca.directoryUrl, domains: ["blocked.example.com", "caa.example.com"], dns: tencentDns }, { proxy: ca.proxy.url, pollIntervalMs: 20 })
      .then(() => assert.fail("issued"), (e) => e);
    assert.ok(cc.isCloudCertError(error));
    assert.equal(error.code, "InvalidInput");
    assert.equal(error.vendorCode, "urn:ietf:params:acme:error:rejectedIdentifier");
    assert.equal(error.httpStatus, 400);
    assert.match(error.message, /^Some of the identifiers are not allowed/);
    assert.deepEqual(error.subproblems, [
      { type: "urn:ietf:params:acme:error:rejectedIdentifier", detail: "blocked by policy", identifier: "blocked.example.com" },
      { type: "urn:ietf:params:acme:error:caa", detail: "CAA forbids this CA", identifier: "caa.example.com" },
    ]);
    assert.equal(ca.hits["/order"], 1);
    assert.deepEqual(await dnsState(), { created: 0, deleted: 0, held: [] });
  } finally {
    await ca.close();
  }
});

test("rateLimited is not sent again (a CA's limits count attempts): RateLimited, with the wait in the hint", async () => {
  const ca = await refusingCa(429, { type: "urn:ietf:params:acme:error:rateLimited", detail: "too many new orders recently", status: 429 });
  try {
    const error = await cc
      .issueCertificate({ directory: ca.directoryUrl, domains: ["rate.example.com"], dns: tencentDns }, { proxy: ca.proxy.url, pollIntervalMs: 20 })
      .then(() => assert.fail("issued"), (e) => e);
    assert.equal(error.code, "RateLimited", error.message);
    assert.equal(error.vendorCode, "urn:ietf:params:acme:error:rateLimited");
    assert.equal(error.httpStatus, 429);
    assert.match(error.hint ?? "", /3600|hour|60 min/i);
    assert.equal(ca.hits["/order"], 1, "sent once");
    assert.equal(error.subproblems, undefined);
  } finally {
    await ca.close();
  }
});

test("several DNS accounts: each name's record goes to the account whose zone holds it", async () => {
  // The second Tencent key holds example.cn and example.io; Volcengine's example.com/.org/.net.
  const second = accountFor("tencent-dns", "AKIDSANDBOXTENCENT2");
  const issued = await cc.issueCertificate({ directory: pebble.directoryUrl, domains: ["a.example.cn", "b.example.org"], dns: [second, volcDns] }, opts());
  const report = await cc.inspectCertificate(issued.certificatePem, issued.privateKeyPem);
  assert.deepEqual([...report.certificates[0].sans].sort(), ["a.example.cn", "b.example.org"]);
  const state = await (await fetch(`${sb.url}/__sandbox/state`)).json();
  const byStore = Object.fromEntries(Object.entries(state.dns).map(([key, s]) => [key.split("|")[0], [s.created, s.deleted]]));
  assert.deepEqual(byStore, { "tencent-dns": [1, 1], "volcengine-dns": [1, 1] });
});

test("with a resolver (resolveTxt), the CA validates only once the DNS answers; a DNS that never does is a Timeout", async () => {
  const lookups = [];
  // Quoted, as DNS-over-HTTPS JSON answers give TXT data.
  const resolveTxt = async (name) => {
    lookups.push(name);
    return (await txt(name)).map((value) => `"${value}"`);
  };
  const issued = await cc.issueCertificate({ directory: pebble.directoryUrl, domains: ["resolved.example.com"], dns: tencentDns }, opts({ resolveTxt }));
  assert.match(issued.certificatePem, /-----BEGIN CERTIFICATE-----/);
  assert.ok(lookups.includes("_acme-challenge.resolved.example.com"), lookups.join());

  // A resolver that never sees the record, one that throws, one that never answers (each lookup
  // gets timeoutMs): Timeout before the CA validates.
  for (const never of [async () => [], async () => { throw new Error("SERVFAIL"); }, () => new Promise(() => {})]) {
    const steps = [];
    const error = await cc
      .issueCertificate({ directory: pebble.directoryUrl, domains: ["unresolved.example.com"], dns: tencentDns }, opts({ maxPolls: 3, timeoutMs: 300, resolveTxt: never, onProgress: (p) => steps.push(p.step) }))
      .then(() => assert.fail("issued"), (e) => e);
    assert.equal(error.code, "Timeout", error.message);
    assert.match(error.message, /DNS never answered _acme-challenge\.unresolved\.example\.com/);
    assert.ok(!steps.includes("validation"), steps.join());
  }
  assert.deepEqual(await dnsState(), { created: 4, deleted: 4, held: [] });

  const error = await cc
    .issueCertificate({ directory: pebble.directoryUrl, domains: ["a.example.com"], dns: tencentDns }, opts({ resolveTxt: "8.8.8.8" }))
    .then(() => assert.fail("issued"), (e) => e);
  assert.equal(error.code, "InvalidInput");
  assert.match(error.message, /^options\.resolveTxt: expected a function/);
});

test("keyType rsa-2048: an RSA 2048 certificate key, made in the page, matching the leaf", async () => {
  const issued = await cc.issueCertificate({ directory: pebble.directoryUrl, domains: ["rsa.example.com", "*.rsa.example.net"], dns: [tencentDns, volcDns], keyType: "rsa-2048" }, opts());
  const report = await cc.inspectCertificate(issued.certificatePem, issued.privateKeyPem);
  assert.equal(report.keyMatches, true);
  assert.equal(report.key?.algorithm, "RSA");
  assert.equal(report.key?.bits, 2048);
  assert.equal(report.certificates[0].keyAlgorithm, "RSA");
  assert.deepEqual([...report.certificates[0].sans].sort(), ["*.rsa.example.net", "rsa.example.com"]);
  // The account key stays P-256: the next call can reuse it.
  assert.match(issued.accountKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

test("a CA that requires external account binding (as ZeroSSL does): refused without it, before any account; issued with it", async () => {
  const hmacKey = Buffer.from("an HMAC key of 32 bytes, for EAB").toString("base64url");
  const ca = await startPebble({ eab: { kid: "kid-1", hmacKey } });
  const sandbox = await startSandbox({ port: 0, host: "127.0.0.1", certs: 1, challtestsrv: ca.challtestsrvUrl });
  const proxy = await startProxy({ port: 0, sandbox: sandbox.url, acme: { url: new URL(ca.directoryUrl).origin, caPem: ca.caCertPem } });
  try {
    const request = { directory: ca.directoryUrl, domains: ["eab.example.com"], dns: tencentDns };
    const refused = await cc.issueCertificate(request, { proxy: proxy.url, pollIntervalMs: 20 }).then(() => assert.fail("issued"), (e) => e);
    assert.equal(refused.code, "InvalidInput", refused.message);
    assert.match(refused.message, /^request\.externalAccountBinding: this CA requires an external account binding/);
    const wrong = await cc
      .issueCertificate({ ...request, externalAccountBinding: { keyId: "kid-1", hmacKey: Buffer.from("another key of 32 bytes, not it!").toString("base64url") } }, { proxy: proxy.url, pollIntervalMs: 20 })
      .then(() => assert.fail("issued"), (e) => e);
    assert.match(wrong.vendorCode ?? "", /^urn:ietf:params:acme:error:/, wrong.message);
    assert.ok(!wrong.message.includes(hmacKey));
    const issued = await cc.issueCertificate({ ...request, externalAccountBinding: { keyId: "kid-1", hmacKey } }, { proxy: proxy.url, pollIntervalMs: 20 });
    const report = await cc.inspectCertificate(issued.certificatePem, issued.privateKeyPem);
    assert.equal(report.keyMatches, true);
    assert.deepEqual(report.certificates[0].sans, ["eab.example.com"]);
    assert.deepEqual(issued.warnings, []);
    // The kept account key finds its bound account again without the binding (onlyReturnExisting).
    const again = await cc.issueCertificate({ ...request, domains: ["eab2.example.com"], accountKey: issued.accountKeyPem }, { proxy: proxy.url, pollIntervalMs: 20 });
    assert.equal(again.accountUrl, issued.accountUrl);
  } finally {
    await proxy.close();
    await sandbox.close();
    await ca.close();
  }
});

test("renewCertificate checks the accounts before issuing, and keeps the new certificate when the roll-out fails", async () => {
  const old = { commonName: "renewed.example.com", domains: ["renewed.example.com"] };
  const plan = { directory: pebble.directoryUrl, dns: tencentDns };
  // Two accounts alike: refused before the CA or the DNS provider hears of anything.
  const ssl = accountFor("tencent-ssl");
  const refused = await cc.renewCertificate(old, { ...plan, accounts: [ssl, { ...ssl }] }, opts()).then(() => assert.fail("renewed"), (e) => e);
  assert.equal(refused.code, "InvalidInput");
  assert.match(refused.message, /^accounts\[1\]: has the provider and label of an account before it/);
  assert.deepEqual(await dnsState(), { created: 0, deleted: 0, held: [] });

  // An abort once the roll-out has started: the issued certificate comes back with the error.
  const controller = new AbortController();
  const onProgress = (p) => {
    if (p.provider !== undefined && p.step === undefined) controller.abort();
  };
  const result = await cc.renewCertificate(old, { ...plan, accounts: [ssl] }, opts({ signal: controller.signal, onProgress }));
  assert.equal(result.replacement, undefined);
  assert.equal(result.error?.code, "Aborted", JSON.stringify(result.error));
  const report = await cc.inspectCertificate(result.issued.certificatePem, result.issued.privateKeyPem);
  assert.equal(report.keyMatches, true);
  assert.deepEqual(report.certificates[0].sans, ["renewed.example.com"]);
  assert.ok(!JSON.stringify(result.error).includes("PRIVATE KEY"));
});
