// The README's TypeScript write example (upload, upload again, delete twice, a refused bundle),
// type-checked with `tsc --strict` against the built package and then run against the sandbox
// through the proxy: it must print what it says, and the sandbox must have seen the writes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { startSandbox } from "../../sandbox/server.mjs";
import { startProxy } from "../../proxy/proxy.mjs";
import { expiredCertificate, sampleCertificate } from "../../sandbox/samples.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let sandbox, proxy, project;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  proxy = await startProxy({ port: 0, sandbox: sandbox.url });
  project = mkdtempSync(join(tmpdir(), "cloudcerts-readme-write-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(join(root, "pkg"), join(project, "node_modules", "cloudcerts"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme-write", private: true, type: "module" }));
  // The files the example reads: the sandbox's sample certificate and key, and another key.
  writeFileSync(join(project, "fullchain.pem"), sampleCertificate.certificatePem);
  writeFileSync(join(project, "privkey.pem"), sampleCertificate.privateKeyPem);
  writeFileSync(join(project, "other-key.pem"), expiredCertificate.privateKeyPem);
});
after(async () => {
  await proxy?.close();
  await sandbox?.close();
  rmSync(project, { recursive: true, force: true });
});

const run = promisify(execFile);

test("the README's write example type-checks strictly, prints what it says, and writes to the sandbox", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = readme.match(/<!-- example: write -->\s*```ts\n([\s\S]*?)```/);
  assert.ok(block, "README.md has no `<!-- example: write -->` ts block");
  const source = block[1].replace("http://127.0.0.1:8787/", proxy.url.endsWith("/") ? proxy.url : `${proxy.url}/`);
  const expected = [...source.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1].trim());
  assert.equal(expected.length, 2);

  writeFileSync(join(project, "example.ts"), source);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], types: ["node"], typeRoots: [join(root, "node_modules/@types")], skipLibCheck: false },
    files: ["example.ts"],
  }));
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: project });

  const before = sandbox.state().stats["tencent-ssl"].requests;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(project, "example.mjs"), js);
  const { stdout } = await run(process.execPath, [join(project, "example.mjs")], { cwd: project, timeout: 60_000 });
  assert.deepEqual(stdout.trim().split("\n"), expected);
  // Two uploads and two deletes reached the vendor; the refused bundle did not.
  assert.equal(sandbox.state().stats["tencent-ssl"].requests - before, 4);
  const store = Object.values(sandbox.state().tencent)[0];
  assert.deepEqual(store, { uploaded: 0, deletedGenerated: 0, deletedUploads: 1 });
});
