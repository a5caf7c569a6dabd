// The package's `normalizeResponse` (its entry in pkg-template/node) gives exactly what the wasm
// export computes alone, `raw` included (read on demand from each record's own text, private keys
// spliced out as the wasm names them: tests/node/lazy-raw.test.mjs): every fixture, sandbox
// bodies of every provider, private keys removed or kept, nested and in arrays, and integers
// beyond 2^53.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { buildBody } from "../../bench/lib/bodies.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const wrapped = require(join(root, "pkg/node/index.cjs"));
const alone = require(join(root, "pkg/node/cloudcerts.cjs"));
const PROVIDERS = ["tencent-ssl", "tencent-legacy", "volcengine-live", "volcengine-cert", "qiniu"];
const now = Date.UTC(2026, 10, 23);

function same(provider, body, options) {
  const expected = alone.normalizeResponse(provider, body, options);
  const got = wrapped.normalizeResponse(provider, body, options);
  assert.deepStrictEqual(got, expected, `${provider} ${JSON.stringify(options)}`);
  return got;
}

test("the wrapper's normalizeResponse equals the wasm export's on every fixture", () => {
  const dir = join(root, "tests/fixtures");
  const providerOf = (f) => PROVIDERS.find((p) => f.startsWith(p)) ?? (f.startsWith("qiniu") ? "qiniu" : null);
  let files = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const provider = providerOf(file);
    if (!provider) continue;
    const body = readFileSync(join(dir, file), "utf8");
    for (const includePrivateKey of [false, true]) same(provider, body, { now, includePrivateKey });
    files += 1;
  }
  assert.ok(files >= 6, `only ${files} fixtures`);
});

test("… on sandbox bodies of every provider, with and without private keys", () => {
  for (const provider of PROVIDERS) {
    const { body } = buildBody(provider, 300);
    const removed = same(provider, body, { now, label: "x" });
    assert.ok(removed.length > 0, provider);
    assert.ok(!JSON.stringify(removed).includes("PRIVATE KEY-----"), `${provider}: a private key got through`);
    same(provider, body, { now, includePrivateKey: true });
  }
});

test("… with private keys nested, in arrays, several in a row, and huge integers", () => {
  const pem = (kind) => `-----BEGIN ${kind}PRIVATE KEY-----\nabc\n-----END ${kind}PRIVATE KEY-----`;
  const body = JSON.stringify({
    marker: "",
    certs: [
      { certid: "a", name: "a", common_name: "a.example", not_before: 1, not_after: 2, pri: pem("") },
      {
        certid: "b", name: "b", common_name: "b.example",
        nested: { list: ["keep", pem("RSA "), pem("EC "), { PrivateKey: "x", ok: 1 }, pem(""), "tail"] },
        encrypt_key: "",
      },
      { certid: "c", name: "c", common_name: "c.example", big: "BIG" },
    ],
  }).replace('"BIG"', "9007199254740993");
  const [, b, c] = same("qiniu", body, { now });
  assert.deepEqual(b.raw.nested.list, ["keep", { ok: 1 }, "tail"]);
  assert.equal(c.raw.big, 9007199254740992);
  same("qiniu", body, { now, includePrivateKey: true });
});

test("… and errors are the same errors", () => {
  for (const [provider, body] of [["qiniu", "not json"], ["tencent-ssl", '{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"x"},"RequestId":"r"}}']]) {
    const fail = (f) => { try { f(); } catch (e) { return [e.name, e.code, e.message]; } return null; };
    const expected = fail(() => alone.normalizeResponse(provider, body, { now }));
    assert.ok(expected, provider);
    assert.deepEqual(fail(() => wrapped.normalizeResponse(provider, body, { now })), expected);
  }
});
