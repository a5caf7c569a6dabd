// ACME in the browser, and the renewal rolled out (issue 18), with no internet. The same bed as
// tests/node/acme.test.mjs: pebble (a test CA) validating DNS-01 against pebble-challtestsrv, into
// which the sandbox writes the TXT records its DNSPod emulation is asked for, every request
// through the CORS proxy (vendor hosts to the sandbox, pebble as its `acme` upstream), here
// allowing only the page's origin. One HTTP server on 127.0.0.1 serves a tiny page, pkg/web and
// tests/support/acme-cases.mjs (the runs, written once for Node and the page); headless Chromium
// loads the page, which imports pkg/web/index.js.
//   - The proxy answers the page's origin and refuses another.
//   - In Chromium: issueCertificate for two names and a wildcard through DNSPod; the chain
//     inspected in the page (in order, key matching, SANs the names); every step reported; no
//     page or console error; the page's requests preflighted through the proxy; every TXT record
//     removed at the provider and from the DNS pebble asks.
//   - renewCertificate, in Node (pkg/node) and in Chromium: an old certificate for three names
//     (tests/support/expiring-cert.mjs: 20 days left) uploaded to Tencent SSL, Certificate Center
//     and Qiniu; inventory lists it; its successor issued by pebble is uploaded to each account,
//     the old one deleted there, nothing else touched; the Replacement as cloudcerts.d.ts
//     documents it; the listings afterwards; no record left; no private key in any progress.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { Resolver } from "node:dns/promises";
import { chromium } from "playwright-core";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor, accounts as sandboxAccounts } from "../../sandbox/accounts.mjs";
import { startPebble } from "../support/pebble.mjs";
import { makeExpiringCertificate } from "../support/expiring-cert.mjs";
import { issueCase, renewCase } from "../support/acme-cases.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SECRETS = [...new Set(sandboxAccounts.flatMap((a) => [a.secretAccessKey, a.sessionToken]).filter(Boolean))];
/** A sandbox account as a plain library `Account` (without the sandbox's `dataSeed`). */
const plain = (provider) => {
  const { dataSeed, ...account } = accountFor(provider);
  return account;
};
const tencentDns = plain("tencent-dns");
/** Where the renewal is rolled out: one account at each of three providers. */
const RENEWED = ["tencent-ssl", "volcengine-cert", "qiniu"].map(plain);
/** The old certificate's names (the common name first): three zones of the DNSPod account, no
 * name beside its own wildcard (pebble 2.4 cannot validate two TXT values on one name). */
const RENEW_NAMES = ["renew.example.org", "www.renew.example.net", "*.edge.example.com"];

let cc; // pkg/node/index.mjs
let pebble;
let sb; // sandbox
let px; // CORS proxy, allowing the page's origin only
let server; // the page, pkg/web, the runs
let origin; // the page's origin
let browser;
let dir; // scratch (the old certificates)
const served = [];
const missing = []; // paths the server answered 404
const proxied = []; // the proxy's log: "METHOD host/path status Nms"

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>cloudcerts ACME</title>
<script type="module">
  import * as cloudcerts from "/pkg/web/index.js";
  import * as cases from "/tests/support/acme-cases.mjs";
  Object.assign(window, { cloudcerts, cases });
  document.title = "ready";
</script>`;

function startServer() {
  const srv = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    served.push(path);
    if (req.method !== "GET") return res.writeHead(405).end();
    if (path === "/") return res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" }).end(PAGE);
    if (path === "/favicon.ico") return res.writeHead(204).end(); // asked by Chromium on every page
    let file;
    if (path === "/tests/support/acme-cases.mjs") file = join(root, "tests/support/acme-cases.mjs");
    else if (path.startsWith("/pkg/web/")) {
      file = normalize(join(root, "pkg/web", decodeURIComponent(path.slice("/pkg/web/".length))));
      if (!file.startsWith(join(root, "pkg/web") + sep)) file = undefined; // no way out of pkg/web
    }
    if (!file || !existsSync(file) || !TYPES[extname(file)]) {
      missing.push(path);
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)], "cache-control": "no-store" }).end(readFileSync(file));
  });
  return new Promise((ok) => srv.listen(0, "127.0.0.1", () => ok(srv)));
}

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

/** No secret key and no private key in `value`. */
function assertClean(what, value) {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${what}: a secret key`);
  assert.ok(!/PRIVATE KEY/.test(text), `${what}: a private key`);
}

/**
 * A fresh page of the test server in its own context, with the package imported; `errors`
 * collects its uncaught errors and console errors (a CORS refusal is one).
 */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.title === "ready" && window.cloudcerts && window.cases, null, { timeout: 20_000 });
  return { page, errors, close: () => context.close() };
}

/** One of acme-cases.mjs's runs in the page, with the web build. */
const inPage = (page, name, input) => page.evaluate(({ name, input }) => window.cases[name](window.cloudcerts, input), { name, input });

before(async () => {
  const files = ["pkg/node/index.mjs", "pkg/node/cloudcerts_acme_bg.wasm", "pkg/web/index.js", "pkg/web/cloudcerts_acme_bg.wasm", "pkg/web/renew.js", "pkg/web/replace.js"].map((f) => join(root, f));
  for (let i = 0; i < 120 && !files.every((f) => existsSync(f)); i++) await delay(500); // a rebuild swaps pkg/ in
  assert.ok(files.every((f) => existsSync(f)), "pkg/ is missing the ACME module: run `npm run build` first");
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  dir = mkdtempSync(join(tmpdir(), "cloudcerts-acme-browser-"));
  pebble = await startPebble();
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: 4, challtestsrv: pebble.challtestsrvUrl });
  server = await startServer();
  origin = `http://127.0.0.1:${server.address().port}`;
  px = await startProxy({ port: 0, sandbox: sb.url, allowedOrigins: [origin], log: (line) => proxied.push(line), acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem } });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    timeout: 30_000,
  });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((ok) => server.close(ok));
  }
  await px?.close();
  await sb?.close();
  await pebble?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, { timeout: 30_000 });

beforeEach(() => {
  sb.reset();
  for (const list of [served, missing, proxied]) list.length = 0;
});

test("the proxy allows the page's origin and no other", async () => {
  const target = `${px.url}${pebble.directoryUrl}`;
  const allowed = await fetch(target, { headers: { Origin: origin } });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get("access-control-allow-origin"), origin);
  const refused = await fetch(target, { headers: { Origin: "http://127.0.0.1:1" } });
  assert.notEqual(refused.status, 200);
  assert.equal(refused.headers.get("access-control-allow-origin"), null);
});

test("Chromium: issueCertificate for two names and a wildcard through DNSPod, inspected in the page, the records removed", { timeout: 90_000 }, async () => {
  const { page, errors, close } = await openPage();
  try {
    const domains = ["shop.example.org", "api.example.net", "*.cdn.example.com"];
    const run = await inPage(page, "issueCase", { directory: pebble.directoryUrl, domains, dns: tencentDns, proxy: px.url, contact: ["mailto:ops@example.com"] });
    assert.equal(run.error, undefined, JSON.stringify(run.error));
    const { issued, report, progress } = run;
    assert.deepEqual(issued.domains, domains);
    assert.match(issued.accountUrl, /^https:\/\/localhost:\d+\/my-account\//);
    assert.match(issued.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(issued.accountKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.notEqual(issued.privateKeyPem, issued.accountKeyPem);
    assert.ok(Date.parse(issued.notAfter) > Date.now() + 30 * 86_400_000, issued.notAfter);

    // inspectCertificate in the page: the chain in order, the key matching the leaf, the names.
    assert.ok(report.certificates.length >= 2, "leaf and intermediate");
    assert.equal(report.chainInOrder, true, JSON.stringify(report.problems));
    assert.equal(report.keyMatches, true);
    assert.deepEqual([...report.certificates[0].sans].sort(), [...domains].sort());
    assert.equal(report.certificates[0].serialNumber, issued.serialNumber);
    assert.equal(report.certificates[0].notAfter, issued.notAfter);
    assert.equal(report.ok, true, JSON.stringify(report.problems));

    // Every step, a challenge per name, no key in any of them.
    const steps = progress.map((p) => p.step);
    assert.deepEqual(steps.filter((s) => s !== "challenge"), ["account", "order", "validation", "cleanup", "finalize", "download"]);
    assert.deepEqual(steps.slice(2, 5), ["challenge", "challenge", "challenge"]);
    assert.deepEqual(progress.filter((p) => p.step === "challenge").map((p) => p.domain).sort(), ["api.example.net", "cdn.example.com", "shop.example.org"]);
    assertClean("progress", progress);

    // The ACME module's wasm came from the test server; the page logged no error.
    assert.ok(served.includes("/pkg/web/cloudcerts_acme_bg.wasm"), served.join(" "));
    assert.deepEqual(missing, [], "every file the page asked for was served");
    assert.deepEqual(errors, []);
    // Three records published, three removed: none left at the provider, none in the DNS.
    assert.deepEqual(await dnsState(), { created: 3, deleted: 3, held: [] });
    for (const name of ["shop.example.org", "api.example.net", "cdn.example.com"]) assert.deepEqual(await txt(`_acme-challenge.${name}`), [], name);

    // The page's requests went through the proxy, preflighted (JWS bodies to pebble, signed JSON
    // to DNSPod), and none was refused.
    const pebbleHost = new URL(pebble.directoryUrl).host;
    assert.ok(proxied.some((l) => l.startsWith(`OPTIONS ${pebbleHost}/`) && / 204 /.test(l)), proxied.join("\n"));
    assert.ok(proxied.some((l) => l.startsWith(`POST ${pebbleHost}/`) && / 20[01] /.test(l)), proxied.join("\n"));
    assert.ok(proxied.some((l) => l.startsWith("POST dnspod.tencentcloudapi.com/ 200")), proxied.join("\n"));
    assert.ok(!proxied.some((l) => / 403 /.test(l)), proxied.join("\n"));
  } finally {
    await close();
  }
});

/**
 * Puts an old certificate for RENEW_NAMES (20 days left) into each renewal account, with the
 * Node build through the proxy; its id in each account and the certificate.
 */
async function seedOld() {
  const old = await makeExpiringCertificate(dir, { names: RENEW_NAMES });
  const ids = [];
  for (const account of RENEWED) {
    const uploaded = await cc.uploadCertificate(account, { name: "renew-old", commonName: RENEW_NAMES[0], ...old }, { proxy: px.url });
    assert.ok(uploaded.id && !uploaded.existing, `${account.provider}: ${JSON.stringify(uploaded)}`);
    ids.push(uploaded.id);
  }
  return { old, ids };
}

/** The listed certificates of `account` in an inventory, by id. */
const listedIn = (inventory, account) => inventory.certificates.filter((c) => c.provider === account.provider && c.account === account.label);
const sameNames = (c) => [...c.domains].sort().join() === [...RENEW_NAMES].sort().join();

/** What renewCase resolved to, checked alike for every runtime. */
async function checkRenewal(what, run, seeded) {
  assert.equal(run.error, undefined, `${what}: ${JSON.stringify(run.error)}`);
  const { before, old, renewed, report, after, progress } = run;
  const { issued, replacement } = renewed;
  const sorted = [...RENEW_NAMES].sort();

  // The old certificate as inventory listed it, in every account, with its 20 days.
  for (const [i, account] of RENEWED.entries()) {
    const held = listedIn(before, account).filter(sameNames);
    assert.deepEqual(held.map((c) => c.id), [seeded.ids[i]], `${what}: ${account.provider} lists the old certificate`);
    assert.equal(Date.parse(held[0].notAfter), Date.parse(seeded.old.notAfter), `${what}: ${account.provider}: old notAfter`);
  }
  assert.equal(old.id, seeded.ids[0]);

  // The successor: issued by pebble for the same names (the common name first), key matching.
  assert.deepEqual(issued.domains, RENEW_NAMES, `${what}: issued for the old certificate's names, its common name first`);
  assert.equal(report.chainInOrder, true, `${what}: ${JSON.stringify(report.problems)}`);
  assert.equal(report.keyMatches, true, what);
  assert.equal(report.ok, true, `${what}: ${JSON.stringify(report.problems)}`);
  assert.deepEqual([...report.certificates[0].sans].sort(), sorted);
  const newNotAfter = Date.parse(issued.notAfter);
  assert.ok(newNotAfter > Date.parse(seeded.old.notAfter), `${what}: the successor expires later (${issued.notAfter})`);

  // The Replacement, as cloudcerts.d.ts documents it: the certificate read from the bundle, not a
  // dry run, one entry per account in the order given, each replacing the old one, uploaded once
  // (not `existing`), the old one deleted, nothing refused, no error.
  assert.equal(replacement.dryRun, false);
  assert.deepEqual([...replacement.certificate.domains].sort(), sorted);
  assert.equal(Date.parse(replacement.certificate.notAfter), newNotAfter);
  assert.equal(replacement.certificate.fingerprintSha256, report.certificates[0].fingerprintSha256);
  assert.equal(replacement.certificate.commonName, report.certificates[0].commonName);
  assert.deepEqual(replacement.accounts.map((e) => [e.provider, e.account]), RENEWED.map((a) => [a.provider, a.label]));
  const successors = [];
  for (const [i, e] of replacement.accounts.entries()) {
    const entry = `${what}: ${JSON.stringify(e)}`;
    assert.equal(e.error, undefined, entry);
    assert.deepEqual(e.replaces, [seeded.ids[i]], entry);
    assert.ok(typeof e.uploaded?.id === "string" && e.uploaded.id !== "" && e.uploaded.id !== seeded.ids[i], entry);
    assert.notEqual(e.uploaded.existing, true, entry);
    assert.deepEqual(e.deleted, [seeded.ids[i]], entry);
    assert.deepEqual(e.refused, [], entry);
    successors.push(e.uploaded.id);
  }

  // Listed afterwards: in each account the successor with the new notAfter, the old one gone,
  // the sandbox's own certificates untouched.
  for (const [i, account] of RENEWED.entries()) {
    const listed = listedIn(after, account);
    const held = listed.filter(sameNames);
    assert.deepEqual(held.map((c) => c.id), [successors[i]], `${what}: ${account.provider} lists the successor alone`);
    assert.equal(Date.parse(held[0].notAfter), newNotAfter, `${what}: ${account.provider}: ${held[0].notAfter} vs ${issued.notAfter}`);
    assert.equal(held[0].name, `${RENEW_NAMES[0]}-${issued.notAfter.slice(0, 10)}`, `${what}: ${account.provider}: the default name (common name and expiry date)`);
    assert.equal(held[0].status, "active", `${what}: ${account.provider}`);
    assert.ok(!listed.some((c) => c.id === seeded.ids[i]), `${what}: ${account.provider}: the old one deleted`);
    const others = (inv) => listedIn(inv, account).filter((c) => !sameNames(c)).map((c) => c.id).sort();
    assert.deepEqual(others(after), others(before), `${what}: ${account.provider}: nothing else touched`);
  }
  assert.deepEqual(after.accounts.map((a) => a.error), [undefined, undefined, undefined]);

  // Progress: the issuance's steps, then the listing's pages and each account's upload and
  // deletion; no private key (nor secret) in any of it.
  const issueSteps = progress.filter((p) => "step" in p && !("provider" in p)).map((p) => p.step);
  assert.deepEqual(issueSteps.filter((s) => s !== "challenge"), ["account", "order", "validation", "cleanup", "finalize", "download"], what);
  assert.equal(issueSteps.filter((s) => s === "challenge").length, 3);
  const lastIssue = progress.findLastIndex((p) => !("provider" in p));
  const firstWrite = progress.findIndex((p) => "provider" in p);
  assert.ok(firstWrite > lastIssue, `${what}: the roll-out after the issuance`);
  assert.ok(progress.some((p) => "provider" in p && !("step" in p)), `${what}: the listing's pages`);
  for (const account of RENEWED) {
    const writes = progress.filter((p) => p.provider === account.provider && p.account === account.label && "step" in p);
    assert.deepEqual(writes.map((p) => [p.done, p.total, p.step]), [[1, 2, "upload"], [2, 2, "delete"]], `${what}: ${account.provider}`);
  }
  assertClean(`${what}: progress`, progress);
  assertClean(`${what}: replacement`, replacement);

  // Every TXT record removed at the provider and from the DNS.
  assert.deepEqual(await dnsState(), { created: 3, deleted: 3, held: [] }, what);
  for (const name of RENEW_NAMES) assert.deepEqual(await txt(`_acme-challenge.${name.replace(/^\*\./, "")}`), [], `${what}: ${name}`);
}

test("Node: renewCertificate issues the successor and rolls it out to Tencent SSL, Certificate Center and Qiniu, deleting the old ones", { timeout: 90_000 }, async () => {
  const seeded = await seedOld();
  const run = await renewCase(cc, { directory: pebble.directoryUrl, dns: tencentDns, accounts: RENEWED, names: RENEW_NAMES, proxy: px.url });
  await checkRenewal("node", run, seeded);
});

test("Chromium: the same renewal from the page", { timeout: 90_000 }, async () => {
  const seeded = await seedOld();
  const { page, errors, close } = await openPage();
  try {
    const run = await inPage(page, "renewCase", { directory: pebble.directoryUrl, dns: tencentDns, accounts: RENEWED, names: RENEW_NAMES, proxy: px.url });
    await checkRenewal("chromium", run, seeded);
    assert.ok(served.includes("/pkg/web/renew.js") && served.includes("/pkg/web/replace.js"), "renew.js and replace.js loaded on first use");
    assert.deepEqual(missing, [], "every file the page asked for was served");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
