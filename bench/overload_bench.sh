#!/usr/bin/env bash
# Overload benchmark (issue 8): `xianjie serve` at the load it is sized for and at ten times it.
# The load is wrk on the province dashboard (the heaviest common page) with CONNECTIONS
# connections (default 64, the server benchmark's load), then ten times as many. What must hold
# at ten times: the server answers (503 SERVER_BUSY with Retry-After for what it cannot take),
# answers /healthz during and after, and its memory stays bounded.
#
#   bench/overload_bench.sh [HOUSEHOLDS]     default 100000
#
# Needs the release build (make release) and wrk (scripts/install-deps.sh bench). Builds the
# registry once in $BENCH_WORK (default /tmp/xianjie-bench/overload-N). Paste the output into
# docs/reliability.md.
set -euo pipefail
ulimit -n 4096 2>/dev/null || true  # ten times the load is over 640 sockets
N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
XJ=${XJ:-$ROOT/build/release/xianjie}  # XJ=build/dev/xianjie for the ASan build
WORK=${BENCH_WORK:-/tmp/xianjie-bench}/overload-$N
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-18081}
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps.sh bench" >&2; exit 1; }
. "$ROOT/bench/registry.sh"
bench_registry "$XJ" "$WORK" "$N"

"$XJ" serve --db "$DB" --listen "127.0.0.1:$PORT" --access-log "" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
rss() { ps -o rss= -p $SERVER | awk '{ printf "%.0f MiB", $1 / 1024 }'; }
echo "server: $(grep -m1 -o 'listening.*' "$WORK/serve.log"); RSS after start $(rss)"

COOKIE=$(curl -s -c - -H 'Content-Type: application/json' \
  -d '{"username":"bench-province","password":"bench-Passw0rd"}' \
  "http://127.0.0.1:$PORT/api/v1/login" | awk '$6 == "xj_session" { print $7 }')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }

# The answers by status so far, from the server's own counters.
statuses() {
  curl -s "http://127.0.0.1:$PORT/metrics" |
    awk '/^xianjie_http_requests_total/ { match($0, /status="[0-9]+"/);
                                           n[substr($0, RSTART + 8, 3)] += $NF }
         END { for (s in n) printf "%s %d  ", s, n[s]; print "" }'
}

drive() {  # connections
  echo
  echo "== dashboard, province: $1 connections, $DURATION"
  # /healthz while the load runs: how long an answer takes, every 2 s.
  (
    sleep 2
    for _ in $(seq 1 5); do
      curl -s -o /dev/null -m 10 -w "  healthz during the load: %{http_code} in %{time_total} s\n" \
        "http://127.0.0.1:$PORT/healthz" || echo "  healthz during the load: no answer in 10 s"
      sleep 2
    done
  ) &
  local probe=$!
  wrk -t2 -c"$1" -d"$DURATION" --timeout 10s --latency -H "Cookie: xj_session=$COOKIE" \
    "http://127.0.0.1:$PORT/api/v1/dashboard" |
    grep -E "Latency|50%|99%|Requests/sec|Non-2xx|errors|requests in"
  wait $probe
  echo "  answers by status since the start: $(statuses)"
  echo "  server RSS: $(rss)"
}
drive "$CONNECTIONS"
drive $((CONNECTIONS * 10))
kill -0 $SERVER && echo && echo "server still running; healthz after the load:" \
  "$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "http://127.0.0.1:$PORT/healthz")"
