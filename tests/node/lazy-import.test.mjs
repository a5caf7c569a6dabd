// Importing the package reads no wasm (issue 22): server rendering imports the Node build of a
// page that calls the package only in the browser, after a bundler has moved the module to where
// no wasm was emitted (Next.js). The Node build's glue compiles its module on the first call
// (scripts/lazy-node-glue.mjs). Here pkg/node is copied without its .wasm files: importing and
// requiring every entry must succeed, and the first call must fail naming the missing file; with
// the files back, the same copy works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ACCOUNT = { provider: "qiniu", accessKeyId: "LAZYTESTAK", secretAccessKey: "lazy-test-secret" };
const REQUEST = { method: "GET", url: "https://api.qiniu.com/sslcert" };

test("the Node build imports and requires without its wasm files; the first call reads them", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cloudcerts-lazy-"));
  try {
    cpSync(join(root, "pkg", "package.json"), join(dir, "package.json"));
    cpSync(join(root, "pkg", "node"), join(dir, "node"), { recursive: true, filter: (f) => !f.endsWith(".wasm") });
    assert.deepEqual(readdirSync(join(dir, "node")).filter((f) => f.endsWith(".wasm")), []);

    const main = await import(pathToFileURL(join(dir, "node", "index.mjs")).href);
    const sign = await import(pathToFileURL(join(dir, "node", "sign.mjs")).href);
    const required = createRequire(join(dir, "node", "index.cjs"))("./index.cjs");
    assert.equal(typeof main.normalizeResponse, "function");
    assert.equal(typeof sign.signRequest, "function");
    assert.equal(typeof required.inventory, "function");

    // The first call is where the wasm is read: here it is missing.
    assert.throws(() => main.normalizeResponse("qiniu", "{}"), (e) => e.code === "ENOENT" && /cloudcerts_bg\.wasm/.test(e.message));
    assert.throws(() => sign.signRequest(ACCOUNT, REQUEST), (e) => e.code === "ENOENT" && /cloudcerts_sign_bg\.wasm/.test(e.message));
    await assert.rejects(main.inspectCertificate("x"), (e) => e.code === "ENOENT" && /cloudcerts_inspect_bg\.wasm/.test(e.message));

    // The same modules, once the files are there, compile them and work (a failed read is retried).
    for (const f of readdirSync(join(root, "pkg", "node")).filter((f) => f.endsWith(".wasm"))) cpSync(join(root, "pkg", "node", f), join(dir, "node", f));
    const body = JSON.stringify({ marker: "", certs: [{ certid: "c1", name: "n", common_name: "a.example.com", dnsnames: ["a.example.com"], not_before: 1700000000, not_after: 1800000000 }] });
    assert.deepEqual(main.normalizeResponse("qiniu", body, { now: 1750000000000 }).map((c) => [c.id, c.status]), [["c1", "active"]]);
    assert.match(sign.signRequest(ACCOUNT, REQUEST, { timestampMs: 1700000000000 }).headers.Authorization, /^QBox LAZYTESTAK:/);
    assert.equal((await main.inspectCertificate("x")).ok, false, "garbage is reported, not thrown");
    assert.equal(required.normalizeResponse, main.normalizeResponse, "import and require share one module");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
