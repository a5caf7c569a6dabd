#!/usr/bin/env bash
# The README's first command: installs what is missing, builds pkg/, then starts the sandbox
# (vendor emulator), the CORS proxy in sandbox mode and the static demo server, all on loopback.
# Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -f sandbox/server.mjs ]; then
  PORT=${SANDBOX_PORT:-8788} node sandbox/server.mjs & pids+=($!)
fi
if [ -f proxy/server.mjs ]; then
  PORT=${PROXY_PORT:-8787} node proxy/server.mjs --sandbox="http://127.0.0.1:${SANDBOX_PORT:-8788}" & pids+=($!)
fi
node scripts/serve.mjs "${DEMO_PORT:-8080}" & pids+=($!)
sleep 1
echo
echo "cloudcerts demo: open http://127.0.0.1:${DEMO_PORT:-8080}/   (Ctrl-C stops everything)"
wait
