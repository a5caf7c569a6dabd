// inspectCertificate and the upload check of the built package, in Node and in headless Chromium,
// over certificates OpenSSL makes at test time (tests/support/make-certs.sh into a temp dir):
//   - every case of tests/support/inspect-cases.json: problem codes in order, ok, keyMatches,
//     chainInOrder, Qiniu codes, and no private key material in any message (as tests/inspect.rs);
//   - every certificate of manifest.json: the details OpenSSL and Node's X509Certificate give;
//   - lazy loading: importing the entry and signing loads no inspector; the first inspection loads
//     cloudcerts_inspect_bg.wasm once (Chromium: the page's requests; Node: the require cache);
//   - Qiniu uploads against the sandbox through the CORS proxy (both in-process, 127.0.0.1 port
//     0): a bad bundle is refused with InvalidInput before any request reaches the sandbox; the
//     sandbox's own sample certificate (self-signed: a warning only) uploads with one request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname, resolve, extname, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { setTimeout as delay } from "node:timers/promises";
import { chromium } from "playwright-core";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor } from "../../sandbox/accounts.mjs";
import { sampleCertificate } from "../../sandbox/samples.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const { cases } = JSON.parse(readFileSync(join(root, "tests/support/inspect-cases.json"), "utf8"));
const INSPECT_WASM = "cloudcerts_inspect_bg.wasm";

let dir; // the certificates make-certs.sh wrote
let manifest;
let cc; // the package, pkg/node/index.mjs
let sb; // sandbox
let px; // CORS proxy
let web; // static server: a blank page at /, pkg/ at /pkg/
let browser;
let page;
const sandboxLog = []; // one line per request the sandbox received
const pageRequests = []; // every URL the page requested
const pageErrors = [];

const read = (name) => readFileSync(join(dir, name), "utf8");
const concat = (files) => (files ? files.map(read).join("") : undefined);
const qiniuAccount = () => {
  const { dataSeed, ...plain } = accountFor("qiniu");
  return plain;
};
const qiniuSeed = () => accountFor("qiniu").dataSeed;
const sandboxUploads = () => sandboxLog.filter((l) => /^POST api\.qiniu\.com\/sslcert[/?\s]/.test(l)).length;
const sandboxRequests = () => sb.state().stats.qiniu.requests;

/** Base64 body lines of every PEM private key in `texts` (what no message may quote). */
function keyLines(...texts) {
  const lines = [];
  for (const text of texts) {
    for (const m of (text ?? "").matchAll(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----([\s\S]*?)-----END/g)) {
      lines.push(...m[1].split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l)));
    }
  }
  return lines;
}

function assertNoKeyMaterial(text, secrets, what) {
  assert.ok(!/PRIVATE KEY/.test(text), `${what}: quotes a PEM private key header: ${text}`);
  assert.ok(!text.includes("MII"), `${what}: quotes DER/base64 material: ${text}`);
  for (const line of secrets) assert.ok(!text.includes(line.slice(0, 16)), `${what}: quotes key material ${line.slice(0, 16)}…: ${text}`);
}

/** The inputs of one case. */
function inputsOf(c) {
  return { cert: concat(c.cert), key: concat(c.key), options: c.options };
}

/** The checks of tests/inspect.rs on one report. */
function checkReport(c, report, where) {
  const { cert, key } = inputsOf(c);
  const what = `${where} ${c.name}`;
  const codes = report.problems.map((p) => p.code);
  assert.deepEqual(codes, c.problems, `${what}: problems ${JSON.stringify(report.problems)}`);
  const errors = report.problems.some((p) => p.severity === "error");
  const ok = c.ok ?? c.problems.length === 0;
  assert.equal(report.ok, ok, `${what}: ok`);
  assert.equal(report.ok, !errors, `${what}: ok agrees with the severities`);
  for (const p of report.problems) {
    assert.ok(["error", "warning", "info"].includes(p.severity), `${what}: severity ${p.severity}`);
    assert.equal(typeof p.message, "string");
    assert.ok(p.message.length > 0, `${what}: empty message`);
  }
  if ("keyMatches" in c) assert.equal(report.keyMatches, c.keyMatches, `${what}: keyMatches`);
  else if (key === undefined) assert.equal(report.keyMatches, undefined, `${what}: keyMatches without a key`);
  if (typeof c.chainInOrder === "boolean") assert.equal(report.chainInOrder, c.chainInOrder, `${what}: chainInOrder`);
  assert.equal(typeof report.chainInOrder, "boolean", `${what}: chainInOrder type`);
  if (c.qiniuCodes) {
    const got = report.problems.filter((p) => p.qiniuCode !== undefined && p.qiniuCode !== null).map((p) => p.qiniuCode);
    assert.deepEqual(got, c.qiniuCodes, `${what}: qiniu codes`);
  }
  const secrets = keyLines(cert, key);
  for (const p of report.problems) assertNoKeyMaterial(p.message, secrets, `${what}: message`);
  assert.ok(Array.isArray(report.certificates), `${what}: certificates`);
  if (key === undefined) assert.equal(report.key, undefined, `${what}: key without a key`);
}

/** The manifest comparison of tests/inspect.rs on the details of one certificate file. */
function checkDetails(entry, report, where) {
  const what = `${where} ${entry.file}`;
  assert.equal(report.certificates.length, 1, `${what}: ${report.certificates.length} certificates`);
  const [d] = report.certificates;
  assert.equal(d.commonName ?? null, entry.subjectCN, `${what}: CN`);
  assert.equal(d.issuerCommonName ?? null, entry.issuerCN, `${what}: issuer CN`);
  assert.equal(d.serialNumber, entry.serialHex, `${what}: serial`);
  assert.equal(d.fingerprintSha256, entry.sha256, `${what}: sha256`);
  assert.equal(d.notBefore, entry.notBefore, `${what}: notBefore`);
  assert.equal(d.notAfter, entry.notAfter, `${what}: notAfter`);
  assert.equal(d.keyAlgorithm, entry.keyAlgorithm, `${what}: keyAlgorithm`);
  assert.equal(d.keyBits ?? null, entry.keyBits, `${what}: keyBits`);
  assert.equal(d.curve ?? null, entry.curve, `${what}: curve`);
  assert.deepEqual(d.sans, entry.sans, `${what}: SANs`);
  assert.equal(d.selfSigned, entry.selfSigned, `${what}: selfSigned`);
  assert.ok(d.subject.includes(`CN=${d.commonName}`), `${what}: subject ${d.subject}`);
}

// The refused uploads: a bad bundle each, and the first problem code the refusal must carry.
const REFUSALS = [
  { name: "garbage", cert: ["garbage.pem"], key: ["leaf-rsa.pkcs1.key"], first: "Undecodable" },
  { name: "a key that does not match", cert: ["chain-ok.pem"], key: ["other-rsa.pkcs1.key"], first: "KeyMismatch" },
  { name: "the reversed chain", cert: ["chain-reversed.pem"], key: ["leaf-rsa.pkcs1.key"], first: "ChainOutOfOrder" },
  { name: "an expired bundle", cert: ["expired.pem"], key: ["leaf-rsa.pkcs1.key"], first: "Expired" },
  { name: "the key in the certificate field", cert: ["leaf-rsa.pkcs1.key"], key: ["leaf-rsa.pkcs1.key"], first: "KeyInCertificateField" },
];
const uploadOf = (r) => ({ name: `refused-${r.first}`, commonName: "www.example.test", certificatePem: concat(r.cert), privateKeyPem: concat(r.key) });

/** Checks a refusal (an Error in Node, its fields as a plain object from the page). */
function checkRefusal(r, error, where) {
  const what = `${where} ${r.name}`;
  const detail = `${what}: ${JSON.stringify({ ...error, message: error?.message })}`;
  assert.equal(error.name, "CloudCertError", detail);
  assert.equal(error.code, "InvalidInput", detail);
  assert.equal(error.provider, "qiniu", detail);
  assert.ok(error.message.startsWith("upload refused before sending"), detail);
  assert.ok(Array.isArray(error.problems) && error.problems.length > 0, detail);
  assert.equal(error.problems[0].code, r.first, detail);
  assert.ok(error.problems.some((p) => p.severity === "error"), detail);
  const upload = uploadOf(r);
  const secrets = keyLines(upload.certificatePem, upload.privateKeyPem);
  assertNoKeyMaterial(error.message, secrets, `${what}: message`);
  assertNoKeyMaterial(JSON.stringify(error.problems), secrets, `${what}: problems`);
}

// ------------------------------------------------------------------------------------------------

async function waitForPackage() {
  const files = ["node/index.mjs", "node/index.cjs", "node/cloudcerts_inspect.cjs", `node/${INSPECT_WASM}`, "web/index.js", `web/${INSPECT_WASM}`].map((f) => join(root, "pkg", f));
  for (let i = 0; i < 120 && !files.every((f) => existsSync(f)); i++) await delay(500); // a rebuild swaps pkg/ in
  assert.ok(files.every((f) => existsSync(f)), "pkg/ is missing: run `npm run build` first");
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** A blank page at `/`, the built package at `/pkg/`; loopback only, no caching. */
function startWeb() {
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return res.writeHead(400).end();
    }
    if (path === "/") {
      return res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end("<!doctype html><title>inspect</title>");
    }
    const base = join(root, "pkg");
    const file = normalize(join(base, path.replace(/^\/pkg\//, "")));
    if (!path.startsWith("/pkg/") || !file.startsWith(base + sep)) return res.writeHead(404).end();
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

before(async () => {
  await waitForPackage();
  dir = mkdtempSync(join(tmpdir(), "cloudcerts-inspect-"));
  execFileSync("bash", [join(root, "tests/support/make-certs.sh"), dir], { stdio: ["ignore", "ignore", "inherit"] });
  manifest = JSON.parse(read("manifest.json"));
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: 20, log: (line) => sandboxLog.push(line) });
  px = await startProxy({ port: 0, sandbox: sb.url });
  assert.match(px.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  web = await startWeb();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(20_000);
  page.on("request", (r) => pageRequests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  if (web) {
    web.closeAllConnections?.();
    await new Promise((ok) => web.close(ok));
  }
  await px?.close();
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------
// Node

test("Node: the inspector loads on the first inspection, not on import or signing", async () => {
  const inspectorPath = join(root, "pkg/node/cloudcerts_inspect.cjs");
  const loaded = () => Object.keys(require.cache).includes(inspectorPath);
  const signed = cc.signRequest(
    { provider: "tencent-ssl", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" },
    { method: "POST", url: "https://ssl.tencentcloudapi.com/", headers: { "X-TC-Action": "DescribeCertificates", "X-TC-Version": "2019-12-05" }, body: "{}" },
    { timestampMs: 1700000000000 },
  );
  assert.match(signed.headers.Authorization, /Signature=[0-9a-f]{64}/);
  assert.equal(loaded(), false, "the inspector was loaded before any inspection");
  await cc.inspectCertificate(read("chain-ok.pem"));
  assert.equal(loaded(), true, "the first inspection did not load the inspector");
});

for (const c of cases) {
  test(`Node: ${c.name}`, async () => {
    const { cert, key, options } = inputsOf(c);
    const report = await cc.inspectCertificate(cert, key, options);
    checkReport(c, report, "node");
  });
}

test("Node: every certificate's details agree with OpenSSL and X509Certificate (manifest.json)", async () => {
  assert.ok(manifest.length >= 10, `manifest lists ${manifest.length} certificates`);
  for (const entry of manifest) checkDetails(entry, await cc.inspectCertificate(read(entry.file)), "node");
});

test("Node: bad Qiniu uploads are refused before any request; the sandbox sample uploads with one request", async () => {
  sb.reset();
  sandboxLog.length = 0;
  const options = { proxy: px.url };
  for (const r of REFUSALS) {
    const error = await cc.uploadCertificate(qiniuAccount(), uploadOf(r), options).then(
      (value) => assert.fail(`${r.name}: upload resolved ${JSON.stringify(value)}`),
      (e) => e,
    );
    assert.ok(error instanceof Error, `${r.name}: rejected with a non-Error ${String(error)}`);
    checkRefusal(r, error, "node");
    assert.equal(sandboxUploads(), 0, `${r.name}: the sandbox saw an upload: ${sandboxLog.join("; ")}`);
    assert.equal(sandboxRequests(), 0, `${r.name}: the sandbox saw a request: ${sandboxLog.join("; ")}`);
  }
  // The sample is self-signed: inspection warns, the upload goes ahead.
  const report = await cc.inspectCertificate(sampleCertificate.certificatePem, sampleCertificate.privateKeyPem);
  assert.deepEqual(report.problems.map((p) => p.code), ["SelfSigned"]);
  assert.equal(report.ok, true);
  assert.equal(report.keyMatches, true);
  const up = await cc.uploadCertificate(
    qiniuAccount(),
    { name: "inspect-test-good", commonName: sampleCertificate.commonName, certificatePem: sampleCertificate.certificatePem, privateKeyPem: sampleCertificate.privateKeyPem },
    options,
  );
  assert.match(up.id, /^[0-9a-f]{24}$/);
  assert.equal(sandboxUploads(), 1, `uploads the sandbox saw: ${sandboxLog.join("; ")}`);
  assert.equal(sb.state().qiniu[qiniuSeed()]?.uploaded, 1);
});

// ------------------------------------------------------------------------------------------------
// Chromium: the web build from pkg/web, served from loopback

const inspectWasmRequests = () => pageRequests.filter((u) => new URL(u).pathname.endsWith(`/${INSPECT_WASM}`)).length;
let pageReady = false;

test("Chromium: importing index.js and signing loads no inspector; the first inspection loads its wasm once", async () => {
  await page.goto(`http://127.0.0.1:${web.address().port}/`);
  const signature = await page.evaluate(async () => {
    window.cc = await import("/pkg/web/index.js");
    const signed = window.cc.signRequest(
      { provider: "tencent-ssl", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" },
      { method: "POST", url: "https://ssl.tencentcloudapi.com/", headers: { "X-TC-Action": "DescribeCertificates", "X-TC-Version": "2019-12-05" }, body: "{}" },
      { timestampMs: 1700000000000 },
    );
    return signed.headers.Authorization;
  });
  pageReady = true;
  assert.match(signature, /Signature=[0-9a-f]{64}/);
  assert.equal(await page.evaluate(() => typeof window.cc.inspectCertificate), "function");
  assert.ok(pageRequests.some((u) => u.endsWith("/pkg/web/cloudcerts_bg.wasm")), `the main wasm was not fetched: ${pageRequests.join(" ")}`);
  assert.equal(inspectWasmRequests(), 0, `requests before any inspection: ${pageRequests.join(" ")}`);
  assert.ok(!pageRequests.some((u) => u.endsWith("/cloudcerts_inspect.js")), "the inspector's JS was fetched before any inspection");
  const ok = await page.evaluate(async (pem) => (await window.cc.inspectCertificate(pem)).ok, read("chain-ok.pem"));
  assert.equal(ok, true);
  assert.equal(inspectWasmRequests(), 1, `requests after the first inspection: ${pageRequests.join(" ")}`);
});

test("Chromium: every case, and every certificate's details", async (t) => {
  assert.ok(pageReady, "the page did not load the package");
  const inputs = cases.map(inputsOf);
  const reports = await page.evaluate(
    (all) => Promise.all(all.map(({ cert, key, options }) => window.cc.inspectCertificate(cert, key, options))),
    inputs,
  );
  for (const [i, c] of cases.entries()) await t.test(c.name, () => checkReport(c, reports[i], "chromium"));
  const details = await page.evaluate((pems) => Promise.all(pems.map((pem) => window.cc.inspectCertificate(pem))), manifest.map((e) => read(e.file)));
  await t.test("details agree with manifest.json", () => {
    for (const [i, entry] of manifest.entries()) checkDetails(entry, details[i], "chromium");
  });
  assert.equal(inspectWasmRequests(), 1, "the inspector's wasm was fetched again");
  assert.deepEqual(pageErrors, []);
});

test("Chromium: bad Qiniu uploads are refused in the page, no request leaves it; the sample uploads", async () => {
  assert.ok(pageReady, "the page did not load the package");
  sb.reset();
  sandboxLog.length = 0;
  const before = pageRequests.length;
  const outcomes = await page.evaluate(
    async ({ account, uploads, proxy }) => {
      const out = [];
      for (const upload of uploads) {
        try {
          out.push({ resolved: await window.cc.uploadCertificate(account, upload, { proxy }) });
        } catch (e) {
          out.push({ error: { isError: e instanceof Error, name: e.name, code: e.code, provider: e.provider, message: e.message, problems: e.problems } });
        }
      }
      return out;
    },
    { account: qiniuAccount(), uploads: REFUSALS.map(uploadOf), proxy: px.url },
  );
  for (const [i, r] of REFUSALS.entries()) {
    const { resolved, error } = outcomes[i];
    assert.ok(error, `${r.name}: upload resolved ${JSON.stringify(resolved)}`);
    assert.ok(error.isError, `${r.name}: rejected with a non-Error`);
    checkRefusal(r, error, "chromium");
  }
  const sent = pageRequests.slice(before);
  assert.deepEqual(sent, [], "the page made requests for refused uploads");
  assert.equal(sandboxRequests(), 0, `the sandbox saw: ${sandboxLog.join("; ")}`);
  // The same path works when the bundle is fine: one upload reaches the sandbox.
  const good = await page.evaluate(
    async ({ account, upload, proxy }) => {
      try {
        return { id: (await window.cc.uploadCertificate(account, upload, { proxy })).id };
      } catch (e) {
        return { error: `${e.name} ${e.code} ${e.message}` };
      }
    },
    { account: qiniuAccount(), upload: { name: "inspect-test-page", commonName: sampleCertificate.commonName, certificatePem: sampleCertificate.certificatePem, privateKeyPem: sampleCertificate.privateKeyPem }, proxy: px.url },
  );
  assert.ok(good.id, good.error);
  assert.equal(sandboxUploads(), 1, `uploads the sandbox saw: ${sandboxLog.join("; ")}`);
  assert.deepEqual(pageErrors, []);
});
