// The npm package as a user installs it: `npm pack` of pkg/, installed from the tarball (offline)
// into a fresh consumer project under test-results/, then
//   1. imported from Node ESM and required from CommonJS, listing the sandbox through the proxy;
//   2. type-checked by strict TypeScript consumers (nodenext ESM and CommonJS, and bundler
//      resolution) that call every export and read every field of Certificate and CloudCertError;
//   3. bundled by Vite 7 from `cloudcerts/web`, with the wasm emitted as an asset.
// TypeScript and Vite come from the repository's own devDependencies (node_modules/).
// Child processes run asynchronously: the sandbox and the proxy live in this process.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname, resolve, extname } from "node:path";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { setTimeout as delay } from "node:timers/promises";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor } from "../../sandbox/accounts.mjs";
import { certificatesFor } from "../../sandbox/data.mjs";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = join(root, "pkg");
const tscBin = join(root, "node_modules", "typescript", "bin", "tsc");
const viteBin = join(root, "node_modules", "vite", "bin", "vite.js");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];

let sb;
let px;
let work; // test-results/pack-XXXX
let consumer; // the consumer project, with cloudcerts installed from the tarball
let tarball;

const plainAccount = (provider) => {
  const { dataSeed, ...a } = accountFor(provider);
  return a;
};

async function sh(cmd, args, options = {}) {
  try {
    return await run(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000, ...options });
  } catch (error) {
    error.message += `\n--- stdout\n${error.stdout ?? ""}\n--- stderr\n${error.stderr ?? ""}`;
    throw error;
  }
}

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

before(async () => {
  for (let i = 0; i < 120 && !existsSync(join(pkgDir, "package.json")); i++) await delay(500); // a rebuild swaps pkg/ in
  assert.ok(existsSync(join(pkgDir, "package.json")), "pkg/ is missing: run `npm run build` first");
  for (const [bin, name] of [[tscBin, "typescript"], [viteBin, "vite"]]) {
    assert.ok(existsSync(bin), `${name} is missing from node_modules: it is a devDependency (npm ci)`);
  }
  sb = await startSandbox({ port: 0, host: "127.0.0.1" });
  px = await startProxy({ port: 0, sandbox: sb.url });
  mkdirSync(join(root, "test-results"), { recursive: true });
  work = mkdtempSync(join(root, "test-results", "pack-"));
});

after(async () => {
  await px?.close();
  await sb?.close();
  if (work && process.env.CLOUDCERTS_KEEP_TEST_RESULTS !== "1") rmSync(work, { recursive: true, force: true });
});

test("npm pack, then npm install of the tarball offline into a fresh project", { timeout: 120_000 }, async () => {
  const { stdout } = await sh("npm", ["pack", pkgDir, "--pack-destination", work, "--json", "--ignore-scripts"], { cwd: work });
  const [info] = JSON.parse(stdout);
  assert.equal(info.name, "cloudcerts");
  tarball = join(work, info.filename);
  assert.ok(existsSync(tarball), tarball);
  const files = info.files.map((f) => f.path).sort();
  for (const required of ["package.json", "README.md", "node/index.cjs", "node/index.mjs", "node/index.d.mts", "node/index.d.cts", "node/cloudcerts.cjs", "node/cloudcerts.d.cts", "node/cloudcerts_bg.wasm", "node/cloudcerts_inspect.cjs", "node/cloudcerts_inspect_bg.wasm", "web/index.js", "web/index.d.ts", "web/manual.js", "web/manual.d.ts", "web/cloudcerts.js", "web/cloudcerts.d.ts", "web/cloudcerts_bg.wasm", "web/cloudcerts_inspect.js", "web/cloudcerts_inspect_bg.wasm", "bundler/index.js", "bundler/index.d.ts", "bundler/cloudcerts.js", "bundler/cloudcerts_bg.wasm", "bundler/cloudcerts_inspect.js", "bundler/cloudcerts_inspect_bg.wasm", "web/sign.js", "web/sign.d.ts", "web/cloudcerts_sign.js", "web/cloudcerts_sign_bg.wasm", "bundler/sign.js", "bundler/sign.d.ts", "bundler/cloudcerts_sign_bg.wasm", "node/sign.cjs", "node/sign.mjs", "node/sign.d.cts", "node/sign.d.mts", "node/cloudcerts_sign.cjs", "node/cloudcerts_sign.d.cts", "node/cloudcerts_sign_bg.wasm", "web/replace.js", "bundler/replace.js", "node/replace.js"]) {
    assert.ok(files.includes(required), `the tarball lacks ${required}: ${files.join(", ")}`);
  }
  const stray = files.filter((f) => !/^(package\.json|README\.md|(web|bundler|node)\/.+|sign\/package\.json)$/.test(f));
  assert.deepEqual(stray, [], "files outside the package's `files`");

  consumer = join(work, "consumer");
  write(consumer, { "package.json": JSON.stringify({ name: "cloudcerts-consumer", version: "1.0.0", private: true, type: "module" }, null, 2) });
  await sh("npm", ["install", tarball, "--no-save", "--offline", "--no-audit", "--no-fund", "--cache", join(work, "npm-cache")], { cwd: consumer });
  const installed = join(consumer, "node_modules", "cloudcerts");
  assert.ok(existsSync(join(installed, "package.json")));
  assert.ok(realpathSync(installed).startsWith(realpathSync(consumer)), "installed as a copy, not a link to pkg/");
  assert.deepEqual(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).dependencies ?? {}, {}, "no dependencies");
});

test("Node ESM import and CommonJS require of the installed package list the sandbox through the proxy", { timeout: 60_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  const accounts = PROVIDERS.map(plainAccount);
  const expected = Object.fromEntries(
    accounts.map((a) => [a.label, certificatesFor(a.provider, a.accessKeyId, sb.state().certs, { anchorMs: sb.anchorMs, nowMs: sb.now() }).length]),
  );
  write(consumer, {
    "esm.mjs": `import * as cloudcerts from "cloudcerts";
import { inventory, listCertificates } from "cloudcerts";
const [proxy, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
const inv = await inventory(accounts, { proxy, maxAttempts: 5 });
const one = await listCertificates(accounts[0], undefined, { proxy });
console.log(JSON.stringify({
  resolved: import.meta.resolve("cloudcerts"),
  exports: Object.keys(cloudcerts).sort(),
  counts: Object.fromEntries(inv.accounts.map((a) => [a.account, a.error ? a.error.code : a.count])),
  total: inv.certificates.length,
  one: one.certificates.length,
}));
`,
    "cjs.cjs": `const cloudcerts = require("cloudcerts");
const { listCertificates, getCertificate } = require("cloudcerts");
const [proxy, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
(async () => {
  const counts = {};
  for (const account of accounts) counts[account.label] = (await listCertificates(account, null, { proxy })).certificates.length;
  const first = (await listCertificates(accounts[0], null, { proxy })).certificates[0];
  const got = await getCertificate(accounts[0], first.id, { proxy });
  let notFound;
  try { await getCertificate(accounts[0], "ffffffffffffffffffffffff", { proxy }); } catch (e) { notFound = [e.name, e.code]; }
  console.log(JSON.stringify({ resolved: require.resolve("cloudcerts"), exports: Object.keys(cloudcerts).sort(), counts, got: got.id === first.id, notFound }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
  });
  const exportsExpected = ["deleteCertificate", "getCertificate", "inspectCertificate", "inventory", "listCertificates", "listCertificatesPage", "normalizeResponse", "replaceCertificate", "signRequest", "uploadCertificate"];
  const [esm, cjs] = await Promise.all([
    sh(process.execPath, ["esm.mjs", px.url, JSON.stringify(accounts)], { cwd: consumer }),
    sh(process.execPath, ["cjs.cjs", px.url, JSON.stringify(accounts)], { cwd: consumer }),
  ]);
  const e = JSON.parse(esm.stdout);
  assert.equal(fileURLToPath(e.resolved), join(realpathSync(consumer), "node_modules", "cloudcerts", "node", "index.mjs"));
  for (const name of exportsExpected) assert.ok(e.exports.includes(name), `ESM lacks ${name}: ${e.exports}`);
  assert.deepEqual(e.counts, expected);
  assert.equal(e.total, Object.values(expected).reduce((a, b) => a + b, 0));
  assert.equal(e.one, expected[accounts[0].label]);

  const c = JSON.parse(cjs.stdout);
  assert.equal(c.resolved, join(realpathSync(consumer), "node_modules", "cloudcerts", "node", "index.cjs"));
  for (const name of exportsExpected) assert.ok(c.exports.includes(name), `CommonJS lacks ${name}: ${c.exports}`);
  assert.deepEqual(c.counts, expected);
  assert.equal(c.got, true);
  assert.deepEqual(c.notFound, ["CloudCertError", "NotFound"]);
});

// The consumer's TypeScript: it narrows what a catch gives with the package's own guard and type.
const TS_CONSUMER = (from, { web = false } = {}) => `${web ? `import init, { initSync } from "${from}";\n` : ""}import {
  deleteCertificate, getCertificate, inventory, listCertificates, listCertificatesPage, normalizeResponse,
  signRequest, uploadCertificate, inspectCertificate, replaceCertificate, isCloudCertError,
} from "${from}";
import type {
  CertificateReport, CertificateDetails, InspectOptions, KeyDetails, Problem, ProblemCode, Severity,
  Account, AccountSummary, CertSource, CertStatus, Certificate, CertificatePage, ClientOptions, ErrorCode,
  ErrorInfo, HttpRequest, Inventory, ListQuery, ListResult, NormalizeOptions, PageRequest, Progress, Provider,
  SignContext, SignedRequest, UploadRequest, UploadResult, Validation, CloudCertError, Replacement,
} from "${from}";

/** The package's guard narrows \`unknown\` to its \`CloudCertError\`, problems included. */
export function codeOf(caught: unknown): ErrorCode | undefined {
  if (!isCloudCertError(caught)) return undefined;
  const problems: Problem[] | undefined = caught.problems;
  return problems?.length ? "InvalidInput" : caught.code;
}
export async function renewed(accounts: Account[], bundle: UploadRequest): Promise<number> {
  const plan: Replacement = await replaceCertificate(accounts, bundle, { dryRun: true });
  return plan.accounts.filter((a) => a.replaces.length > 0).length;
}
export function describeError(error: CloudCertError): string {
  const fields: [string, string, ErrorCode, Provider | undefined, string | undefined, number | undefined, string | undefined, boolean, string | undefined] =
    [error.name, error.message, error.code, error.provider, error.vendorCode, error.httpStatus, error.requestId, error.retryable, error.hint];
  return JSON.stringify(fields) + (error.stack ?? "");
}
export function describeInfo(info: ErrorInfo): string {
  const code: ErrorCode = info.code;
  const fields: [string, string, ErrorCode, Provider | undefined, string | undefined, number | undefined, string | undefined, boolean, string | undefined] =
    [info.name, info.message, code, info.provider, info.vendorCode, info.httpStatus, info.requestId, info.retryable, info.hint];
  return JSON.stringify(fields);
}

/** Every field of Certificate, by name: the type may neither lack nor add one. */
const certificateFields: { [K in keyof Certificate]-?: true } = {
  provider: true, account: true, id: true, name: true, commonName: true, domains: true, notBefore: true,
  notAfter: true, daysRemaining: true, status: true, vendorStatus: true, vendorStatusText: true, issuer: true,
  validation: true, wildcard: true, source: true, chainId: true, replacedBy: true, replaces: true,
  fingerprintSha256: true, serialNumber: true, keyAlgorithm: true, tags: true, project: true,
  boundResources: true, warnings: true, raw: true,
};
export function describeCertificate(c: Certificate): string {
  const provider: Provider = c.provider;
  const account: string = c.account;
  const id: string = c.id;
  const name: string | undefined = c.name;
  const commonName: string | undefined = c.commonName;
  const domains: string[] = c.domains;
  const notBefore: string | undefined = c.notBefore;
  const notAfter: string | undefined = c.notAfter;
  const daysRemaining: number | undefined = c.daysRemaining;
  const status: CertStatus = c.status;
  const vendorStatus: string | undefined = c.vendorStatus;
  const vendorStatusText: string | undefined = c.vendorStatusText;
  const issuer: string | undefined = c.issuer;
  const validation: Validation | undefined = c.validation;
  const wildcard: boolean = c.wildcard;
  const source: CertSource | undefined = c.source;
  const chainId: string | undefined = c.chainId;
  const replacedBy: string | undefined = c.replacedBy;
  const replaces: string | undefined = c.replaces;
  const fingerprintSha256: string | undefined = c.fingerprintSha256;
  const serialNumber: string | undefined = c.serialNumber;
  const keyAlgorithm: string | undefined = c.keyAlgorithm;
  const tags: Record<string, string> | undefined = c.tags;
  const project: string | undefined = c.project;
  const boundResources: string[] | undefined = c.boundResources;
  const raw: Record<string, unknown> = c.raw;
  const active: boolean = status === "active" || status === "expiring";
  const level: "dv" | "ov" | "ev" | "none" = validation ?? "none";
  const origin: "upload" | "purchased" | "free" | "test" | "none" = source ?? "none";
  return JSON.stringify([provider, account, id, name, commonName, domains.join(" "), notBefore, notAfter,
    daysRemaining, status, vendorStatus, vendorStatusText, issuer, level, wildcard, origin, chainId, replacedBy,
    replaces, fingerprintSha256, serialNumber, keyAlgorithm, tags, project, boundResources?.length,
    Object.keys(raw).length, active, Object.keys(certificateFields).length]);
}

export async function main(proxy: string): Promise<string[]> {
  ${web ? "await init();\n  void initSync;\n  " : ""}const out: string[] = [];
  const account: Account = { provider: "qiniu", accessKeyId: "AK", secretAccessKey: "SK", label: "q" };
  const sts: Account = { provider: "volcengine-cert", accessKeyId: "AK", secretAccessKey: "SK", sessionToken: "T", region: "cn-north-1", endpoint: "https://open.volcengineapi.com" };
  const controller = new AbortController();
  const options: ClientOptions = {
    proxy, timeoutMs: 10_000, maxAttempts: 3, signal: controller.signal, expiringWithinDays: 30,
    includePrivateKey: false, now: Date.now(), concurrency: 4,
    onProgress: (p: Progress) => { const done: number = p.done; const total: number | undefined = p.total; out.push(\`\${p.provider} \${p.account} \${done}/\${total ?? "?"}\`); },
  };
  const request: HttpRequest = { method: "GET", url: "https://api.qiniu.com/sslcert", headers: { Accept: "application/json" } };
  const context: SignContext = { timestampMs: 1_700_000_000_000, nonce: 1 };
  const signed: SignedRequest = signRequest(account, request, context);
  out.push(signed.method, signed.url, signed.headers["Authorization"] ?? "", signed.body ?? "");
  const normalizeOptions: NormalizeOptions = { now: 0, expiringWithinDays: 7, includePrivateKey: false, httpStatus: 200, label: "x" };
  const normalized: Certificate[] = normalizeResponse("qiniu", '{"marker":"","certs":[]}', normalizeOptions);
  out.push(...normalized.map(describeCertificate));
  try {
    const query: ListQuery = { search: "shop", domain: "shop.example.com" };
    const list: ListResult = await listCertificates(account, query, options);
    const listProvider: Provider = list.provider;
    out.push(listProvider, list.account, String(list.requests), String(list.retries), ...list.warnings, ...list.certificates.map(describeCertificate));
    const pageRequest: PageRequest = { pageSize: 100, query };
    const page: CertificatePage = await listCertificatesPage(account, pageRequest, options);
    const next: string | undefined = page.nextCursor;
    const total: number | undefined = page.total;
    out.push(String(page.requests), next ?? "", String(total), ...page.certificates.map(describeCertificate));
    const one: Certificate = await getCertificate(account, "id", options);
    out.push(describeCertificate(one));
    const inspectOptions: InspectOptions = { now: Date.now(), minValidityDays: 7 };
    const report: CertificateReport = await inspectCertificate("-----BEGIN CERTIFICATE-----", null, inspectOptions);
    const details: CertificateDetails[] = report.certificates;
    const key: KeyDetails | undefined = report.key;
    for (const problem of report.problems as Problem[]) {
      const code: ProblemCode = problem.code;
      const severity: Severity = problem.severity;
      out.push(code, severity, problem.message, String(problem.qiniuCode ?? ""), String(problem.certificate ?? ""));
    }
    out.push(String(report.ok), String(report.chainInOrder), String(report.keyMatches), String(details.length), key?.format ?? "");
    const upload: UploadRequest = { name: "n", commonName: "c.example.com", certificatePem: "-----BEGIN CERTIFICATE-----", privateKeyPem: "-----BEGIN PRIVATE KEY-----", minValidityDays: 0 };
    const uploaded: UploadResult = await uploadCertificate(account, upload, options);
    out.push(uploaded.id);
    const deleted: void = await deleteCertificate(account, uploaded.id, options);
    void deleted;
    const inv: Inventory = await inventory([account, sts], options);
    const summaries: AccountSummary[] = inv.accounts;
    for (const s of summaries) {
      const provider: Provider | string = s.provider;
      out.push(provider, s.account, String(s.count), String(s.requests), String(s.retries), ...s.warnings);
      if (s.error) out.push(describeInfo(s.error));
    }
    out.push(...inv.certificates.map(describeCertificate));
  } catch (error: unknown) {
    if (isCloudCertError(error)) out.push(describeError(error));
    else throw error;
  }
  return out;
}
`;

// The README documents `query` and `options` as optional (`listCertificates(account, query?, options?)`).
const TS_OPTIONAL_ARGS = (from) => `import { deleteCertificate, getCertificate, inventory, listCertificates, listCertificatesPage, uploadCertificate } from "${from}";
import type { Account } from "${from}";
export async function optionalArguments(account: Account): Promise<number> {
  const all = await listCertificates(account);
  const filtered = await listCertificates(account, { domain: "shop.example.com" });
  const page = await listCertificatesPage(account);
  const next = await listCertificatesPage(account, { cursor: page.nextCursor });
  const one = await getCertificate(account, "id");
  const up = await uploadCertificate(account, { name: "n", commonName: "c", certificatePem: "p", privateKeyPem: "k" });
  await deleteCertificate(account, up.id);
  const inv = await inventory([account]);
  return all.certificates.length + filtered.requests + next.requests + one.domains.length + inv.accounts.length;
}
`;

// `cloudcerts/sign`: signRequest and the types of its arguments and result, nothing else.
const TS_SIGN = (from) => `import { isCloudCertError, signRequest } from "${from}";
import type { Account, CloudCertError, HttpRequest, SignContext, SignedRequest, Provider, ErrorCode, ErrorInfo } from "${from}";
export function signingError(caught: unknown): CloudCertError | undefined {
  return isCloudCertError(caught) ? caught : undefined;
}
import * as sign from "${from}";
export function signed(provider: Provider): string {
  const account: Account = { provider, accessKeyId: "AK", secretAccessKey: "SK" };
  const request: HttpRequest = { method: "GET", url: "https://api.qiniu.com/sslcert" };
  const context: SignContext = { timestampMs: 1_700_000_000_000 };
  const out: SignedRequest = signRequest(account, request, context);
  const code: ErrorCode = "InvalidInput";
  const info: Pick<ErrorInfo, "code"> = { code };
  // @ts-expect-error the signing entry has no normalizeResponse
  void sign.normalizeResponse;
  return out.url + (out.headers["Authorization"] ?? "") + info.code;
}
`;

const STRICT = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false, noUnusedLocals: true, noImplicitReturns: true, noUncheckedIndexedAccess: true, forceConsistentCasingInFileNames: true };

/** A strict TypeScript project of `files` in the consumer, with `nodenext` (an ES-module package) or `bundler` resolution. */
function tsProject(name, resolution, files) {
  const dir = join(consumer, name);
  const compilerOptions = resolution === "nodenext"
    ? { ...STRICT, module: "nodenext", moduleResolution: "nodenext" }
    : { ...STRICT, module: "esnext", moduleResolution: "bundler" };
  write(dir, {
    ...(resolution === "nodenext" ? { "package.json": JSON.stringify({ private: true, type: "module" }) } : {}),
    "tsconfig.json": JSON.stringify({ compilerOptions, files: Object.keys(files) }),
    ...files,
  });
  return dir;
}

async function tsc(dir) {
  try {
    await sh(process.execPath, [tscBin, "-p", dir, "--pretty", "false"], { cwd: dir });
  } catch (error) {
    assert.fail(`tsc -p ${dir} failed:\n${error.stdout || error.message}`);
  }
}

test("strict TypeScript consumers type-check: nodenext ESM (.mts) and CommonJS (.cts), and bundler resolution", { timeout: 120_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  const { version } = JSON.parse(readFileSync(join(root, "node_modules", "typescript", "package.json"), "utf8"));
  assert.match(version, /^5\./, "TypeScript 5");
  const nodenext = tsProject("ts-nodenext", "nodenext", { "esm.mts": TS_CONSUMER("cloudcerts"), "cjs.cts": TS_CONSUMER("cloudcerts") });
  const bundler = tsProject("ts-bundler", "bundler", { "root.ts": TS_CONSUMER("cloudcerts"), "web.ts": TS_CONSUMER("cloudcerts/web", { web: true }) });
  const signing = tsProject("ts-sign", "nodenext", { "esm.mts": TS_SIGN("cloudcerts/sign"), "cjs.cts": TS_SIGN("cloudcerts/sign") });
  const signingBundler = tsProject("ts-sign-bundler", "bundler", { "sign.ts": TS_SIGN("cloudcerts/sign"), "bundler.ts": TS_SIGN("cloudcerts/bundler/sign") });
  await tsc(nodenext);
  await tsc(bundler);
  await tsc(signing);
  await tsc(signingBundler);
  // The checks have teeth: a misspelt field fails.
  write(bundler, { "broken.ts": `import type { Certificate } from "cloudcerts";\nexport const f = (c: Certificate): string => c.notAfterr ?? "";\n` });
  writeFileSync(join(bundler, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT, module: "esnext", moduleResolution: "bundler" }, files: ["broken.ts"] }));
  await assert.rejects(sh(process.execPath, [tscBin, "-p", bundler, "--pretty", "false"], { cwd: bundler }), /notAfterr/);
});

test("TypeScript: query and options may be omitted, as the README documents", { timeout: 120_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  await tsc(tsProject("ts-optional", "nodenext", { "node.mts": TS_OPTIONAL_ARGS("cloudcerts"), "web.mts": TS_OPTIONAL_ARGS("cloudcerts/web") }));
});

/** Serves `dir` on 127.0.0.1 and returns the DOM headless Chromium renders for `path`. */
async function renderInChromium(dir, path) {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (scripts/setup.sh installs Debian's chromium; or set CHROMIUM)`);
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".css": "text/css" };
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = resolve(dir, rel);
    if (!file.startsWith(resolve(dir)) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const profile = mkdtempSync(join(work, "chromium-"));
  try {
    const { stdout } = await sh(CHROMIUM, [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, "--virtual-time-budget=15000", "--dump-dom",
      `http://127.0.0.1:${server.address().port}${path}`,
    ], { timeout: 60_000 });
    return stdout;
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A page that lists the sandbox's Qiniu account through the proxy given as `?proxy=`. */
const PAGE_MAIN = (imports, setup) => `${imports}

const out = document.querySelector("#out");
try {
  ${setup}
  const body = JSON.stringify({ marker: "", certs: [{ certid: "c1", name: "shop", common_name: "shop.example.com", dnsnames: ["shop.example.com"], not_before: 1700000000, not_after: 1800000000 }] });
  const [cert] = normalizeResponse("qiniu", body, { now: 1750000000000 });
  const proxy = new URLSearchParams(location.search).get("proxy");
  const list = await listCertificates(${JSON.stringify(plainAccount("qiniu"))}, undefined, { proxy });
  out.textContent = "OK " + JSON.stringify({ id: cert.id, status: cert.status, count: list.certificates.length });
} catch (error) {
  out.textContent = "ERR " + (error && (error.code || error.name)) + " " + (error && error.message);
}
`;
const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cloudcerts consumer</title></head>
<body><pre id="out">loading</pre><script type="module" src="./main.js"></script></body></html>
`;

async function viteBuild(name, main) {
  const { version } = JSON.parse(readFileSync(join(root, "node_modules", "vite", "package.json"), "utf8"));
  assert.match(version, /^7\./, "Vite 7");
  const app = join(consumer, name);
  const outDir = join(app, "dist");
  write(app, { "index.html": PAGE_HTML, "main.js": main });
  const { stdout, stderr } = await sh(process.execPath, [viteBin, "build", app, "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: app });
  assert.ok(existsSync(join(outDir, "index.html")), `no index.html:\n${stdout}\n${stderr}`);
  const assets = readdirSync(join(outDir, "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  const js = assets.filter((f) => f.endsWith(".js"));
  const code = js.map((f) => readFileSync(join(outDir, "assets", f), "utf8")).join("\n");
  return { outDir, assets, wasm, js, code, html: readFileSync(join(outDir, "index.html"), "utf8") };
}

test("Vite 7 builds a page that imports cloudcerts/web, with the wasm as an asset; it lists the sandbox in Chromium", { timeout: 120_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  const build = await viteBuild("vite-web", PAGE_MAIN('import init, { normalizeResponse, listCertificates } from "cloudcerts/web";', "await init();"));
  // The main module, plus the inspector and the ACME module, which only lazily imported chunks
  // reference.
  const main = build.wasm.filter((f) => f.startsWith("cloudcerts_bg"));
  assert.equal(main.length, 1, `wasm assets: ${build.assets.join(", ")}`);
  assert.deepEqual(build.wasm.filter((f) => !main.includes(f)).map((f) => f.split("-")[0]).sort(), ["cloudcerts_acme_bg", "cloudcerts_inspect_bg"]);
  const entry = build.js.find((f) => build.html.includes(`assets/${f}`));
  const entryCode = readFileSync(join(build.outDir, "assets", entry), "utf8");
  assert.ok(!entryCode.includes("cloudcerts_inspect_bg"), "the entry chunk must not load the inspector eagerly");
  assert.ok(!entryCode.includes("cloudcerts_acme_bg"), "the entry chunk must not load the ACME module eagerly");
  build.wasm = main;
  const bytes = readFileSync(join(build.outDir, "assets", build.wasm[0]));
  assert.deepEqual([...bytes.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "the asset is WebAssembly");
  assert.ok(bytes.equals(readFileSync(join(consumer, "node_modules", "cloudcerts", "web", "cloudcerts_bg.wasm"))), "the asset is the package's web wasm");
  assert.ok(build.js.length >= 1, `no JS chunk: ${build.assets.join(", ")}`);
  assert.ok(build.code.includes(build.wasm[0]), `the JS does not reference ${build.wasm[0]}`);
  assert.ok(build.js.some((f) => build.html.includes(`assets/${f}`)), "index.html loads the bundle");
  const dom = await renderInChromium(build.outDir, `/?proxy=${encodeURIComponent(px.url)}`);
  assert.match(dom, /OK \{"id":"c1","status":"active","count":36\}/, dom);
});

test("Vite 7: a page that imports `cloudcerts` (no init call, as for a bundler) works", { timeout: 120_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  // README: `import … from "cloudcerts"` in a bundler gets a build that needs no `init()`.
  const build = await viteBuild("vite-root", PAGE_MAIN('import { normalizeResponse, listCertificates } from "cloudcerts";', ""));
  const dom = await renderInChromium(build.outDir, `/?proxy=${encodeURIComponent(px.url)}`);
  assert.match(dom, /OK \{"id":"c1","status":"active","count":36\}/, `the page says: ${dom.match(/<pre id="out">([^<]*)/)?.[1] ?? dom}`);
});

test("Vite 7: a page that imports `cloudcerts/sign` bundles the signing module alone (under 100 KB gzipped) and signs in Chromium", { timeout: 120_000 }, async () => {
  assert.ok(consumer, "the install test did not run");
  const account = { provider: "tencent-ssl", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" };
  const request = { method: "POST", url: "https://ssl.tencentcloudapi.com/", body: '{"Limit":1000,"Offset":0}' };
  const build = await viteBuild("vite-sign", `import { signRequest } from "cloudcerts/sign";
const out = document.querySelector("#out");
try {
  const signed = signRequest(${JSON.stringify(account)}, ${JSON.stringify(request)}, { timestampMs: 1700000000000 });
  out.textContent = "OK " + signed.headers.Authorization;
} catch (error) {
  out.textContent = "ERR " + (error && error.message);
}
`);
  assert.deepEqual(build.wasm.map((f) => f.split("-")[0]), ["cloudcerts_sign_bg"], `wasm assets: ${build.assets.join(", ")}`);
  const wasm = readFileSync(join(build.outDir, "assets", build.wasm[0]));
  assert.ok(wasm.equals(readFileSync(join(consumer, "node_modules", "cloudcerts", "web", "cloudcerts_sign_bg.wasm"))), "the package's signing module");
  const gzipped = gzipSync(wasm, { level: 9 }).length + build.js.reduce((n, f) => n + gzipSync(readFileSync(join(build.outDir, "assets", f)), { level: 9 }).length, 0);
  assert.ok(gzipped < 100_000, `the page's wasm and JS are ${gzipped} B gzipped`);
  const dom = await renderInChromium(build.outDir, "/");
  assert.match(dom, /OK TC3-HMAC-SHA256 .*Signature=a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579/, dom);
});
