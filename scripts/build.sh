#!/usr/bin/env bash
# Builds the npm package into pkg/: the `web`, `bundler` and Node (CommonJS + ESM wrapper) builds
# of one release wasm, optimized with wasm-opt, with pkg-template/ copied over them.
# Prints the raw and gzipped sizes of the web build and fails above the committed budget.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --lib --release --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/cloudcerts.wasm

# Build into pkg.tmp and swap it in at the end, so that pkg/ is never half-written while tests
# or a running demo read it.
out=pkg.tmp
rm -rf "$out"
mkdir -p "$out"
for target in web bundler nodejs; do
  dir=$target; [ "$target" = nodejs ] && dir=node
  wasm-bindgen --target "$target" --out-dir "$out/$dir" --out-name cloudcerts "$wasm"
  # binaryen from npm (Debian's 108 breaks the externref table); features spelled out.
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$out/$dir/cloudcerts_bg.wasm" "$out/$dir/cloudcerts_bg.wasm"
done

# Node: the CommonJS build as .cjs (the package is "type": "module"), plus an ESM wrapper that
# re-exports its named exports, and type files for both.
mv "$out/node/cloudcerts.js" "$out/node/cloudcerts.cjs"
cp "$out/node/cloudcerts.d.ts" "$out/node/cloudcerts.d.cts"
cp "$out/node/cloudcerts.d.ts" "$out/node/cloudcerts.d.mts"
node scripts/write-esm-wrapper.cjs "$out/node/cloudcerts.cjs" "$out/node/cloudcerts.mjs"
rm -f "$out"/*/.gitignore
cp pkg-template/package.json pkg-template/README.md "$out/"
rm -rf pkg
mv "$out" pkg
node scripts/size-report.mjs
