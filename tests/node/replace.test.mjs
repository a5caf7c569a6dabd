// replaceCertificate: the renewal's rules (pkg-template/shared/replace.js: which names a
// certificate serves, which certificates a renewal replaces), property-tested; and the built Node
// package against the sandbox through the CORS proxy, at all five providers: the plan, a dry run
// that writes nothing, the upload once per account, deleting exactly what the plan lists, a
// vendor's refusal reported per certificate, a rerun that makes no copy, bad bundles refused
// before any request, abort, progress, and no secret or private key in any result or error.
// The certificates are made by tests/support/make-certs.sh (OpenSSL, at test time).

import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import fc from "fast-check";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/server.mjs";
import { accountFor, accounts as sandboxAccounts } from "../../sandbox/accounts.mjs";
import { covers, replacedBy, replaceCertificate as replaceWith } from "../../pkg-template/shared/replace.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CERTS = 200; // generated certificates per account
const SECRETS = [...new Set(sandboxAccounts.flatMap((a) => [a.secretAccessKey, a.sessionToken]).filter(Boolean))];

let cc; // the package, pkg/node/index.mjs
let sb; // sandbox
let px; // CORS proxy
let dir; // the certificates make-certs.sh wrote

const read = (file) => readFileSync(join(dir, file), "utf8");
/** A bundle of make-certs.sh's renewal set (`old`, `new`, `wider`, `later`). */
const bundle = (which, name = `renew-${which}`) => ({
  name,
  commonName: "renew.example.test",
  certificatePem: read(`renew-${which}.pem`),
  privateKeyPem: read(`renew-${which}.key`),
});

/** The accounts renewed in: one of each provider (API 2.0 with the second Tencent key, whose
 * store is its own: both Tencent APIs of one key share their certificates). */
function accounts() {
  const plain = (provider, which) => {
    const { dataSeed, ...a } = accountFor(provider, which);
    return { ...a, label: `${provider}-renewal` };
  };
  return [plain("tencent-ssl"), plain("tencent-legacy", "AKIDSANDBOXTENCENT2"), plain("volcengine-live"), plain("volcengine-cert"), plain("qiniu")];
}
const opts = (extra = {}) => ({ proxy: px.url, ...extra });
const requests = () => Object.values(sb.state().stats).reduce((n, s) => n + s.requests, 0);

/** Every result and error is scanned for secrets and private keys. */
function assertClean(what, value) {
  const text = value instanceof Error
    ? [String(value), value.stack, JSON.stringify(Object.fromEntries(Object.getOwnPropertyNames(value).map((k) => [k, value[k]])))].join("\n")
    : JSON.stringify(value);
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${what}: a secret key`);
  assert.ok(!/PRIVATE KEY/.test(text), `${what}: a private key`);
}

async function settle(what, promise) {
  try {
    const value = await promise;
    assertClean(what, value);
    return { ok: true, value };
  } catch (error) {
    assertClean(what, error);
    return { ok: false, error };
  }
}

/** Lists `account` (ids of the certificates whose domains include renew.example.test). */
async function renewalIds(account) {
  const listed = await cc.listCertificates(account, undefined, opts());
  return listed.certificates.filter((c) => c.domains.includes("renew.example.test")).map((c) => c.id).sort();
}

/** Uploads `which` to `account`; its id. */
async function upload(account, which) {
  const result = await cc.uploadCertificate(account, bundle(which), opts());
  return result.id;
}

before(async () => {
  const files = ["pkg/node/index.mjs", "pkg/node/replace.js", "pkg/node/cloudcerts_bg.wasm"].map((f) => join(root, f));
  for (let i = 0; i < 120 && !files.every((f) => existsSync(f)); i++) await delay(500);
  assert.ok(files.every((f) => existsSync(f)), "pkg/node is missing: run `npm run build` first");
  dir = mkdtempSync(join(tmpdir(), "cloudcerts-renew-"));
  execFileSync("bash", [join(root, "tests/support/make-certs.sh"), dir], { stdio: ["ignore", "ignore", "inherit"] });
  cc = await import(pathToFileURL(join(root, "pkg/node/index.mjs")).href);
  sb = await startSandbox({ port: 0, host: "127.0.0.1", certs: CERTS });
  px = await startProxy({ port: 0, sandbox: sb.url });
});

after(async () => {
  await px?.close();
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => sb.reset());

// ------------------------------------------------------------------------------------------------
// The rules

test("covers: the same name (case, a trailing dot and spaces ignored) or one label under a wildcard", () => {
  const names = ["example.com", "*.example.com"];
  for (const d of ["example.com", "WWW.example.com", "api.example.com.", " example.com ", "*.example.com"]) assert.ok(covers(names, d), d);
  for (const d of ["a.b.example.com", "example.org", "badexample.com", ".example.com", "", "*.a.example.com", "xexample.com"]) {
    assert.ok(!covers(names, d), d);
  }
  assert.ok(!covers(["www.example.com"], "*.example.com"), "a wildcard is served by the same wildcard only");
  assert.ok(!covers(["*.example.com"], "example.com"), "a wildcard does not serve its base");
  assert.ok(!covers(["*."], "a."));
});

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join("."));

test("covers, property: a name serves itself in any case; a wildcard serves exactly one more label", () => {
  fc.assert(
    fc.property(domain, label, label, (base, one, two) => {
      assert.ok(covers([base], base.toUpperCase()));
      assert.ok(covers([`*.${base}`], `${one}.${base}`));
      assert.ok(!covers([`*.${base}`], `${one}.${two}.${base}`));
      assert.ok(!covers([`*.${base}`], base));
      assert.ok(!covers([base], `${one}.${base}`));
    }),
    { numRuns: 2000 },
  );
});

test("covers, property: any input is an answer, never a throw", () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { maxLength: 4 }), fc.string(), (names, d) => {
      assert.equal(typeof covers(names, d), "boolean");
    }),
    { numRuns: 5000 },
  );
});

test("replacedBy: every domain served and an earlier notAfter; not without domains or dates", () => {
  const renewal = { domains: ["example.com", "*.example.com"], notAfter: "2027-06-01T00:00:00Z", fingerprintSha256: "ab" };
  const held = [
    { id: "old", domains: ["example.com", "www.example.com"], notAfter: "2027-01-01T00:00:00Z" },
    { id: "later", domains: ["example.com"], notAfter: "2028-01-01T00:00:00Z" },
    { id: "same-day", domains: ["example.com"], notAfter: "2027-06-01T00:00:00Z" },
    { id: "wider", domains: ["example.com", "other.org"], notAfter: "2027-01-01T00:00:00Z" },
    { id: "deeper", domains: ["a.b.example.com"], notAfter: "2027-01-01T00:00:00Z" },
    { id: "pending", domains: ["example.com"] },
    { id: "nameless", domains: [], notAfter: "2027-01-01T00:00:00Z" },
    { id: "old", domains: ["example.com"], notAfter: "2026-01-01T00:00:00Z" },
  ];
  assert.deepEqual(replacedBy(held, renewal), ["old"]);
});

// With a fake library (no wasm, no network): what the renewal does with what the calls answer.
function fakeLibrary({ upload = async (a) => ({ id: `new-${a.label}` }), remove = async () => {} } = {}) {
  const calls = [];
  const cloudError = (code) => Object.assign(new Error(code), { name: "CloudCertError", code, retryable: false });
  return {
    calls,
    cloudError,
    lib: {
      inventory: async () => { throw new Error("not listed: an inventory is given"); },
      uploadCertificate: async (account, bundle) => { calls.push(["upload", account.label]); return upload(account, bundle); },
      deleteCertificate: async (account, id) => { calls.push(["delete", account.label, id]); return remove(account, id); },
      checkBundle: () => {},
      inspectCertificate: async () => ({ certificates: [{ commonName: "example.com", sans: ["example.com", "*.example.com"], notAfter: "2030-01-01T00:00:00Z", fingerprintSha256: "ab".repeat(32) }] }),
    },
  };
}
const fakeBundle = { name: "n", commonName: "example.com", certificatePem: "PEM", privateKeyPem: "KEY" };
const fakeAccounts = [{ provider: "qiniu", label: "a", accessKeyId: "k", secretAccessKey: "s" }, { provider: "qiniu", label: "b", accessKeyId: "k2", secretAccessKey: "s2" }];
const fakeInventory = (certificates) => ({ certificates, accounts: fakeAccounts.map((a) => ({ provider: a.provider, account: a.label })) });
const old = (account, id, extra = {}) => ({ provider: "qiniu", account, id, domains: ["www.example.com"], notAfter: "2029-01-01T00:00:00Z", ...extra });

test("only: replaces just the ids given; an account holding none of them gets no upload", async () => {
  const { lib, calls } = fakeLibrary();
  const inventory = fakeInventory([old("a", "a1"), old("a", "a2"), old("b", "b1")]);
  const result = await replaceWith(lib, fakeAccounts, fakeBundle, { inventory, only: ["a2"], deleteReplaced: true });
  assert.deepEqual(result.accounts.map((e) => e.replaces), [["a2"], []]);
  assert.deepEqual(calls, [["upload", "a"], ["delete", "a", "a2"]]);
  await assert.rejects(replaceWith(lib, fakeAccounts, fakeBundle, { inventory, only: "a2" }), (e) => e.code === "InvalidInput" && /^options\.only: /.test(e.message));
});

test("a failure that is not a CloudCertError is recorded for its account, and the others still finish", async () => {
  const { lib, calls } = fakeLibrary({ upload: async (a) => { if (a.label === "a") throw new TypeError("boom with a secret s"); return { id: "new-b" }; } });
  const inventory = fakeInventory([old("a", "a1"), old("b", "b1")]);
  const result = await replaceWith(lib, fakeAccounts, fakeBundle, { inventory, deleteReplaced: true });
  assert.equal(result.accounts[0].error.code, "BadResponse");
  assert.ok(!result.accounts[0].error.message.includes("secret"), "the thrown message is not copied");
  assert.deepEqual(result.accounts[1].deleted, ["b1"]);
  assert.deepEqual(calls.filter((c) => c[0] === "delete"), [["delete", "b", "b1"]], "nothing deleted where the upload failed");
});

test("odd inputs are InvalidInput, never a TypeError: holes, Maps, wrong member types", async () => {
  const { lib } = fakeLibrary();
  const sparse = [, fakeAccounts[1]]; // eslint-disable-line no-sparse-arrays
  await assert.rejects(replaceWith(lib, sparse, fakeBundle, {}), (e) => e.name === "CloudCertError" && e.code === "InvalidInput" && /^accounts\[0\]: /.test(e.message));
  // Certificates given as Maps, with a number where the fingerprint belongs: read as objects.
  const inventory = fakeInventory([new Map(Object.entries(old("a", "a1", { fingerprintSha256: 5 })))]);
  const result = await replaceWith(lib, fakeAccounts, fakeBundle, { inventory, dryRun: true });
  assert.deepEqual(result.accounts[0].replaces, ["a1"]);
  const throwing = fakeInventory([{ provider: "qiniu", account: "a", id: "x", get domains() { throw new Error("getter"); } }]);
  await assert.rejects(replaceWith(lib, fakeAccounts, fakeBundle, { inventory: throwing }), (e) => e.code === "InvalidInput" && /could not be read/.test(e.message));
  // A provider that is not a string, a Symbol among them (String() of one throws a TypeError;
  // found by the boundary property test, seed 218577): refused as inventory refuses it.
  for (const [provider, kind] of [[[Symbol("secret")], "an array"], [Symbol("secret"), "a symbol"], [5, "a number"], [undefined, "undefined"]]) {
    await assert.rejects(replaceWith(lib, [{ ...fakeAccounts[0], provider }], fakeBundle, { dryRun: true }),
      (e) => e.name === "CloudCertError" && e.code === "InvalidInput" && e.message === `accounts[0].provider: expected a string, got ${kind}`);
  }
});

// ------------------------------------------------------------------------------------------------
// Against the sandbox

test("a renewal at all five providers: the dry run writes nothing; then one upload per account, exactly the planned deletions, and a rerun that makes no copy", { timeout: 120_000 }, async () => {
  sb.configure({ certs: CERTS });
  const all = accounts();
  const old = {};
  for (const a of all) old[a.provider] = await upload(a, "old");
  // Beside the old one at Tencent SSL: one naming a domain the renewal does not serve, and one
  // that expires after it. Neither is replaced.
  const keep = [await upload(all[0], "wider"), await upload(all[0], "later")];

  const before = requests();
  const progress = [];
  const dry = await settle("dry run", cc.replaceCertificate(all, bundle("new"), opts({ dryRun: true, deleteReplaced: true, onProgress: (p) => progress.push(p) })));
  assert.ok(dry.ok, dry.error && String(dry.error));
  assert.equal(dry.value.dryRun, true);
  assert.deepEqual(dry.value.certificate.domains, ["renew.example.test", "*.renew.example.test"]);
  assert.match(dry.value.certificate.notAfter, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(dry.value.certificate.fingerprintSha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(dry.value.accounts.map((e) => [e.provider, e.account, e.replaces]), all.map((a) => [a.provider, a.label, [old[a.provider]]]));
  for (const e of dry.value.accounts) assert.ok(!("uploaded" in e) && !("deleted" in e) && !("error" in e), JSON.stringify(e));
  const listingRequests = requests() - before;
  assert.ok(listingRequests > 0, "listed");
  assert.ok(progress.every((p) => !("step" in p)), "a dry run reports the listing only");
  for (const a of all) assert.equal((await renewalIds(a)).length, a.provider === "tencent-ssl" ? 3 : 1, `${a.provider}: nothing written`);

  progress.length = 0;
  const done = await settle("renewal", cc.replaceCertificate(all, bundle("new"), opts({ deleteReplaced: true, onProgress: (p) => progress.push(p) })));
  assert.ok(done.ok, done.error && String(done.error));
  const fresh = {};
  for (const [i, e] of done.value.accounts.entries()) {
    const what = JSON.stringify(e);
    assert.equal(e.account, all[i].label);
    assert.deepEqual(e.replaces, [old[e.provider]], what);
    assert.ok(e.uploaded?.id && !e.uploaded.existing, what);
    assert.deepEqual(e.deleted, [old[e.provider]], what);
    assert.deepEqual(e.refused, [], what);
    fresh[e.provider] = e.uploaded.id;
    const ids = await renewalIds(all[i]);
    const expected = e.provider === "tencent-ssl" ? [fresh[e.provider], ...keep] : [fresh[e.provider]];
    assert.deepEqual(ids, expected.sort(), `${e.provider}: the new one listed, the old one gone, nothing else touched`);
    const writes = progress.filter((p) => p.step && p.account === e.account);
    assert.deepEqual(writes.map((p) => [p.provider, p.done, p.total, p.step]), [[e.provider, 1, 2, "upload"], [e.provider, 2, 2, "delete"]]);
  }
  assert.ok(progress.some((p) => !p.step), "the listing's pages too");

  // Run again: nothing earlier is left, so nothing is uploaded or deleted.
  const again = await settle("rerun", cc.replaceCertificate(all, bundle("new"), opts({ deleteReplaced: true })));
  assert.ok(again.ok);
  for (const e of again.value.accounts) assert.deepEqual([e.replaces, e.uploaded], [[], undefined], JSON.stringify(e));
  for (const a of all) {
    const ids = await renewalIds(a);
    assert.ok(ids.includes(fresh[a.provider]), `${a.provider}: still one copy of the new certificate`);
    assert.equal(ids.length, a.provider === "tencent-ssl" ? 3 : 1, `${a.provider}: no second copy`);
  }
});

test("an account that already holds the new certificate gets no copy (existing: true), and its old one is still deleted", { timeout: 60_000 }, async () => {
  sb.configure({ certs: CERTS });
  const [ssl, legacy, live] = accounts();
  // Without deleting: the new one beside the old one (a run stopped before its deletions).
  for (const a of [legacy, live]) await upload(a, "old");
  const first = await cc.replaceCertificate([legacy, live], bundle("new"), opts());
  const uploadedIds = first.accounts.map((e) => e.uploaded.id);
  for (const e of first.accounts) assert.equal(e.deleted, undefined, "not asked to delete");
  const finish = await cc.replaceCertificate([legacy, live], bundle("new"), opts({ deleteReplaced: true }));
  for (const [i, e] of finish.accounts.entries()) {
    assert.deepEqual(e.uploaded, { id: uploadedIds[i], existing: true }, `${e.provider}: the listed copy, no second upload`);
    assert.equal(e.deleted.length, 1);
    assert.deepEqual(await renewalIds([legacy, live][i]), [uploadedIds[i]]);
  }
  assert.ok(ssl, "three accounts made");
});

test("a vendor's refusal to delete is reported for that certificate; the others are deleted; an inventory given is used instead of listing", { timeout: 60_000 }, async () => {
  sb.configure({ certs: CERTS });
  const all = accounts();
  const [ssl, , , cert] = all;
  const oldSsl = await upload(ssl, "old");
  const oldCert = await upload(cert, "old");
  const inventory = await cc.inventory(all, opts());
  // A certificate bound to cloud resources, made to look replaced in the inventory given.
  const bound = inventory.certificates.find((c) => c.provider === "tencent-ssl" && (c.boundResources ?? []).length > 0);
  assert.ok(bound, "the sandbox binds some certificates");
  bound.domains = ["api.renew.example.test"];
  bound.notAfter = "2026-12-31T00:00:00Z";
  const before = requests();
  const result = await settle("refused", cc.replaceCertificate(all, bundle("new"), opts({ inventory, deleteReplaced: true })));
  assert.ok(result.ok, result.error && String(result.error));
  const [s, l, v, c, q] = result.value.accounts;
  assert.deepEqual([...s.replaces].sort(), [oldSsl, bound.id].sort());
  assert.deepEqual(s.deleted, [oldSsl]);
  assert.equal(s.refused.length, 1);
  assert.equal(s.refused[0].id, bound.id);
  assert.equal(s.refused[0].error.code, "Vendor");
  assert.equal(s.refused[0].error.vendorCode, "FailedOperation.DeleteResourceFailed");
  assert.deepEqual(c.deleted, [oldCert]);
  for (const e of [l, v, q]) assert.deepEqual([e.replaces, e.uploaded], [[], undefined], "nothing to replace there");
  const sent = requests() - before;
  assert.equal(sent, 2 + 3, "two uploads and three deletions: nothing listed");
  assert.ok((await cc.listCertificates(ssl, undefined, opts())).certificates.some((x) => x.id === bound.id), "the bound one stays");

  // An inventory of other accounts (or in another order) is refused before anything is sent.
  const shuffled = [all[1], all[0], ...all.slice(2)];
  const other = await settle("other inventory", cc.replaceCertificate(shuffled, bundle("new"), opts({ inventory })));
  assert.equal(other.error?.code, "InvalidInput");
  assert.match(other.error.message, /^options\.inventory: /);
});

test("bad bundles are refused with InvalidInput and their problems before any request", { timeout: 60_000 }, async () => {
  const all = accounts();
  const good = bundle("new");
  const cases = [
    ["no key", { ...good, privateKeyPem: "" }, "bundle.privateKeyPem", null],
    ["another certificate's key", { ...good, privateKeyPem: read("renew-old.key") }, null, "KeyMismatch"],
    ["an expired bundle", { ...good, certificatePem: read("expired.pem"), privateKeyPem: read("leaf-rsa.pkcs8.key") }, null, "Expired"],
    ["a reversed chain", { ...good, certificatePem: read("chain-reversed.pem"), privateKeyPem: read("leaf-rsa.pkcs8.key") }, null, "ChainOutOfOrder"],
    ["a certificate in the key field", { ...good, privateKeyPem: good.certificatePem }, null, "CertificateInKeyField"],
    ["no certificate", { ...good, certificatePem: "not a PEM" }, null, "Undecodable"],
  ];
  const before = requests();
  for (const [what, b, field, problem] of cases) {
    const r = await settle(what, cc.replaceCertificate(all, b, opts()));
    assert.ok(!r.ok, `${what}: resolved`);
    assert.equal(r.error.name, "CloudCertError", what);
    assert.equal(r.error.code, "InvalidInput", what);
    assert.equal(r.error.retryable, false, what);
    if (field) assert.ok(r.error.message.startsWith(`${field}: `), `${what}: ${r.error.message}`);
    if (problem) {
      assert.ok(r.error.problems?.some((p) => p.code === problem), `${what}: ${JSON.stringify(r.error.problems)}`);
      assert.ok(r.error.message.startsWith("bundle refused before sending: "), `${what}: names the argument: ${r.error.message}`);
    }
  }
  const twins = [all[0], { ...all[0] }];
  const ambiguous = await settle("two accounts alike", cc.replaceCertificate(twins, good, opts()));
  assert.equal(ambiguous.error?.code, "InvalidInput");
  assert.match(ambiguous.error.message, /^accounts\[1\]: .*distinct labels/);
  const notArray = await settle("accounts not an array", cc.replaceCertificate(all[0], good, opts()));
  assert.equal(notArray.error?.code, "InvalidInput");
  assert.equal(requests(), before, "no request sent");
});

test("an aborted signal rejects with Aborted; an account whose listing fails is reported and gets no upload", { timeout: 60_000 }, async () => {
  sb.configure({ certs: CERTS });
  const all = accounts();
  const aborted = await settle("aborted", cc.replaceCertificate(all, bundle("new"), opts({ signal: AbortSignal.abort() })));
  assert.equal(aborted.error?.code, "Aborted");
  await upload(all[4], "old");
  const broken = { ...all[0], secretAccessKey: "wrong-secret-for-the-renewal" };
  const result = await settle("one account fails", cc.replaceCertificate([broken, all[4]], bundle("new"), opts({ deleteReplaced: true })));
  assert.ok(result.ok, result.error && String(result.error));
  const [failed, qiniu] = result.value.accounts;
  assert.equal(failed.error?.code, "Auth");
  assert.equal(failed.uploaded, undefined);
  assert.equal(qiniu.deleted.length, 1, "the other account renewed");
  assert.ok(!JSON.stringify(result.value).includes("wrong-secret-for-the-renewal"));
});
