// The demo console (www/) end to end in headless Chromium: the sandbox, the CORS proxy and the
// static server run in this process on free loopback ports; the page gets the proxy's address
// from the query string (never a secret in the URL). It runs the inventory, checks the table
// against the sandbox's own data, filters, sorts, exports, opens the details drawer, uploads and
// deletes a Qiniu certificate (after the form's local check: errors block Upload), renews
// certificates ticked in the table at three providers (plan, then run), renews an expiring
// certificate with ACME (pebble, tests/support/pebble.mjs, validating DNS-01 against
// pebble-challtestsrv, into which the sandbox's DNS emulations write; the proxy admits pebble as
// its `acme` upstream), shows a failing account's error, and saves screenshots at desktop and
// phone widths under test-results/screenshots/. scripts/demo-pebble.mjs (npm run demo's pebble)
// is run as demo.sh runs it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/proxy.mjs";
import { certificatesFor } from "../../sandbox/data.mjs";
import { startStatic } from "../../scripts/serve.mjs";
import { sampleCertificate } from "../../sandbox/samples.mjs";
import { startPebble } from "../support/pebble.mjs";
import { pageInfo } from "../../scripts/demo-pebble.mjs";
import { toCsv, sortCertificates, filterCertificates, normalizeProxy, weeklyExpiry, countProblems, formatFingerprint, keyText, zoneOf, dnsAccountsFor, renewalNames } from "../../www/model.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const shots = join(root, "test-results", "screenshots");
const DAY = 86_400_000;
const SECRETS = ["sandbox-secret-tencent", "sandbox-secret-volcengine", "sandbox-secret-qiniu", "wrong-secret-typo", "not-the-sandbox-secret"];
const SANDBOX = [
  ["tencent-ssl", "sandbox-tencent-ssl", "AKIDSANDBOXTENCENT"],
  ["tencent-legacy", "sandbox-tencent-legacy", "AKIDSANDBOXTENCENT"],
  ["volcengine-live", "sandbox-volcengine-live", "AKLTSANDBOXVOLCENGINE"],
  ["volcengine-cert", "sandbox-volcengine-cert", "AKLTSANDBOXVOLCENGINE"],
  ["qiniu", "sandbox-qiniu", "SANDBOXQINIUACCESSKEY"],
];

let pebble, sandbox, proxy, web, browser, context, page, downloads;
let sampleKeyBody = "never-set"; // a line of the sandbox sample's private key, once the form shows it
const pageErrors = [];
const consoleLines = [];

before(async () => {
  assert.ok(existsSync(join(root, "pkg", "web", "cloudcerts.js")), "pkg/ is missing: run `npm run build` first");
  mkdirSync(shots, { recursive: true });
  downloads = mkdtempSync(join(tmpdir(), "cloudcerts-demo-"));
  // As npm run demo: pebble's DNS gets the sandbox's TXT records; the proxy admits pebble.
  pebble = await startPebble();
  sandbox = await startSandbox({ port: 0, challtestsrv: pebble.challtestsrvUrl });
  proxy = await startProxy({ port: 0, sandbox: sandbox.url, acme: { url: new URL(pebble.directoryUrl).origin, caPem: pebble.caCertPem } });
  web = await startStatic({ port: 0 });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, reducedMotion: "reduce" });
  // What scripts/demo-pebble.mjs writes to www/demo-acme.json under npm run demo (the test leaves www/ alone).
  await context.route("**/demo-acme.json", (route) => route.fulfill({ json: pageInfo(pebble) }));
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => consoleLines.push(m.text()));
});

after(async () => {
  await context?.close();
  await browser?.close();
  if (web) {
    web.closeAllConnections?.();
    await new Promise((ok) => web.close(ok));
  }
  await proxy?.close();
  await sandbox?.close();
  await pebble?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

const webUrl = () => `http://127.0.0.1:${web.address().port}/`;
// Screenshots of the viewport (a full page of 170 rows is too tall to look at), without toasts.
async function shot(name, scrollTo) {
  await page.evaluate((sel) => {
    document.getElementById("toasts").replaceChildren();
    if (sel) document.querySelector(sel).scrollIntoView({ block: "start" });
    else window.scrollTo(0, 0);
  }, scrollTo ?? null);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}
const runs = () => page.evaluate(() => Number(document.body.dataset.runs ?? 0));
async function runInventory() {
  const before = await runs();
  await page.getByRole("button", { name: "Run inventory" }).click();
  await page.waitForFunction((n) => Number(document.body.dataset.runs ?? 0) > n, before, { timeout: 30_000 });
}
const rows = () =>
  page.$$eval("#cert-rows tr", (trs) => trs.map((tr) => ({ ...tr.dataset, days: tr.dataset.days === "" ? null : Number(tr.dataset.days), name: tr.querySelector(".cell-name .link").textContent })));
const expectedIds = (provider, key) => certificatesFor(provider, key, sandbox.state().certs, { anchorMs: sandbox.anchorMs, nowMs: sandbox.now() }).map((c) => c.id);

test("model helpers: CSV escaping, sorting with missing values last, filters, proxy URLs, weekly buckets", () => {
  const csv = toCsv([{ provider: "qiniu", account: "a", id: "1", name: '=cmd|"x"', domains: ["a.com", "b.com"], daysRemaining: -3, status: "expired", wildcard: false }]);
  const line = csv.split("\r\n")[1];
  assert.match(line, /^qiniu,a,1,"'=cmd\|""x""",,a\.com b\.com,,,-3,expired,/);
  const certs = [
    { provider: "qiniu", account: "a", id: "1", domains: [], status: "active", daysRemaining: 90 },
    { provider: "qiniu", account: "a", id: "2", domains: [], status: "pending" },
    { provider: "qiniu", account: "a", id: "3", domains: [], status: "expiring", daysRemaining: 3 },
    { provider: "qiniu", account: "a", id: "4", domains: [], status: "expired", daysRemaining: -400 },
    { provider: "qiniu", account: "a", id: "5", domains: [], status: "expired", daysRemaining: -2 },
  ];
  assert.deepEqual(sortCertificates(certs).map((c) => c.id), ["3", "5", "4", "1", "2"]);
  assert.deepEqual(sortCertificates(certs, "days", "asc").map((c) => c.id), ["4", "5", "3", "1", "2"]);
  assert.deepEqual(sortCertificates(certs, "days", "desc").map((c) => c.id), ["1", "3", "5", "4", "2"]);
  assert.deepEqual(filterCertificates(certs, { status: "attention" }).map((c) => c.id), ["3", "4", "5"]);
  assert.equal(normalizeProxy("http://127.0.0.1:8787"), "http://127.0.0.1:8787/");
  assert.equal(normalizeProxy("ftp://x/"), null);
  assert.equal(normalizeProxy("http://user:pw@x/"), null);
  const now = Date.UTC(2030, 0, 1);
  const weeks = weeklyExpiry([{ provider: "qiniu", status: "expiring", notAfter: new Date(now + 8 * 86_400_000).toISOString() }], now);
  assert.equal(weeks.length, 26);
  assert.equal(weeks[1].byProvider.qiniu, 1);
  // The upload form's check.
  assert.deepEqual(countProblems([{ severity: "error" }, { severity: "warning" }, { severity: "error" }]), { errors: 2, warnings: 1 });
  assert.deepEqual(formatFingerprint("0a1b2c3d4e5f60718293a4b5c6d7e8f9"), { full: "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9", short: "0A:1B:2C:3D…C6:D7:E8:F9" });
  assert.equal(keyText({ keyAlgorithm: "EC", keyBits: 256, curve: "P-256" }), "EC P-256");
  assert.equal(keyText({ algorithm: "RSA", bits: 2048 }), "RSA 2048 bits");
  assert.equal(keyText({ keyAlgorithm: "Ed25519", curve: "Ed25519" }), "Ed25519");
  // Renew with ACME: the zone that holds a name (the longest), the DNS accounts holding them all.
  assert.equal(zoneOf("*.a.shop.example.com", ["example.com", "shop.example.com"]), "shop.example.com");
  assert.equal(zoneOf("example.com.", ["example.com"]), "example.com");
  assert.equal(zoneOf("notexample.com", ["example.com"]), undefined);
  const dns = [{ label: "a", zones: ["example.com"] }, { label: "b", zones: ["example.com", "example.io"] }];
  assert.deepEqual(dnsAccountsFor(["x.example.com", "*.example.io"], dns).map((a) => a.label), ["b"]);
  assert.deepEqual(dnsAccountsFor([], dns), []);
  assert.deepEqual(renewalNames({ commonName: "A.example.com", domains: ["b.example.com", "a.example.com"] }), ["A.example.com", "b.example.com"]);
});

test("the page loads the web build with the five sandbox accounts, one failing on purpose, and the proxy from the query string", async () => {
  await page.goto(`${webUrl()}?proxy=${encodeURIComponent(proxy.url)}`);
  await page.waitForSelector("body[data-state=ready]");
  assert.equal(await page.inputValue("#proxy"), proxy.url);
  const labels = await page.$$eval("#account-list li.account", (lis) => lis.map((li) => `${li.dataset.provider}:${li.dataset.label}`));
  assert.deepEqual(labels, [...SANDBOX.map(([p, l]) => `${p}:${l}`), "qiniu:wrong-key-on-purpose"]);
  // Secrets are nowhere in the markup (only masked key ids are shown).
  const html = await page.content();
  for (const s of SECRETS) assert.ok(!html.includes(s), `the page shows the secret ${s}`);
});

test("an account with a wrong key fails with Auth (code, hint, request id shown) while the others load", async () => {
  // The preloaded one fails alone, explained, on a newcomer's first run.
  await runInventory();
  const onPurpose = page.locator('li.account[data-label="wrong-key-on-purpose"]');
  assert.equal(await onPurpose.locator("[data-role=error]").getAttribute("data-code"), "Auth");
  assert.match(await onPurpose.innerText(), /check the AccessKey and SecretKey/i, "the hint is shown");
  assert.match(await page.locator("#failure-banner").innerText(), /1 of 6 accounts failed: wrong-key-on-purpose \(Auth\)/);
  assert.equal(await page.locator("#tile-failing").innerText(), "1");

  await page.getByRole("button", { name: "Add account" }).click();
  await page.selectOption("#add-provider", "qiniu");
  await page.fill("#add-label", "typo");
  await page.fill("#add-key", "SANDBOXQINIUACCESSKEY");
  await page.fill("#add-secret", "wrong-secret-typo");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  assert.equal(await page.locator("#account-list li.account").count(), 7);
  assert.ok(!page.url().includes("wrong-secret"), "a secret reached the URL");
  const stored = await page.evaluate(() => JSON.stringify([{ ...sessionStorage }, { ...localStorage }]));
  for (const s of SECRETS) assert.ok(!stored.includes(s), `${s} stored without consent`);

  await runInventory();
  const typo = page.locator('li.account[data-label="typo"]');
  assert.equal(await typo.locator("[data-role=error]").getAttribute("data-code"), "Auth");
  const text = await typo.innerText();
  assert.match(text, /Auth/);
  assert.match(text, /check the AccessKey and SecretKey/i, "the hint is shown");
  assert.match(text, /Request id\s*\S+/, "the request id is shown");
  for (const [, label] of SANDBOX) {
    const li = page.locator(`li.account[data-label="${label}"]`);
    assert.equal(await li.locator("[data-role=error]").count(), 0, `${label} failed`);
    assert.match(await li.locator("[data-role=result]").innerText(), /\d+ certificates/);
  }
  assert.match(await page.locator("#failure-banner").innerText(), /2 of 7 accounts failed: wrong-key-on-purpose \(Auth\), typo \(Auth\)/);
  assert.equal(await page.locator("#tile-failing").innerText(), "2");
});

test("the table holds exactly the sandbox's certificates, expiring first", async () => {
  const got = await rows();
  let total = 0;
  for (const [provider, label, key] of SANDBOX) {
    const ids = got.filter((r) => r.provider === provider).map((r) => r.id);
    assert.ok(got.filter((r) => r.provider === provider).every((r) => r.account === label));
    const want = expectedIds(provider, key);
    assert.deepEqual([...ids].sort(), [...want].sort(), `${provider}: the ids differ from the sandbox's`);
    total += want.length;
  }
  // Volcengine Live lists only certificates that carry an issued certificate.
  assert.ok(expectedIds("volcengine-live", "AKLTSANDBOXVOLCENGINE").length < expectedIds("volcengine-cert", "AKLTSANDBOXVOLCENGINE").length);
  assert.equal(got.length, total);
  assert.equal(new Set(got.map((r) => r.key)).size, total, "a row is repeated");
  assert.equal(await page.locator("#tile-total").innerText(), String(total));
  assert.equal(await page.locator("#tile-expiring").innerText(), String(got.filter((r) => r.status === "expiring").length));
  assert.equal(await page.locator("#tile-expired").innerText(), String(got.filter((r) => r.status === "expired").length));
  for (const r of got) {
    if (r.status === "expiring") assert.ok(r.days >= 0 && r.days <= 30, `${r.id} expiring with ${r.days} days`);
    if (r.status === "active") assert.ok(r.days > 30, `${r.id} active with ${r.days} days`);
  }
  // Default order: expiring soonest first, then the expired (most recent first).
  const expiring = got.filter((r) => r.status === "expiring");
  assert.ok(expiring.length > 0);
  assert.deepEqual(got.slice(0, expiring.length).map((r) => r.status), expiring.map(() => "expiring"));
  const days = expiring.map((r) => r.days);
  assert.deepEqual(days, [...days].sort((a, b) => a - b));
  assert.equal(got[expiring.length].status, "expired");
  assert.equal(await page.getAttribute("#cert-table th[data-sort=status]", "aria-sort"), "ascending");
  // The timeline drew 26 weeks.
  assert.equal(await page.locator("#timeline .tl-week").count(), 26);
  await shot("desktop");
  await shot("desktop-overview", ".tiles");
});

test("filters (status, provider, text, tile) and sorting work", async () => {
  const all = await rows();
  await page.selectOption("#filter-status", "expired");
  let got = await rows();
  assert.equal(got.length, all.filter((r) => r.status === "expired").length);
  assert.ok(got.every((r) => r.status === "expired"));

  await page.selectOption("#filter-provider", "qiniu");
  got = await rows();
  assert.equal(got.length, all.filter((r) => r.status === "expired" && r.provider === "qiniu").length);
  assert.ok(got.every((r) => r.provider === "qiniu"));

  await page.getByRole("button", { name: "Clear filters" }).click();
  assert.equal((await rows()).length, all.length);

  const target = all.find((r) => r.provider === "volcengine-cert");
  await page.fill("#filter-text", target.id);
  await page.waitForFunction(() => document.querySelectorAll("#cert-rows tr").length === 1);
  assert.equal((await rows())[0].id, target.id);
  await page.fill("#filter-text", "");
  await page.waitForFunction((n) => document.querySelectorAll("#cert-rows tr").length === n, all.length);

  // A week of the timeline lists the certificates in service expiring in it.
  const week = page.locator("#timeline .tl-week.has-data").first();
  const weekTitle = await week.locator("title").textContent();
  const weekCount = Number(weekTitle.match(/: (\d+) expiring/)[1]);
  await week.focus();
  await page.keyboard.press("Enter");
  got = await rows();
  assert.equal(got.length, weekCount, weekTitle);
  assert.ok(got.every((r) => r.status === "expiring" || r.status === "active"));
  await page.locator("#filter-week").click();
  assert.equal((await rows()).length, all.length);

  await page.locator(".tile[data-filter=expiring]").click();
  got = await rows();
  assert.ok(got.length > 0 && got.every((r) => r.status === "expiring"));
  assert.equal(await page.inputValue("#filter-status"), "expiring");
  await page.locator(".tile[data-filter='']").click();

  // Sorting by a column header, both ways; certificates without a date stay last.
  await page.locator("#cert-table th[data-sort=days] button").click();
  got = await rows();
  const withDays = got.filter((r) => r.days !== null).map((r) => r.days);
  assert.deepEqual(withDays, [...withDays].sort((a, b) => a - b));
  assert.ok(got.slice(withDays.length).every((r) => r.days === null));
  assert.equal(await page.getAttribute("#cert-table th[data-sort=days]", "aria-sort"), "ascending");
  await page.locator("#cert-table th[data-sort=days] button").click();
  const desc = (await rows()).filter((r) => r.days !== null).map((r) => r.days);
  assert.deepEqual(desc, [...withDays].sort((a, b) => b - a));
  assert.equal(await page.getAttribute("#cert-table th[data-sort=days]", "aria-sort"), "descending");
  await page.locator("#cert-table th[data-sort=account] button").click();
  const accounts = (await rows()).map((r) => r.account);
  assert.deepEqual(accounts, [...accounts].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true })));
  await page.locator("#cert-table th[data-sort=status] button").click();
  assert.equal(await page.getAttribute("#cert-table th[data-sort=status]", "aria-sort"), "ascending");
});

test("exports hold the visible rows as CSV and JSON, without secrets", async () => {
  await page.selectOption("#filter-provider", "tencent-ssl");
  const visible = await rows();
  const save = async (button) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    return readFileSync(file, "utf8");
  };
  const csv = await save("#export-csv");
  const lines = csv.trimEnd().split("\r\n");
  assert.equal(lines.length, visible.length + 1);
  assert.match(lines[0], /^provider,account,id,name,commonName,domains,notBefore,notAfter,daysRemaining,status/);
  assert.deepEqual(lines.slice(1).map((l) => l.split(",")[2]), visible.map((r) => r.id));
  const json = JSON.parse(await save("#export-json"));
  assert.equal(json.count, visible.length);
  assert.deepEqual(json.certificates.map((c) => c.id), visible.map((r) => r.id));
  assert.ok(json.certificates.every((c) => c.raw === undefined && c.provider === "tencent-ssl"));
  for (const s of [...SECRETS, "PRIVATE KEY", "AKIDSANDBOXTENCENT"]) {
    assert.ok(!csv.includes(s) && !JSON.stringify(json).includes(s), `an export holds ${s}`);
  }
  await page.selectOption("#filter-provider", "");
});

test("progress bars follow onProgress, and Cancel keeps the last complete results", async () => {
  const before = (await rows()).length;
  // Its four requests run concurrently: jitter spreads their answers over ~1.5 s.
  sandbox.setFaults({ "volcengine-live": { latencyMs: 100, jitterMs: 1500 } });
  const n = await runs();
  await page.getByRole("button", { name: "Run inventory" }).click();
  const live = page.locator('li.account[data-label="sandbox-volcengine-live"]');
  // Volcengine Live takes four requests (Available × Expiring): a determinate bar out of 4.
  await live.locator(".account-progress", { has: page.locator('.progress[aria-valuemax="4"]'), hasText: /page [1-3] of 4/ }).waitFor();
  await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, n, { timeout: 30_000 });
  assert.match(await live.locator("[data-role=result]").innerText(), /29 certificates · 4 requests/);

  sandbox.setFaults({ "*": { latencyMs: 5000 } });
  await page.getByRole("button", { name: "Run inventory" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.waitForFunction(() => /Cancelled/.test(document.getElementById("run-status").textContent));
  sandbox.clearFaults();
  assert.equal(await runs(), n + 1);
  assert.equal((await rows()).length, before);
  assert.equal(await page.locator("#account-list [data-role=error]").count(), 2, "only the two wrong-key accounts show an error");
  assert.ok(await page.getByRole("button", { name: "Run inventory" }).isEnabled());
});

test("the details drawer shows the normalized fields and the raw record; Escape closes it", async () => {
  const first = page.locator("#cert-rows tr").first();
  const id = await first.getAttribute("data-id");
  await first.locator(".cell-name button").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector("#drawer:not([hidden])");
  assert.equal(await page.evaluate(() => document.activeElement.id), "drawer-close");
  assert.match(await page.locator("#drawer-fields").innerText(), new RegExp(id));
  const raw = JSON.parse(await page.locator("#drawer-raw").innerText());
  assert.ok(JSON.stringify(raw).includes(id));
  assert.ok(!JSON.stringify(raw).includes("PRIVATE KEY"));
  await page.evaluate(() => document.getElementById("toasts").replaceChildren());
  await page.screenshot({ path: join(shots, "desktop-drawer.png") });
  await page.keyboard.press("Escape");
  await page.waitForSelector("#drawer", { state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.id), id, "focus returns to the row");
});

test("the upload form checks the bundle first: errors block Upload, the sample passes with a warning", async () => {
  const report = page.locator("#upload-report");
  const submit = page.locator("#upload-submit");
  await page.getByRole("button", { name: "Upload a certificate" }).click();
  await page.waitForSelector("#upload-dialog[open]");
  assert.equal(await report.getAttribute("data-state"), "empty");
  assert.ok(await submit.isEnabled());

  // Garbage in the certificate field: checked after typing stops, Upload disabled with the reason.
  await page.fill("#upload-cert", "this is not a certificate");
  await page.waitForSelector("#upload-report[data-state=errors]");
  const undecodable = report.locator('.problem[data-code="Undecodable"]');
  assert.equal(await undecodable.getAttribute("data-severity"), "error");
  assert.match(await undecodable.innerText(), /^error\s+undecodable\s+qiniu 404906\s/i);
  assert.ok(await undecodable.evaluate((li) => li.classList.contains("problem-error")));
  assert.ok(await submit.isDisabled(), "Upload is enabled despite an error");
  assert.match(await page.locator("#upload-blocked").innerText(), /Upload blocked: 1 error/);
  await report.screenshot({ path: join(shots, "upload-report-error.png") });

  // The sample (valid, self-signed, with its key): the leaf's details, a SelfSigned warning.
  await page.getByRole("button", { name: "Fill with sandbox sample" }).click();
  await page.waitForFunction(() => document.getElementById("upload-key").value.includes("PRIVATE KEY"));
  sampleKeyBody = (await page.inputValue("#upload-key")).split("\n").find((l) => l.length > 40);
  await page.waitForSelector("#upload-report[data-state=warnings]");
  const leaf = report.locator(".report-cert[data-index='0']");
  assert.equal(await leaf.locator("[data-field=cn]").innerText(), "upload.sandbox.example");
  const leafText = await leaf.innerText();
  assert.match(leafText, /^1 · leaf\n/i);
  assert.match(leafText, /self-signed/);
  assert.match(leafText, /\*\.upload\.sandbox\.example/);
  assert.match(leafText, /2025-01-01 → 2125-01-01\s+[\d,]+ days left/);
  assert.match(leafText, /EC P-256/);
  const fp = leaf.locator("dd code").last();
  assert.match(await fp.getAttribute("title"), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, "the full fingerprint is in the title");
  assert.match(await fp.innerText(), /^[0-9A-F:]+…[0-9A-F:]+$/);
  const selfSigned = report.locator('.problem[data-code="SelfSigned"]');
  assert.equal(await selfSigned.getAttribute("data-severity"), "warning");
  assert.ok(await selfSigned.evaluate((li) => li.classList.contains("problem-warning")));
  assert.equal(await report.locator(".problem-error").count(), 0);
  assert.match(await report.locator("[data-field=chain]").innerText(), /^yes/);
  assert.match(await report.locator("[data-field=key]").innerText(), /PKCS#8 · EC P-256/);
  assert.match(await report.locator("[data-field=key-matches]").innerText(), /^yes/);
  assert.ok(await submit.isEnabled(), "Upload stays disabled after the errors are gone");
  assert.ok(await page.locator("#upload-blocked").isHidden());
  const panelText = await report.innerText();
  assert.ok(!panelText.includes("PRIVATE KEY") && !panelText.includes(sampleKeyBody), "the report shows the private key");
  await report.screenshot({ path: join(shots, "upload-report.png") });

  // The Check button inspects at once; the key in the certificate field is an error.
  const certPem = await page.inputValue("#upload-cert");
  await page.evaluate(() => { document.getElementById("upload-cert").value = document.getElementById("upload-key").value; });
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await page.waitForSelector('#upload-report[data-state=errors] .problem[data-code="KeyInCertificateField"]');
  assert.ok(await submit.isDisabled());
  assert.ok(!(await report.innerText()).includes(sampleKeyBody), "the report shows the private key");

  // Refused anyway (a bundle changed without being checked yet, submitted by script): nothing is
  // sent, and the refusal's problems appear in the same panel.
  await page.fill("#upload-cert", certPem);
  await page.waitForSelector("#upload-report[data-state=warnings]");
  const uploadsBefore = sandbox.state().qiniu["qiniu-main"].uploaded;
  await page.evaluate(() => {
    document.getElementById("upload-cert").value = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    document.getElementById("upload-form").requestSubmit();
  });
  await page.waitForSelector('#upload-report[data-state=refused] .problem[data-code="Undecodable"]');
  assert.match(await report.locator(".problem-error").first().innerText(), /Qiniu 404906/);
  assert.match(await page.locator("#upload-error").innerText(), /InvalidInput/);
  assert.ok(await submit.isDisabled());
  assert.equal(sandbox.state().qiniu["qiniu-main"].uploaded, uploadsBefore, "a refused bundle reached the vendor");

  // Closing the dialog forgets the key and the report.
  await page.locator("#upload-dialog .modal-foot [data-close]").click();
  assert.equal(await page.inputValue("#upload-key"), "");
  assert.equal(await report.getAttribute("data-state"), "empty");
  await page.evaluate(() => { document.getElementById("upload-cert").value = ""; });
});

test("a Qiniu upload appears in the table, and a delete (confirmed) disappears", async () => {
  const qiniuBefore = (await rows()).filter((r) => r.provider === "qiniu" && r.account === "sandbox-qiniu");
  await page.getByRole("button", { name: "Upload a certificate" }).click();
  await page.getByRole("button", { name: "Fill with sandbox sample" }).click();
  await page.waitForFunction(() => document.getElementById("upload-key").value.includes("PRIVATE KEY"));
  await page.waitForSelector("#upload-report[data-state=warnings]");
  assert.ok(await page.locator("#upload-submit").isEnabled());
  const name = `demo-upload-${Date.now()}`;
  await page.fill("#upload-name", name);
  assert.equal(await page.inputValue("#upload-account"), await page.$eval("#upload-account option", (o) => o.value));
  // Qiniu and Tencent SSL accounts are offered; this one goes to Qiniu.
  const offered = await page.$$eval("#upload-account option", (os) => os.map((o) => o.textContent));
  assert.ok(offered.includes("sandbox-qiniu (Qiniu)") && offered.some((t) => t.endsWith("(Tencent Cloud)")), offered.join());
  await page.selectOption("#upload-account", { label: "sandbox-qiniu (Qiniu)" });
  await page.screenshot({ path: join(shots, "desktop-upload.png") });
  const n = await runs();
  await page.locator("#upload-submit").click();
  await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, n, { timeout: 30_000 });
  let after = (await rows()).filter((r) => r.provider === "qiniu" && r.account === "sandbox-qiniu");
  assert.equal(after.length, qiniuBefore.length + 1);
  const uploaded = after.find((r) => r.name === name);
  assert.ok(uploaded, "the uploaded certificate is not in the table");
  assert.equal(uploaded.status, "active");
  assert.equal(await page.inputValue("#upload-key"), "", "the private key stays in the form");
  assert.equal(sandbox.state().qiniu["qiniu-main"].uploaded, 1);

  // Delete it: drawer → Delete → confirmation.
  await page.locator(`#cert-rows tr[data-id="${uploaded.id}"] .cell-name button`).click();
  await page.getByRole("button", { name: "Delete from Qiniu…" }).click();
  await page.waitForSelector("#confirm-dialog[open]");
  assert.match(await page.locator("#confirm-text").innerText(), new RegExp(uploaded.id));
  // "Keep it" cancels without deleting.
  await page.getByRole("button", { name: "Keep it" }).click();
  assert.equal(await page.locator("#confirm-dialog[open]").count(), 0);
  assert.equal(sandbox.state().qiniu["qiniu-main"].deletedUploads, 0);
  await page.getByRole("button", { name: "Delete from Qiniu…" }).click();
  const m = await runs();
  await page.locator("#confirm-delete").click();
  await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, m, { timeout: 30_000 });
  after = (await rows()).filter((r) => r.provider === "qiniu" && r.account === "sandbox-qiniu");
  assert.equal(after.length, qiniuBefore.length);
  assert.ok(!after.some((r) => r.id === uploaded.id), "the deleted certificate is still listed");
  assert.equal(await page.locator("#drawer:not([hidden])").count(), 0);

  // A generated certificate can be deleted too.
  const victim = after[after.length - 1];
  await page.locator(`#cert-rows tr[data-id="${victim.id}"] .cell-name button`).click();
  await page.getByRole("button", { name: "Delete from Qiniu…" }).click();
  const k = await runs();
  await page.locator("#confirm-delete").click();
  await page.waitForFunction((x) => Number(document.body.dataset.runs) > x, k, { timeout: 30_000 });
  assert.ok(!(await rows()).some((r) => r.id === victim.id));
  assert.equal(sandbox.state().qiniu["qiniu-main"].deletedGenerated, 1);
});

test("Renew: certificates ticked at three providers get the renewal, planned first (nothing sent), then run with the old ones deleted", { timeout: 120_000 }, async () => {
  // The sandbox sample, in use at Tencent SSL, Volcengine Live and Qiniu (uploaded by the library).
  const cc = await import(join(root, "pkg", "node", "index.mjs"));
  const old = {};
  for (const [provider, label, key] of SANDBOX.filter(([p]) => ["tencent-ssl", "volcengine-live", "qiniu"].includes(p))) {
    const secret = { "tencent-ssl": "sandbox-secret-tencent", "volcengine-live": "sandbox-secret-volcengine", qiniu: "sandbox-secret-qiniu" }[provider];
    const account = { provider, accessKeyId: key, secretAccessKey: secret, label, ...(provider === "volcengine-live" ? { region: "cn-north-1" } : {}) };
    const upload = { name: `in-use-${provider}`, commonName: sampleCertificate.commonName, certificatePem: sampleCertificate.certificatePem, privateKeyPem: sampleCertificate.privateKeyPem };
    old[provider] = (await cc.uploadCertificate(account, upload, { proxy: proxy.url })).id;
  }
  await runInventory();
  assert.ok(await page.locator("#renew-open").isDisabled(), "nothing ticked yet");
  const generated = (await rows()).find((r) => r.provider === "tencent-ssl" && !r.name.startsWith("in-use-"));
  for (const [provider, id] of [...Object.entries(old), ["tencent-ssl", generated.id]]) {
    await page.locator(`#cert-rows tr[data-provider="${provider}"][data-id="${id}"] .row-select`).check();
  }
  assert.equal(await page.locator("#renew-open").innerText(), "Renew selected (4)…");
  await page.locator("#renew-open").click();
  await page.waitForSelector("#renew-dialog[open]");
  assert.equal(await page.locator("#renew-targets > li").count(), 4);
  await page.getByRole("button", { name: "Fill with sandbox renewal" }).click();
  await page.waitForFunction(() => document.getElementById("renew-key").value.includes("PRIVATE KEY"));
  assert.ok(await page.locator("#renew-run").isDisabled(), "Renew waits for a plan");
  const before = JSON.stringify([sandbox.state().tencent, sandbox.state().live, sandbox.state().qiniu]);
  await page.getByRole("button", { name: "Plan" }).click();
  await page.waitForSelector("#renew-plan[data-state=ok]");
  const plan = await page.$$eval("#renew-accounts tbody tr", (trs) => trs.map((tr) => [tr.dataset.provider, tr.querySelector(".plan-upload").textContent, tr.querySelector(".plan-delete").textContent]));
  assert.deepEqual(plan.sort(), [["qiniu", "will upload", "will delete 1"], ["tencent-ssl", "will upload", "will delete 1"], ["volcengine-live", "will upload", "will delete 1"]]);
  const kept = await page.locator(".renew-kept li").allInnerTexts();
  assert.equal(kept.length, 1, "the generated certificate is not replaced");
  assert.match(kept[0], /names a domain the new one does not serve|expires no earlier/);
  assert.equal(JSON.stringify([sandbox.state().tencent, sandbox.state().live, sandbox.state().qiniu]), before, "the plan sent no write");
  await page.locator("#renew-dialog").screenshot({ path: join(shots, "renew-plan.png") });

  const n = await runs();
  await page.locator("#renew-run").click();
  await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, n, { timeout: 60_000 });
  const outcome = await page.$eval("#renew-plan", (p) => [p.dataset.state, p.innerText]);
  assert.equal(outcome[0], "ok", outcome[1]);
  assert.match(await page.locator("#renew-status").innerText(), /Every planned upload and deletion is done/);
  const done = await page.$$eval("#renew-accounts tbody tr", (trs) => trs.map((tr) => [tr.dataset.provider, tr.querySelector(".plan-upload").textContent.split(" ")[0], tr.querySelector(".plan-delete").textContent]));
  assert.deepEqual(done.sort(), [["qiniu", "uploaded", "1 deleted"], ["tencent-ssl", "uploaded", "1 deleted"], ["volcengine-live", "uploaded", "1 deleted"]]);
  await page.locator("#renew-dialog").screenshot({ path: join(shots, "renew-done.png") });
  const renewedName = await page.inputValue("#renew-name");
  await page.locator("#renew-dialog [data-close]").first().click();
  assert.equal(await page.inputValue("#renew-key"), "", "the private key stays in the form");

  // The table: the old copies gone, the renewal listed at each provider, the generated one kept.
  const after = await rows();
  for (const [provider, id] of Object.entries(old)) {
    assert.ok(!after.some((r) => r.provider === provider && r.id === id), `${provider}: the old one is still listed`);
    assert.ok(after.some((r) => r.provider === provider && r.name === renewedName), `${provider}: the renewal is not listed`);
  }
  assert.ok(after.some((r) => r.id === generated.id), "the certificate not replaced is kept");
  assert.ok(await page.locator("#renew-open").isDisabled(), "the selection is cleared");

  // From the drawer: one certificate, the same dialog.
  await page.locator(`#cert-rows tr[data-provider="tencent-ssl"][data-id="${generated.id}"] .cell-name button`).click();
  await page.getByRole("button", { name: "Renew…" }).click();
  await page.waitForSelector("#renew-dialog[open]");
  assert.equal(await page.locator("#renew-targets > li").count(), 1);
  await page.locator("#renew-dialog [data-close]").first().click();
});

test("scripts/demo-pebble.mjs (npm run demo's CA) writes the page's directory and demo.sh's addresses, and removes them when stopped", { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cloudcerts-demo-pebble-"));
  const pageFile = join(dir, "demo-acme.json");
  const envFile = join(dir, "acme.env");
  const child = spawn(process.execPath, [join(root, "scripts", "demo-pebble.mjs"), "--page", pageFile, "--env", envFile], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (t) => (output += t));
  child.stderr.setEncoding("utf8").on("data", (t) => (output += t));
  const exited = new Promise((ok) => child.once("exit", (code, signal) => ok({ code, signal })));
  let env;
  try {
    // As demo.sh waits: up to 60 s (three start attempts of 15 s at most), or until it exits.
    for (let i = 0; i < 600 && !existsSync(envFile) && child.exitCode === null; i++) await new Promise((ok) => setTimeout(ok, 100));
    assert.ok(existsSync(envFile), `no ${envFile}: ${output}`);
    const info = JSON.parse(readFileSync(pageFile, "utf8"));
    assert.deepEqual(Object.keys(info), ["directory"]);
    assert.match(info.directory, /^https:\/\/localhost:\d+\/dir$/);
    env = Object.fromEntries(readFileSync(envFile, "utf8").trim().split("\n").map((l) => l.match(/^(\w+)='(.*)'$/).slice(1)));
    assert.deepEqual(Object.keys(env), ["ACME_DIRECTORY", "ACME_ORIGIN", "ACME_CA", "CHALLTESTSRV"]);
    assert.equal(env.ACME_DIRECTORY, info.directory);
    assert.equal(env.ACME_ORIGIN, new URL(info.directory).origin);
    assert.match(env.CHALLTESTSRV, /^http:\/\/127\.0\.0\.1:\d+$/);
    // The proxy, started with those, reaches the directory (as the page will).
    const viaProxy = await startProxy({ port: 0, acme: { url: env.ACME_ORIGIN, caPem: readFileSync(env.ACME_CA, "utf8") } });
    try {
      const res = await fetch(viaProxy.url + info.directory, { headers: { Origin: "http://127.0.0.1:8080" }, signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 200);
      assert.match((await res.json()).newOrder, /^https:\/\/localhost:\d+\//);
    } finally {
      await viaProxy.close();
    }
  } finally {
    child.kill("SIGTERM");
    const late = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(late);
  }
  assert.equal((await exited).code, 0, output);
  assert.ok(!existsSync(pageFile) && !existsSync(envFile), "the files outlive the CA");
  assert.ok(!existsSync(env.ACME_CA), "pebble's temporary directory is left");
  rmSync(dir, { recursive: true, force: true });
});

test("Renew with ACME: an expiring certificate's successor from pebble, proven through a DNS account, rolled out to its account; each step shown, an error shown with its code", { timeout: 180_000 }, async () => {
  await runInventory();
  const dnsState = async () => {
    const stores = Object.values((await (await fetch(`${sandbox.url}/__sandbox/state`)).json()).dns ?? {});
    const sum = (key) => stores.reduce((n, s) => n + (s[key] ?? 0), 0);
    return { created: sum("created"), deleted: sum("deleted"), held: stores.flatMap((s) => s.zones.flatMap((z) => z.records)).length };
  };
  const dnsBefore = await dnsState();

  // An expiring certificate whose names the sandbox's DNS accounts hold (example.com/.org/.net),
  // at Tencent SSL; one whose names they do not hold is not offered.
  await page.locator(".tile[data-filter=expiring]").click();
  const expiring = await page.$$eval("#cert-rows tr", (trs) => trs.map((tr) => ({
    ...tr.dataset,
    days: Number(tr.dataset.days),
    domains: [tr.querySelector(".cell-domains .domain")?.textContent, ...(tr.querySelector(".cell-domains .more")?.title.split("\n") ?? [])].filter(Boolean),
  })));
  const zones = [{ zones: ["example.com", "example.org", "example.net"] }];
  const held = (r) => dnsAccountsFor(r.domains, zones).length > 0;
  const target = expiring.find((r) => r.provider === "tencent-ssl" && held(r));
  const unheld = expiring.find((r) => !held(r));
  assert.ok(target && unheld, JSON.stringify(expiring.map((r) => [r.provider, r.domains])));
  const openDrawerOf = async (r) => {
    await page.locator(`#cert-rows tr[data-provider="${r.provider}"][data-id="${r.id}"] .cell-name button`).click();
    await page.waitForSelector("#drawer:not([hidden])");
  };
  await openDrawerOf(unheld);
  const acmeButton = page.getByRole("button", { name: "Renew with ACME…" });
  assert.ok(await acmeButton.isDisabled(), "offered for names no DNS account holds");
  assert.match(await acmeButton.getAttribute("title"), /No DNS account here holds all its names/);
  await page.keyboard.press("Escape");
  await shot("acme-before", "#certificates");

  // Without the demo's pebble (no /demo-acme.json: pebble not installed), only Let's Encrypt
  // staging can be chosen, and the dialog says why.
  const notFound = (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
  await page.route("**/demo-acme.json", notFound);
  await openDrawerOf(target);
  await acmeButton.click();
  await page.waitForSelector("#acme-dialog[open]");
  const radios = page.locator("#acme-cas input[type=radio]");
  assert.deepEqual([await radios.nth(0).isDisabled(), await radios.nth(1).isChecked()], [true, true]);
  assert.match(await page.locator("#acme-cas label.choice").first().innerText(), /not running: npm run demo starts it/);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("acme-dialog").open);
  await page.unroute("**/demo-acme.json", notFound);

  await openDrawerOf(target);
  assert.ok(await acmeButton.isEnabled());
  await page.locator("#drawer").screenshot({ path: join(shots, "acme-drawer.png") });
  await acmeButton.click();
  await page.waitForSelector("#acme-dialog[open]");
  const dialog = page.locator("#acme-dialog");
  let newId;
  try {
    // The choices: pebble (from /demo-acme.json) chosen, Let's Encrypt staging offered; both DNS
    // accounts (each holds the zone); every listed account to roll out to, its own ticked alone.
    const cas = await dialog.locator("#acme-cas label.choice").allInnerTexts();
    assert.equal(cas.length, 2);
    assert.match(cas[0], /pebble/);
    assert.ok(cas[0].includes(pebble.directoryUrl), cas[0]);
    assert.match(cas[1], /Let's Encrypt staging[\s\S]*needs internet/);
    assert.ok(await dialog.locator("#acme-cas input").first().isChecked());
    assert.equal(await dialog.locator("#acme-body").textContent(), "", "the steps panel is not empty before a run");
    const dnsOptions = await dialog.locator("#acme-dns option").allInnerTexts();
    assert.deepEqual(dnsOptions.map((t) => t.split(" ")[0]), ["sandbox-tencent-dns", "sandbox-volcengine-dns"]);
    const rollOut = await dialog.locator("#acme-accounts label").evaluateAll((ls) => ls.map((l) => [l.innerText, l.querySelector("input").checked]));
    assert.equal(rollOut.length, 7, "every account of the last inventory");
    assert.deepEqual(rollOut.filter(([, on]) => on).map(([t]) => t.includes("sandbox-tencent-ssl")), [true]);
    await dialog.screenshot({ path: join(shots, "acme-dialog.png") });

    // First through Volcengine DNS while it answers 503 to everything: the issuance fails, the error
    // is shown with its code and message, nothing is uploaded.
    const tencentBefore = JSON.stringify(sandbox.state().tencent);
    sandbox.setFaults({ "volcengine-dns": { serverErrorRate: 1 } });
    await page.selectOption("#acme-dns", { index: 1 });
    await page.locator("#acme-run").click();
    await page.waitForSelector("#acme-progress[data-state=failed]", { timeout: 60_000 });
    sandbox.clearFaults();
    const failure = dialog.locator("#acme-body [data-role=error]");
    const code = await failure.getAttribute("data-code");
    assert.ok(code && code !== "undefined" && code !== "InvalidInput", code);
    assert.match(await failure.innerText(), new RegExp(`^${code}\\s+\\S`));
    assert.match(await page.locator("#acme-status").innerText(), /Failed/);
    assert.deepEqual(await dialog.locator("#acme-steps li[data-state=failed]").evaluateAll((lis) => lis.map((li) => li.dataset.step)), ["zones"]);
    assert.equal(await page.locator("#acme-run").innerText(), "Try again");
    assert.equal(JSON.stringify(sandbox.state().tencent), tencentBefore, "something was uploaded");
    await dialog.screenshot({ path: join(shots, "acme-error.png") });

    // Then through DNSPod: each step shown as it starts, then the roll-out.
    await page.selectOption("#acme-dns", { index: 0 });
    const n = await runs();
    await page.locator("#acme-run").click();
    await page.waitForSelector("#acme-steps li[data-step=challenge]", { timeout: 30_000 });
    await dialog.screenshot({ path: join(shots, "acme-progress.png") });
    await page.waitForSelector("#acme-progress[data-state=done]", { timeout: 90_000 });
    await page.waitForFunction((k) => Number(document.body.dataset.runs) > k, n, { timeout: 30_000 });
    assert.match(await page.locator("#acme-status").innerText(), /^Done\s+Issued until \d{4}-\d\d-\d\d; rolled out to 1 account\.$/);
    const steps = await dialog.locator("#acme-steps li").evaluateAll((lis) => lis.map((li) => [li.dataset.step, li.dataset.state, li.innerText]));
    const order = steps.map(([s]) => s).filter((s, i, all) => s !== all[i - 1]);
    assert.deepEqual(order, ["zones", "account", "order", "challenge", "validation", "cleanup", "finalize", "download", "list", "upload"], JSON.stringify(steps));
    assert.ok(steps.every(([, state]) => state === "done"), JSON.stringify(steps));
    const challenges = steps.filter(([s]) => s === "challenge").map(([, , text]) => text);
    const bases = [...new Set(renewalNames({ domains: target.domains }).map((d) => d.replace(/^\*\./, "")))];
    for (const b of bases) assert.ok(challenges.some((t) => t.includes(`_acme-challenge.${b} at sandbox-tencent-dns`)), `${b}: ${challenges}`);
    assert.match(steps.find(([s]) => s === "account")[2], /pebble.*a new account/s);
    assert.match(steps.find(([s]) => s === "upload")[2], /Upload to sandbox-tencent-ssl/);

    // Which replaced which: the new certificate's id at Tencent SSL, replacing the one chosen (kept).
    const replaced = dialog.locator("#acme-replaced li[data-new-id]");
    assert.equal(await replaced.count(), 1);
    newId = await replaced.getAttribute("data-new-id");
    const sentence = await replaced.innerText();
    assert.ok(sentence.includes(target.id) && sentence.includes(newId), sentence);
    assert.match(sentence, /sandbox-tencent-ssl: the new certificate .* replaces .*\(the old ones?: kept\)/s);
    const issuedUntil = Date.parse(await dialog.locator("#acme-issued time").getAttribute("datetime"));
    assert.ok(issuedUntil > Date.now() + 365 * DAY, `issued until ${new Date(issuedUntil).toISOString()}`);
    await dialog.screenshot({ path: join(shots, "acme-done.png") });
    const shown = await page.evaluate(() => [document.getElementById("acme-dialog").outerHTML, document.body.innerText, JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage })].join("\n"));
    assert.ok(!/PRIVATE KEY|BEGIN CERTIFICATE/.test(shown), "the page shows or keeps a key or the chain");
    await page.locator("#acme-dialog .modal-foot [data-close]").click();
  } finally {
    // A failure above leaves the dialog open: the tests after this one need the page.
    sandbox.clearFaults();
    await page.evaluate(() => document.getElementById("acme-dialog").open && document.getElementById("acme-dialog").close());
  }

  // The table (listed again): the new certificate, active, years later, beside the old one.
  await page.locator(".tile[data-filter='']").click();
  const after = await rows();
  const renewed = after.find((r) => r.provider === "tencent-ssl" && r.id === newId);
  assert.ok(renewed, `${newId} is not listed`);
  assert.equal(renewed.account, "sandbox-tencent-ssl");
  assert.equal(renewed.status, "active");
  assert.ok(renewed.days > 365, `${renewed.days} days`);
  assert.ok(after.some((r) => r.provider === "tencent-ssl" && r.id === target.id), "the old one was deleted without being asked to");
  // Every DNS record published is removed again, at the providers.
  const dnsAfter = await dnsState();
  assert.ok(dnsAfter.created > dnsBefore.created, "no DNS record was published");
  assert.equal(dnsAfter.created - dnsBefore.created, dnsAfter.deleted - dnsBefore.deleted, JSON.stringify(dnsAfter));
  await page.fill("#filter-text", target.domains[0]);
  await page.waitForFunction((id) => !!document.querySelector(`#cert-rows tr[data-id="${id}"]`) && document.querySelectorAll("#cert-rows tr").length < 20, newId);
  await shot("acme-after", "#certificates");
  await page.fill("#filter-text", "");
});

test("'remember in this tab' keeps accounts in sessionStorage only while ticked", async () => {
  assert.equal(await page.evaluate(() => sessionStorage.getItem("cloudcerts.accounts")), null);
  await page.check("#remember");
  const stored = await page.evaluate(() => sessionStorage.getItem("cloudcerts.accounts"));
  assert.ok(stored && JSON.parse(stored).length === 7);
  assert.equal(await page.evaluate(() => localStorage.getItem("cloudcerts.accounts")), null);
  await page.uncheck("#remember");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("cloudcerts.accounts")), null);
});

test("phone width (390 px): cards instead of a wide table, no horizontal scrolling", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  const display = await page.$eval("#cert-rows tr", (tr) => getComputedStyle(tr).display);
  assert.equal(display, "grid");
  await shot("phone");
  await shot("phone-overview", ".tiles");
  await shot("phone-certificates", "#certs-title");
  await page.locator("#cert-rows tr .cell-name button").first().click();
  await page.waitForSelector("#drawer:not([hidden])");
  await page.screenshot({ path: join(shots, "phone-drawer.png") });
  await page.keyboard.press("Escape");
  // The upload form's check goes under the fields.
  await page.getByRole("button", { name: "Upload a certificate" }).click();
  await page.getByRole("button", { name: "Fill with sandbox sample" }).click();
  await page.waitForSelector("#upload-report[data-state=warnings]");
  const [fields, report] = await page.$$eval(".upload-fields, #upload-report", (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  assert.ok(report.top >= fields.bottom && report.right <= 390, "the check is not under the form");
  await page.locator("#upload-report").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, "phone-upload-report.png") });
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("upload-dialog").open);
  await page.setViewportSize({ width: 1366, height: 900 });
});

test("no page errors, and no secret in the console", () => {
  assert.deepEqual(pageErrors, []);
  for (const line of consoleLines) for (const s of [...SECRETS, sampleKeyBody]) assert.ok(!line.includes(s), `the console shows ${s}`);
});
