// Writes, beside each wasm file of the web build, a JavaScript module that embeds it:
// `<name>_bg.embedded.js`, whose default export is the wasm gzipped (level 9) and in base64. The
// `embedded` entries (web/embedded.js, web/embedded-sign.js) instantiate from these, for the
// bundlers that neither follow nor copy `new URL("<name>_bg.wasm", import.meta.url)`: esbuild and
// Rollup (package.json sends them there by their conditions; README "Bundlers"). Gzipped before
// base64, the embedded copy costs about what the wasm file costs once a server compresses it:
// base64 of compressed bytes compresses back to almost their size (BENCHMARKS.md lists both).
// web/embedded-wasm.js decodes it with the platform's DecompressionStream.
// Usage: node scripts/embed-wasm.mjs <package dir>/web
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: embed-wasm.mjs <package dir>/web");
  process.exit(1);
}
const wasmFiles = readdirSync(dir).filter((f) => f.endsWith("_bg.wasm")).sort();
if (wasmFiles.length !== 4) {
  console.error(`embed-wasm: expected the four wasm modules in ${dir}, found ${wasmFiles.join(", ") || "none"}`);
  process.exit(1);
}
for (const file of wasmFiles) {
  const base64 = gzipSync(readFileSync(join(dir, file)), { level: 9 }).toString("base64");
  const name = file.replace(/\.wasm$/, "");
  writeFileSync(
    join(dir, `${name}.embedded.js`),
    `// ${file}, gzipped and in base64 (scripts/embed-wasm.mjs); web/embedded-wasm.js instantiates it.\nexport default "${base64}";\n`,
  );
  writeFileSync(join(dir, `${name}.embedded.d.ts`), `/** ${file}, gzipped and in base64. */\ndeclare const wasm: string;\nexport default wasm;\n`);
}
