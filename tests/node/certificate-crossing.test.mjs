// Certificates cross from wasm as a tape (crates/wasm/src/certificates.rs, certificates.js): the
// objects must be exactly what JSON.parse of the model's JSON gave before: the members in the
// model's order, absent ones left out, any tag key (`__proto__` too) an own member, strings
// beyond ASCII and beyond the BMP intact, lists longer than one piece whole and in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const cc = require(join(root, "pkg/node/index.cjs"));
const now = Date.UTC(2026, 10, 23);

/** The model's members in its order (src/model.rs, `Certificate`). */
const MODEL_ORDER = ["provider", "account", "id", "name", "commonName", "domains", "notBefore", "notAfter", "daysRemaining",
  "status", "vendorStatus", "vendorStatusText", "issuer", "validation", "wildcard", "source", "chainId", "replacedBy", "replaces",
  "fingerprintSha256", "serialNumber", "keyAlgorithm", "tags", "project", "boundResources", "warnings", "raw"];
const FIXTURES = [
  ["tencent-ssl", "tencent-ssl.seed.json"], ["tencent-legacy", "tencent-legacy.seed.json"], ["volcengine-live", "volcengine-live.seed.json"],
  ["volcengine-cert", "volcengine-cert.seed.json"], ["qiniu", "qiniu-list.json"],
];
const fixture = (name) => readFileSync(join(root, "tests/fixtures", name), "utf8");

test("every certificate's members come in the model's order, raw last", () => {
  let seen = 0;
  for (const [provider, name] of FIXTURES) {
    for (const c of cc.normalizeResponse(provider, fixture(name), { now, label: "order" })) {
      const keys = Object.keys(c);
      const positions = keys.map((k) => MODEL_ORDER.indexOf(k));
      assert.ok(positions.every((p) => p >= 0), `${provider}: unknown member in ${keys}`);
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), `${provider}: ${keys}`);
      for (const k of ["provider", "account", "id", "domains", "status", "wildcard", "raw"]) assert.ok(keys.includes(k), `${provider}: ${k}`);
      assert.equal(c.account, "order");
      seen++;
    }
  }
  assert.ok(seen >= FIXTURES.length);
});

test("tags: any key is an own member, __proto__ and array-index keys included; text beyond the BMP intact", () => {
  const body = JSON.parse(fixture("tencent-ssl.seed.json"));
  const record = body.Response.Certificates[0];
  record.Alias = "名前 😀 \u00e9\u0301";
  record.Tags = [
    { TagKey: "__proto__", TagValue: "polluted?" },
    { TagKey: "1", TagValue: "one" },
    { TagKey: "constructor", TagValue: "c" },
    { TagKey: "😀", TagValue: "é\"\\\nx" },
  ];
  const [c] = cc.normalizeResponse("tencent-ssl", JSON.stringify(body), { now });
  assert.equal(c.name, record.Alias);
  assert.equal(Object.getPrototypeOf(c.tags), Object.prototype, "the prototype is untouched");
  assert.deepEqual(Object.keys(c.tags).sort(), ["1", "__proto__", "constructor", "😀"]);
  assert.equal(Object.getOwnPropertyDescriptor(c.tags, "__proto__")?.value, "polluted?");
  assert.equal(c.tags.constructor, "c");
  assert.equal(c.tags["😀"], "é\"\\\nx");
  assert.equal({}.polluted, undefined);
  // The same members JSON.parse makes of the same JSON.
  assert.deepEqual(Object.entries(c.tags), Object.entries(JSON.parse(JSON.stringify(c.tags))));
  assert.deepEqual(c.raw.Tags, record.Tags);
  // A setter someone put on Object.prototype is not called: each tag is an own data property,
  // as JSON.parse makes it (an assignment would call the setter, or throw where the built-ins
  // are frozen).
  let called = 0;
  Object.defineProperty(Object.prototype, "ccSetterKey", { set() { called++; }, get() { return "inherited"; }, configurable: true });
  try {
    record.Tags = [{ TagKey: "ccSetterKey", TagValue: "own" }, { TagKey: "toString", TagValue: "own too" }];
    const [d] = cc.normalizeResponse("tencent-ssl", JSON.stringify(body), { now });
    assert.equal(called, 0);
    assert.deepEqual(Object.getOwnPropertyDescriptor(d.tags, "ccSetterKey"), { value: "own", writable: true, enumerable: true, configurable: true });
    assert.equal(d.tags.toString, "own too");
  } finally {
    delete Object.prototype.ccSetterKey;
  }
});

test("a list longer than one piece arrives whole and in order, each raw its own record", () => {
  const body = JSON.parse(fixture("qiniu-list.json"));
  const template = body.certs[0];
  const n = 6000; // about 3 MiB of tape and heap: several pieces
  body.certs = Array.from({ length: n }, (_, i) => ({ ...template, certid: `id-${i}`, name: `name ${i}${"é😀".repeat(i % 7)}`, dnsnames: [`a${i}.example.com`, `B${i}.example.com`] }));
  const certificates = cc.normalizeResponse("qiniu", JSON.stringify(body), { now });
  assert.equal(certificates.length, n);
  for (let i = 0; i < n; i += 97) {
    const c = certificates[i];
    assert.equal(c.id, `id-${i}`);
    assert.equal(c.name, `name ${i}${"é😀".repeat(i % 7)}`);
    assert.ok(c.domains.includes(`b${i}.example.com`), "domains lower-cased");
    assert.equal(c.raw.certid, `id-${i}`);
  }
  assert.equal(certificates[n - 1].raw.name, body.certs[n - 1].name);
});

test("daysRemaining keeps its sign; every status and optional member crosses as JSON would write it", () => {
  for (const [provider, name] of FIXTURES) {
    const text = fixture(name);
    for (const at of [Date.UTC(2020, 0, 1), now, Date.UTC(2040, 0, 1)]) {
      for (const c of cc.normalizeResponse(provider, text, { now: at })) {
        const copy = JSON.parse(JSON.stringify(c));
        assert.deepEqual(c, copy, `${provider}: plain data`);
        if (c.daysRemaining !== undefined) {
          assert.ok(Number.isInteger(c.daysRemaining));
          if (at === Date.UTC(2040, 0, 1)) assert.ok(c.daysRemaining < 0, `${provider}: expired by 2040`);
        }
        assert.ok(["active", "expiring", "expired", "pending", "failed", "revoked", "cancelled", "disabled", "unknown"].includes(c.status));
      }
    }
  }
});

test("the body crosses into wasm whole whatever its characters: short, non-ASCII first, beyond the BMP, a lone surrogate", () => {
  // Each text is read as text (a vendor's answer or BadResponse), never "could not be read".
  for (const text of ["é", "😀", "\uD800", "名", "é".repeat(5000), `{"certs":[],"marker":"${"名😀é".repeat(3000)}"}`]) {
    try {
      cc.normalizeResponse("qiniu", text, { now });
    } catch (e) {
      assert.equal(e.code, "BadResponse", `${text.slice(0, 10)}: ${e.message}`);
    }
  }
  assert.deepEqual(cc.normalizeResponse("qiniu", `{"certs":[],"marker":"${"名😀é".repeat(3000)}"}`, { now }), []);
  // A record after a long non-ASCII run: its raw and fields come from the right place.
  const body = JSON.parse(fixture("qiniu-list.json"));
  body.marker = "MARKER";
  body.certs[0].name = "末尾 😀";
  // The lone surrogate raw in the text (JSON.stringify would escape it, and an escaped lone
  // surrogate is refused as serde_json refuses it).
  const text = JSON.stringify(body).replace("MARKER", "名😀\uD800".repeat(2000));
  const [c] = cc.normalizeResponse("qiniu", text, { now });
  assert.equal(c.name, "末尾 😀");
  assert.equal(c.raw.name, "末尾 😀");
});

/**
 * `value` as JSON with the first character of every string (keys too) written as a `\u` escape:
 * the same value, but no string of it can be taken from the text as it is.
 */
function escapedJson(value) {
  return JSON.stringify(value).replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner) => {
    const first = inner.charCodeAt(0);
    if (inner === "" || inner[0] === "\\" || (first >= 0xd800 && first <= 0xdfff)) return whole;
    return `"\\u${first.toString(16).padStart(4, "0")}${inner.slice(1)}"`;
  });
}

test("strings taken from the body as it is are the ones an escaped body gives, after any characters", () => {
  // Each certificate's strings are slices of the body's own string where the body holds them
  // as they are (crates/wasm/src/certificates.rs, IN_BODY), else copies: both must give the same
  // certificates, whatever comes before them (non-ASCII runs shift the UTF-16 offsets).
  const prefixes = ["", "é", "名😀", "a😀b名c".repeat(50), "\u00e9".repeat(9)];
  let compared = 0;
  for (const [provider, name] of FIXTURES) {
    const value = JSON.parse(fixture(name));
    for (const prefix of prefixes) {
      // A member before the records, and text inside every record, beyond ASCII.
      const shifted = { _: prefix, ...value };
      const records = shifted.Response?.Certificates ?? shifted.data?.list ?? shifted.Result?.CertList ?? shifted.Result?.content
        ?? shifted.certs;
      records.forEach((r, i) => { r._note = `${prefix}${i}`; });
      const plain = cc.normalizeResponse(provider, JSON.stringify(shifted), { now, label: "l" });
      const escaped = cc.normalizeResponse(provider, escapedJson(shifted), { now, label: "l" });
      assert.ok(plain.length > 0, `${provider}: no certificates`);
      assert.deepEqual(plain, escaped, `${provider} after ${JSON.stringify(prefix.slice(0, 8))}`);
      compared += plain.length;
    }
  }
  assert.ok(compared >= FIXTURES.length * 5);
  // Domains upper-cased in the body are copies lower-cased; those already lower-case are slices.
  const body = JSON.parse(fixture("qiniu-list.json"));
  body.certs[0].dnsnames = ["Upper.Example.com", "lower.example.com", " padded.example.com "];
  const [c] = cc.normalizeResponse("qiniu", JSON.stringify(body), { now });
  assert.deepEqual(c.domains.slice(-3), ["upper.example.com", "lower.example.com", "padded.example.com"]);
});
