// What the README example tests share: a sandbox and the CORS proxy on loopback, a scratch
// project whose `node_modules/cloudcerts` is the built package, and one run of a README block
// (`<!-- example: NAME -->` then a ts fence): type-checked with `tsc --strict`, then run in Node
// with the proxy's address put in for `http://127.0.0.1:8787/`. Not a test file itself.
import { before, after } from "node:test";
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
const run = promisify(execFile);

/**
 * Sets up (and tears down) the sandbox, the proxy and the project for README block `name`, with
 * `files` (name → text) written into the project and `compilerOptions` added to the strict ones.
 * `services`, when given, runs first and returns `{sandbox, proxy, replace, close}`: more options
 * for the sandbox and the proxy, more text to put in for the block's (`{from: to}`), and how to
 * stop what it started.
 * Returns `{sandbox, run}`: `run()` checks and runs the block and gives `{stdout, expected}`, the
 * lines the block promises in its `// → ...` comments.
 */
export function readmeExample(name, { files = {}, compilerOptions = {}, services } = {}) {
  const example = { sandbox: undefined, proxy: undefined, project: undefined, services: undefined };
  before(async () => {
    example.services = services ? await services() : { sandbox: {}, proxy: {}, replace: {} };
    example.sandbox = await startSandbox({ port: 0, ...example.services.sandbox });
    example.proxy = await startProxy({ port: 0, sandbox: example.sandbox.url, ...example.services.proxy });
    example.project = mkdtempSync(join(tmpdir(), `cloudcerts-readme-${name}-`));
    mkdirSync(join(example.project, "node_modules"));
    symlinkSync(join(root, "pkg"), join(example.project, "node_modules", "cloudcerts"), "dir");
    writeFileSync(join(example.project, "package.json"), JSON.stringify({ name: `readme-${name}`, private: true, type: "module" }));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(example.project, file), text);
  });
  after(async () => {
    await example.proxy?.close();
    await example.sandbox?.close();
    await example.services?.close?.();
    rmSync(example.project, { recursive: true, force: true });
  });

  // The sandbox and the proxy run in this process: children are awaited, never run synchronously.
  example.run = async () => {
    const { proxy, project } = example;
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = readme.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\`\`\``));
    assert.ok(block, `README.md has no \`<!-- example: ${name} -->\` ts block`);
    let source = block[1].replace("http://127.0.0.1:8787/", proxy.url.endsWith("/") ? proxy.url : `${proxy.url}/`);
    for (const [from, to] of Object.entries(example.services.replace ?? {})) source = source.replaceAll(from, to);
    const expected = [...source.matchAll(/\/\/ → (.+)$/gm)].map((m) => m[1].trim());

    writeFileSync(join(project, "example.ts"), source);
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], skipLibCheck: false, ...compilerOptions },
      files: ["example.ts"],
    }));
    await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: project });

    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(project, "example.mjs"), js);
    const { stdout } = await run(process.execPath, [join(project, "example.mjs")], { cwd: project, timeout: 60_000 });
    return { stdout, expected };
  };
  return example;
}

export { root };
