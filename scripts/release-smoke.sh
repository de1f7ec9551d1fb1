#!/usr/bin/env bash
# CI step (issue 21): unpack the linux-x64 release into a fresh folder, start it with no registry
# reachable (npm pointed at a closed loopback port, offline), and check that health answers, a demo
# login works and an online backup verifies. Prints "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
archive=$(ls "$ROOT"/release/shuyun-*-linux-x64.tar.gz 2>/dev/null | head -1)
[ -n "$archive" ] || { echo "no linux-x64 release archive under release/"; echo "0 passed, 1 failed"; exit 1; }
dir=$(mktemp -d /tmp/shuyun-offline.XXXXXX)
tar -xzf "$archive" -C "$dir"
app=$(ls -d "$dir"/shuyun-*)
port=${SMOKE_PORT:-18181}
export npm_config_registry=http://127.0.0.1:9/ npm_config_offline=true HOME="$dir/home"
unset NODE_ENV NODE_PATH DATABASE_URL
export SHUYUN_DATA_DIR="$dir/data" PORT=$port HOST=127.0.0.1 LOG_LEVEL=warn
t0=$(date +%s)
"$app/start.sh" >"$dir/server.log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
trap stop EXIT
passed=0; failed=0
check() { if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $*"; fi; }
up() {
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"ok"' && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
login() {
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"username":"authority.admin","password":"shuyun-demo"}'
}
backup() { "$app/cli.sh" backup "$dir/backup" | tail -3; }
check up
echo "release started and healthy in $(($(date +%s) - t0)) s"
check login
check backup
[ "$failed" -eq 0 ] || tail -40 "$dir/server.log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
