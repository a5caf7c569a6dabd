// The README's TypeScript `inventory` example, type-checked with `tsc --strict` against the built
// package and then run against the sandbox through the proxy: it must print what it says.
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

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let sandbox, proxy, project;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  proxy = await startProxy({ port: 0, sandbox: sandbox.url });
  project = mkdtempSync(join(tmpdir(), "cloudcerts-readme-"));
  mkdirSync(join(project, "node_modules"));
  symlinkSync(join(root, "pkg"), join(project, "node_modules", "cloudcerts"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme", private: true, type: "module" }));
});
after(async () => {
  await proxy?.close();
  await sandbox?.close();
  rmSync(project, { recursive: true, force: true });
});

const run = promisify(execFile);

// The sandbox and the proxy run in this process: children are awaited, never run synchronously.
test("the README's inventory example type-checks strictly and prints what it says", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = readme.match(/<!-- example: inventory -->\s*```ts\n([\s\S]*?)```/);
  assert.ok(block, "README.md has no `<!-- example: inventory -->` ts block");
  const source = block[1].replace("http://127.0.0.1:8787/", proxy.url.endsWith("/") ? proxy.url : `${proxy.url}/`);
  const expected = [...source.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1].trim());
  assert.ok(expected.length >= 3);

  writeFileSync(join(project, "example.ts"), source);
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], skipLibCheck: false },
    files: ["example.ts"],
  }));
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: project });

  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(project, "example.mjs"), js);
  const { stdout } = await run(process.execPath, [join(project, "example.mjs")], { cwd: project, timeout: 60_000 });
  assert.deepEqual(stdout.trim().split("\n"), expected);
});
