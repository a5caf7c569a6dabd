#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing, each behind a version check:
# the wasm32 target, wasm-bindgen-cli equal to the pinned crate, Debian's chromium, firefox-esr,
# webkit2gtk-driver, xvfb, nginx, openssl, pebble and a CJK font, the npm packages of
# package-lock.json (puppeteer-core drives Firefox over WebDriver BiDi, so no geckodriver is
# needed), and the bundlers of tests/consumers/package-lock.json. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version"
  # No --locked: the registry copy here lacks one locked crate version.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# The shipped builds' suite runs in Firefox and in WebKitGTK too (WebKitWebDriver on a virtual
# X display).
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# The inspection tests make their certificates with OpenSSL at test time.
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# The ACME tests run pebble (a test CA) and pebble-challtestsrv (its mock DNS): one Debian package.
{ command -v pebble >/dev/null 2>&1 && command -v pebble-challtestsrv >/dev/null 2>&1; } || missing+=(pebble)
# A CJK font (1.6 MB), so that the demo's screenshots show Chinese certificate names, not boxes.
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages, exactly as locked; skipped when node_modules already matches the lockfile.
stamp=node_modules/.cloudcerts-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing npm packages (npm ci)"
  # npm ci insists on lock entries for every platform's optional packages (rollup's, under
  # vite); a registry that serves only some platforms makes it refuse. npm install then installs
  # the same locked versions and skips what this platform does not need.
  if ! npm ci --no-audit --no-fund --loglevel=error 2>/tmp/cloudcerts-npm-ci.log; then
    say "npm ci refused the lockfile ($(grep -m1 -o 'Missing: [^ ]*' /tmp/cloudcerts-npm-ci.log || echo 'see /tmp/cloudcerts-npm-ci.log')); installing the locked versions with npm install"
    npm install --no-audit --no-fund --loglevel=error
  fi
  echo "$want" > "$stamp"
fi

# The bundlers of the consumer apps (tests/node/consumers.test.mjs), exactly as locked, likewise.
# Their install scripts are not run (npm's default here): every native part they need comes as
# a prebuilt optional package from the registry.
stamp=tests/consumers/node_modules/.cloudcerts-lock.sha256
want=$(sha256sum tests/consumers/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing the consumer apps' bundlers (npm ci in tests/consumers)"
  if ! (cd tests/consumers && npm ci --no-audit --no-fund --loglevel=error 2>/tmp/cloudcerts-npm-ci-consumers.log); then
    say "npm ci refused tests/consumers' lockfile (see /tmp/cloudcerts-npm-ci-consumers.log); installing the locked versions with npm install"
    (cd tests/consumers && npm install --no-audit --no-fund --loglevel=error)
  fi
  echo "$want" > "$stamp"
fi
say "ready: $(rustc --version | cut -d' ' -f1-2), wasm-bindgen $wb_version, $(chromium --version 2>/dev/null | head -1), $(firefox-esr --version 2>/dev/null | head -1), node $(node --version)"
