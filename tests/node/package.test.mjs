// The built package (pkg/) as a user gets it: resolved by name through its exports map from Node
// ESM and CommonJS, its `web` build loaded by a real page in headless Chromium, and the README's
// signRequest example executed with its printed output checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = join(root, "pkg");
let project;

before(() => {
  assert.ok(existsSync(join(pkg, "package.json")), "pkg/ is missing: run `npm run build` first");
  project = mkdtempSync(join(tmpdir(), "cloudcerts-consumer-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(pkg, join(project, "node_modules", "cloudcerts"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
});
after(() => rmSync(project, { recursive: true, force: true }));

const vector = {
  account: { provider: "tencent-ssl", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "SECRETEXAMPLE" },
  request: { method: "POST", url: "https://ssl.tencentcloudapi.com/", body: '{"Limit":1000,"Offset":0}' },
  signature: "a1b2874b1f659a73bc2332b954cead7ed0e937f20fb5d575cbffb40402668579",
};
const call = `signRequest(${JSON.stringify(vector.account)}, ${JSON.stringify(vector.request)}, { timestampMs: 1700000000000 }).headers.Authorization`;

function run(file, source) {
  writeFileSync(join(project, file), source);
  return execFileSync(process.execPath, [join(project, file)], { cwd: project, encoding: "utf8" });
}

test("Node ESM resolves `cloudcerts` through the exports map", () => {
  const out = run("esm.mjs", `import { signRequest } from "cloudcerts";\nconsole.log(${call});\n`);
  assert.ok(out.trim().endsWith(`Signature=${vector.signature}`), out);
});

test("Node CommonJS resolves `cloudcerts` through the exports map", () => {
  const out = run("cjs.cjs", `const { signRequest } = require("cloudcerts");\nconsole.log(${call});\n`);
  assert.ok(out.trim().endsWith(`Signature=${vector.signature}`), out);
});

test("every entry point of the exports map exists, with its types", () => {
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  assert.ok(targets.length >= 10);
  for (const target of targets) assert.ok(existsSync(join(pkg, target)), `missing ${target}`);
  const types = readFileSync(join(pkg, "web", "cloudcerts.d.ts"), "utf8");
  assert.match(types, /export function signRequest\(account: Account, request: HttpRequest, context\?: SignContext \| null\): SignedRequest;/);
  assert.match(types, /export function inventory\(accounts: Account\[\], options\?: ClientOptions \| null\): Promise<Inventory>;/);
  assert.match(types, /export type Provider = "tencent-ssl" \| "tencent-legacy" \| "volcengine-live" \| "volcengine-cert" \| "qiniu" \| "tencent-dns" \| "volcengine-dns";/);
  // The ACME module has its own .d.ts, and the main one declares its types.
  assert.match(readFileSync(join(pkg, "web", "cloudcerts_acme.d.ts"), "utf8"), /export function issueCertificate\(request: IssueRequest, options\?: IssueOptions \| null\): Promise<IssuedCertificate>;/);
  assert.match(types, /export interface IssuedCertificate \{/);
});

test("the generated .d.ts matches the committed reference (tests/types/cloudcerts.d.ts)", () => {
  const built = readFileSync(join(pkg, "bundler", "cloudcerts.d.ts"), "utf8").split("\n");
  const reference = readFileSync(join(root, "tests", "types", "cloudcerts.d.ts"), "utf8").split("\n");
  const first = built.findIndex((line, i) => line !== reference[i]);
  assert.ok(
    first === -1 && built.length === reference.length,
    `the types changed at line ${first + 1}:\n  built:     ${built[first]}\n  reference: ${reference[first]}\n` +
      "review the change, then `npm run update-types` and commit tests/types/cloudcerts.d.ts",
  );
  for (const declaration of [
    /export function normalizeResponse\(provider: Provider, body: string, options\?: NormalizeOptions \| null\): Certificate\[\];/,
    /export type CertStatus = "active" \| "expiring" \| "expired" \| "pending" \| "failed" \| "revoked" \| "cancelled" \| "disabled" \| "unknown";/,
    /headers\?: Record<string, string>;/,
    /raw: Record<string, unknown>;/,
  ]) {
    assert.match(built.join("\n"), declaration);
  }
});

/** Serves pkg/web/ and returns what a page running `script` (a module) wrote into #out. */
async function pageOutput(script) {
  const page = `<!doctype html><meta charset="utf-8"><title>t</title><body><pre id="out">pending</pre>
<script type="module">
try { ${script} }
catch (e) { document.getElementById("out").textContent = "ERR " + e; }
</script>`;
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const fetched = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    fetched.push(path);
    if (path === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    const file = join(root, path);
    if (!path.startsWith("/pkg/web/") || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = mkdtempSync(join(tmpdir(), "chromium-"));
  try {
    const dom = await new Promise((ok, fail) =>
      execFile(
        "/usr/bin/chromium",
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`, "--virtual-time-budget=10000", "--dump-dom", url],
        { timeout: 60000, encoding: "utf8" },
        (err, stdout) => (err ? fail(err) : ok(stdout)),
      ),
    );
    return { dom, fetched };
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

test("the web build loads and signs in a page (headless Chromium)", async () => {
  const { dom } = await pageOutput(`const { default: init, signRequest } = await import("/pkg/web/cloudcerts.js");
await init(); document.getElementById("out").textContent = "OK " + ${call};`);
  assert.match(dom, new RegExp(`OK TC3-HMAC-SHA256 .*Signature=${vector.signature}`));
});

test("`cloudcerts/sign` in a page: web/sign.js signs, and only the signing module is downloaded", async () => {
  const { dom, fetched } = await pageOutput(`const { signRequest } = await import("/pkg/web/sign.js");
document.getElementById("out").textContent = "OK " + ${call};`);
  assert.match(dom, new RegExp(`OK TC3-HMAC-SHA256 .*Signature=${vector.signature}`));
  const wasm = fetched.filter((p) => p.endsWith(".wasm"));
  assert.deepEqual(wasm, ["/pkg/web/cloudcerts_sign_bg.wasm"], `fetched: ${fetched.join(", ")}`);
  assert.ok(!fetched.includes("/pkg/web/cloudcerts.js"), "the main module's glue is not loaded");
});

test("`cloudcerts/sign` resolves from Node ESM and CommonJS to signRequest and isCloudCertError alone", () => {
  const esm = run("sign-esm.mjs", `import * as sign from "cloudcerts/sign";\nimport { signRequest } from "cloudcerts/sign";\nconsole.log(Object.keys(sign).join(","));\nconsole.log(${call});\n`);
  const [esmKeys, esmAuth] = esm.trim().split("\n");
  assert.equal(esmKeys, "default,isCloudCertError,signRequest");
  assert.ok(esmAuth.endsWith(`Signature=${vector.signature}`), esm);
  const cjs = run("sign-cjs.cjs", `const sign = require("cloudcerts/sign");\nconst { signRequest } = sign;\nconsole.log(Object.keys(sign).join(","));\nconsole.log(require.resolve("cloudcerts/sign"));\nconsole.log(${call});\n`);
  const [cjsKeys, resolved, cjsAuth] = cjs.trim().split("\n");
  assert.equal(cjsKeys, "isCloudCertError,signRequest");
  assert.ok(resolved.endsWith(join("node", "sign.cjs")), resolved);
  assert.ok(cjsAuth.endsWith(`Signature=${vector.signature}`), cjs);
});

for (const name of ["signRequest", "normalizeResponse", "cloudcerts/sign"]) {
  test(`the README's ${name} example runs and prints what it says`, () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = readme.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``));
    assert.ok(block, `README.md has no \`<!-- example: ${name} -->\` js block`);
    const source = block[1];
    const expected = [...source.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1].trim());
    assert.ok(expected.length >= 2, "the example documents its output with `// → ...` comments");
    const out = run(`readme-${name.replace("/", "-")}.mjs`, source).trim().split("\n").map((l) => l.trim());
    assert.deepEqual(out, expected);
  });
}
