#!/usr/bin/env bash
# Builds the npm package into pkg/: the `web`, `bundler` and Node (CommonJS + ESM wrapper) builds
# of the main wasm module and of the lazily loaded inspector, optimized with wasm-opt, with the
# entry wrappers of scripts/write-wrappers.mjs and pkg-template/ copied over them.
# Prints the raw and gzipped sizes of the web build and fails above the committed budget.
set -euo pipefail
cd "$(dirname "$0")/.."

# Four wasm modules, each a thin cdylib of the workspace (crates/main, crates/inspect,
# crates/sign, crates/acme-module) over the core crate and its JavaScript boundary (crates/wasm):
# the main one (signing, normalizing, the client); the inspector (`inspectCertificate`; key
# matching needs curve arithmetic) and the ACME module (`issueCertificate`: P-256 signing, CSRs),
# which the entries below load on first use so that consoles that never inspect or issue never
# download them; and the signing module of the `cloudcerts/sign` entry (`signRequest` alone), for
# pages that send their requests themselves.
# cargo builds into $CARGO_TARGET_DIR when it is set, else into target/.
target_dir=${CARGO_TARGET_DIR:-target}
cargo build --release --target wasm32-unknown-unknown -p cloudcerts-main -p cloudcerts-inspect
# The signing module is optimized for speed (opt-level 2 instead of the profile's "z"): a page
# that imports `cloudcerts/sign` is there to sign, and it costs 3.5 KB gzipped of that module's
# headroom for about a third less time per signature (BENCHMARKS.md §17). The main module stays
# size-optimized: at opt-level 2 it would grow by 26 KB (§17). Its own target dir keeps both
# builds cached.
CARGO_PROFILE_RELEASE_OPT_LEVEL=2 cargo build --release --target wasm32-unknown-unknown \
  -p cloudcerts-sign --target-dir "$target_dir/sign"
# The ACME module in a cargo build of its own as well: built with the others, the P-256 features
# it enables (ECDSA signing, PKCS#8) would be unified into their builds (the inspector grew by
# 518 B gzipped that way).
cargo build --release --target wasm32-unknown-unknown -p cloudcerts-acme-module --target-dir "$target_dir/acme"
main_wasm=$target_dir/wasm32-unknown-unknown/release/cloudcerts_main.wasm
inspector_wasm=$target_dir/wasm32-unknown-unknown/release/cloudcerts_inspect.wasm
sign_wasm=$target_dir/sign/wasm32-unknown-unknown/release/cloudcerts_sign.wasm
acme_wasm=$target_dir/acme/wasm32-unknown-unknown/release/cloudcerts_acme_module.wasm

# Build into a fresh pkg.tmp.* and swap it in at the end, so that pkg/ is never half-written
# while tests or a running demo read it, and two builds at once do not write into one directory.
out=$(mktemp -d pkg.tmp.XXXXXX)
chmod 755 "$out"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/.stamps"

# wasm-bindgen and wasm-opt (most of a build's minute) run only for a module whose input changed:
# each (build, module) pair has a stamp of its wasm file, the tools' versions and the scripts
# that shape it; with the stamp pkg/ already has, its files are reused as they are.
tools=$( { wasm-bindgen --version; node -p 'require("./node_modules/binaryen/package.json").version'; \
  node -p 'require("./node_modules/esbuild/package.json").version'; \
  sha256sum scripts/wasm-opt.mjs scripts/lazy-node-glue.mjs scripts/minify-web.mjs scripts/build.sh; } | sha256sum | cut -d' ' -f1)
reused=0
rebuilt=0
for target in web bundler nodejs; do
  dir=$target; [ "$target" = nodejs ] && dir=node
  mkdir -p "$out/$dir"
  # Snippets are per build directory; a rebuilt module writes its own over them.
  [ -d "pkg/$dir/snippets" ] && cp -R "pkg/$dir/snippets" "$out/$dir/"
  for module in cloudcerts:"$main_wasm" cloudcerts_inspect:"$inspector_wasm" cloudcerts_sign:"$sign_wasm" cloudcerts_acme:"$acme_wasm"; do
    name=${module%%:*}
    stamp=$( { sha256sum "${module#*:}" | cut -d' ' -f1; echo "$target $tools"; } | sha256sum | cut -d' ' -f1)
    glue=$name.js; [ "$dir" = node ] && glue=$name.cjs
    if [ "$(cat "pkg/.stamps/$dir-$name" 2>/dev/null)" = "$stamp" ] \
      && [ -f "pkg/$dir/${name}_bg.wasm" ] && [ -f "pkg/$dir/$glue" ] && [ -f "pkg/$dir/$name.d.ts" ] \
      && cp -p "pkg/$dir/$name".* "pkg/$dir/${name}"_bg.* "$out/$dir/"; then
      rm -f "$out/$dir/$name.d.cts" # written again below
      reused=$((reused + 1))
    else
      wasm-bindgen --target "$target" --out-dir "$out/$dir" --out-name "$name" "${module#*:}"
      node scripts/wasm-opt.mjs "$out/$dir/${name}_bg.wasm" "$out/$dir/${name}_bg.wasm"
      # The Node build's CommonJS module as .cjs (the package is "type": "module"), compiling its
      # wasm on first use rather than on require.
      if [ "$dir" = node ]; then
        mv "$out/node/$name.js" "$out/node/$name.cjs"
        node scripts/lazy-node-glue.mjs "$out/node/$name.cjs" "${name}_bg.wasm"
      fi
      rebuilt=$((rebuilt + 1))
    fi
    echo "$stamp" >"$out/.stamps/$dir-$name"
  done
done
if [ "$rebuilt" = 0 ]; then
  echo "build: no module's input changed: reused all $reused wasm-bindgen and wasm-opt outputs of pkg/"
else
  echo "build: rebuilt $rebuilt module builds, reused $reused unchanged ones"
fi

# Node: an entry that adds the lazily required inspector, an ESM wrapper re-exporting its named
# exports, and type files.
node scripts/write-wrappers.mjs "$out"
# The web build's wasm files again, embedded in JavaScript modules (gzip, base64) for the bundlers
# that neither follow nor copy `new URL("….wasm", import.meta.url)` (esbuild, Rollup).
node scripts/embed-wasm.mjs "$out/web"
# The web build is what a page without a bundler loads as it is: its JavaScript minified, names
# kept, each file with a source map (BENCHMARKS.md §24).
node scripts/minify-web.mjs "$out/web"
node scripts/write-esm-wrapper.cjs "$out/node/index.cjs" "$out/node/index.mjs"
node scripts/write-esm-wrapper.cjs "$out/node/sign.cjs" "$out/node/sign.mjs"
rm -f "$out"/*/.gitignore
cp pkg-template/package.json pkg-template/README.md "$out/"
# `cloudcerts/sign` for resolvers that do not read `exports` (Parcel by default): a directory
# whose package.json names the same files.
cp -R pkg-template/sign "$out/"
rm -rf pkg
mv "$out" pkg
node scripts/size-report.mjs
