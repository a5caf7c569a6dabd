// One suite against the builds the package ships: the cases of tests/node/shipped-cases.mjs run in
// Node against pkg/node (index.mjs with sign.mjs) and in headless browsers against pkg/web:
// Chromium (index.js, then manual.js after its init, each with sign.js; then embedded.js with
// embedded-sign.js, the entries esbuild and Rollup get), Firefox ESR (index.js; puppeteer-core over
// WebDriver BiDi) and WebKitGTK (embedded.js; WebKitWebDriver on xvfb, selenium-webdriver): the
// main module, `cloudcerts/sign` and the inspector. Every run is checked by the same assertions:
//   - each entry exports the functions of the committed type reference (tests/types) plus
//     inspectCertificate, and `cloudcerts/sign` signRequest and isCloudCertError alone;
//   - signRequest gives the published vectors, through the main module and the signing module
//     alike, and both refuse bad input with the same CloudCertError, quoting no secret;
//   - normalizeResponse gives the golden files of tests/fixtures/expected, and its errors;
//   - inspectCertificate gives what tests/support/inspect-cases.json expects of the certificates
//     tests/support/make-certs.sh makes (OpenSSL, at test time), and its errors;
//   - uploadCertificate: the inspector's checkUpload refuses bad bundles before any request, and
//     a good bundle is sent once to a loopback server answering as Qiniu does;
//   - in the page: sign.js downloads the signing module alone, index.js the main module, and the
//     inspector's wasm comes with the first inspection.
// One HTTP server on 127.0.0.1 (port 0) serves the page, pkg/web and the cases, and answers the
// uploads; nothing else is contacted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { chromium } from "playwright-core";
import puppeteer from "puppeteer-core";
import { Builder } from "selenium-webdriver";
import { spawn } from "node:child_process";
import { runCases, SIGN_VECTORS, SIGN_REFUSALS } from "./shipped-cases.mjs";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor } from "../../sandbox/accounts.mjs";
import { certificatesFor } from "../../sandbox/data.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = join(root, "pkg");
const UPLOADED_ID = "5e8a2c1f00000000000000aa";
const ACCOUNT = { provider: "qiniu", accessKeyId: "SHIPPEDTESTAK", secretAccessKey: "shipped-test-secret" };

// The golden cases of tests/normalize_golden.rs (fixture, provider, options), which wrote
// tests/fixtures/expected; a test below checks that the two tables agree.
const NORMALIZE_CASES = [
  ["tencent-ssl.seed.json", "tencent-ssl", { now: 1701388800000, label: "prod" }],
  ["tencent-legacy.seed.json", "tencent-legacy", { now: 1543622400000 }],
  ["volcengine-live.seed.json", "volcengine-live", { now: 1722470400000, expiringWithinDays: 20 }],
  ["volcengine-cert.seed.json", "volcengine-cert", { now: 1701388800000 }],
  ["qiniu-list.json", "qiniu", { now: 1701388800000 }],
  ["qiniu-get.json", "qiniu", { now: 1701388800000, includePrivateKey: true }],
];

// Bad bundles (files of make-certs.sh) and the first problem code each refusal carries.
const UPLOAD_REFUSALS = [
  { name: "garbage", cert: ["garbage.pem"], key: ["leaf-rsa.pkcs1.key"], first: "Undecodable" },
  { name: "a key that does not match", cert: ["chain-ok.pem"], key: ["other-rsa.pkcs1.key"], first: "KeyMismatch" },
  { name: "the reversed chain", cert: ["chain-reversed.pem"], key: ["leaf-rsa.pkcs1.key"], first: "ChainOutOfOrder" },
  { name: "an expired bundle", cert: ["expired.pem"], key: ["leaf-rsa.pkcs1.key"], first: "Expired" },
  { name: "the key in the certificate field", cert: ["leaf-rsa.pkcs1.key"], key: ["leaf-rsa.pkcs1.key"], first: "KeyInCertificateField" },
];

const inspectCases = JSON.parse(readFileSync(join(root, "tests/support/inspect-cases.json"), "utf8")).cases;
// The main module's functions, as the committed type reference declares them.
const referenceFunctions = [...readFileSync(join(root, "tests/types/cloudcerts.d.ts"), "utf8").matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);

let certs; // the directory make-certs.sh wrote
let sb; // the sandbox
let px; // the CORS proxy in front of it
let server;
let browser;
let page;
const served = []; // every path the server was asked for
const uploads = []; // the upload requests it answered
const pageErrors = [];
const firefoxErrors = [];

const read = (name) => readFileSync(join(certs, name), "utf8");
const concat = (files) => (files ? files.map(read).join("") : undefined);

/** What runCases takes besides the entries: file contents and the upload endpoint. */
function input() {
  return {
    normalize: NORMALIZE_CASES.map(([fixture, provider, options]) => ({ fixture, provider, options, body: readFileSync(join(root, "tests/fixtures", fixture), "utf8") })),
    inspect: inspectCases.map((c) => ({ name: c.name, cert: concat(c.cert), key: concat(c.key), options: c.options })),
    account: ACCOUNT,
    uploadRefusals: UPLOAD_REFUSALS.map((r) => ({
      name: r.name,
      upload: { name: `refused-${r.first}`, commonName: "www.example.test", certificatePem: concat(r.cert), privateKeyPem: concat(r.key) },
    })),
    goodUpload: { name: "shipped-test", commonName: "www.example.test", certificatePem: read("chain-ok.pem"), privateKeyPem: read("leaf-rsa.pkcs1.key") },
    proxy: `http://127.0.0.1:${server.address().port}/qiniu/`,
    listing: { proxy: px.url, accounts: LISTED.map((p) => listedAccount(p)) },
    writes: { accounts: WRITTEN.map((p) => listedAccount(p)) },
    renewal: {
      accounts: RENEWED.map((p) => listedAccount(p)),
      old: { name: "renew-old", commonName: "renew.example.test", certificatePem: read("renew-old.pem"), privateKeyPem: read("renew-old.key") },
      bundle: { name: "renew-new", commonName: "renew.example.test", certificatePem: read("renew-new.pem"), privateKeyPem: read("renew-new.key") },
    },
  };
}

// The client's listing against the sandbox (LISTED_CERTS per account) through the CORS proxy.
const LISTED = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];
const LISTED_CERTS = 1200; // more than one page everywhere (Tencent SSL: 1,000 a page)
// The providers written to against the sandbox (Qiniu's upload is checked against a stub above).
const WRITTEN = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert"];
// The providers a renewal runs at (API 2.0 would list Tencent SSL's uploads: one key, one store).
const RENEWED = ["tencent-ssl", "volcengine-live", "volcengine-cert", "qiniu"];
/** A sandbox account as a plain library `Account` (without the sandbox's `dataSeed`). */
function listedAccount(provider) {
  const { dataSeed, ...plain } = accountFor(provider);
  return plain;
}
/** How many certificates the sandbox lists for `provider`'s account. */
const listedCount = (provider) =>
  certificatesFor(provider, accountFor(provider).accessKeyId, LISTED_CERTS, { anchorMs: sb.anchorMs, nowMs: sb.now() }).length;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

function startServer() {
  const srv = createServer((req, res) => {
    const path = req.url ?? "/";
    served.push(path);
    if (req.method === "POST" && path.startsWith("/qiniu/")) {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        uploads.push({ method: req.method, path, authorization: req.headers.authorization, contentType: req.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200, { "content-type": "application/json", "x-reqid": "shipped-test" }).end(JSON.stringify({ certID: UPLOADED_ID }));
      });
      return;
    }
    if (req.method !== "GET") return res.writeHead(405).end();
    if (path === "/") return res.writeHead(200, { "content-type": TYPES[".html"] }).end("<!doctype html><title>cloudcerts shipped build</title>");
    // runCases' input for a driver that takes no large argument (WebKitWebDriver's scripts).
    if (path === "/input.json") return res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(input()));
    let file;
    if (path === "/tests/node/shipped-cases.mjs") file = join(root, "tests/node/shipped-cases.mjs");
    else if (path.startsWith("/pkg/web/")) file = normalize(join(pkg, "web", decodeURIComponent(path.slice("/pkg/web/".length))));
    if (!file || !file.startsWith(root + sep) || !existsSync(file) || !TYPES[extname(file)]) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)], "cache-control": "no-store" }).end(readFileSync(file));
  });
  return new Promise((ok) => srv.listen(0, "127.0.0.1", () => ok(srv)));
}

before(async () => {
  const needed = ["node/index.mjs", "node/sign.mjs", "web/index.js", "web/manual.js", "web/sign.js", "web/cloudcerts_inspect_bg.wasm"].map((f) => join(pkg, f));
  for (let i = 0; i < 120 && !needed.every((f) => existsSync(f)); i++) await delay(500); // a rebuild swaps pkg/ in
  assert.ok(needed.every((f) => existsSync(f)), "pkg/ is missing: run `npm run build` first");
  certs = mkdtempSync(join(tmpdir(), "cloudcerts-shipped-"));
  execFileSync("bash", [join(root, "tests/support/make-certs.sh"), certs], { stdio: ["ignore", "ignore", "inherit"] });
  server = await startServer();
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: LISTED_CERTS });
  px = await startProxy({ port: 0, sandbox: sb.url, log: () => {} });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
});

after(async () => {
  await browser?.close();
  if (firefox.started) await (await firefox()).browser.close();
  if (webkit.started) await (await webkit()).close();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((ok) => server.close(ok));
  }
  await px?.close();
  await sb?.close();
  if (certs) rmSync(certs, { recursive: true, force: true });
});

/** Runs `f` once; later calls share its promise (`started` says whether it ran). */
function once(f) {
  let p;
  const run = () => {
    run.started = true;
    return (p ??= f());
  };
  run.started = false;
  return run;
}

/** The results of one run and the uploads the server answered during it. */
async function recorded(run) {
  uploads.length = 0;
  const results = await run();
  return { results, uploads: [...uploads] };
}

const wasmServed = () => served.filter((p) => p.endsWith(".wasm"));

/** A run in the page: `entry` and `signEntry` imported by the page, `init` awaited first if set. */
const pageRun = (entry, init, signEntry = "/pkg/web/sign.js") => () =>
  page.evaluate(
    async ({ entry, init, signEntry, input }) => {
      const { runCases } = await import("/tests/node/shipped-cases.mjs");
      const sign = await import(signEntry);
      const main = await import(entry);
      if (init) await main.default();
      return runCases(main, sign, input);
    },
    { entry, init, signEntry, input: input() },
  );

/**
 * The same run in a page of another engine, whose driver hands back JSON: the page encodes the
 * results (`undefined` kept as a marker) and this decodes them, so that every run is checked
 * against the same plain data.
 */
async function pageRunAsJson({ entry, init, signEntry, input }) {
  input ??= await (await fetch("/input.json")).json();
  const { runCases } = await import("/tests/node/shipped-cases.mjs");
  const sign = await import(signEntry);
  const main = await import(entry);
  if (init) await main.default();
  const results = await runCases(main, sign, input);
  return JSON.stringify(results, (_, v) => (v === undefined ? { $undefined: true } : v));
}
function decodeResults(text) {
  const revive = (v) => {
    if (Array.isArray(v)) return v.map(revive);
    if (v === null || typeof v !== "object") return v;
    if (Object.keys(v).length === 1 && v.$undefined === true) return undefined;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  };
  return revive(JSON.parse(text));
}

/** Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi. */
const firefox = once(async () => {
  const fx = await puppeteer.launch({ browser: "firefox", executablePath: "/usr/bin/firefox-esr", headless: true });
  const fxPage = await fx.newPage();
  fxPage.on("pageerror", (e) => firefoxErrors.push(String(e)));
  await fxPage.goto(`http://127.0.0.1:${server.address().port}/`);
  return { browser: fx, page: fxPage };
});

/**
 * WebKitGTK's MiniBrowser, driven by WebKitWebDriver (Debian's webkit2gtk-driver) through
 * selenium-webdriver, on a virtual X display (xvfb-run): the engine of Safari.
 */
const webkit = once(async () => {
  const port = await new Promise((ok) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
  const driverProcess = spawn("xvfb-run", ["-a", "WebKitWebDriver", `--port=${port}`], { stdio: "ignore", detached: true });
  let driver;
  for (let i = 0; i < 40 && !driver; i++) {
    await delay(250);
    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", args: ["--automation"] } })
      .build()
      .catch(() => undefined);
  }
  assert.ok(driver, "WebKitWebDriver did not start");
  await driver.manage().setTimeouts({ script: 300_000 });
  await driver.get(`http://127.0.0.1:${server.address().port}/`);
  return {
    run: async (argument) => {
      const text = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         (${pageRunAsJson})(arguments[0]).then(done, (e) => done("ERROR " + e + " " + e.stack));`,
        argument,
      );
      assert.ok(!text.startsWith("ERROR"), text);
      return decodeResults(text);
    },
    close: async () => {
      await driver.quit().catch(() => {});
      try {
        process.kill(-driverProcess.pid);
      } catch {}
    },
  };
});

const runs = [
  {
    label: "node (pkg/node/index.mjs, sign.mjs)",
    extra: [],
    run: once(() =>
      recorded(async () => {
        const main = await import(pathToFileURL(join(pkg, "node/index.mjs")).href);
        const sign = await import(pathToFileURL(join(pkg, "node/sign.mjs")).href);
        return runCases(main, sign, input());
      }),
    ),
  },
  { label: "chromium (pkg/web/index.js, sign.js)", extra: ["initSync"], run: once(() => recorded(pageRun("/pkg/web/index.js", false))) },
  { label: "chromium (pkg/web/manual.js after init, sign.js)", extra: ["default", "initSync"], run: once(() => recorded(pageRun("/pkg/web/manual.js", true))) },
  // The entries esbuild and Rollup get (package.json's conditions): the wasm embedded in scripts.
  { label: "chromium (pkg/web/embedded.js, embedded-sign.js)", extra: ["initSync"], run: once(() => recorded(pageRun("/pkg/web/embedded.js", false, "/pkg/web/embedded-sign.js"))) },
  // Firefox and WebKit: the web build, and the embedded one (DecompressionStream, streamed compile).
  {
    label: "firefox (pkg/web/index.js, sign.js)",
    extra: ["initSync"],
    run: once(() => recorded(async () => decodeResults(await (await firefox()).page.evaluate(pageRunAsJson, { entry: "/pkg/web/index.js", init: false, signEntry: "/pkg/web/sign.js", input: input() })))),
  },
  {
    label: "webkit (pkg/web/embedded.js, embedded-sign.js)",
    extra: ["initSync"],
    run: once(() => recorded(async () => (await webkit()).run({ entry: "/pkg/web/embedded.js", init: false, signEntry: "/pkg/web/embedded-sign.js" }))),
  },
];

// ------------------------------------------------------------------------------------------------

test("the normalization cases are tests/normalize_golden.rs's", () => {
  const rust = readFileSync(join(root, "tests/normalize_golden.rs"), "utf8");
  const rustCases = [...rust.matchAll(/\(\s*"([^"]+)",\s*Provider::\w+,\s*r#"([\s\S]*?)"#,?\s*\)/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rustCases, NORMALIZE_CASES.map(([fixture, , options]) => [fixture, JSON.stringify(options)]));
});

test("chromium: sign.js downloads the signing module alone, index.js the main one, the first inspection the inspector", async () => {
  served.length = 0;
  const signature = await page.evaluate(async (v) => {
    const { signRequest } = await import("/pkg/web/sign.js");
    return signRequest(v.account, v.request, v.context).headers.Authorization;
  }, SIGN_VECTORS[0]);
  assert.equal(signature, SIGN_VECTORS[0].headers.Authorization);
  assert.deepEqual(wasmServed(), ["/pkg/web/cloudcerts_sign_bg.wasm"]);
  assert.ok(!served.includes("/pkg/web/cloudcerts.js"), `the main module's glue was loaded: ${served.join(" ")}`);
  const exported = await page.evaluate(async () => Object.keys(await import("/pkg/web/index.js")).length);
  assert.ok(exported > 0);
  assert.deepEqual(wasmServed(), ["/pkg/web/cloudcerts_sign_bg.wasm", "/pkg/web/cloudcerts_bg.wasm"]);
  assert.ok(!served.some((p) => p.includes("cloudcerts_inspect")), `the inspector was loaded before any inspection: ${served.join(" ")}`);
  await runs[1].run(); // inspects, signs, normalizes and uploads through index.js
  assert.deepEqual(wasmServed(), ["/pkg/web/cloudcerts_sign_bg.wasm", "/pkg/web/cloudcerts_bg.wasm", "/pkg/web/cloudcerts_inspect_bg.wasm"]);
});

for (const { label, extra, run } of runs) {
  test(`${label}: the entries export the reference's functions, inspectCertificate, replaceCertificate, issueCertificate and renewCertificate; cloudcerts/sign signRequest and isCloudCertError`, async () => {
    const { results } = await run();
    assert.ok(referenceFunctions.length >= 8, `tests/types/cloudcerts.d.ts declares ${referenceFunctions.length} functions`);
    assert.deepEqual(results.exports.entry, [...referenceFunctions, "inspectCertificate", "replaceCertificate", "issueCertificate", "renewCertificate", ...extra].sort());
    assert.deepEqual(results.exports.sign, ["isCloudCertError", "signRequest"]);
  });

  test(`${label}: signRequest gives the published vectors, in the main and the signing module`, async (t) => {
    const { results } = await run();
    assert.equal(results.sign.length, SIGN_VECTORS.length);
    for (const [i, v] of SIGN_VECTORS.entries()) {
      await t.test(v.name, () => {
        const { main, sign } = results.sign[i];
        assert.equal(main.error, undefined, `refused: ${JSON.stringify(main.error)}`);
        const signed = main.value;
        assert.equal(signed.method, v.request.method);
        assert.ok(!Object.keys(signed.headers).some((h) => h.toLowerCase() === "host"), "a Host header");
        for (const [name, value] of Object.entries(v.headers ?? {})) assert.equal(signed.headers[name], value ?? undefined, name);
        if (v.signature) assert.ok(signed.headers.Authorization.endsWith(`Signature=${v.signature}`), signed.headers.Authorization);
        for (const [name, value] of Object.entries(v.query ?? {})) assert.equal(new URL(signed.url).searchParams.get(name), value, name);
        if (!v.query) assert.equal(signed.url, v.request.url);
        assert.equal(signed.body, v.request.body);
        assert.deepEqual(sign, main, "the signing module differs from the main module");
      });
    }
  });

  test(`${label}: signRequest refuses bad input with a CloudCertError naming the field, quoting no secret`, async () => {
    const { results } = await run();
    for (const [i, r] of SIGN_REFUSALS.entries()) {
      const { main, sign } = results.signRefusals[i];
      const e = main.error;
      assert.ok(e?.isError, `${r.name}: ${JSON.stringify(main)}`);
      assert.equal(e.name, "CloudCertError", r.name);
      assert.equal(e.code, "InvalidInput", r.name);
      assert.equal(e.retryable, false, r.name);
      assert.ok(e.message.startsWith(`${r.field}: `), `${r.name}: ${e.message}`);
      assert.ok(!e.message.includes(r.secret), `${r.name}: quotes ${r.secret}: ${e.message}`);
      assert.deepEqual(sign, main, `${r.name}: the signing module refuses differently`);
    }
  });

  test(`${label}: normalizeResponse gives the golden files of tests/fixtures/expected`, async (t) => {
    const { results } = await run();
    assert.equal(results.normalize.length, NORMALIZE_CASES.length);
    for (const { fixture, outcome } of results.normalize) {
      await t.test(fixture, () => {
        assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
        const golden = JSON.parse(readFileSync(join(root, "tests/fixtures/expected", fixture), "utf8"));
        assert.ok(golden.length > 0);
        assert.deepStrictEqual(outcome.value, golden);
      });
    }
  });

  test(`${label}: raw is a plain object with big integers as numbers; a vendor's error envelope is a CloudCertError`, async () => {
    const { results } = await run();
    assert.equal(results.rawShape.plainObject, true);
    assert.ok(typeof results.rawShape.big === "number" && results.rawShape.big > 1e23, String(results.rawShape.big));
    const e = results.vendorError.error;
    assert.ok(e?.isError, JSON.stringify(results.vendorError));
    assert.equal(e.name, "CloudCertError");
    assert.equal(e.code, "ClockSkew");
    assert.equal(e.vendorCode, "AuthFailure.SignatureExpire");
    assert.equal(e.requestId, "req-9");
    assert.equal(e.httpStatus, 200);
    assert.equal(e.retryable, true);
    assert.match(e.hint ?? "", /5 minutes/);
  });

  test(`${label}: signRequest without a context signs with the runtime's clock and a nonce`, async () => {
    const { results } = await run();
    const { now, main, sign } = results.defaultContext;
    for (const [which, url] of [["main", main], ["sign", sign]]) {
      assert.ok(typeof url === "string", `${which}: ${url}`);
      const timestamp = Number(new URL(url).searchParams.get("Timestamp"));
      assert.ok(Math.abs(timestamp - Math.floor(now / 1000)) <= 5, `${which}: ${url}`);
      assert.ok(new URL(url).searchParams.get("Nonce"), `${which}: no nonce`);
    }
  });

  test(`${label}: normalizeResponse's errors`, async () => {
    const { notJson, unknownProvider } = (await run()).results.normalizeErrors;
    assert.deepEqual(notJson.error, {
      isError: true, name: "CloudCertError", code: "BadResponse", provider: "qiniu", retryable: true,
      message: "qiniu: the body is not JSON (8 bytes, not shown)", problems: undefined,
      vendorCode: undefined, requestId: undefined, httpStatus: undefined, hint: undefined,
    });
    assert.equal(unknownProvider.error?.code, "InvalidInput", JSON.stringify(unknownProvider));
    assert.ok(unknownProvider.error.message.startsWith("provider: unknown provider"), unknownProvider.error.message);
  });

  test(`${label}: inspectCertificate gives what inspect-cases.json expects`, async (t) => {
    const { results } = await run();
    assert.equal(results.inspect.length, inspectCases.length);
    assert.ok(inspectCases.length >= 20, `${inspectCases.length} cases`);
    for (const [i, c] of inspectCases.entries()) {
      await t.test(c.name, () => {
        const { outcome } = results.inspect[i];
        assert.equal(outcome.error, undefined, JSON.stringify(outcome.error));
        const report = outcome.value;
        assert.deepEqual(report.problems.map((p) => p.code), c.problems, JSON.stringify(report.problems));
        assert.equal(report.ok, c.ok ?? c.problems.length === 0);
        assert.equal(report.ok, !report.problems.some((p) => p.severity === "error"), "ok agrees with the severities");
        if ("keyMatches" in c) assert.equal(report.keyMatches, c.keyMatches);
        else if (!c.key) assert.equal(report.keyMatches, undefined);
        if (typeof c.chainInOrder === "boolean") assert.equal(report.chainInOrder, c.chainInOrder);
        if (c.qiniuCodes) assert.deepEqual(report.problems.filter((p) => p.qiniuCode != null).map((p) => p.qiniuCode), c.qiniuCodes);
        for (const p of report.problems) assert.ok(!/PRIVATE KEY|MII/.test(p.message), `quotes key material: ${p.message}`);
      });
    }
  });

  test(`${label}: inspectCertificate's errors`, async () => {
    const { badOptions, notAString } = (await run()).results.inspectErrors;
    for (const [outcome, field] of [[badOptions, "options.now"], [notAString, "certificatePem"]]) {
      const e = outcome.error;
      assert.ok(e?.isError, JSON.stringify(outcome));
      assert.equal(e.name, "CloudCertError");
      assert.equal(e.code, "InvalidInput");
      assert.ok(e.message.startsWith(`${field}: `), e.message);
    }
  });

  test(`${label}: uploadCertificate: checkUpload refuses bad bundles before any request`, async () => {
    const { results, uploads: sent } = await run();
    assert.equal(results.uploadRefusals.length, UPLOAD_REFUSALS.length);
    for (const [i, r] of UPLOAD_REFUSALS.entries()) {
      const e = results.uploadRefusals[i].outcome.error;
      assert.ok(e?.isError, `${r.name}: ${JSON.stringify(results.uploadRefusals[i].outcome)}`);
      assert.equal(e.name, "CloudCertError", r.name);
      assert.equal(e.code, "InvalidInput", r.name);
      assert.equal(e.provider, "qiniu", r.name);
      assert.ok(e.message.startsWith("upload refused before sending"), `${r.name}: ${e.message}`);
      assert.equal(e.problems?.[0]?.code, r.first, `${r.name}: ${JSON.stringify(e.problems)}`);
    }
    // The run's one request is the good bundle's (next test): no refused bundle reached the server.
    assert.equal(sent.length, 1, JSON.stringify(sent.map((u) => u.path)));
    assert.equal(JSON.parse(sent[0].body).name, "shipped-test");
  });

  test(`${label}: uploadCertificate: a good bundle passes checkUpload and is sent once`, async () => {
    const { results, uploads: sent } = await run();
    assert.deepEqual(results.upload, { value: { id: UPLOADED_ID } });
    assert.equal(sent.length, 1);
    const [u] = sent;
    assert.equal(u.path, "/qiniu/https://api.qiniu.com/sslcert");
    assert.match(u.authorization ?? "", new RegExp(`^QBox ${ACCOUNT.accessKeyId}:[A-Za-z0-9_=-]{28}$`));
    const body = JSON.parse(u.body);
    assert.equal(body.name, "shipped-test");
    assert.equal(body.common_name, "www.example.test");
    assert.equal(body.ca, read("chain-ok.pem"));
    assert.equal(body.pri, read("leaf-rsa.pkcs1.key"));
  });
}

for (const { label, run } of runs) {
  test(`${label}: listCertificates lists every certificate once through the proxy, each raw on demand; inventory lists them all`, async () => {
    const { results } = await run();
    let total = 0;
    for (const l of results.listings) {
      const expected = listedCount(l.provider);
      total += expected;
      assert.equal(l.error, undefined, `${l.provider}: ${JSON.stringify(l.error)}`);
      assert.ok(expected >= 1000, `${l.provider}: the sandbox should hold over a thousand, not ${expected}`);
      assert.equal(l.count, expected, `${l.provider}: every certificate`);
      assert.equal(l.unique, l.count, `${l.provider}: each exactly once`);
      assert.equal(l.emptyIds, 0, `${l.provider}: every certificate has its id`);
      assert.deepEqual(l.warnings, [], `${l.provider}: warnings`);
      assert.equal(l.lazyRaw, l.count, `${l.provider}: every raw read on demand`);
      assert.equal(l.objectRaw, l.count, `${l.provider}: every raw an object`);
      assert.equal(l.privateKeys, 0, `${l.provider}: a private key in raw`);
    }
    assert.equal(results.listings.length, LISTED.length);
    assert.equal(results.inventory.error, undefined, JSON.stringify(results.inventory.error));
    assert.equal(results.inventory.failedAccounts, 0);
    assert.equal(results.inventory.count, total);
  });
}

for (const { label, run } of runs) {
  test(`${label}: uploadCertificate and deleteCertificate write to the sandbox through the proxy`, async () => {
    const { results } = await run();
    assert.deepEqual(results.writes.map((w) => w.provider), WRITTEN);
    for (const w of results.writes) {
      const what = `${w.provider}: ${JSON.stringify(w)}`;
      assert.ok(w.first.value?.id, what);
      if (w.provider === "tencent-legacy" || w.provider === "volcengine-live") {
        // API 2.0 and Live have no duplicate check: the second upload is a second copy.
        assert.ok(w.again.value?.id && w.again.value.id !== w.first.value.id && w.again.value.existing === undefined, what);
        assert.equal(w.listed, 2, what);
      } else {
        assert.deepEqual(w.again.value, { id: w.first.value.id, existing: true }, what);
        assert.equal(w.listed, 1, what);
      }
      for (const d of w.deleted) assert.ok(!d.error, what);
      assert.ok(!w.deletedAgain.error, `deleting what is gone: ${what}`);
    }
  });
}

for (const { label, run } of runs) {
  test(`${label}: replaceCertificate renews at four providers: the plan, one upload each, the old one deleted`, async () => {
    const { results } = await run();
    const { olds, dry, done, cleanup } = results.replace;
    const what = JSON.stringify(results.replace);
    assert.equal(olds.filter(Boolean).length, RENEWED.length, what);
    assert.ok(dry.value?.dryRun === true, what);
    assert.deepEqual(dry.value.accounts.map((e) => [e.provider, e.replaces, e.uploaded]), RENEWED.map((p, i) => [p, [olds[i]], undefined]), what);
    assert.deepEqual(dry.value.certificate.domains, ["renew.example.test", "*.renew.example.test"], what);
    assert.ok(!done.error, what);
    for (const [i, e] of done.value.accounts.entries()) {
      assert.deepEqual([e.provider, e.replaces, e.deleted, e.refused], [RENEWED[i], [olds[i]], [olds[i]], []], what);
      assert.ok(e.uploaded?.id && e.uploaded.id !== olds[i] && !e.uploaded.existing, what);
    }
    assert.equal(cleanup.length, RENEWED.length, what);
    for (const c of cleanup) assert.ok(!c.error, what);
    assert.ok(!what.includes("PRIVATE KEY"), "no key in any result");
  });
}

test("chromium and firefox: the pages threw nothing", async () => {
  for (const { run } of runs) await run();
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(firefoxErrors, []);
});
