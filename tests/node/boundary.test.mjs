// The JavaScript boundary of the built Node package (pkg/node): every export, every argument
// position, every type JavaScript can pass. What it proves:
//   - no call traps the WebAssembly module or throws anything but a `CloudCertError` with a
//     known code: a wrong-typed argument is `InvalidInput` naming the argument (and member),
//     and the module still works, unchanged, after thousands of bad calls;
//   - no error message or field (nor an inventory's per-account error) contains the secret that
//     was passed, in any position and any shape;
//   - a `Map` reads exactly like a plain object, for every object argument of every export;
//   - a property run over generated values of every JavaScript type (`CLOUDCERTS_BOUNDARY_RUNS`
//     calls, 3,000 by default; the long run is 100,000: see the README).
// No network: `fetch` is replaced by a stub that records each request and answers with an
// error envelope that echoes nothing.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { sampleCertificate } from "../../sandbox/samples.mjs";
import { readFileSync } from "node:fs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const RUNS = Number(process.env.CLOUDCERTS_BOUNDARY_RUNS ?? 3000);
const CODES = new Set([
  "InvalidInput", "Unsupported", "Auth", "ClockSkew", "Forbidden", "NotFound", "RateLimited",
  "Vendor", "Network", "Timeout", "Aborted", "BadResponse", "Proxy",
]);

// The one secret every test passes everywhere; its middle part is searched for too, and in
// lower case (a URL host is lower-cased before anything could quote it).
const SECRET = "Sk9-SECRET-q7Rt2ZxW4pLm8NvB3cYd";
const SECRET_PARTS = [SECRET, SECRET.slice(4, 20), SECRET.toLowerCase()];

let cc; // pkg/node/index.mjs
let signOnly; // pkg/node/sign.mjs
const realFetch = globalThis.fetch;
const sent = []; // requests the stub received: {url, method, headers, body}

before(async () => {
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  signOnly = await import(pathToFileURL(join(root, "pkg/node/sign.mjs")).href);
  globalThis.fetch = async (url, init = {}) => {
    sent.push({ url: String(url), method: init.method, headers: { ...init.headers }, body: init.body });
    if (sent.length > 10_000) sent.splice(0, 5_000); // bounded
    return new Response('{"error":"stub refuses"}', { status: 401, headers: { "content-type": "application/json" } });
  };
});
after(() => {
  globalThis.fetch = realFetch;
});

// ------------------------------------------------------------------------------------------------
// Valid arguments of each export; each test replaces one position.

const TS = Date.UTC(2026, 0, 15, 8, 0, 0);
const tencent = () => ({
  provider: "tencent-ssl",
  accessKeyId: "AKIDboundary",
  secretAccessKey: SECRET,
  sessionToken: SECRET,
  label: "boundary",
});
const qiniu = () => ({ provider: "qiniu", accessKeyId: "AKqiniu", secretAccessKey: SECRET, label: "q" });
const request = () => ({
  method: "POST",
  url: "https://ssl.tencentcloudapi.com/",
  headers: {
    "Content-Type": "application/json",
    "X-TC-Action": "DescribeCertificates",
    "X-TC-Version": "2019-12-05",
  },
  body: '{"Limit":10}',
});
const clientOptions = () => ({ proxy: "http://127.0.0.1:9/", maxAttempts: 1, timeoutMs: 2000, now: TS });
const dnsAccount = () => ({ provider: "tencent-dns", accessKeyId: "AKIDdns", secretAccessKey: SECRET });
const issueRequest = () => ({ directory: "https://acme.example.com/directory", dns: dnsAccount(), domains: ["www.example.com"] });
const listedCertificate = () => ({ id: "cert-1", provider: "qiniu", account: "q", commonName: "www.example.com", domains: ["www.example.com"] });
const renewPlan = () => ({ directory: "https://acme.example.com/directory", dns: dnsAccount(), accounts: [qiniu()] });
const tencentBody = readFileSync(join(root, "tests/fixtures/tencent-ssl.seed.json"), "utf8");
const upload = () => ({
  name: "boundary",
  commonName: sampleCertificate.commonName,
  certificatePem: sampleCertificate.certificatePem,
  privateKeyPem: sampleCertificate.privateKeyPem,
});

/** Each export: its function (looked up when called), parameter names, and valid arguments. */
const EXPORTS = [
  { name: "signRequest", fn: () => cc.signRequest, params: ["account", "request", "context"], args: () => [tencent(), request(), { timestampMs: TS }] },
  { name: "cloudcerts/sign signRequest", fn: () => signOnly.signRequest, params: ["account", "request", "context"], args: () => [tencent(), request(), { timestampMs: TS }] },
  { name: "normalizeResponse", fn: () => cc.normalizeResponse, params: ["provider", "body", "options"], args: () => ["tencent-ssl", tencentBody, { now: TS, label: "x" }] },
  { name: "listCertificates", fn: () => cc.listCertificates, params: ["account", "query", "options"], args: () => [tencent(), { search: "a" }, clientOptions()] },
  { name: "listCertificatesPage", fn: () => cc.listCertificatesPage, params: ["account", "pageRequest", "options"], args: () => [tencent(), { pageSize: 10 }, clientOptions()] },
  { name: "getCertificate", fn: () => cc.getCertificate, params: ["account", "id", "options"], args: () => [tencent(), "cert-1", clientOptions()] },
  { name: "uploadCertificate", fn: () => cc.uploadCertificate, params: ["account", "upload", "options"], args: () => [qiniu(), upload(), clientOptions()] },
  { name: "deleteCertificate", fn: () => cc.deleteCertificate, params: ["account", "id", "options"], args: () => [qiniu(), "cert-1", clientOptions()] },
  { name: "inventory", fn: () => cc.inventory, params: ["accounts", "options"], args: () => [[tencent(), qiniu()], clientOptions()] },
  { name: "inspectCertificate", fn: () => cc.inspectCertificate, params: ["certificatePem", "privateKeyPem", "options"], args: () => [sampleCertificate.certificatePem, sampleCertificate.privateKeyPem, { now: TS }] },
  { name: "replaceCertificate", fn: () => cc.replaceCertificate, params: ["accounts", "bundle", "options"], args: () => [[tencent(), qiniu()], upload(), { ...clientOptions(), dryRun: true }] },
  { name: "issueCertificate", fn: () => cc.issueCertificate, params: ["request", "options"], args: () => [issueRequest(), clientOptions()] },
  { name: "renewCertificate", fn: () => cc.renewCertificate, params: ["certificate", "plan", "options"], args: () => [listedCertificate(), renewPlan(), clientOptions()] },
];

/** Calls `fn(...args)`, synchronously or not; never throws. */
async function call(fn, args) {
  try {
    return { ok: true, value: await fn(...args) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** All text an error carries: message, every own property, problems. */
function errorText(error) {
  if (error === null || typeof error !== "object") return String(error);
  const own = {};
  for (const key of Object.getOwnPropertyNames(error)) own[key] = error[key];
  return `${error.name}: ${error.message}\n${JSON.stringify(own)}`;
}

function leaks(text) {
  return SECRET_PARTS.filter((part) => text.includes(part));
}

/**
 * The checks of every call: only a CloudCertError with a known code, nothing of the secret in
 * it, and InvalidInput naming one of the call's parameters. `where` describes the call.
 */
function checkOutcome(outcome, params, where) {
  if (outcome.ok) {
    // An inventory carries per-account errors in its result.
    for (const account of outcome.value?.accounts ?? []) {
      if (account.error) {
        assert.equal(account.error.name, "CloudCertError", where);
        assert.deepEqual(leaks(JSON.stringify(account.error)), [], `${where}: ${JSON.stringify(account.error)}`);
      }
    }
    return;
  }
  const { error } = outcome;
  const text = errorText(error);
  assert.ok(!(error instanceof WebAssembly.RuntimeError), `${where}: wasm trap: ${text}`);
  assert.ok(error instanceof Error, `${where}: not an Error: ${text}`);
  assert.equal(error.name, "CloudCertError", `${where}: ${text}`);
  assert.ok(CODES.has(error.code), `${where}: code ${error.code}`);
  assert.equal(typeof error.retryable, "boolean", where);
  assert.deepEqual(leaks(text), [], `${where}: the secret is in the error: ${text}`);
  if (error.code === "InvalidInput") {
    assert.ok(
      params.some((p) => error.message.startsWith(p)),
      `${where}: InvalidInput does not name an argument: ${error.message}`,
    );
  }
}

// ------------------------------------------------------------------------------------------------
// Wrong values: every JavaScript type, each holding the secret where it can.

function throwingGetter() {
  const object = {};
  for (const key of ["provider", "accessKeyId", "secretAccessKey", "method", "url", "headers", "body", "now", "proxy", "timeoutMs", "name", "certificatePem", "privateKeyPem", "timestampMs", "signal", "onProgress", "pageSize", "search"]) {
    Object.defineProperty(object, key, { enumerable: true, get() { throw new Error(SECRET); } });
  }
  return object;
}
/** A Proxy that has been revoked: every operation on it throws, `Array.isArray` included. */
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingProxy = () => new Proxy({}, {
  get() { throw new Error(SECRET); },
  // fast-check asks whether a generated value has its clone symbol: symbols answer.
  has(_, key) { if (typeof key === "symbol") return false; throw new Error(SECRET); },
  ownKeys() { throw new Error(SECRET); },
  getPrototypeOf() { throw new Error(SECRET); },
});
/** An object whose every member any argument reads is the secret (or holds it). */
function allSecret() {
  const object = {};
  for (const key of ["provider", "accessKeyId", "secretAccessKey", "sessionToken", "region", "endpoint", "label", "method", "url", "body", "now", "proxy", "name", "commonName", "certificatePem", "privateKeyPem", "search", "domain", "cursor", "timestampMs", "nonce", "timeoutMs", "maxAttempts", "concurrency", "expiringWithinDays", "includePrivateKey", "httpStatus", "pageSize", "minValidityDays", "signal", "onProgress"]) {
    object[key] = SECRET;
  }
  object.headers = { [SECRET]: SECRET };
  object.query = { search: SECRET, domain: 5 };
  return object;
}

const WRONG_VALUES = () => [
  ["5", 5], ["0", 0], ["-1", -1], ["NaN", NaN], ["Infinity", Infinity], ["2^60", 2 ** 60],
  ["null", null], ["undefined", undefined], ["true", true], ["empty string", ""],
  ["the secret", SECRET], ["a secret URL", `https://${SECRET}.example.com/${SECRET}?${SECRET}=${SECRET}`],
  ["a secret PEM", `-----BEGIN ${SECRET}-----\n${SECRET}\n-----END ${SECRET}-----\n`],
  ["{}", {}], ["[]", []], ["[secret]", [SECRET, { secretAccessKey: SECRET }]],
  ["empty Map", new Map()], ["Map of the secret", new Map([["secretAccessKey", SECRET], [SECRET, SECRET], [5, SECRET]])],
  ["BigInt", 10n], ["Symbol", Symbol(SECRET)], ["function", () => SECRET], ["Date", new Date(0)],
  ["null prototype", Object.assign(Object.create(null), { provider: SECRET })],
  ["account as JSON", JSON.stringify(tencent())], ["request as JSON", JSON.stringify(request())],
  ["throwing getters", throwingGetter()], ["throwing Proxy", throwingProxy()],
  ["every member the secret", allSecret()],
  ["nested deep", JSON.parse("[".repeat(2000) + JSON.stringify(SECRET) + "]".repeat(2000))],
  ["wrong member types", { provider: 5, accessKeyId: [], secretAccessKey: 7n, label: 5, method: {}, url: null, headers: [SECRET], body: 5, now: "soon", timeoutMs: "1", pageSize: -1, query: 5 }],
  ["Uint8Array", new TextEncoder().encode(SECRET)], ["boxed string", new String(SECRET)],
  // Values on which Array.isArray, instanceof or a member read throws: each must be a
  // CloudCertError too, not an exception out of the call (or, for the async exports, out of
  // the promise, where nothing can catch it).
  ["revoked Proxy", revoked()],
  ["array Proxy whose length throws", new Proxy([SECRET], { get(target, key) { if (key === "length") throw new Error(SECRET); return target[key]; } })],
  ["Map yielding a revoked pair", new (class extends Map { *[Symbol.iterator]() { yield revoked(); } })()],
  ["Map yielding a pair whose members throw", new (class extends Map { *[Symbol.iterator]() { yield new Proxy([SECRET, SECRET], { get() { throw new Error(SECRET); } }); } })()],
];

test("every wrong-typed argument of every export is a CloudCertError naming it, never a trap or the secret", async () => {
  const before = cc.signRequest(tencent(), request(), { timestampMs: TS });
  const normalizedBefore = cc.normalizeResponse("tencent-ssl", tencentBody, { now: TS });
  let calls = 0;
  let invalid = 0;
  for (const e of EXPORTS) {
    for (let position = 0; position < e.params.length; position++) {
      for (const [label, value] of WRONG_VALUES()) {
        const args = e.args();
        args[position] = value;
        const where = `${e.name}(${e.params.map((p, i) => (i === position ? `${p}=${label}` : p)).join(", ")})`;
        const outcome = await call(e.fn(), args);
        calls++;
        checkOutcome(outcome, e.params, where);
        if (!outcome.ok && outcome.error.code === "InvalidInput") {
          invalid++;
          // The argument replaced is the one named, unless the value was one the position accepts.
          if (outcome.error.message.split(/[.:[ ]/)[0] !== e.params[position]) {
            const accepted = value === undefined || value === null;
            assert.ok(accepted, `${where}: names ${outcome.error.message}`);
          }
        }
      }
    }
  }
  assert.ok(calls >= 9 * 3 * 30, `${calls} calls`);
  assert.ok(invalid > calls / 2, `${invalid} of ${calls} were InvalidInput`);
  // The module still works, and gives exactly what it gave before.
  assert.deepEqual(cc.signRequest(tencent(), request(), { timestampMs: TS }), before);
  assert.deepEqual(cc.normalizeResponse("tencent-ssl", tencentBody, { now: TS }), normalizedBefore);
  const report = await cc.inspectCertificate(sampleCertificate.certificatePem, sampleCertificate.privateKeyPem, { now: TS });
  assert.equal(report.keyMatches, true);
});

test("messages name the argument and member and the expected type", async () => {
  const cases = [
    [() => cc.signRequest({ ...tencent(), label: 5 }, request()), /^account\.label: expected a string, got a number$/],
    [() => cc.signRequest(JSON.stringify(tencent()), request()), /^account: expected an object, got a string$/],
    [() => cc.signRequest(tencent(), { ...request(), headers: { "X-A": 5 } }), /^request\.headers \(a value\): expected a string, got a number$/],
    [() => cc.signRequest(tencent(), request(), { timestampMs: 10n }), /^context\.timestampMs: expected a finite number, got a BigInt$/],
    [() => cc.signRequest(tencent(), request(), { timestampMs: NaN }), /^context\.timestampMs: expected a finite number, got NaN$/],
    [() => cc.signRequest({ ...tencent(), secretAccessKey: undefined }, request()), /^account\.secretAccessKey: missing \(required\)$/],
    [() => cc.signRequest(throwingGetter(), request()), /^account\.provider: could not be read \(reading it threw\)$/],
    [() => cc.normalizeResponse(5, "{}"), /^provider: expected a string, got a number$/],
    [() => cc.normalizeResponse("qiniu", {}), /^body: expected a string, got an object$/],
    [() => cc.normalizeResponse(SECRET, "{}"), /^provider: unknown provider; expected one of tencent-ssl, tencent-legacy, volcengine-live, volcengine-cert, qiniu, tencent-dns, volcengine-dns$/],
    [() => cc.normalizeResponse("qiniu", "{}", 5), /^options: expected an object, got a number$/],
    [() => cc.getCertificate(tencent(), 5, clientOptions()), /^id: expected a string, got a number$/],
    [() => cc.deleteCertificate(qiniu(), { id: "x" }, clientOptions()), /^id: expected a string, got an object$/],
    [() => cc.inventory(tencent(), clientOptions()), /^accounts: expected an array, got an object$/],
    [() => cc.inventory([tencent(), 5], clientOptions()), /^accounts\[1\]: expected an object, got a number$/],
    [() => cc.listCertificates(tencent(), undefined, { ...clientOptions(), signal: {} }), /^options\.signal: expected an AbortSignal, got an object$/],
    [() => cc.listCertificates(tencent(), undefined, { ...clientOptions(), onProgress: SECRET }), /^options\.onProgress: expected a function, got a string$/],
    [() => cc.listCertificatesPage(tencent(), { pageSize: "10" }, clientOptions()), /^pageRequest\.pageSize: expected a finite number, got a string$/],
    [() => cc.inspectCertificate(5), /^certificatePem: expected a string, got a number$/],
    [() => cc.inspectCertificate(sampleCertificate.certificatePem, 5), /^privateKeyPem: expected a string, got a number$/],
    [() => cc.uploadCertificate(qiniu(), { ...upload(), privateKeyPem: 5 }, clientOptions()), /^upload\.privateKeyPem: expected a string, got a number$/],
    // Keys of another type in a Map read as a struct are not members: never read.
    [() => cc.signRequest(new Map([[5, "x"]]), request()), /^account\.provider: missing \(required\)$/],
    [() => cc.signRequest(tencent(), { ...request(), headers: new Map([[5, "x"]]) }), /^request\.headers \(a key\): expected a string, got a number$/],
  ];
  for (const [run, pattern] of cases) {
    const outcome = await call(run, []);
    assert.equal(outcome.ok, false, String(pattern));
    assert.equal(outcome.error.name, "CloudCertError", `${pattern}: ${errorText(outcome.error)}`);
    assert.equal(outcome.error.code, "InvalidInput", String(pattern));
    assert.match(outcome.error.message, pattern);
  }
});

test("values that reach the core are not echoed either: URL hosts, header names, methods, regions, ids, bodies, PEM labels", async () => {
  const secretish = [
    () => cc.signRequest(tencent(), { ...request(), url: `https://${SECRET}.example.com/` }),
    () => cc.signRequest({ ...tencent(), endpoint: "api.example.com" }, { ...request(), url: `https://${SECRET}.example.com/` }),
    () => cc.signRequest(tencent(), { ...request(), url: SECRET }),
    () => cc.signRequest(tencent(), { ...request(), headers: { [`${SECRET}\u00e9`]: "x" } }),
    () => cc.signRequest(tencent(), { ...request(), headers: { [`Proxy-${SECRET}`]: "x" } }),
    () => cc.signRequest(tencent(), { ...request(), headers: { "X-A": `${SECRET}\n` } }),
    () => cc.signRequest(tencent(), { ...request(), headers: { [SECRET]: "a", [SECRET.toLowerCase()]: "b" } }),
    () => cc.signRequest(tencent(), { ...request(), method: `${SECRET} ` }),
    () => cc.signRequest({ ...tencent(), region: `${SECRET}!` }, request()),
    () => cc.signRequest({ ...tencent(), provider: "tencent-legacy" }, { method: "GET", url: `https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&${SECRET}=1&${SECRET}=2` }),
    () => cc.signRequest({ ...tencent(), provider: "tencent-legacy" }, { method: "GET", url: `https://wss.api.qcloud.com/v2/index.php?Action=CertGetList&SignatureMethod=${SECRET}` }),
    () => cc.normalizeResponse("qiniu", SECRET),
    () => cc.normalizeResponse("qiniu", `<html><title>${SECRET}</title></html>`, { httpStatus: 502 }),
    () => cc.normalizeResponse("qiniu", JSON.stringify({ certs: SECRET })),
    () => cc.normalizeResponse("tencent-ssl", JSON.stringify({ [SECRET]: SECRET })),
    () => cc.normalizeResponse("volcengine-live", `{"ResponseMetadata":{},"Result":{"CertList":"${SECRET}"}}`),
    () => cc.getCertificate(qiniu(), SECRET, clientOptions()),
    () => cc.inspectCertificate(`-----BEGIN ${SECRET}-----\nAAAA\n-----END ${SECRET}-----\n`, `-----BEGIN ${SECRET}-----\n-----END ${SECRET}-----\n`),
    () => cc.inspectCertificate(`-----BEGIN ${SECRET}-----\nAAAA\n`),
  ];
  for (const [index, run] of secretish.entries()) {
    const outcome = await call(run, []);
    const text = outcome.ok ? JSON.stringify(outcome.value?.problems ?? []) : errorText(outcome.error);
    assert.deepEqual(leaks(text), [], `case ${index}: ${text}`);
    if (!outcome.ok) assert.equal(outcome.error.name, "CloudCertError", `case ${index}: ${text}`);
  }
});

// ------------------------------------------------------------------------------------------------
// One rule for Map: read exactly like a plain object, for every object argument.

const isPlain = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
const asMap = (object) => new Map(Object.entries(object).map(([k, v]) => [k, isPlain(v) ? asMap(v) : v]));

/** The requests the stub received while `run` ran, without anything time-dependent. */
async function requestsOf(run) {
  sent.length = 0;
  const outcome = await call(run, []);
  return { requests: sent.map((r) => ({ ...r })), outcome: outcome.ok ? { ok: true } : { code: outcome.error.code, message: outcome.error.message } };
}

test("a Map reads like a plain object for every object argument of every export", async () => {
  // Synchronous exports: the same results.
  assert.deepEqual(
    cc.signRequest(asMap(tencent()), asMap(request()), asMap({ timestampMs: TS })),
    cc.signRequest(tencent(), request(), { timestampMs: TS }),
  );
  assert.deepEqual(
    signOnly.signRequest(asMap(tencent()), asMap(request()), asMap({ timestampMs: TS })),
    signOnly.signRequest(tencent(), request(), { timestampMs: TS }),
  );
  const options = { now: TS, label: "mapped", expiringWithinDays: 3650, includePrivateKey: true };
  const plain = cc.normalizeResponse("tencent-ssl", tencentBody, options);
  assert.equal(plain[0].account, "mapped");
  assert.deepEqual(cc.normalizeResponse("tencent-ssl", tencentBody, asMap(options)), plain);
  // The inspector: `now` in a Map is honoured (far in the future, the certificate has expired).
  const later = Date.UTC(2200, 0, 1);
  const inspected = await cc.inspectCertificate(sampleCertificate.certificatePem, undefined, asMap({ now: later }));
  assert.ok(inspected.problems.some((p) => p.code === "Expired"), JSON.stringify(inspected.problems));
  assert.deepEqual(inspected, await cc.inspectCertificate(sampleCertificate.certificatePem, undefined, { now: later }));
  // The client: the same requests sent, the same outcome.
  const clientCases = [
    (m) => cc.listCertificates(m(tencent()), m({ search: "abc", domain: "d.example" }), m(clientOptions())),
    (m) => cc.listCertificatesPage(m(tencent()), m({ pageSize: 7, query: { search: "abc" } }), m(clientOptions())),
    (m) => cc.getCertificate(m(qiniu()), "cert-1", m(clientOptions())),
    (m) => cc.deleteCertificate(m(qiniu()), "cert-1", m(clientOptions())),
    (m) => cc.uploadCertificate(m(qiniu()), m(upload()), m(clientOptions())),
    (m) => cc.inventory([m(tencent()), m(qiniu())], m(clientOptions())),
  ];
  for (const [index, run] of clientCases.entries()) {
    const viaObject = await requestsOf(() => run((o) => o));
    const viaMap = await requestsOf(() => run(asMap));
    assert.ok(viaObject.requests.length > 0, `case ${index} sent nothing`);
    assert.ok(viaObject.requests.every((r) => r.url.startsWith("http://127.0.0.1:9/")), `case ${index}: proxy not used`);
    assert.deepEqual(viaMap, viaObject, `case ${index}`);
  }
  // An expired bundle in a Map upload is refused before sending, as in an object.
  const expiredUpload = { ...upload(), certificatePem: sampleCertificate.certificatePem };
  const refused = await requestsOf(() => cc.uploadCertificate(asMap(qiniu()), asMap(expiredUpload), asMap({ ...clientOptions(), now: later })));
  assert.equal(refused.requests.length, 0);
  assert.equal(refused.outcome.code, "InvalidInput");
  // The progress callback and the signal are read from a Map too.
  const notAFunction = await call(() => cc.listCertificates(tencent(), undefined, asMap({ ...clientOptions(), onProgress: 5 })), []);
  assert.match(notAFunction.error?.message ?? "", /^options\.onProgress: expected a function/);
  const controller = new AbortController();
  controller.abort();
  const aborted = await call(() => cc.listCertificates(tencent(), undefined, asMap({ ...clientOptions(), signal: controller.signal })), []);
  assert.equal(aborted.error?.code, "Aborted");
});

// ------------------------------------------------------------------------------------------------
// The property run: generated values of every type, in every position.

const leaf = fc.oneof(
  fc.constantFrom(SECRET, "", "qiniu", "tencent-ssl", "https://ssl.tencentcloudapi.com/", "GET", "POST", sampleCertificate.certificatePem, `-----BEGIN ${SECRET}-----\n${SECRET}\n-----END ${SECRET}-----`, JSON.stringify(tencent())),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined, NaN, Infinity, -0, 2 ** 53 + 2),
  fc.constant(Symbol(SECRET)),
  fc.constant(() => SECRET),
  fc.constant(throwingProxy()),
  fc.constant(throwingGetter()),
);
const KEYS = ["provider", "accessKeyId", "secretAccessKey", "sessionToken", "region", "endpoint", "label", "method", "url", "headers", "body", "timestampMs", "nonce", "now", "label", "expiringWithinDays", "includePrivateKey", "httpStatus", "proxy", "timeoutMs", "maxAttempts", "concurrency", "signal", "onProgress", "search", "domain", "cursor", "pageSize", "query", "name", "commonName", "certificatePem", "privateKeyPem", "minValidityDays", SECRET];
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), tie("array"), tie("map")),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 8 }),
  array: fc.array(tie("value"), { maxLength: 4 }),
  map: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), leaf), tie("value")), { maxLength: 6 }).map((entries) => new Map(entries)),
}));

test(`property: ${RUNS} calls with generated arguments of every type`, async () => {
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: EXPORTS.length - 1 }),
      fc.array(fc.oneof(anyValue, fc.constant("keep")), { minLength: 3, maxLength: 3 }),
      async (which, values) => {
        const e = EXPORTS[which];
        const args = e.args();
        for (let i = 0; i < e.params.length; i++) if (values[i] !== "keep") args[i] = values[i];
        const outcome = await call(e.fn(), args);
        calls++;
        checkOutcome(outcome, e.params, `${e.name} run ${calls}`);
      },
    ),
    { numRuns: RUNS, seed: Number(process.env.CLOUDCERTS_BOUNDARY_SEED ?? Date.now() % 2 ** 31) },
  );
  assert.equal(calls >= RUNS, true);
  // Still the same module.
  assert.deepEqual(cc.signRequest(tencent(), request(), { timestampMs: TS }), signOnly.signRequest(tencent(), request(), { timestampMs: TS }));
});

test("isCloudCertError tells the package's errors from anything else caught, in both modules", async () => {
  const caught = [
    (await call(cc.signRequest, [{ ...tencent(), provider: SECRET }, request()])).error,
    (await call(cc.normalizeResponse, ["qiniu", "not json", { now: TS }])).error,
    (await call(cc.uploadCertificate, [qiniu(), { ...upload(), privateKeyPem: "" }, clientOptions()])).error,
    (await call(cc.replaceCertificate, [5, upload(), clientOptions()])).error,
    (await call(cc.listCertificates, [tencent(), undefined, clientOptions()])).error,
  ];
  for (const error of caught) {
    assert.ok(error, "each call failed");
    assert.equal(cc.isCloudCertError(error), true, `${error?.code}: ${error?.message}`);
    assert.equal(signOnly.isCloudCertError(error), true, "the signing module's guard agrees");
  }
  const notOurs = [new TypeError("x"), Object.assign(new Error("y"), { name: "CloudCertError" }), { name: "CloudCertError", code: 5 },
    "CloudCertError", null, undefined, 42, [], () => {}, Symbol("s"), 10n, new Proxy({}, { get() { throw new Error("trap"); } })];
  for (const value of notOurs) {
    assert.equal(cc.isCloudCertError(value), false, String(typeof value));
    assert.equal(signOnly.isCloudCertError(value), false);
  }
  // A plain object shaped like one is accepted (errors cross realms, and are cloned by postMessage).
  assert.equal(cc.isCloudCertError({ name: "CloudCertError", code: "Auth", message: "m", retryable: false }), true);
});
