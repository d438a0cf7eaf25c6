#!/usr/bin/env bash
# Server benchmark (issue #4): `xianjie serve` over a registry of SIZE households, driven by wrk
# at 64 concurrent connections on loopback. Targets: household search p99 < 50 ms, dashboard API
# p99 < 100 ms, zero errors.
#
#   bench/server_bench.sh [HOUSEHOLDS]     default 1000000
#
# Needs the release build (make release). Builds the registry once in $BENCH_WORK (default
# /tmp/xianjie-bench/server-N) with `xianjie generate`, import and screen; later runs reuse it.
# Paste the output into docs/benchmarks.md.
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
XJ=$ROOT/build/release/xianjie
WORK=${BENCH_WORK:-/tmp/xianjie-bench}/server-$N
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18080}
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh bench" >&2; exit 1; }
. "$ROOT/bench/registry.sh"
bench_registry "$XJ" "$WORK" "$N"

# A village and a surname that exist: the first household's.
VILLAGE=$(awk -F, 'NR == 2 { print $2; exit }' "$WORK/data/households.csv")
SURNAME=$(python3 -c 'import sys; f = open(sys.argv[1], encoding="utf-8"); f.readline(); print(f.readline().split(",")[2][0])' "$WORK/data/members.csv")

"$XJ" serve --db "$DB" --listen "127.0.0.1:$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
grep -m1 -i "ready\|listening" "$WORK/serve.log" || true
ps -o rss= -p $SERVER | awk '{ printf "server RSS after start: %.0f MiB\n", $1 / 1024 }'

COOKIE=$(curl -s -c - -H 'Content-Type: application/json' \
  -d '{"username":"bench-province","password":"bench-Passw0rd"}' \
  "http://127.0.0.1:$PORT/api/v1/login" | awk '$6 == "xj_session" { print $7 }')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }

drive() {  # name, path
  echo
  echo "== $1: GET $2 ($CONNECTIONS connections, $DURATION)"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: xj_session=$COOKIE" \
    "http://127.0.0.1:$PORT$2" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx|errors|requests in"
}
ENC_SURNAME=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$SURNAME")
drive "household search, one village" "/api/v1/households?village=$VILLAGE&limit=50"
drive "household search, a surname in the province" "/api/v1/households?name=$ENC_SURNAME&limit=50"
drive "household search, a page deep in the province" "/api/v1/households?offset=500000&limit=50"
drive "dashboard, province" "/api/v1/dashboard"
drive "dashboard, one county" "/api/v1/dashboard?region=${VILLAGE:0:6}"
drive "warnings, province" "/api/v1/warnings?limit=50"
ps -o rss= -p $SERVER | awk '{ printf "\nserver RSS after the runs: %.0f MiB\n", $1 / 1024 }'
