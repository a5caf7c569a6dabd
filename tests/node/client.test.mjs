// The async client (listCertificates, listCertificatesPage, getCertificate, uploadCertificate,
// deleteCertificate, inventory) of the built Node package, against the sandbox through the CORS
// proxy, both in-process on 127.0.0.1 port 0. What it proves:
//   - completeness: 2,500 certificates per account, each exactly once, for all five providers,
//     with the number of requests the paging scheme implies; the same set page by page;
//   - get; upload and delete at every provider (duplicates, gone, bound, refused before sending);
//   - faults (rate limits, 5xx, dropped connections, HTML and truncated bodies): a complete list
//     or a typed, retryable rejection after the attempts were used, never a silently short list;
//   - a clock one hour wrong, abort, timeout, an inventory with bad accounts, progress events;
//   - no secret key or session token in any error, warning, progress event or result.
// Faults and the sandbox's configuration are reset before every test; every loop is bounded.

import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { setTimeout as delay } from "node:timers/promises";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor, accounts as sandboxAccounts, UNKNOWN_KEYS, WRONG_SECRET } from "../../sandbox/accounts.mjs";
import { certificatesFor } from "../../sandbox/data.mjs";
import { expiredCertificate, sampleCertificate } from "../../sandbox/samples.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];
const BIG = 2500; // certificates per account for the completeness tests
const MID = 1500; // for the fault tests: several pages everywhere (Tencent API 3.0: 2)
const SMALL = 300;
const MAX_PAGES = 200; // bound of every page walk in this file
const HOUR = 3_600_000;

let cc; // the package, pkg/node/index.mjs
let sb; // sandbox
let px; // CORS proxy
const proxyLog = []; // one line per forwarded request: "GET host/path status Nms"
const proxyErrors = []; // the proxy's own error answers ({"code": "Proxy…"}) the library received
const realFetch = globalThis.fetch;

// ------------------------------------------------------------------------------------------------
// Everything that leaves the library is scanned for secrets (and, unless a test asked for them,
// private keys) as it arrives; the last test asserts nothing was found.

const BAD_TOKEN = "sandbox-wrong-session-token-7f3a";
const PROBE_SECRET = "probe-secret-c1f2e3d4";
const SECRETS = [
  ...new Set([
    ...sandboxAccounts.flatMap((a) => [a.secretAccessKey, a.sessionToken]).filter(Boolean),
    WRONG_SECRET,
    BAD_TOKEN,
    PROBE_SECRET,
  ]),
];
const scan = { items: 0, errors: 0, progress: 0, leaks: [] };

function errorText(error) {
  const own = Object.fromEntries(Object.getOwnPropertyNames(error ?? {}).map((k) => [k, error[k]]));
  let json = "";
  try {
    json = JSON.stringify(error);
  } catch {
    json = "<unserializable>";
  }
  return [String(error), error?.message, error?.stack, json, JSON.stringify(own)].join("\n");
}

function inspect(kind, where, text, { privateKeysAllowed = false } = {}) {
  scan.items += 1;
  for (const secret of SECRETS) {
    if (text.includes(secret)) scan.leaks.push(`${where}: ${kind} contains the secret ${JSON.stringify(secret.slice(0, 12))}…`);
  }
  if (!privateKeysAllowed && /PRIVATE KEY/.test(text)) scan.leaks.push(`${where}: ${kind} contains a PEM private key`);
}

/** Runs one library call; records and scans its result or its error. */
async function settle(where, promise, scanOptions) {
  try {
    const value = await promise;
    inspect("result", where, JSON.stringify(value) ?? "undefined", scanOptions);
    for (const warning of value?.warnings ?? []) inspect("warning", where, String(warning));
    for (const account of value?.accounts ?? []) for (const w of account.warnings ?? []) inspect("warning", where, String(w));
    return { ok: true, value };
  } catch (error) {
    scan.errors += 1;
    inspect("error", where, errorText(error));
    return { ok: false, error };
  }
}

/** An `onProgress` that records (and scans) every event. */
function progressSpy(where, also) {
  const events = [];
  const fn = (event) => {
    scan.progress += 1;
    inspect("progress event", where, JSON.stringify(event));
    events.push(event);
    also?.(event);
  };
  return { events, fn };
}

// ------------------------------------------------------------------------------------------------
// Helpers

/** A sandbox account as a plain library `Account` (without the sandbox's `dataSeed`). */
function account(provider, which, changes = {}) {
  const { dataSeed, ...plain } = accountFor(provider, which);
  return { ...plain, ...changes };
}

const opts = (extra = {}) => ({ proxy: px.url, ...extra });

function expectedIds(provider, accessKeyId, count) {
  return certificatesFor(provider, accessKeyId, count, { anchorMs: sb.anchorMs, nowMs: sb.now() }).map((c) => c.id);
}

/** Pages (requests without retries) one listing of `count` certificates takes. */
function pagesFor(provider, count) {
  switch (provider) {
    case "tencent-ssl":
      return Math.max(1, Math.ceil(count / 1000)); // first page, then the rest at 1,000
    case "tencent-legacy":
    case "volcengine-cert":
      return Math.max(1, Math.ceil(count / 100)); // first page, then the rest at 100
    case "volcengine-live":
      return 4; // the four Available × Expiring combinations
    default:
      return Math.max(1, Math.ceil(count / 100)); // Qiniu: one request per marker, 100 per page
  }
}

/** Asserts `certificates` holds each expected id exactly once and nothing else. */
function assertSameSet(certificates, expected, what) {
  const ids = certificates.map((c) => c.id);
  const unique = new Set(ids);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.equal(unique.size, ids.length, `${what}: ${ids.length - unique.size} duplicate ids, e.g. ${duplicates.slice(0, 3).join(", ")}`);
  const want = new Set(expected);
  const missing = expected.filter((id) => !unique.has(id));
  const extra = ids.filter((id) => !want.has(id));
  assert.ok(
    missing.length === 0 && extra.length === 0,
    `${what}: ${ids.length} listed, ${expected.length} expected; ${missing.length} missing (${missing.slice(0, 3).join(", ")}), ` +
      `${extra.length} unexpected (${extra.slice(0, 3).join(", ")})`,
  );
}

function assertCloudCertError(error, { code, provider, retryable } = {}, what = "") {
  assert.ok(error instanceof Error, `${what}: rejected with a non-Error ${String(error)}`);
  assert.equal(error.name, "CloudCertError", `${what}: name`);
  const detail = `${what}: ${JSON.stringify({ ...error, message: error.message })}`;
  if (code !== undefined) {
    if (Array.isArray(code)) assert.ok(code.includes(error.code), `code ${error.code} not in ${code.join("|")} — ${detail}`);
    else assert.equal(error.code, code, detail);
  }
  if (provider !== undefined) assert.equal(error.provider, provider, detail);
  if (retryable !== undefined) assert.equal(error.retryable, retryable, detail);
  assert.equal(typeof error.retryable, "boolean", detail);
}

/** Lists the main account of every provider concurrently. */
function listAll(where, options, providers = PROVIDERS) {
  return Promise.all(providers.map((p) => settle(`${where} ${p}`, cc.listCertificates(account(p), undefined, options))));
}

/** Sandbox counters of one provider. */
const stats = (provider) => sb.state().stats[provider];

// A retry must be explained: by a failure the sandbox injected, or by a request that never reached
// the sandbox (a connection lost between client, proxy and sandbox: the client is right to retry
// it). At most this many such losses are tolerated per listing, and each is reported.
const MAX_LOST = 2;
function checkLost(t, what, lost, provider) {
  assert.ok(lost >= 0 && lost <= MAX_LOST, `${what}: ${lost} requests never reached the sandbox; proxy: ${proxyFailures(provider).slice(0, 5).join("; ")}`);
  if (lost > 0) {
    const why = proxyErrors.filter((e) => e.startsWith(HOSTS[provider])).slice(0, 3).join("; ");
    t?.diagnostic(`${what}: ${lost} request(s) lost before the sandbox and retried; the proxy said: ${why || proxyFailures(provider).slice(0, 3).join("; ")}`);
  }
}

async function waitForPackage() {
  const files = ["pkg/node/index.mjs", "pkg/node/cloudcerts.cjs", "pkg/node/cloudcerts_bg.wasm"].map((f) => join(root, f));
  for (let i = 0; i < 120 && !files.every((f) => existsSync(f)); i++) await delay(500); // a rebuild swaps pkg/ in
  assert.ok(files.every((f) => existsSync(f)), "pkg/node is missing: run `npm run build` first");
}

before(async () => {
  await waitForPackage();
  // Observe (without changing) the library's fetches: keep the proxy's own error answers, which
  // explain a request that never reached the sandbox.
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (response.status >= 500 && (response.headers.get("content-type") ?? "").includes("json")) {
      const text = await response.clone().text().catch(() => "");
      if (/"code"\s*:\s*"Proxy/.test(text)) proxyErrors.push(`${String(input).replace(/^.*?\/https:\/\//, "")} → ${response.status} ${text.slice(0, 120)}`);
    }
    return response;
  };
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: BIG });
  px = await startProxy({ port: 0, sandbox: sb.url, log: (line) => proxyLog.push(line) });
  assert.match(px.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

after(async () => {
  globalThis.fetch = realFetch;
  await px?.close();
  await sb?.close();
});

beforeEach(() => {
  sb.reset(); // startup configuration (2,500 certificates), no faults, no uploads, counters zero
  proxyLog.length = 0;
  proxyErrors.length = 0;
});

const HOSTS = {
  "tencent-ssl": "ssl.tencentcloudapi.com",
  "tencent-legacy": "wss.api.qcloud.com",
  "volcengine-live": "live.volcengineapi.com",
  "volcengine-cert": "open.volcengineapi.com",
  qiniu: "api.qiniu.com",
};
/** The proxy's log lines of this test for `provider` whose status is not 2xx. */
const proxyFailures = (provider) => proxyLog.filter((l) => l.includes(` ${HOSTS[provider]}/`) && !/ 2\d\d \d+ ?ms/.test(l));

// ------------------------------------------------------------------------------------------------
// Completeness

test("listCertificates: 2,500 certificates per account, each exactly once, in the requests the paging implies", { timeout: 60_000 }, async (t) => {
  const outcomes = await listAll("list 2500", opts());
  for (const [i, provider] of PROVIDERS.entries()) {
    const a = account(provider);
    const outcome = outcomes[i];
    assert.ok(outcome.ok, `${provider}: ${outcome.error && errorText(outcome.error)}`);
    const r = outcome.value;
    const expected = expectedIds(provider, a.accessKeyId, BIG);
    if (provider === "volcengine-live") assert.ok(expected.length > 1000 && expected.length < BIG, "Live shows only certificates with an issued certificate");
    else assert.equal(expected.length, BIG);
    assertSameSet(r.certificates, expected, provider);
    assert.equal(r.provider, provider);
    assert.equal(r.account, a.label);
    assert.ok(r.certificates.every((c) => c.provider === provider && c.account === a.label), `${provider}: provider/account on every certificate`);
    assert.equal(r.requests - r.retries, pagesFor(provider, BIG), `${provider}: requests without retries (first page, then the rest)`);
    const lost = r.requests - stats(provider).requests;
    checkLost(t, provider, lost, provider);
    assert.equal(r.retries, lost, `${provider}: retries without faults; proxy: ${proxyFailures(provider).join("; ")}`);
    assert.deepEqual(r.warnings, [], `${provider}: warnings`);
  }
  // Live: the certificates only the not-available combinations show are `disabled`, and only those.
  const live = outcomes[PROVIDERS.indexOf("volcengine-live")].value;
  const disabled = new Set(
    certificatesFor("volcengine-live", account("volcengine-live").accessKeyId, BIG, { anchorMs: sb.anchorMs, nowMs: sb.now() })
      .filter((c) => c.base.status === "disabled")
      .map((c) => c.id),
  );
  assert.ok(disabled.size > 0);
  for (const c of live.certificates) assert.equal(c.status === "disabled", disabled.has(c.id), `live ${c.id}: status ${c.status}`);
});

test("listCertificatesPage walks the same set via nextCursor to the end", { timeout: 60_000 }, async (t) => {
  async function walk(provider, pageSize) {
    const a = account(provider);
    const all = [];
    const pages = [];
    let cursor;
    for (let n = 0; n < MAX_PAGES; n++) {
      const request = { ...(cursor === undefined ? {} : { cursor }), ...(pageSize ? { pageSize } : {}) };
      const outcome = await settle(`page ${provider} ${n}`, cc.listCertificatesPage(a, request, opts()));
      assert.ok(outcome.ok, `${provider} page ${n}: ${outcome.error && errorText(outcome.error)}`);
      const page = outcome.value;
      pages.push(page);
      all.push(...page.certificates);
      if (page.nextCursor === undefined || page.nextCursor === null) return { all, pages };
      assert.equal(typeof page.nextCursor, "string");
      assert.notEqual(page.nextCursor, cursor, `${provider}: the cursor did not advance`);
      cursor = page.nextCursor;
    }
    assert.fail(`${provider}: no end after ${MAX_PAGES} pages`);
  }
  const walks = [...PROVIDERS.map((p) => [p, undefined]), ["tencent-ssl", 700]];
  const results = await Promise.all(walks.map(([p, size]) => walk(p, size)));
  for (const [i, [provider, size]] of walks.entries()) {
    const { all, pages } = results[i];
    const what = `${provider}${size ? ` pageSize ${size}` : ""}`;
    assertSameSet(all, expectedIds(provider, account(provider).accessKeyId, BIG), what);
    const expectedPages = size ? Math.ceil(BIG / size) : pagesFor(provider, BIG);
    assert.equal(pages.length, expectedPages, `${what}: pages`);
    assert.ok(pages.every((p) => p.requests >= 1), `${what}: requests per page: ${pages.map((p) => p.requests)}`);
    if (["tencent-ssl", "tencent-legacy", "volcengine-cert"].includes(provider)) {
      assert.ok(pages.every((p) => p.total === BIG), `${what}: total ${pages.map((p) => p.total)}`);
    }
  }
  // One request per page, but for requests lost on the way (see checkLost).
  for (const provider of PROVIDERS) {
    const sent = walks.reduce((sum, [p], i) => sum + (p === provider ? results[i].pages.reduce((a, page) => a + page.requests, 0) : 0), 0);
    const pageCount = walks.reduce((sum, [p], i) => sum + (p === provider ? results[i].pages.length : 0), 0);
    const lost = sent - stats(provider).requests;
    checkLost(t, `pages ${provider}`, lost, provider);
    assert.equal(sent - pageCount, lost, `${provider}: requests beyond one per page: ${sent - pageCount}, lost ${lost}`);
  }
  // A cursor of another provider is refused, typed.
  const foreign = await settle("foreign cursor", cc.listCertificatesPage(account("qiniu"), { cursor: "p:1" }, opts()));
  assert.ok(!foreign.ok);
  assertCloudCertError(foreign.error, { code: "InvalidInput", provider: "qiniu", retryable: false }, "foreign cursor");
});

test("getCertificate finds one certificate per provider and rejects an unknown id with NotFound", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      const a = account(provider);
      const expected = expectedIds(provider, a.accessKeyId, SMALL);
      const id = expected[Math.floor(expected.length / 2)];
      const found = await settle(`get ${provider}`, cc.getCertificate(a, id, opts()));
      assert.ok(found.ok, `${provider}: ${found.error && errorText(found.error)}`);
      assert.equal(found.value.id, id);
      assert.equal(found.value.provider, provider);
      assert.equal(found.value.account, a.label);
      assert.ok(Array.isArray(found.value.domains));
      // The vendor's record, also where the certificate was picked from a listing (Live).
      assert.ok(typeof found.value.raw === "object" && found.value.raw !== null && !Array.isArray(found.value.raw), `${provider}: raw ${JSON.stringify(found.value.raw)}`);
      for (const unknown of ["ffffffffffffffffffffffff", "no-such-certificate"]) {
        const missing = await settle(`get unknown ${provider}`, cc.getCertificate(a, unknown, opts()));
        assert.ok(!missing.ok, `${provider}: found ${unknown}`);
        assertCloudCertError(missing.error, { code: "NotFound", provider, retryable: false }, `${provider} ${unknown}`);
      }
    }),
  );
  // Private keys stay out of `raw` unless asked for (Certificate Center and Qiniu return them).
  for (const provider of ["volcengine-cert", "qiniu"]) {
    const a = account(provider);
    const id = expectedIds(provider, a.accessKeyId, SMALL)[3];
    const plain = await settle(`get ${provider} plain`, cc.getCertificate(a, id, opts()));
    assert.ok(plain.ok && !JSON.stringify(plain.value).includes("PRIVATE KEY"), `${provider}: private key in raw`);
    const withKey = await settle(`get ${provider} with key`, cc.getCertificate(a, id, opts({ includePrivateKey: true })), { privateKeysAllowed: true });
    assert.ok(withKey.ok && JSON.stringify(withKey.value.raw).includes("PRIVATE KEY"), `${provider}: includePrivateKey kept no key`);
  }
});

/** `record` without private keys, as the library's `redact` removes them (names, PEM strings). */
function withoutPrivateKeys(record) {
  const names = ["private_key", "encrypt_key", "pri", "certificateprivatekey", "privatekey"];
  const pem = (v) => typeof v === "string" && v.includes("-----BEGIN") && v.includes("PRIVATE KEY-----");
  const walk = (v) => {
    if (Array.isArray(v)) return v.filter((x) => !pem(x)).map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k, x]) => !names.includes(k.toLowerCase()) && !pem(x))
          .map(([k, x]) => [k, walk(x)]),
      );
    }
    return v;
  };
  return walk(record);
}

test("listCertificates: each raw is the vendor's record, without its private keys unless asked for", { timeout: 60_000 }, async () => {
  sb.configure({ certs: SMALL });
  let keys = 0;
  for (const includePrivateKey of [false, true]) {
    const outcomes = await Promise.all(
      PROVIDERS.map((p) =>
        settle(`raw ${p} ${includePrivateKey}`, cc.listCertificates(account(p), undefined, opts({ includePrivateKey })), { privateKeysAllowed: includePrivateKey }),
      ),
    );
    for (const [i, provider] of PROVIDERS.entries()) {
      const outcome = outcomes[i];
      assert.ok(outcome.ok, `${provider}: ${outcome.error && errorText(outcome.error)}`);
      const records = new Map(
        certificatesFor(provider, account(provider).accessKeyId, SMALL, { anchorMs: sb.anchorMs, nowMs: sb.now() }).map((c) => [c.id, c.vendor]),
      );
      assert.ok(outcome.value.certificates.length > 0);
      for (const c of outcome.value.certificates) {
        const record = records.get(c.id);
        assert.ok(record, `${provider} ${c.id}: not in the sandbox`);
        const expected = includePrivateKey ? record : withoutPrivateKeys(record);
        assert.deepEqual(c.raw, JSON.parse(JSON.stringify(expected)), `${provider} ${c.id}: raw`);
        if (includePrivateKey && JSON.stringify(c.raw).includes("PRIVATE KEY")) keys++;
      }
    }
  }
  assert.ok(keys > 0, "no listed record carried a private key to keep");
});

test("listCertificates: no page body is parsed a second time for raw; each raw is read on demand", { timeout: 60_000 }, async () => {
  sb.configure({ certs: SMALL });
  // The envelopes' first member, as the sandbox writes each API's answer.
  const envelopes = ['{"Response"', '{"code"', '{"ResponseMetadata"', '{"marker"'];
  const original = JSON.parse;
  const parsed = [];
  JSON.parse = function (text, reviver) {
    parsed.push(String(text).slice(0, 24));
    return original.call(this, text, reviver);
  };
  let outcomes;
  try {
    outcomes = await Promise.all(
      PROVIDERS.map((p) => settle(`lazy raw ${p}`, cc.listCertificates(account(p), undefined, opts()))),
    );
  } finally {
    JSON.parse = original;
  }
  const bodies = parsed.filter((t) => envelopes.some((e) => t.startsWith(e)));
  assert.deepEqual(bodies, [], "a page body went through JSON.parse");
  for (const [i, provider] of PROVIDERS.entries()) {
    const outcome = outcomes[i];
    assert.ok(outcome.ok, `${provider}: ${outcome.error && errorText(outcome.error)}`);
    assert.ok(outcome.value.certificates.length > 0, provider);
    for (const c of outcome.value.certificates) {
      const descriptor = Object.getOwnPropertyDescriptor(c, "raw");
      assert.ok(descriptor && descriptor.enumerable && typeof descriptor.get === "function", `${provider} ${c.id}: raw is not read on demand`);
      assert.ok(typeof c.raw === "object" && c.raw !== null && !Array.isArray(c.raw), `${provider} ${c.id}: raw`);
    }
  }
});

test("Qiniu: upload, listed, deleted, deleted again", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const q = account("qiniu");
  const upload = {
    name: "cloudcerts-client-test",
    commonName: sampleCertificate.commonName,
    certificatePem: sampleCertificate.certificatePem,
    privateKeyPem: sampleCertificate.privateKeyPem,
  };
  const up = await settle("upload", cc.uploadCertificate(q, upload, opts()));
  assert.ok(up.ok, up.error && errorText(up.error));
  const { id } = up.value;
  assert.match(id, /^[0-9a-f]{24}$/);

  const listed = await settle("list after upload", cc.listCertificates(q, undefined, opts()));
  assert.ok(listed.ok, listed.error && errorText(listed.error));
  assertSameSet(listed.value.certificates, [...expectedIds("qiniu", q.accessKeyId, SMALL), id], "qiniu after upload");
  const mine = listed.value.certificates.find((c) => c.id === id);
  assert.equal(mine.name, upload.name);
  assert.equal(mine.domains[0], "upload.sandbox.example");
  assert.equal(new Set(mine.domains).size, mine.domains.length);
  assert.ok(mine.wildcard);

  const got = await settle("get uploaded", cc.getCertificate(q, id, opts()));
  assert.ok(got.ok && got.value.id === id, got.error && errorText(got.error));

  const del = await settle("delete", cc.deleteCertificate(q, id, opts()));
  assert.ok(del.ok, del.error && errorText(del.error));
  const after = await settle("list after delete", cc.listCertificates(q, undefined, opts()));
  assert.ok(after.ok);
  assertSameSet(after.value.certificates, expectedIds("qiniu", q.accessKeyId, SMALL), "qiniu after delete");
  const again = await settle("delete again", cc.deleteCertificate(q, id, opts()));
  assert.ok(again.ok, `deleting a deleted certificate: ${again.error && errorText(again.error)}`);
  const gone = await settle("get deleted", cc.getCertificate(q, id, opts()));
  assert.ok(!gone.ok);
  assertCloudCertError(gone.error, { code: "NotFound", provider: "qiniu" }, "get deleted");

});

/** The sandbox's sample certificate as an upload. */
function sampleUpload() {
  return {
    name: "cloudcerts-client-test",
    commonName: sampleCertificate.commonName,
    certificatePem: sampleCertificate.certificatePem,
    privateKeyPem: sampleCertificate.privateKeyPem,
  };
}

/**
 * The write cycle of a provider that keeps one copy of a certificate: upload (an id of `idPattern`),
 * upload again (the vendor's existing id, `existing: true`), listed (checked by `check`), got,
 * deleted (gone from the list), deleted again (success). Returns the account and the listing after.
 */
async function writeCycle(provider, idPattern, check) {
  sb.configure({ certs: SMALL });
  const a = account(provider);
  const upload = sampleUpload();
  const up = await settle(`${provider} upload`, cc.uploadCertificate(a, upload, opts()));
  assert.ok(up.ok, up.error && errorText(up.error));
  const { id } = up.value;
  assert.match(id, idPattern);
  assert.equal(up.value.existing, undefined);
  const twice = await settle(`${provider} upload again`, cc.uploadCertificate(a, upload, opts()));
  assert.ok(twice.ok, twice.error && errorText(twice.error));
  assert.deepEqual(twice.value, { id, existing: true }, "the vendor's existing id, not a copy");

  const listed = await settle(`${provider} list after upload`, cc.listCertificates(a, undefined, opts()));
  assert.ok(listed.ok, listed.error && errorText(listed.error));
  assertSameSet(listed.value.certificates, [...expectedIds(provider, a.accessKeyId, SMALL), id], `${provider} after upload`);
  const mine = listed.value.certificates.find((c) => c.id === id);
  assert.equal(mine.name, upload.name);
  assert.equal(mine.status, "active");
  assert.ok(mine.domains.includes("upload.sandbox.example"), mine.domains.join());
  check(mine);
  const got = await settle(`${provider} get uploaded`, cc.getCertificate(a, id, opts()));
  assert.ok(got.ok && got.value.id === id, got.error && errorText(got.error));
  assert.ok(!JSON.stringify(got.value).includes("PRIVATE KEY"), "the vendor's record carries the key: removed");

  const del = await settle(`${provider} delete`, cc.deleteCertificate(a, id, opts()));
  assert.ok(del.ok, del.error && errorText(del.error));
  const after = await settle(`${provider} list after delete`, cc.listCertificates(a, undefined, opts()));
  assert.ok(after.ok, after.error && errorText(after.error));
  assertSameSet(after.value.certificates, expectedIds(provider, a.accessKeyId, SMALL), `${provider} after delete`);
  const again = await settle(`${provider} delete again`, cc.deleteCertificate(a, id, opts()));
  assert.ok(again.ok, `deleting a deleted certificate: ${again.error && errorText(again.error)}`);
  const gone = await settle(`${provider} get deleted`, cc.getCertificate(a, id, opts()));
  assertCloudCertError(gone.error, { code: "NotFound", provider }, `${provider} get deleted`);
  return { account: a, after: after.value.certificates };
}

/** A key of another certificate: the inspector refuses the upload before any request. */
async function refusedBeforeSending(a) {
  const before = stats(a.provider).requests;
  const mismatched = await settle(`${a.provider} upload mismatched`, cc.uploadCertificate(a, { ...sampleUpload(), privateKeyPem: expiredCertificate.privateKeyPem }, opts()));
  assertCloudCertError(mismatched.error, { code: "InvalidInput", retryable: false }, "upload mismatched");
  assert.ok(mismatched.error.problems.some((p) => p.code === "KeyMismatch"), JSON.stringify(mismatched.error.problems));
  assert.equal(stats(a.provider).requests, before, "refused before sending");
  assert.ok(!errorText(mismatched.error).includes("PRIVATE KEY"));
}

test("Tencent SSL: upload, the duplicate answered with its id, listed, got without the key, deleted, deleted again; a bound certificate is refused", { timeout: 30_000 }, async () => {
  const { account: t, after } = await writeCycle("tencent-ssl", /^[0-9A-Za-z]{8}$/, (mine) => assert.equal(mine.source, "upload"));
  const bound = after.find((c) => (c.boundResources ?? []).length > 0);
  assert.ok(bound, "the sandbox has certificates bound to resources");
  const refused = await settle("delete bound", cc.deleteCertificate(t, bound.id, opts()));
  assert.ok(!refused.ok, "a bound certificate was deleted");
  assertCloudCertError(refused.error, { code: "Vendor", provider: "tencent-ssl", vendorCode: "FailedOperation.DeleteResourceFailed", retryable: false }, "delete bound");
  assert.match(refused.error.hint, /unbind/);
  const still = await settle("list after refusal", cc.listCertificates(t, undefined, opts()));
  assert.ok(still.value.certificates.some((c) => c.id === bound.id), "the bound certificate is still listed");
  await refusedBeforeSending(t);
});

test("Certificate Center: import, the duplicate answered with its id, listed, got without the key, deleted, deleted again; a bound certificate is refused", { timeout: 30_000 }, async () => {
  const { account: v } = await writeCycle("volcengine-cert", /^cert-[0-9a-f]{32}$/, (mine) => {
    assert.ok(mine.fingerprintSha256, "the leaf of the chain is read");
    assert.ok(!JSON.stringify(mine.raw).includes("PRIVATE KEY"), "the listed key is removed from raw");
  });
  const bound = certificatesFor("volcengine-cert", v.accessKeyId, SMALL, { anchorMs: sb.anchorMs, nowMs: sb.now() })
    .find((c) => c.vendor.deploy_info);
  assert.ok(bound, "the sandbox has certificates bound to resources");
  const refused = await settle("delete bound", cc.deleteCertificate(v, bound.id, opts()));
  assert.ok(!refused.ok, "a bound certificate was deleted");
  assertCloudCertError(refused.error, { code: "Vendor", provider: "volcengine-cert", retryable: false }, "delete bound");
  await refusedBeforeSending(v);
});

test("Tencent API 2.0: upload (a POST form: the key stays out of URLs), listed by both Tencent APIs, deleted, deleted again; a bound certificate is refused", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const legacy = account("tencent-legacy");
  const ssl = account("tencent-ssl");
  const up = await settle("legacy upload", cc.uploadCertificate(legacy, sampleUpload(), opts()));
  assert.ok(up.ok, up.error && errorText(up.error));
  const { id } = up.value;
  assert.match(id, /^[0-9A-Za-z]{8}$/);
  for (const a of [legacy, ssl]) {
    const listed = await settle(`${a.provider} list after upload`, cc.listCertificates(a, undefined, opts()));
    assert.ok(listed.ok, listed.error && errorText(listed.error));
    assertSameSet(listed.value.certificates, [...expectedIds(a.provider, a.accessKeyId, SMALL), id], `${a.provider} after the legacy upload`);
    const mine = listed.value.certificates.find((c) => c.id === id);
    assert.equal(mine.name, "cloudcerts-client-test");
    assert.ok(mine.domains.includes("upload.sandbox.example"), mine.domains.join());
  }
  const del = await settle("legacy delete", cc.deleteCertificate(legacy, id, opts()));
  assert.ok(del.ok, del.error && errorText(del.error));
  const after = await settle("ssl list after delete", cc.listCertificates(ssl, undefined, opts()));
  assertSameSet(after.value.certificates, expectedIds("tencent-ssl", ssl.accessKeyId, SMALL), "tencent-ssl after the legacy delete");
  const again = await settle("legacy delete again", cc.deleteCertificate(legacy, id, opts()));
  assert.ok(again.ok, `deleting a deleted certificate: ${again.error && errorText(again.error)}`);

  const bound = after.value.certificates.find((c) => (c.boundResources ?? []).length > 0);
  const refused = await settle("legacy delete bound", cc.deleteCertificate(legacy, bound.id, opts()));
  assertCloudCertError(refused.error, { code: "Vendor", provider: "tencent-legacy", retryable: false }, "legacy delete bound");
  await refusedBeforeSending(legacy);
});

test("Volcengine Live: CreateCert makes a new chain each time (no duplicate check), listed by CertID, deleted by CertID or chain, deleted again; a bound certificate is refused", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const live = account("volcengine-live");
  const first = await settle("live upload", cc.uploadCertificate(live, sampleUpload(), opts()));
  assert.ok(first.ok, first.error && errorText(first.error));
  assert.match(first.value.id, /^cert-[0-9a-f]+$/, "the CertID the list shows, not the chain");
  assert.equal(first.value.existing, undefined);
  const second = await settle("live upload again", cc.uploadCertificate(live, sampleUpload(), opts()));
  assert.ok(second.ok, second.error && errorText(second.error));
  assert.notEqual(second.value.id, first.value.id, "Live documents no duplicate check: a second chain");
  const listed = await settle("live list after upload", cc.listCertificates(live, undefined, opts()));
  assert.ok(listed.ok, listed.error && errorText(listed.error));
  const generated = expectedIds("volcengine-live", live.accessKeyId, SMALL);
  assertSameSet(listed.value.certificates, [...generated, first.value.id, second.value.id], "live after two uploads");
  const mine = listed.value.certificates.find((c) => c.id === first.value.id);
  assert.equal(mine.name, "cloudcerts-client-test");
  assert.equal(mine.status, "active");
  assert.ok(mine.domains.includes("upload.sandbox.example"), mine.domains.join());
  // By CertID, and by the chain's id (what an upload returns while the list does not show it yet).
  const del = await settle("live delete", cc.deleteCertificate(live, first.value.id, opts()));
  assert.ok(del.ok, del.error && errorText(del.error));
  const chain = mine.raw.ChainID;
  assert.match(chain, /^[0-9a-f]{32}$/);
  const again = await settle("live delete again", cc.deleteCertificate(live, first.value.id, opts()));
  assert.ok(again.ok, `deleting a deleted certificate: ${again.error && errorText(again.error)}`);
  const byChain = listed.value.certificates.find((c) => c.id === second.value.id).raw.ChainID;
  const del2 = await settle("live delete by chain", cc.deleteCertificate(live, byChain, opts()));
  assert.ok(del2.ok, del2.error && errorText(del2.error));
  const after = await settle("live list after delete", cc.listCertificates(live, undefined, opts()));
  assertSameSet(after.value.certificates, generated, "live after the deletes");
  assert.equal(sb.state().live[Object.keys(sb.state().live)[0]].uploaded, 0);

  const bound = certificatesFor("volcengine-live", live.accessKeyId, SMALL, { anchorMs: sb.anchorMs, nowMs: sb.now() })
    .find((c) => c.base.boundResources.length > 0);
  assert.ok(bound, "the sandbox has certificates bound to resources");
  const refused = await settle("live delete bound", cc.deleteCertificate(live, bound.id, opts()));
  assert.ok(!refused.ok, "a bound certificate was deleted");
  assertCloudCertError(refused.error, { code: "InvalidInput", provider: "volcengine-live", retryable: false }, "live delete bound");
  const still = await settle("live list after refusal", cc.listCertificates(live, undefined, opts()));
  assert.ok(still.value.certificates.some((c) => c.id === bound.id), "the bound certificate is still listed");
  const unbound = certificatesFor("volcengine-live", live.accessKeyId, SMALL, { anchorMs: sb.anchorMs, nowMs: sb.now() })
    .find((c) => c.base.boundResources.length === 0 && c.status === "disabled");
  assert.ok(unbound, "a disabled certificate (listed only with Available: false)");
  const gone = await settle("live delete disabled", cc.deleteCertificate(live, unbound.id, opts()));
  assert.ok(gone.ok, gone.error && errorText(gone.error));
  const last = await settle("live list after deleting a disabled one", cc.listCertificates(live, undefined, opts()));
  assertSameSet(last.value.certificates, generated.filter((id) => id !== unbound.id), "live without the disabled one");
  await refusedBeforeSending(live);
});

test("vendor extras: a project and tags reach Tencent SSL and Certificate Center and are listed back; a vendor that takes none refuses them before sending", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const ssl = account("tencent-ssl");
  const up = await settle("ssl upload with extras", cc.uploadCertificate(ssl, { ...sampleUpload(), project: "42", tags: { env: "prod", team: "web" } }, opts()));
  assert.ok(up.ok, up.error && errorText(up.error));
  const listed = await settle("ssl list", cc.listCertificates(ssl, undefined, opts()));
  const mine = listed.value.certificates.find((c) => c.id === up.value.id);
  assert.deepEqual(mine.tags, { env: "prod", team: "web" });
  assert.equal(mine.raw.ProjectId, "42");
  const cert = account("volcengine-cert");
  const imported = await settle("cc import with a project", cc.uploadCertificate(cert, { ...sampleUpload(), project: "ops" }, opts()));
  assert.ok(imported.ok, imported.error && errorText(imported.error));
  const ccListed = await settle("cc list", cc.listCertificates(cert, undefined, opts()));
  assert.equal(ccListed.value.certificates.find((c) => c.id === imported.value.id).project, "ops");
  const sent = () => ["qiniu", "tencent-legacy", "tencent-ssl"].reduce((n, p) => n + stats(p).requests, 0);
  const before = sent();
  for (const [provider, extra, field] of [["qiniu", { tags: { env: "prod" } }, "upload.tags"], ["tencent-legacy", { project: "7" }, "upload.project"], ["tencent-ssl", { project: "default" }, "upload.project"]]) {
    const refused = await settle(`${provider} extras`, cc.uploadCertificate(account(provider), { ...sampleUpload(), ...extra }, opts()));
    assertCloudCertError(refused.error, { code: "InvalidInput", provider, retryable: false }, `${provider} ${field}`);
    assert.ok(refused.error.message.startsWith(`${field}: `), refused.error.message);
  }
  assert.equal(sent(), before, "nothing sent");
});

test("API 2.0 with a session token lists and gets through signed POST forms: the token is in no URL", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const sts = account("tencent-legacy", "AKIDSANDBOXTENCENTSTS");
  assert.ok(sts.sessionToken, "an STS account");
  const urls = [];
  const observe = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    urls.push([String(input), init?.method ?? "GET"]);
    return observe(input, init);
  };
  try {
    const listed = await settle("sts list", cc.listCertificates(sts, undefined, opts()));
    assert.ok(listed.ok, listed.error && errorText(listed.error));
    assertSameSet(listed.value.certificates, expectedIds("tencent-legacy", sts.accessKeyId, SMALL), "sts listing");
    const got = await settle("sts get", cc.getCertificate(sts, listed.value.certificates[0].id, opts()));
    assert.ok(got.ok, got.error && errorText(got.error));
  } finally {
    globalThis.fetch = observe;
  }
  assert.ok(urls.length >= 2);
  for (const [url, method] of urls) {
    assert.equal(method, "POST", url);
    assert.ok(!url.includes(sts.sessionToken) && !url.includes("Token="), url);
  }
  assert.ok(!proxyLog.some((line) => line.includes(sts.sessionToken)), "the proxy's log");
});

// ------------------------------------------------------------------------------------------------
// Faults: a complete list, or a typed rejection that is retryable and came after every attempt.

const FAULT_ATTEMPTS = 8;

/**
 * Runs the five listings with `faults` on and checks each outcome. `injected(stats)` counts the
 * sandbox's injected failures of one provider: each must have cost exactly one retry.
 */
async function faultRun(t, name, faults, { codes, injected, count = MID, attempts = FAULT_ATTEMPTS, allowNone = false }) {
  sb.configure({ certs: count });
  sb.setFaults(faults);
  // The proxy itself sends a read once more after a reset on a reused connection (what a dropped
  // connection looks like to it): those reach the sandbox without the library knowing.
  const proxyRetriesBefore = Object.fromEntries(PROVIDERS.map((p) => [p, px.retries(HOSTS[p])]));
  const outcomes = await listAll(name, opts({ maxAttempts: attempts }));
  let totalInjected = 0;
  const summary = [];
  const failures = [];
  for (const [i, provider] of PROVIDERS.entries()) {
    const outcome = outcomes[i];
    const s = stats(provider);
    const byProxy = px.retries(HOSTS[provider]) - proxyRetriesBefore[provider];
    const n = injected(s);
    totalInjected += n;
    try {
      if (outcome.ok) {
        const r = outcome.value;
        assertSameSet(r.certificates, expectedIds(provider, account(provider).accessKeyId, count), `${name} ${provider}`);
        const lost = r.requests + byProxy - s.requests;
        checkLost(t, `${name} ${provider}`, lost, provider);
        assert.equal(r.retries, n - byProxy + lost, `${name} ${provider}: one retry per injected failure (${n}, ${byProxy} of them absorbed by the proxy) or lost request (${lost})`);
        assert.equal(r.requests, pagesFor(provider, count) + r.retries, `${name} ${provider}: pages + retries`);
        summary.push(`${provider} ok ${r.requests}/${r.retries}`);
      } else {
        // Acceptable only as the fault's typed error, retryable, once the attempts were used.
        assertCloudCertError(outcome.error, { code: codes, provider, retryable: true }, `${name} ${provider}`);
        assert.ok(s.requests >= attempts, `${name} ${provider}: gave up after ${s.requests} requests, maxAttempts ${attempts}: ${errorText(outcome.error).split("\n")[0]}`);
        summary.push(`${provider} rejected ${outcome.error.code}`);
      }
    } catch (e) {
      failures.push(e.message);
    }
  }
  assert.deepEqual(failures, [], `${name}: ${summary.join(", ")}`);
  if (!allowNone) assert.ok(totalInjected > 0, `${name}: no fault was injected (${summary.join(", ")})`);
  return { outcomes, totalInjected, summary: summary.join(", ") };
}

test("faults: rate limits enforced at the documented rates", { timeout: 60_000 }, async (t) => {
  // The client keeps to the documented rates, so throttling should be rare (none is ideal). Here the
  // sandbox shares the test's thread: a page being normalized delays its clock reading of other
  // requests, which can bunch their arrivals; a throttled key then falls back to spaced requests.
  const run = await faultRun(t, "rate limit", { "*": { rateLimit: true } }, {
    count: BIG,
    codes: ["RateLimited"],
    injected: (s) => s.throttled,
    allowNone: true,
  });
  t.diagnostic(`throttled ${run.totalInjected}: ${run.summary}`);
});

test("faults: rate limits below the documented rates (throttling answers are retried)", { timeout: 60_000 }, async (t) => {
  await faultRun(t, "rate limit 3/s", { "*": { rateLimit: 3 } }, {
    count: 1000,
    codes: ["RateLimited"],
    injected: (s) => s.throttled,
  });
});

test("faults: 20% HTTP 5xx", { timeout: 60_000 }, async (t) => {
  await faultRun(t, "5xx", { "*": { serverErrorRate: 0.2 } }, {
    codes: ["Vendor"],
    injected: (s) => s.injected.serverError,
  });
});

test("faults: 20% dropped connections", { timeout: 60_000 }, async (t) => {
  await faultRun(t, "drop", { "*": { dropRate: 0.2 } }, {
    codes: ["Proxy", "Network"],
    injected: (s) => s.injected.drop,
  });
});

test("faults: 20% HTML error pages", { timeout: 60_000 }, async (t) => {
  await faultRun(t, "html", { "*": { htmlRate: 0.2 } }, {
    codes: ["BadResponse", "Vendor"],
    injected: (s) => s.injected.html,
  });
});

test("faults: 20% truncated bodies", { timeout: 60_000 }, async (t) => {
  await faultRun(t, "truncate", { "*": { truncateRate: 0.2 } }, {
    codes: ["BadResponse"],
    injected: (s) => s.injected.truncate,
  });
});

test("faults: 100% 5xx with maxAttempts 1 rejects with Vendor, retryable, after one request", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  sb.setFaults({ "*": { serverErrorRate: 1 } });
  const outcomes = await listAll("5xx 100%", opts({ maxAttempts: 1 }));
  const failures = [];
  for (const [i, provider] of PROVIDERS.entries()) {
    const { ok, error } = outcomes[i];
    assert.ok(!ok, `${provider}: resolved although every answer was a 5xx`);
    try {
      assertCloudCertError(error, { code: "Vendor", provider, retryable: true }, provider);
      assert.equal(error.httpStatus, 503, `${provider}: httpStatus`);
      // Live sends its four combinations concurrently; every other scheme starts with one page.
      const seen = stats(provider).requests;
      if (provider === "volcengine-live") assert.ok(seen >= 1 && seen <= 4, `${provider}: ${seen} requests`);
      else assert.equal(seen, 1, `${provider}: requests with maxAttempts 1`);
    } catch (e) {
      failures.push(e.message);
    }
  }
  assert.deepEqual(failures, []);
});

test("faults: every connection dropped, maxAttempts 2: a typed, retryable rejection after two attempts", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  sb.setFaults({ "*": { dropRate: 1 } });
  const providers = ["tencent-ssl", "tencent-legacy", "volcengine-cert", "qiniu"];
  const proxyRetriesBefore = Object.fromEntries(providers.map((p) => [p, px.retries(HOSTS[p])]));
  const outcomes = await listAll("drop 100%", opts({ maxAttempts: 2 }), providers);
  const failures = [];
  for (const [i, provider] of providers.entries()) {
    const { ok, error } = outcomes[i];
    assert.ok(!ok, `${provider}: resolved although every connection was dropped`);
    try {
      assertCloudCertError(error, { code: ["Proxy", "Network"], provider, retryable: true }, provider);
      // Each attempt reaches the sandbox once, or twice when the proxy sent it again after a
      // reset on a reused connection (a read; at most once per attempt).
      const byProxy = px.retries(HOSTS[provider]) - proxyRetriesBefore[provider];
      assert.ok(byProxy <= 2, `${provider}: the proxy sent ${byProxy} again`);
      assert.equal(stats(provider).requests - byProxy, 2, `${provider}: attempts`);
    } catch (e) {
      failures.push(e.message);
    }
  }
  assert.deepEqual(failures, []);
});

// ------------------------------------------------------------------------------------------------
// Progress, inventory

test("onProgress reports {provider, account, done, total} and done reaches total", { timeout: 30_000 }, async () => {
  sb.configure({ certs: 1000 });
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      const a = account(provider);
      const spy = progressSpy(`progress ${provider}`);
      const outcome = await settle(`progress ${provider}`, cc.listCertificates(a, undefined, opts({ onProgress: spy.fn })));
      assert.ok(outcome.ok, outcome.error && errorText(outcome.error));
      const pages = pagesFor(provider, 1000);
      for (const e of spy.events) {
        assert.equal(e.provider, provider);
        assert.equal(e.account, a.label);
        assert.ok(Number.isInteger(e.done) && e.done >= 0, `${provider}: done ${e.done}`);
        if (e.total !== undefined && e.total !== null) assert.ok(Number.isInteger(e.total) && e.total >= e.done, `${provider}: total ${e.total} < done ${e.done}`);
        const extra = Object.keys(e).filter((k) => !["provider", "account", "done", "total"].includes(k));
        assert.deepEqual(extra, [], `${provider}: unexpected fields`);
      }
      // An optional start event (done 0), then one event per page: done 1, 2, … pages.
      const events = spy.events[0]?.done === 0 ? spy.events.slice(1) : spy.events;
      assert.deepEqual(events.map((e) => e.done), Array.from({ length: pages }, (_, i) => i + 1), `${provider}: ${JSON.stringify(spy.events)}`);
      const last = events.at(-1);
      if (provider === "qiniu") {
        // Markers give no total in advance; if one is reported at the end, it must be reached.
        assert.ok(last.total === undefined || last.total === last.done, `qiniu: ${JSON.stringify(last)}`);
      } else {
        assert.equal(last.total, pages, `${provider}: total pages`);
        assert.ok(events.every((e) => e.total === pages), `${provider}: total known from the first page on: ${JSON.stringify(events)}`);
      }
    }),
  );
  // A throwing callback does not break the listing.
  const thrower = await settle("throwing onProgress", cc.listCertificates(account("tencent-legacy"), undefined, opts({ onProgress: () => { throw new Error("callback failed"); } })));
  assert.ok(thrower.ok, thrower.error && errorText(thrower.error));
  assert.equal(thrower.value.certificates.length, 1000);
});

test("inventory: a wrong secret is an Auth error on that account, every other account complete", { timeout: 60_000 }, async () => {
  sb.configure({ certs: 1000 });
  const good = [
    ...PROVIDERS.map((p) => account(p)),
    account("tencent-ssl", "AKIDSANDBOXTENCENT2"),
    account("tencent-ssl", "AKIDSANDBOXTENCENTSTS"),
    account("volcengine-cert", "AKTPSANDBOXVOLCENGINESTS"),
    account("qiniu", "SANDBOXQINIUACCESSKEY2"),
  ];
  const bad = [
    ["tencent-ssl", "AuthFailure.SignatureFailure"],
    ["tencent-legacy", "4100"],
    ["volcengine-live", "SignatureDoesNotMatch"],
    ["volcengine-cert", "SignatureDoesNotMatch"],
    ["qiniu", "401"],
  ].map(([provider, vendorCode]) => ({ account: account(provider, undefined, { secretAccessKey: WRONG_SECRET, label: `wrong-${provider}` }), vendorCode }));
  // Bad accounts interleaved with good ones.
  const all = [good[0], bad[0].account, good[1], good[2], bad[1].account, good[3], bad[2].account, good[4], bad[3].account, ...good.slice(5), bad[4].account];
  const spy = progressSpy("inventory");
  const outcome = await settle("inventory", cc.inventory(all, opts({ onProgress: spy.fn })));
  assert.ok(outcome.ok, outcome.error && errorText(outcome.error));
  const inv = outcome.value;
  assert.equal(inv.accounts.length, all.length);
  let sum = 0;
  for (const [i, a] of all.entries()) {
    const summary = inv.accounts[i];
    assert.equal(summary.account, a.label, "summaries in the order given");
    assert.equal(summary.provider, a.provider);
    const wrong = bad.find((b) => b.account === a);
    if (wrong) {
      assert.ok(summary.error, `${a.label}: no error`);
      assert.equal(summary.error.name, "CloudCertError");
      assert.equal(summary.error.code, "Auth", `${a.label}: ${JSON.stringify(summary.error)}`);
      assert.equal(summary.error.provider, a.provider);
      assert.equal(summary.error.vendorCode, wrong.vendorCode, `${a.label}: vendorCode`);
      assert.equal(summary.error.retryable, false);
      assert.equal(typeof summary.error.message, "string");
      assert.equal(summary.count, 0);
      assert.ok(!inv.certificates.some((c) => c.account === a.label), `${a.label}: certificates of a failed account`);
    } else {
      assert.equal(summary.error ?? undefined, undefined, `${a.label}: ${JSON.stringify(summary.error)}`);
      const mine = inv.certificates.filter((c) => c.account === a.label);
      assertSameSet(mine, expectedIds(a.provider, a.accessKeyId, 1000), `inventory ${a.label}`);
      assert.equal(summary.count, mine.length);
      assert.equal(summary.requests, pagesFor(a.provider, 1000) + summary.retries, `${a.label}: requests`);
      sum += mine.length;
    }
  }
  assert.equal(inv.certificates.length, sum, "nothing but the good accounts' certificates");
  assert.ok(spy.events.length > 0);
});

test("a wrong session token or an unknown access key is an Auth error, for every provider", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  const cases = [
    ...PROVIDERS.map((p) => account(p, undefined, { accessKeyId: UNKNOWN_KEYS[p], label: `unknown-${p}` })),
    account("tencent-ssl", "AKIDSANDBOXTENCENTSTS", { sessionToken: BAD_TOKEN }),
    account("tencent-legacy", "AKIDSANDBOXTENCENTSTS", { sessionToken: BAD_TOKEN }),
    account("volcengine-cert", "AKTPSANDBOXVOLCENGINESTS", { sessionToken: BAD_TOKEN }),
    account("volcengine-live", "AKTPSANDBOXVOLCENGINESTS", { sessionToken: BAD_TOKEN }),
  ];
  const failures = [];
  for (const a of cases) {
    const what = `${a.provider} ${a.sessionToken ? "wrong session token" : "unknown access key"}`;
    const outcome = await settle(what, cc.listCertificates(a, undefined, opts({ maxAttempts: 2 })));
    try {
      assert.ok(!outcome.ok, `${what}: resolved`);
      assertCloudCertError(outcome.error, { code: "Auth", provider: a.provider, retryable: false }, what);
      assert.ok(outcome.error.vendorCode, `${what}: no vendorCode`);
    } catch (e) {
      failures.push(e.message.split("\n")[0]);
    }
  }
  assert.deepEqual(failures, []);
});

// ------------------------------------------------------------------------------------------------
// Abort and timeout

test("abort from onProgress mid-listing rejects with Aborted and stops sending", { timeout: 30_000 }, async () => {
  sb.setFaults({ "*": { latencyMs: 100 } });
  await Promise.all(
    PROVIDERS.map(async (provider) => {
      const controller = new AbortController();
      const spy = progressSpy(`abort ${provider}`, (e) => {
        if (e.done >= 1) controller.abort();
      });
      const outcome = await settle(`abort ${provider}`, cc.listCertificates(account(provider), undefined, opts({ signal: controller.signal, onProgress: spy.fn })));
      assert.ok(!outcome.ok, `${provider}: resolved after abort`);
      assertCloudCertError(outcome.error, { code: "Aborted", provider }, `abort ${provider}`);
      // Aborted at the first page: nothing more is sent (Live sends its four combinations at once).
      const sent = stats(provider).requests;
      if (provider === "volcengine-live") assert.ok(sent <= 4, `${provider}: ${sent} requests`);
      else assert.equal(sent, 1, `${provider}: requests sent after aborting at the first page`);
    }),
  );
});

test("abort from a timer while the sandbox adds latency rejects promptly with Aborted; an aborted signal sends nothing", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  sb.setFaults({ "*": { latencyMs: 3000 } });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 200);
  const outcomes = await listAll("abort timer", opts({ signal: controller.signal }));
  const elapsed = Date.now() - started;
  for (const [i, provider] of PROVIDERS.entries()) {
    assert.ok(!outcomes[i].ok, `${provider}: resolved after abort`);
    assertCloudCertError(outcomes[i].error, { code: "Aborted", provider }, `abort timer ${provider}`);
  }
  assert.ok(elapsed < 2000, `aborting took ${elapsed} ms (latency 3000 ms)`);

  sb.reset();
  const aborted = AbortSignal.abort();
  for (const provider of PROVIDERS) {
    const outcome = await settle(`pre-aborted ${provider}`, cc.listCertificates(account(provider), undefined, opts({ signal: aborted })));
    assert.ok(!outcome.ok);
    assertCloudCertError(outcome.error, { code: "Aborted", provider }, `pre-aborted ${provider}`);
    assert.equal(stats(provider).requests, 0, `${provider}: requests with an aborted signal`);
  }
  // inventory rejects as a whole when aborted (no partial inventory).
  const inv = await settle("inventory aborted", cc.inventory([account("qiniu"), account("tencent-ssl")], opts({ signal: aborted })));
  assert.ok(!inv.ok, "inventory resolved with an aborted signal");
  assertCloudCertError(inv.error, { code: "Aborted" }, "inventory aborted");
});

test("timeoutMs below the injected latency rejects with Timeout (maxAttempts 1)", { timeout: 30_000 }, async () => {
  sb.configure({ certs: SMALL });
  sb.setFaults({ "*": { latencyMs: 2500 } });
  const started = Date.now();
  const outcomes = await listAll("timeout", opts({ timeoutMs: 300, maxAttempts: 1 }));
  const elapsed = Date.now() - started;
  for (const [i, provider] of PROVIDERS.entries()) {
    assert.ok(!outcomes[i].ok, `${provider}: resolved although every answer was late`);
    assertCloudCertError(outcomes[i].error, { code: "Timeout", provider, retryable: true }, `timeout ${provider}`);
  }
  assert.ok(elapsed < 2000, `timing out took ${elapsed} ms (timeoutMs 300, latency 2500 ms)`);
  // With two attempts, the second one is sent (and times out too).
  sb.reset();
  sb.configure({ certs: SMALL });
  sb.setFaults({ "tencent-ssl": { latencyMs: 2500 } });
  const twice = await settle("timeout twice", cc.listCertificates(account("tencent-ssl"), undefined, opts({ timeoutMs: 300, maxAttempts: 2 })));
  assert.ok(!twice.ok);
  assertCloudCertError(twice.error, { code: "Timeout", provider: "tencent-ssl" }, "timeout twice");
  assert.equal(stats("tencent-ssl").requests, 2);
});

// ------------------------------------------------------------------------------------------------
// Clock. The client keeps what it learns about each vendor's clock for the life of the module
// instance, so every clock test runs on a fresh instance of the package (a second `require`).

function freshClient() {
  const require = createRequire(import.meta.url);
  const path = join(root, "pkg/node/cloudcerts.cjs");
  delete require.cache[require.resolve(path)];
  return require(path);
}

function listAllWith(client, where, options, providers = PROVIDERS) {
  return Promise.all(providers.map((p) => settle(`${where} ${p}`, client.listCertificates(account(p), undefined, options))));
}

for (const direction of [-1, +1]) {
  test(`a clock one hour ${direction < 0 ? "slow" : "fast"} still succeeds; later calls (same wrong clock, right clock) need no retry`, { timeout: 60_000 }, async (t) => {
    sb.configure({ certs: SMALL });
    const client = freshClient();
    const wrongNow = () => opts({ now: Date.now() + direction * HOUR });
    const calls = [];
    for (const [which, options] of [["first", wrongNow], ["same wrong clock", wrongNow], ["right clock", () => opts()]]) {
      const before = Object.fromEntries(PROVIDERS.map((p) => [p, stats(p).requests]));
      const outcomes = await listAllWith(client, `clock ${direction} ${which}`, options());
      calls.push({ which, outcomes, before, after: Object.fromEntries(PROVIDERS.map((p) => [p, stats(p).requests])) });
    }
    const failures = [];
    for (const [i, provider] of PROVIDERS.entries()) {
      const expected = expectedIds(provider, account(provider).accessKeyId, SMALL);
      for (const { which, outcomes, before, after } of calls) {
        const outcome = outcomes[i];
        const what = `${provider} clock ${direction > 0 ? "+" : "-"}1 h, ${which}`;
        try {
          assert.ok(outcome.ok, `${what}: ${outcome.error && errorText(outcome.error).split("\n")[0]} ${outcome.error && JSON.stringify(outcome.error)}`);
          assertSameSet(outcome.value.certificates, expected, what);
          const r = outcome.value;
          if (which === "first") {
            // The sandbox rejects signatures more than 5 minutes off (Qiniu's QBox token has no time).
            if (provider !== "qiniu") assert.ok(r.retries >= 1, `${what}: no correction (retries ${r.retries})?`);
          } else {
            const lost = r.requests - (after[provider] - before[provider]);
            checkLost(t, what, lost, provider);
            assert.equal(r.retries - lost, 0, `${what}: retries`);
            assert.equal(r.requests - lost, pagesFor(provider, SMALL), `${what}: requests`);
          }
        } catch (e) {
          failures.push(e.message.split("\n")[0]);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
}

test("a wrong clock while pages are in flight: every page is re-signed, none fails (maxAttempts 3 and 1)", { timeout: 60_000 }, async () => {
  sb.configure({ certs: SMALL });
  // Latency keeps Live's four combinations in flight while the first answer corrects the clock.
  sb.setFaults({ "*": { latencyMs: 400 } });
  const failures = [];
  for (const maxAttempts of [3, 1]) {
    const client = freshClient();
    const outcomes = await listAllWith(client, `clock in flight ${maxAttempts}`, opts({ now: Date.now() - HOUR, maxAttempts }));
    for (const [i, provider] of PROVIDERS.entries()) {
      const outcome = outcomes[i];
      if (!outcome.ok) failures.push(`maxAttempts ${maxAttempts} ${provider}: ${JSON.stringify({ ...outcome.error, message: outcome.error.message })}`);
      else assertSameSet(outcome.value.certificates, expectedIds(provider, account(provider).accessKeyId, SMALL), `${provider} clock in flight`);
    }
  }
  assert.deepEqual(failures, []);
});

test("inventory with two accounts per provider and a clock one hour wrong: every account complete", { timeout: 60_000 }, async () => {
  sb.configure({ certs: SMALL });
  const client = freshClient();
  const accounts = [
    account("tencent-ssl"), account("tencent-ssl", "AKIDSANDBOXTENCENT2"),
    account("tencent-legacy"), account("tencent-legacy", "AKIDSANDBOXTENCENT2"),
    account("volcengine-cert"), account("volcengine-cert", "AKTPSANDBOXVOLCENGINESTS"),
    account("volcengine-live"), account("volcengine-live", "AKTPSANDBOXVOLCENGINESTS"),
    account("qiniu"), account("qiniu", "SANDBOXQINIUACCESSKEY2"),
  ];
  const outcome = await settle("inventory clock", client.inventory(accounts, opts({ now: Date.now() - HOUR })));
  assert.ok(outcome.ok, outcome.error && errorText(outcome.error));
  const failed = outcome.value.accounts.filter((a) => a.error).map((a) => `${a.account}: ${a.error.code} ${a.error.vendorCode ?? ""}`);
  assert.deepEqual(failed, []);
  for (const a of accounts) {
    assertSameSet(outcome.value.certificates.filter((c) => c.account === a.label), expectedIds(a.provider, a.accessKeyId, SMALL), `inventory clock ${a.label}`);
  }
});

// ------------------------------------------------------------------------------------------------
// Secrets

test("bad input is refused without echoing a secret", { timeout: 30_000 }, async () => {
  const probes = [
    () => cc.listCertificates({ provider: "tencent-ssl", accessKeyId: "AKIDPROBE", secretAccessKey: `${PROBE_SECRET}é` }, undefined, opts()),
    () => cc.listCertificates({ provider: "volcengine-cert", accessKeyId: "AKLTPROBE", secretAccessKey: PROBE_SECRET, sessionToken: `${PROBE_SECRET}\r\nX: y` }, undefined, opts()),
    () => cc.listCertificates({ provider: "nope", accessKeyId: "AKIDPROBE", secretAccessKey: PROBE_SECRET }, undefined, opts()),
    () => cc.listCertificates({ provider: "qiniu", accessKeyId: PROBE_SECRET, secretAccessKey: [PROBE_SECRET] }, undefined, opts()),
    () => cc.getCertificate({ provider: "qiniu", accessKeyId: "AKPROBE", secretAccessKey: PROBE_SECRET }, "", opts()),
    () => cc.uploadCertificate({ provider: "qiniu", accessKeyId: "AKPROBE", secretAccessKey: PROBE_SECRET }, { name: "x", commonName: "x", certificatePem: "x", privateKeyPem: 7 }, opts()),
    () => cc.listCertificates({ provider: "qiniu", accessKeyId: "AKPROBE", secretAccessKey: PROBE_SECRET }, undefined, { proxy: `ftp://${PROBE_SECRET}/` }),
    () => cc.listCertificates({ provider: "qiniu", accessKeyId: "AKPROBE", secretAccessKey: PROBE_SECRET }, undefined, { proxy: "http://127.0.0.1:9/", maxAttempts: 1 }),
  ];
  for (const [i, probe] of probes.entries()) {
    const outcome = await settle(`probe ${i}`, probe());
    assert.ok(!outcome.ok, `probe ${i} resolved`);
    assertCloudCertError(outcome.error, { code: ["InvalidInput", "Network"] }, `probe ${i}`);
  }
  const inv = await settle("probe inventory", cc.inventory([{ provider: "nope", accessKeyId: "AKPROBE", secretAccessKey: PROBE_SECRET, label: "p" }], opts()));
  assert.ok(inv.ok);
  assert.equal(inv.value.accounts[0].error?.code, "InvalidInput");
});

test("no secret key or session token appears in any error, warning, progress event or result", () => {
  assert.ok(scan.items > 100 && scan.errors > 50 && scan.progress > 50, `scanned too little: ${JSON.stringify({ ...scan, leaks: scan.leaks.length })}`);
  assert.deepEqual(scan.leaks, []);
});
