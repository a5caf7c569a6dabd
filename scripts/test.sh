#!/usr/bin/env bash
# Runs every test: native Rust tests, the package build (with its size budget), the type check of
# the package's entries (tsc), the Node tests (official-SDK agreement, sandbox, proxy, package),
# the consumer apps of every common bundler (tests/node/consumers.test.mjs), and one suite against
# the shipped builds in Node and in headless Chromium, Firefox and WebKitGTK (the browser tests).
# Installs what is missing first. Ends with one line "N passed, M failed".
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

step "the shipped builds: one suite in Node (pkg/node) and in headless Chromium, Firefox and WebKitGTK (pkg/web: the main module, cloudcerts/sign, the inspector)"
node --test --test-reporter=spec tests/node/shipped.test.mjs 2>&1 | tee "$logs/shipped.txt"

sum() { grep -Eo "$2" "$1" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
native=$(sum "$logs/native.txt" '[0-9]+ passed')
node_pass=$(sum "$logs/node.txt" '^ℹ pass [0-9]+')
shipped=$(sum "$logs/shipped.txt" '^ℹ pass [0-9]+')
# The shipped suite's passing tests (subtests included) by runtime: each test's name starts with it.
shipped_in() { awk -v rt="$1" '/^▶ /{ parent = index($0, "▶ " rt) == 1 } /^✔ /{ if (index($0, "✔ " rt) == 1) n++; parent = 0 } /^ +✔ /{ if (parent) n++ } END { print n + 0 }' "$logs/shipped.txt"; }
shipped_chromium=$(shipped_in chromium)
shipped_firefox=$(shipped_in firefox)
shipped_webkit=$(shipped_in webkit)
failed=$(( $(sum "$logs/native.txt" '[0-9]+ failed') + $(sum "$logs/node.txt" '^ℹ fail [0-9]+') + $(sum "$logs/shipped.txt" '^ℹ fail [0-9]+') ))
echo
echo "native: $native passed; node: $node_pass passed; shipped builds: $shipped passed (on pkg/web: Chromium $shipped_chromium, Firefox $shipped_firefox, WebKitGTK $shipped_webkit; Node on pkg/node: $(shipped_in node))"
if [ "$node_pass" -eq 0 ] || [ "$native" -eq 0 ] || [ "$shipped_chromium" -eq 0 ] || [ "$shipped_firefox" -eq 0 ] || [ "$shipped_webkit" -eq 0 ]; then
  echo "a test suite ran zero tests" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "$((native + node_pass + shipped)) passed, $failed failed"
[ "$failed" -eq 0 ]
