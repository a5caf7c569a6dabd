// The one wasm-opt configuration of the project: npm's binaryen (Debian's 108 breaks the
// externref table), -Oz, and the wasm features the Rust target emits spelled out. The package
// build (scripts/build.sh) and the benchmarks (bench/) all optimize through this file.
// Usage: node scripts/wasm-opt.mjs <in.wasm> <out.wasm> [extra wasm-opt flags, e.g. -g]
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The binary: npm's binaryen, pinned in package.json. */
export const WASM_OPT = join(root, "node_modules/.bin/wasm-opt");

/** The features the Rust wasm32 target emits, which wasm-opt must be told of. */
export const WASM_FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];

/** Optimizes `input` into `output` for size; `extra` flags go before the features. */
export function wasmOpt(input, output, extra = []) {
  execFileSync(WASM_OPT, ["-Oz", ...extra, ...WASM_FEATURES, "-o", output, input], { stdio: "inherit" });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output, ...extra] = process.argv.slice(2);
  if (!input || !output) {
    console.error("usage: node scripts/wasm-opt.mjs <in.wasm> <out.wasm> [extra flags]");
    process.exit(1);
  }
  wasmOpt(input, output, extra);
}
