// The JavaScript faces over the wasm exports (pkg-template/shared/renew.js and replace.js) with a
// recording library in place of the package's calls, and the client's options.signal: what the
// caller hands in is read behind guards, so that whatever it is (a revoked Proxy, a getter that
// throws, a signal that is not one) the call ends in a CloudCertError and never in the caller's
// exception, an uncaught one, or a renewal that throws away the certificate it issued.

import { test } from "node:test";
import assert from "node:assert/strict";

import { renewCertificate } from "../../pkg/node/renew.js";
import * as cc from "../../pkg/node/index.mjs";

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const certificate = { id: "c1", provider: "qiniu", account: "q", commonName: "www.example.com", domains: ["www.example.com", "api.example.com"] };
const plan = () => ({ directory: "https://acme.example.com/directory", dns: { provider: "tencent-dns", accessKeyId: "AKID", secretAccessKey: "sk" }, accounts: [{ provider: "qiniu", accessKeyId: "ak", secretAccessKey: "sk", label: "q" }] });
const issued = { certificatePem: "CERT", privateKeyPem: "KEY", notAfter: "2027-03-01T00:00:00Z" };
const cloudCertError = (code, message, extra = {}) => Object.assign(new Error(message), { name: "CloudCertError", code, retryable: false, ...extra });

/** A library whose calls are recorded; `issue` and `replace` say what they do. */
function library({ issue = async () => issued, replace = async () => ({ accounts: [] }) } = {}) {
  const calls = [];
  return {
    calls,
    issueCertificate: async (request, options) => {
      calls.push({ call: "issue", request, options });
      return issue(request, options);
    },
    replaceCertificate: async (accounts, bundle, options) => {
      calls.push({ call: "replace", accounts, bundle, options });
      return replace(accounts, bundle, options);
    },
  };
}

test("renewCertificate: an inherited onProgress reaches the issuance and the rollout, the rest of the options as spread", async () => {
  class Options {
    constructor() {
      this.proxy = "http://127.0.0.1:9/";
    }
    onProgress() {}
  }
  const options = new Options();
  const lib = library();
  const renewed = await renewCertificate(lib, certificate, plan(), options);
  assert.equal(renewed.issued, issued);
  const [issue, replace] = lib.calls;
  assert.equal(issue.options.onProgress, Options.prototype.onProgress);
  assert.equal(issue.options.proxy, "http://127.0.0.1:9/");
  assert.equal(replace.options.onProgress, Options.prototype.onProgress);
  assert.equal(replace.options.deleteReplaced, false);
  assert.deepEqual(issue.request.domains, ["www.example.com", "api.example.com"]);
});

test("renewCertificate: the issuance's InvalidInput is named as the caller gave the member; a CA's problem is not renamed", async () => {
  const cases = [
    ["request.domains[1]: not a DNS name", "certificate.domains: not a DNS name"],
    ["request.directory: not an https URL", "plan.directory: not an https URL"],
    // The DNS accounts' own messages name them as the issuance does (`dns…`), as before.
    ["dns.provider: qiniu is a certificate provider", "dns.provider: qiniu is a certificate provider"],
    ["options.timeoutMs: expected a finite number, got NaN", "options.timeoutMs: expected a finite number, got NaN"],
  ];
  for (const [thrown, expected] of cases) {
    const lib = library({ issue: async () => { throw cloudCertError("InvalidInput", thrown); } });
    await assert.rejects(renewCertificate(lib, certificate, plan(), {}), (e) => e.code === "InvalidInput" && e.message === expected, thrown);
  }
  const fromCa = library({ issue: async () => { throw cloudCertError("InvalidInput", "request.domains are too many", { vendorCode: "urn:ietf:params:acme:error:rejectedIdentifier" }); } });
  await assert.rejects(renewCertificate(fromCa, certificate, plan(), {}), (e) => e.message === "request.domains are too many");
  // The accounts are checked before anything is issued, named as replaceCertificate names them.
  await assert.rejects(renewCertificate(library(), certificate, { ...plan(), accounts: [5] }, {}), (e) => e.code === "InvalidInput" && e.message === "accounts[0]: expected an object, got a number");
});

test("renewCertificate: a rollout that rejects with anything keeps the issued certificate", async () => {
  for (const thrown of [revoked(), new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } }), 5, cloudCertError("Network", "the request did not get through")]) {
    const lib = library({ replace: async () => { throw thrown; } });
    const renewed = await renewCertificate(lib, certificate, plan(), {});
    assert.equal(renewed.issued, issued, "the issued certificate is returned");
    assert.equal(renewed.error.name, "CloudCertError");
    assert.ok(["BadResponse", "Network"].includes(renewed.error.code), renewed.error.code);
  }
});

test("renewCertificate: revoked Proxies and throwing getters anywhere in its arguments are InvalidInput naming them", async () => {
  const throwing = (object, key) => Object.defineProperty({ ...object }, key, { get() { throw new Error("caller's own"); }, enumerable: true });
  const cases = [
    [[revoked(), plan(), {}], /^certificate\.domains: could not be read/],
    [[throwing(certificate, "commonName"), plan(), {}], /^certificate\.commonName: could not be read/],
    [[certificate, revoked(), {}], /^plan\.directory: could not be read/],
    [[certificate, throwing(plan(), "dns"), {}], /^plan\.dns: could not be read/],
    [[certificate, { ...plan(), accounts: revoked() }, {}], /^plan\.accounts: expected an array/],
    [[certificate, plan(), revoked()], /^options\.onProgress: could not be read/],
    [[certificate, plan(), throwing({}, "proxy")], /^options: could not be read/],
  ];
  for (const [args, message] of cases) {
    const lib = library();
    await assert.rejects(renewCertificate(lib, ...args), (e) => e.name === "CloudCertError" && e.code === "InvalidInput" && message.test(e.message), String(message));
    assert.deepEqual(lib.calls, [], "refused before anything is issued");
  }
});

test("renewCertificate: what the roll-out would refuse is refused before the CA issues anything, as the roll-out words it", async () => {
  const listed = { certificates: [], accounts: [{ provider: "qiniu", account: "q", count: 0, requests: 1, retries: 0, warnings: [] }] };
  const cases = [
    [{ name: 7 }, {}, "plan.name: expected a string, got a number"],
    [{ name: " " }, {}, "plan.name: must not be empty"],
    [{}, { only: "c1" }, "options.only: expected an array of certificate ids, got a string"],
    [{}, { only: ["c1", 2] }, "options.only: expected an array of certificate ids, got an array"],
    [{}, { inventory: { certificates: [], accounts: [] } }, /^options\.inventory: is not an inventory of these accounts/],
    [{}, { inventory: 5 }, /^options\.inventory: is not an inventory \(/],
  ];
  for (const [planned, options, message] of cases) {
    const lib = library();
    await assert.rejects(
      renewCertificate(lib, certificate, { ...plan(), ...planned }, options),
      (e) => e.name === "CloudCertError" && e.code === "InvalidInput" && (typeof message === "string" ? e.message === message : message.test(e.message)),
      String(message),
    );
    assert.deepEqual(lib.calls, [], `refused before anything is issued: ${message}`);
  }
  // A nullish name or inventory is none: the default name, a fresh listing.
  for (const [planned, options] of [[{ name: null }, {}], [{}, { inventory: null, only: undefined }]]) {
    const lib = library();
    const renewed = await renewCertificate(lib, certificate, { ...plan(), ...planned }, options);
    assert.equal(renewed.issued, issued);
    assert.equal(lib.calls[1].bundle.name, "www.example.com-2027-03-01");
  }
  // A falsy inventory that is not nullish is named as the caller's.
  await assert.rejects(renewCertificate(library(), certificate, plan(), { inventory: 0 }), (e) => e.code === "InvalidInput" && /^options\.inventory: is not an inventory \(/.test(e.message));
  // The same values pass where they are right, and reach the roll-out as given.
  const lib = library();
  await renewCertificate(lib, certificate, { ...plan(), name: "successor" }, { only: ["c1"], inventory: listed });
  const [issue, replace] = lib.calls;
  assert.equal(issue.call, "issue");
  assert.equal(replace.bundle.name, "successor");
  assert.deepEqual(replace.options.only, ["c1"]);
  assert.equal(replace.options.inventory, listed);
});

test("replaceCertificate: a caller's inventory that cannot be read is InvalidInput naming options.inventory", async () => {
  const accounts = [{ provider: "qiniu", accessKeyId: "ak", secretAccessKey: "sk", label: "q" }];
  const bundle = { name: "n", commonName: "c", certificatePem: "x", privateKeyPem: "y" };
  const lengthThrows = new Proxy([], { get(target, key) { if (key === "length") throw new Error("caller's own"); return target[key]; } });
  for (const inventory of [
    { certificates: lengthThrows, accounts: [{ provider: "qiniu", account: "q" }] },
    { certificates: [], accounts: lengthThrows },
    { certificates: [], accounts: [Object.defineProperty({ provider: "qiniu", account: "q" }, "error", { get() { throw new Error("caller's own"); } })] },
    revoked(),
  ]) {
    // The bundle is checked before the inventory is read: a bundle the inspector refuses ends
    // there; the inventory is read only once the bundle passes, so both outcomes are checked.
    const outcome = await cc.replaceCertificate(accounts, bundle, { inventory, dryRun: true }).then(() => "resolved", (e) => e);
    assert.ok(outcome instanceof Error, String(outcome));
    assert.equal(outcome.name, "CloudCertError");
    assert.equal(outcome.code, "InvalidInput");
    assert.ok(!outcome.message.includes("caller's own"), outcome.message);
  }
});

test("options.signal: an object that only inherits from AbortSignal is refused; a real one with its own odd members works", async () => {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async () => new Response('{"error":"stub refuses"}', { status: 401, headers: { "content-type": "application/json" } });
  try {
    const account = { provider: "qiniu", accessKeyId: "ak", secretAccessKey: "sk" };
    const fake = Object.create(AbortSignal.prototype);
    await assert.rejects(cc.listCertificates(account, {}, { proxy: "http://127.0.0.1:9/", signal: fake }), (e) => e.code === "InvalidInput" && /^options\.signal: /.test(e.message));
    const odd = new AbortController().signal;
    Object.defineProperty(odd, "aborted", { get() { throw new Error("caller's own"); } });
    odd.addEventListener = () => { throw new Error("caller's own"); };
    const outcome = await cc.listCertificates(account, {}, { proxy: "http://127.0.0.1:9/", signal: odd, maxAttempts: 1 }).then(() => "resolved", (e) => e);
    assert.equal(outcome.name, "CloudCertError", String(outcome));
    assert.notEqual(outcome.code, "InvalidInput", outcome.message);
    assert.notEqual(outcome.code, "Aborted");
  } finally {
    globalThis.fetch = realFetch;
  }
});
