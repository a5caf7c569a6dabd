#!/usr/bin/env bash
# Runs every test: native Rust tests, the package build (with its size budget), the Node tests
# (official-SDK agreement, sandbox, proxy, package), and the browser tests in headless Chromium.
# Installs what is missing first. Ends with one line "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "native tests (cargo test)"
cargo test 2>&1 | tee "$logs/native.txt"

step "package build (pkg/) and size budget"
bash scripts/build.sh

step "Node tests"
CLOUDCERTS_NGINX_TEST=1 node --test --test-reporter=spec tests/node/*.test.mjs 2>&1 | tee "$logs/node.txt"

step "browser tests (wasm-pack test --headless --chrome)"
browser_tests=()
for file in tests/browser_*.rs; do browser_tests+=(--test "$(basename "$file" .rs)"); done
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} wasm-pack test --headless --chrome "${browser_tests[@]}" 2>&1 | tee "$logs/browser.txt"

sum() { grep -Eo "$2" "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
native=$(sum "$logs/native.txt" '[0-9]+ passed')
browser=$(sum "$logs/browser.txt" '[0-9]+ passed')
node_pass=$(sum "$logs/node.txt" '^ℹ pass [0-9]+')
failed=$(( $(sum "$logs/native.txt" '[0-9]+ failed') + $(sum "$logs/browser.txt" '[0-9]+ failed') + $(sum "$logs/node.txt" '^ℹ fail [0-9]+') ))
echo
echo "native: $native passed; node: $node_pass passed; browser: $browser passed"
if [ "$browser" -eq 0 ] || [ "$node_pass" -eq 0 ] || [ "$native" -eq 0 ]; then
  echo "a test suite ran zero tests" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$((native + node_pass + browser)) passed, $failed failed"
[ "$failed" -eq 0 ]
