// Makes a Node build's CommonJS glue (wasm-bindgen --target nodejs) compile its wasm on the first
// call instead of on `require`: the glue ends by reading `${__dirname}/<name>_bg.wasm`,
// compiling and instantiating it at once, which fails where a bundler moved the module without
// the wasm beside it (Next.js server rendering of a page that calls the package only in the
// browser: issue 22). Here `wasm` starts as a stand-in whose first property read reads, compiles
// and instantiates the file (synchronously, as before: normalizeResponse and signRequest stay
// synchronous), then puts the instance's exports in its place; later calls read them directly.
// Fails when the glue does not end as this wasm-bindgen version writes it.
// Usage: node scripts/lazy-node-glue.mjs <glue.cjs> <name>_bg.wasm
import { readFileSync, writeFileSync } from "node:fs";

const [file, wasmFile] = process.argv.slice(2);
if (!file || !wasmFile) {
  console.error("usage: lazy-node-glue.mjs <glue.cjs> <name>_bg.wasm");
  process.exit(1);
}
const eager = [
  `const wasmPath = \`\${__dirname}/${wasmFile}\`;`,
  "const wasmBytes = require('fs').readFileSync(wasmPath);",
  "const wasmModule = new WebAssembly.Module(wasmBytes);",
  "let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());",
  "let wasm = wasmInstance.exports;",
  "wasm.__wbindgen_start();",
].join("\n");
const lazy = `// Compiled on first use (scripts/lazy-node-glue.mjs): requiring this file reads no wasm.
let wasm = new Proxy({}, { get: (_, name) => instantiate()[name] });
function instantiate() {
    const wasmBytes = require('fs').readFileSync(\`\${__dirname}/${wasmFile}\`);
    const wasmInstance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), __wbg_get_imports());
    wasm = wasmInstance.exports;
    wasm.__wbindgen_start();
    return wasm;
}`;
const text = readFileSync(file, "utf8");
if (text.split(eager).length !== 2 || !text.trimEnd().endsWith(eager)) {
  console.error(`lazy-node-glue: ${file} does not end with wasm-bindgen's eager instantiation of ${wasmFile}`);
  process.exit(1);
}
writeFileSync(file, text.trimEnd().slice(0, -eager.length) + lazy + "\n");
