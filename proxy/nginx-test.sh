#!/usr/bin/env bash
# Test proxy/nginx.conf with Debian's nginx, on loopback only. CI runs:  bash proxy/nginx-test.sh
# (or the Node tests with CLOUDCERTS_NGINX_TEST=1, which call this script).
#
# 1. Installs nginx with apt-get only if it is missing.
# 2. Generates a test variant of proxy/nginx.conf by rewriting only the lines marked
#    "# cloudcerts: listen|upstream|access-log": listen on a free 127.0.0.1 port, send upstream
#    over plain HTTP to a stub on loopback (instead of https://<vendor host>), log into a temp dir.
#    Everything else (allow-list, preflight, headers, redirects, body cap) is the production file.
# 3. Checks that the production file itself passes `nginx -t`.
# 4. Runs nginx in the foreground (no daemon, one process, its own pid/log/temp paths in a temp
#    dir), runs proxy/nginx-test-helper.mjs check (stub upstream + checks), stops nginx.
# Needs: bash, node >= 18, nginx (Debian package). No network beyond loopback.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TEMPLATE="$HERE/nginx.conf"

NGINX="$(command -v nginx || true)"
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  echo "nginx-test: nginx missing, installing it (apt-get install -y nginx)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y nginx || { $SUDO apt-get update && $SUDO apt-get install -y nginx; }
  NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cloudcerts-nginx.XXXXXX")"
NGINX_PID=""
cleanup() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
  fi
  [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

read -r STUB_PORT PROXY_PORT < <(node "$HERE/nginx-test-helper.mjs" ports)
mkdir -p "$WORK/logs" "$WORK/tmp"

# Rewrite one marked line; fail unless exactly one line carries the marker.
rewrite() { # file marker replacement
  local count
  count="$(grep -c "# cloudcerts: $2\$" "$1" || true)"
  if [ "$count" != 1 ]; then echo "nginx-test: marker '$2' found $count times in $TEMPLATE" >&2; exit 1; fi
  local tmp="$1.new"
  awk -v m="# cloudcerts: $2" -v r="$3" 'index($0, m) && substr($0, length($0) - length(m) + 1) == m { match($0, /^ */); print substr($0, 1, RLENGTH) r "  " m; next } { print }' "$1" >"$tmp"
  mv "$tmp" "$1"
}

# The test variant of the server configuration.
cp "$TEMPLATE" "$WORK/cloudcerts-test.conf"
rewrite "$WORK/cloudcerts-test.conf" listen "listen 127.0.0.1:$PROXY_PORT;"
rewrite "$WORK/cloudcerts-test.conf" upstream "set \$cloudcerts_upstream http://127.0.0.1:$STUB_PORT;"
rewrite "$WORK/cloudcerts-test.conf" access-log "access_log $WORK/logs/cloudcerts.log cloudcerts;"
echo "nginx-test: test variant differs from proxy/nginx.conf in:"
diff "$TEMPLATE" "$WORK/cloudcerts-test.conf" | grep '^>' | sed 's/^>/   /' || true

# A main configuration around it: foreground, one process, everything under $WORK.
main_conf() { # server-config-file
  cat <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log info;
events { worker_connections 64; }
http {
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  access_log off;
  include $1;
}
EOF
}

# The production file must be valid as shipped (only its log path moved, so -t can open it).
cp "$TEMPLATE" "$WORK/cloudcerts-prod.conf"
rewrite "$WORK/cloudcerts-prod.conf" access-log "access_log $WORK/logs/prod.log cloudcerts;"
main_conf "$WORK/cloudcerts-prod.conf" >"$WORK/prod-main.conf"
"$NGINX" -t -q -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/prod-main.conf"
echo "nginx-test: production nginx.conf passes nginx -t"

main_conf "$WORK/cloudcerts-test.conf" >"$WORK/nginx.conf"
"$NGINX" -t -q -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/nginx.conf"
"$NGINX" -p "$WORK" -e "$WORK/logs/error.log" -c "$WORK/nginx.conf" &
NGINX_PID=$!

up=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null; then up=1; break; fi
  kill -0 "$NGINX_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$up" ]; then
  echo "nginx-test: nginx did not start" >&2
  cat "$WORK/logs/error.log" >&2 || true
  exit 1
fi
echo "nginx-test: nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on 127.0.0.1:$PROXY_PORT, stub upstream on 127.0.0.1:$STUB_PORT"

status=0
node "$HERE/nginx-test-helper.mjs" check "$STUB_PORT" "$PROXY_PORT" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- nginx error log" >&2
  tail -n 40 "$WORK/logs/error.log" >&2 || true
fi
echo "--- access log (method host path status time; no query, no headers)"
tail -n 5 "$WORK/logs/cloudcerts.log" || true
exit "$status"
