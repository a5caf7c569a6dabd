// `raw` costs nothing until it is read (crates/wasm/src/certificates.rs, certificates.js): normalizeResponse and
// the client's listings do not parse a body a second time for `raw`; each certificate's `raw` is
// its record's own text, parsed by JSON.parse on first read and kept. A certificate still
// behaves as plain data: JSON.stringify, structuredClone, postMessage to a Worker, spread and
// Object.keys all show `raw`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { buildBody } from "../../bench/lib/bodies.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const cc = require(join(root, "pkg/node/index.cjs"));
const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];
const LISTS = {
  "tencent-ssl": (d) => d.Response.Certificates,
  "tencent-legacy": (d) => d.data.list,
  "volcengine-live": (d) => d.Result.CertList,
  "volcengine-cert": (d) => d.Result.content,
  qiniu: (d) => d.certs,
};
const now = Date.UTC(2026, 10, 23);

/** Runs `f` with JSON.parse wrapped, and returns what it returned and every text JSON.parse got. */
function watchingJsonParse(f) {
  const original = JSON.parse;
  const texts = [];
  JSON.parse = function (text, reviver) {
    texts.push(String(text));
    return original.call(this, text, reviver);
  };
  try {
    return { value: f(), texts };
  } finally {
    JSON.parse = original;
  }
}

test("normalizeResponse parses no body a second time, and each raw only when it is read", () => {
  for (const provider of PROVIDERS) {
    const { body } = buildBody(provider, 50);
    // Private keys kept, so that each raw is exactly its record (their removal is tested below).
    const options = { now, includePrivateKey: true };
    const { value: certificates, texts } = watchingJsonParse(() => cc.normalizeResponse(provider, body, options));
    // The certificates cross as JSON text too (`[{"provider":…`): only the body's own text counts.
    const envelope = body.slice(0, 40);
    assert.ok(!texts.some((t) => t.startsWith(envelope)), `${provider}: the body was parsed again`);
    const records = LISTS[provider](JSON.parse(body));
    assert.ok(records.length > 0 && certificates.length === records.length, provider);
    const lazy = certificates.filter((c) => typeof Object.getOwnPropertyDescriptor(c, "raw").get === "function");
    assert.ok(lazy.length > 0, `${provider}: no raw read on demand`);
    const i = certificates.indexOf(lazy[0]);
    const { value: raw, texts: read } = watchingJsonParse(() => lazy[0].raw);
    assert.equal(read.length, 1, `${provider}: one parse of one record`);
    assert.deepEqual(JSON.parse(read[0]), records[i], `${provider}: the record's own text`);
    assert.deepEqual(raw, records[i]);
    const { texts: again } = watchingJsonParse(() => lazy[0].raw);
    assert.equal(again.length, 0, `${provider}: kept after the first read`);
    assert.equal(lazy[0].raw, raw, "the same object each time");
  }
});

test("raw read on demand equals the vendor's record for every certificate of every provider", () => {
  for (const provider of PROVIDERS) {
    const { body } = buildBody(provider, 200);
    const certificates = cc.normalizeResponse(provider, body, { now, includePrivateKey: true });
    const records = LISTS[provider](JSON.parse(body));
    assert.equal(certificates.length, records.length, provider);
    certificates.forEach((c, i) => assert.deepEqual(c.raw, records[i], `${provider} #${i}`));
  }
});

test("offsets hold in a body with characters beyond ASCII and beyond the BMP", () => {
  const records = [
    { certid: "a", name: "证书一", common_name: "a.example", not_before: 1, not_after: 2, note: "é😀" },
    { certid: "b", name: "😀😀 second", common_name: "b.example", not_before: 1, not_after: 2 },
    { certid: "c", name: "\u2028 and \\\" escapes \u00e9", common_name: "c.example", not_before: 1, not_after: 2 },
  ];
  const body = `{"marker": "证", "certs": [ ${records.map((r) => JSON.stringify(r)).join(" ,\n ")} ]}`;
  const certificates = cc.normalizeResponse("qiniu", body, { now });
  assert.deepEqual(certificates.map((c) => c.raw), records);
});

test("a certificate is plain data: JSON.stringify, structuredClone, spread and Object.keys show raw", () => {
  const body = readFileSync(join(root, "tests/fixtures/tencent-ssl.seed.json"), "utf8");
  const expected = LISTS["tencent-ssl"](JSON.parse(body));
  const fresh = () => cc.normalizeResponse("tencent-ssl", body, { now });
  // Each way of looking is tried on a certificate whose raw was never read before.
  assert.ok(Object.keys(fresh()[0]).includes("raw"));
  assert.deepEqual(JSON.parse(JSON.stringify(fresh()[0])).raw, expected[0]);
  assert.deepEqual(structuredClone(fresh()[0]).raw, expected[0]);
  assert.deepEqual({ ...fresh()[0] }.raw, expected[0]);
  assert.deepEqual(Object.assign({}, fresh()[0]).raw, expected[0]);
  assert.deepEqual(Object.entries(fresh()[0]).find(([k]) => k === "raw")[1], expected[0]);
  // The list itself too.
  assert.deepEqual(structuredClone(fresh()).map((c) => c.raw), expected);
  // raw can be replaced like any member.
  const c = fresh()[0];
  c.raw = { replaced: true };
  assert.deepEqual(c.raw, { replaced: true });
  assert.deepEqual(JSON.parse(JSON.stringify(c)).raw, { replaced: true });
  // and changes to what was read stay.
  const d = fresh()[0];
  d.raw.Alias = "changed";
  assert.equal(d.raw.Alias, "changed");
});

test("postMessage to a Worker carries raw", async () => {
  const body = readFileSync(join(root, "tests/fixtures/volcengine-live.seed.json"), "utf8");
  const expected = LISTS["volcengine-live"](JSON.parse(body));
  const certificates = cc.normalizeResponse("volcengine-live", body, { now });
  const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", { eval: true });
  try {
    const echoed = await new Promise((resolveEcho, reject) => {
      worker.once("message", resolveEcho);
      worker.once("error", reject);
      worker.postMessage(certificates);
    });
    assert.deepEqual(echoed.map((c) => c.raw), expected);
  } finally {
    await worker.terminate();
  }
});

test("private keys never reach a raw read on demand, and stay when asked for", () => {
  const pem = "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----";
  const qiniu = buildBody("qiniu", 100).body.replace(/"certid":/g, `"pri":"${pem}","certid":`);
  for (const [provider, body] of [["volcengine-cert", buildBody("volcengine-cert", 100).body], ["qiniu", qiniu]]) {
    assert.ok(body.includes("PRIVATE KEY"), `${provider}: the body carries keys`);
    const removed = cc.normalizeResponse(provider, body, { now });
    assert.ok(!JSON.stringify(removed).includes("PRIVATE KEY"), provider);
    assert.ok(!JSON.stringify(structuredClone(removed)).includes("PRIVATE KEY"), provider);
    const kept = cc.normalizeResponse(provider, body, { now, includePrivateKey: true });
    assert.ok(JSON.stringify(kept).includes("PRIVATE KEY"), provider);
  }
});

test("a lone surrogate in a key on a private key's path does not let the key through", () => {
  // A literal lone surrogate (not the escape): fetch().text() never makes one, a hand-made
  // string can. The wasm reads it as U+FFFD; raw is then read from that same text.
  const pem = "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----";
  const body = `{"marker":"","certs":[{"certid":"a","name":"a","common_name":"a.example","not_before":1,"not_after":2,"x\uD800":{"pri":"secret","k":"${pem}","keep":1}},{"certid":"b","name":"\uDC00b","common_name":"b.example","not_before":1,"not_after":2}]}`;
  const [a, b] = cc.normalizeResponse("qiniu", body, { now });
  assert.ok(!JSON.stringify(a).includes("secret") && !JSON.stringify(a).includes("PRIVATE KEY"), JSON.stringify(a.raw));
  assert.deepEqual(a.raw["x\uFFFD"], { keep: 1 });
  assert.equal(b.raw.certid, "b", "the offsets after a lone surrogate hold");
  assert.equal(b.raw.name, "\uFFFDb");
  // The certificate's own strings come from that same text (slices of it where it holds them).
  assert.equal(b.name, "\uFFFDb");
  const kept = cc.normalizeResponse("qiniu", body, { now, includePrivateKey: true });
  assert.equal(kept[0].raw["x\uFFFD"].pri, "secret");
});
