#!/usr/bin/env bash
# Builds one wasm module per candidate (and each beside the serde_json baseline) at the
# shipped modules' settings (opt-level "z", LTO, panic=abort), runs wasm-bindgen and the
# project's wasm-opt, and prints the gzip -9 size of each optimized .wasm.
# Usage: bash bench/readers/wasm/build.sh   (output in $CARGO_TARGET_DIR/readers-wasm/<name>/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-readers}
out=$CARGO_TARGET_DIR/readers-wasm
mkdir -p "$out"
echo "| build | wasm-opt -Oz bytes | gzip -9 bytes |"
echo "| --- | --- | --- |"
for features in base a b c d e a,base b,base c,base d,base e,base; do
  name=${features//,/+}
  (cd "$here" && nice -n 10 cargo build --quiet -p readers-wasm --target wasm32-unknown-unknown \
    --profile wasm --no-default-features --features "$features")
  rm -rf "$out/$name" && mkdir -p "$out/$name"
  wasm-bindgen --target nodejs --out-dir "$out/$name" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/readers_wasm.wasm"
  node "$root/scripts/wasm-opt.mjs" "$out/$name/readers_wasm_bg.wasm" "$out/$name/opt.wasm"
  cp "$out/$name/opt.wasm" "$out/$name/readers_wasm_bg.wasm"
  printf '| %s | %s | %s |\n' "$name" "$(wc -c <"$out/$name/opt.wasm")" "$(gzip -9 -c "$out/$name/opt.wasm" | wc -c)"
done
