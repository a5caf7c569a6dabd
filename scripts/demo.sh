#!/usr/bin/env bash
# The README's first command: installs what is missing, builds pkg/, then starts the sandbox
# (vendor emulator), the CORS proxy in sandbox mode and the static demo server, all on loopback;
# with Debian's pebble installed, also pebble (an ACME test CA) and pebble-challtestsrv (its DNS)
# for the page's "Renew with ACME" (scripts/demo-pebble.mjs): the sandbox writes its DNS
# emulations' TXT records into pebble-challtestsrv, the proxy admits pebble's origin, and the page
# reads pebble's directory URL from /demo-acme.json. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

pids=()
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cloudcerts-demo-XXXXXX")
page_acme=www/demo-acme.json
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
  rm -f "$page_acme"
}
trap cleanup EXIT INT TERM

# pebble first: the sandbox and the proxy take its addresses. A file left by a run that was
# killed would point the page at a CA that is gone.
rm -f "$page_acme"
sandbox_args=()
proxy_args=()
if command -v pebble >/dev/null 2>&1 && command -v pebble-challtestsrv >/dev/null 2>&1; then
  node scripts/demo-pebble.mjs --page "$page_acme" --env "$tmp/acme.env" & pebble_pid=$!
  pids+=("$pebble_pid")
  for _ in $(seq 1 600); do # up to 60 s (three start attempts of 15 s at most)
    [ -f "$tmp/acme.env" ] && break
    kill -0 "$pebble_pid" 2>/dev/null || break
    sleep 0.1
  done
fi
if [ -f "$tmp/acme.env" ]; then
  # shellcheck source=/dev/null
  . "$tmp/acme.env"
  sandbox_args+=(--challtestsrv "$CHALLTESTSRV")
  proxy_args+=("--acme=$ACME_ORIGIN" "--acme-ca=$ACME_CA")
  acme_note="Renew with ACME: pebble at $ACME_DIRECTORY (through the proxy), its DNS pebble-challtestsrv"
elif command -v pebble >/dev/null 2>&1; then
  acme_note="pebble did not start (see above): the demo runs without its ACME CA (Renew with ACME offers Let's Encrypt staging only, which needs internet and real DNS accounts)"
else
  acme_note="pebble is not installed (apt-get install pebble): the demo runs without its ACME CA (Renew with ACME offers Let's Encrypt staging only, which needs internet and real DNS accounts)"
fi

if [ -f sandbox/server.mjs ]; then
  PORT=${SANDBOX_PORT:-8788} node sandbox/server.mjs "${sandbox_args[@]}" & pids+=($!)
fi
if [ -f proxy/server.mjs ]; then
  PORT=${PROXY_PORT:-8787} node proxy/server.mjs --sandbox="http://127.0.0.1:${SANDBOX_PORT:-8788}" "${proxy_args[@]}" & pids+=($!)
fi
node scripts/serve.mjs "${DEMO_PORT:-8080}" & pids+=($!)
sleep 1
echo
echo "$acme_note"
echo "cloudcerts demo: open http://127.0.0.1:${DEMO_PORT:-8080}/   (Ctrl-C stops everything)"
wait
