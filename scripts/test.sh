#!/usr/bin/env bash
# Runs every test: native Rust tests, the package build (with its size budget), the type check of
# the package's entries (tsc), the Node tests (official-SDK agreement, sandbox, proxy, package),
# one suite against the shipped builds in Node and headless Chromium, and the browser tests of
# the main crate. Installs what is missing first. Ends with one line "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "native tests (cargo test --workspace: the core, the boundary, the shipped modules)"
cargo test --workspace 2>&1 | tee "$logs/native.txt"

step "package build (pkg/) and size budget"
bash scripts/build.sh

step "type check of the package's entries (tsc: pkg-template/ against the built pkg/, tests/types/entries.ts)"
npm run --silent check:entries 2>&1 | tee "$logs/tsc.txt"
echo "entries type-checked: web, bundler, node, tests/types/entries.ts"

step "Node tests"
# All but shipped.test.mjs, which runs next with its own count.
node_tests=()
for file in tests/node/*.test.mjs; do [ "$file" = tests/node/shipped.test.mjs ] || node_tests+=("$file"); done
CLOUDCERTS_NGINX_TEST=1 node --test --test-reporter=spec "${node_tests[@]}" 2>&1 | tee "$logs/node.txt"

step "the shipped builds: one suite in Node (pkg/node) and in headless Chromium (pkg/web: the main module, cloudcerts/sign, the inspector)"
node --test --test-reporter=spec tests/node/shipped.test.mjs 2>&1 | tee "$logs/shipped.txt"

step "browser tests of the main module (wasm-pack test --headless --chrome crates/main), against the sandbox through the proxy"
# The client test lists 2,500 certificates per account from a sandbox and a proxy on loopback.
sandbox_port=${TEST_SANDBOX_PORT:-18788}
proxy_port=${TEST_PROXY_PORT:-18787}
SANDBOX_CERTS=2500 PORT=$sandbox_port node sandbox/server.mjs --quiet > "$logs/sandbox.txt" 2>&1 &
sandbox_pid=$!
PORT=$proxy_port node proxy/server.mjs --sandbox="http://127.0.0.1:$sandbox_port" > "$logs/proxy.txt" 2>&1 &
proxy_pid=$!
trap 'kill $sandbox_pid $proxy_pid 2>/dev/null || true; rm -rf "$logs"' EXIT
for _ in $(seq 50); do
  node -e "fetch('http://127.0.0.1:$sandbox_port/__sandbox/state').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  sleep 0.2
done
export CLOUDCERTS_TEST_PROXY="http://127.0.0.1:$proxy_port/"
CLOUDCERTS_TEST_ACCOUNTS=$(SANDBOX_CERTS=2500 node scripts/browser-test-env.mjs)
export CLOUDCERTS_TEST_ACCOUNTS
browser_tests=()
for file in crates/main/tests/browser_*.rs; do browser_tests+=(--test "$(basename "$file" .rs)"); done
# Listing 2,500 certificates per provider at the vendors' rates takes longer than the runner's 20 s default.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} wasm-pack test --headless --chrome crates/main "${browser_tests[@]}" 2>&1 | tee "$logs/browser.txt"
kill $sandbox_pid $proxy_pid 2>/dev/null || true

sum() { grep -Eo "$2" "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
native=$(sum "$logs/native.txt" '[0-9]+ passed')
browser=$(sum "$logs/browser.txt" '[0-9]+ passed')
node_pass=$(sum "$logs/node.txt" '^ℹ pass [0-9]+')
shipped=$(sum "$logs/shipped.txt" '^ℹ pass [0-9]+')
# The shipped suite's passing tests (subtests included) by runtime: each test's name starts with it.
shipped_in() { awk -v rt="$1" '/^▶ /{ parent = index($0, "▶ " rt) == 1 } /^✔ /{ if (index($0, "✔ " rt) == 1) n++; parent = 0 } /^ +✔ /{ if (parent) n++ } END { print n + 0 }' "$logs/shipped.txt"; }
shipped_chromium=$(shipped_in chromium)
failed=$(( $(sum "$logs/native.txt" '[0-9]+ failed') + $(sum "$logs/browser.txt" '[0-9]+ failed') + $(sum "$logs/node.txt" '^ℹ fail [0-9]+') + $(sum "$logs/shipped.txt" '^ℹ fail [0-9]+') ))
echo
echo "native: $native passed; node: $node_pass passed; shipped builds: $shipped passed (Chromium on pkg/web: $shipped_chromium, Node on pkg/node: $(shipped_in node)); browser (crates/main): $browser passed"
if [ "$browser" -eq 0 ] || [ "$node_pass" -eq 0 ] || [ "$native" -eq 0 ] || [ "$shipped_chromium" -eq 0 ]; then
  echo "a test suite ran zero tests" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$((native + node_pass + shipped + browser)) passed, $failed failed"
[ "$failed" -eq 0 ]
