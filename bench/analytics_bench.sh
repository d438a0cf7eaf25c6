#!/usr/bin/env bash
# Analytics benchmark (issue 7, decision 0008: every analytics endpoint answers in under 100 ms
# on a registry of a million households). For the poverty measures:
#   - `xianjie analytics poverty --json` for the province: the whole command (open the database,
#     read the registry, sort the incomes, measure) and the figures it prints;
#   - `xianjie serve` and GET /api/v1/analytics/poverty with curl: the first request after the
#     start (the server sorts the incomes of each new snapshot in the background, and a request
#     that comes before that is done waits for it), then the median, fastest and slowest of
#     REQUESTS requests each for the province, a prefecture, a county and a village.
# For the village table (the overview and the scorecards):
#   - a share of the households (25 in 1,000) made monitoring objects once, with their
#     identification cases, measures and eliminations, by bench/analytics_cases.cc through the
#     store (the demo stages a few dozen cases, which says nothing about speed);
#   - GET /api/v1/analytics/overview for the province, a prefecture, a county and a village, and
#     GET /api/v1/assessment/scorecards for the province's and the prefecture's counties and the
#     county's townships: the first request after the start (the server makes the tables in the
#     background after it starts; a request that comes first waits for them), the median,
#     fastest and slowest of REQUESTS requests, and the first requests after writes to the case
#     data by another process (plain SQL through sqlite3): to one household, to about a hundred
#     and to a thousand (the tables brought up to date from their rows), and to three thousand
#     (the case data read whole).
#
#   bench/analytics_bench.sh [HOUSEHOLDS]     default 1000000
#
# Needs the release build: `make release` (or `cmake --preset release && cmake --build
# build/release`); XIANJIE=path/to/xianjie to use another binary. Builds the registry once in
# $BENCH_WORK (default /tmp/xianjie-bench/analytics-N) with `xianjie generate` and import (about
# two minutes for a million households), and its cases with
# build/release/bench/analytics_cases (`cmake --build build/release --target analytics_cases`;
# ANALYTICS_CASES= another binary; about five minutes); later runs reuse both. Needs sqlite3 for
# the write. Paste the output into docs/benchmarks.md ("Analytics").
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
XJ=${XIANJIE:-$ROOT/build/release/xianjie}
WORK=${BENCH_WORK:-/tmp/xianjie-bench}/analytics-$N
REQUESTS=${REQUESTS:-21}
PORT=${PORT:-18081}
YEAR=${YEAR:-2024}
CASES=${ANALYTICS_CASES:-$(dirname "$XJ")/bench/analytics_cases}
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install curl" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
mkdir -p "$WORK"
DB=$WORK/xianjie.db

if [ ! -f "$WORK/ready" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  echo "== building a registry of $N households in $WORK"
  "$XJ" generate --households "$N" --seed 11 --out "$WORK/data" >/dev/null
  "$XJ" init --db "$DB" >/dev/null
  /usr/bin/time -f "import: %e s, %M KiB peak" "$XJ" import --db "$DB" \
    --households "$WORK/data/households.csv" --members "$WORK/data/members.csv" \
    --as-of 2024-09-01 >/dev/null
  "$XJ" user add --db "$DB" --username bench-province --password bench-Passw0rd \
    --role province --scope 63 >/dev/null
  touch "$WORK/ready"
fi
if [ ! -f "$WORK/cases-ready" ]; then
  [ -x "$CASES" ] || { echo "build the cases writer first: cmake --build build/release" \
    "--target analytics_cases (looked for $CASES)" >&2; exit 1; }
  echo "== writing monitoring objects, cases, measures and eliminations for 25 in 1,000 households"
  "$CASES" "$DB" 25 7 | tee "$WORK/cases.txt"
  touch "$WORK/cases-ready"
fi

# The regions of the first household: its prefecture, county and village.
VILLAGE=$(awk -F, 'NR == 2 { print $2; exit }' "$WORK/data/households.csv")
PREFECTURE=${VILLAGE:0:4}
COUNTY=${VILLAGE:0:6}

echo "== $XJ on $(nproc) cores, $N households, year $YEAR; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "-- xianjie analytics poverty --province 63 --year $YEAR --json (the whole command)"
/usr/bin/time -f "command: %e s wall, %M KiB peak" \
  "$XJ" analytics poverty --db "$DB" --province 63 --year "$YEAR" --json

"$XJ" serve --db "$DB" --listen "127.0.0.1:$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
COOKIE=$(curl -s -c - -H 'Content-Type: application/json' \
  -d '{"username":"bench-province","password":"bench-Passw0rd"}' \
  "http://127.0.0.1:$PORT/api/v1/login" | awk '$6 == "xj_session" { print $7 }')
[ -n "$COOKIE" ] || { echo "login failed (see $WORK/serve.log)" >&2; exit 1; }

# Seconds of one request (fails on an answer other than 200).
request() {  # query
  curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' \
    -H "Cookie: xj_session=$COOKIE" \
    "http://127.0.0.1:$PORT/api/v1/analytics/poverty?year=$YEAR$1" |
    awk -v answer="$WORK/answer.json" '$1 != 200 { system("cat " answer " >&2"); exit 1 }
                                       { print $2 }'
}

echo
echo "-- GET /api/v1/analytics/poverty (curl on loopback, $REQUESTS requests per region)"
FIRST=$(request "&region=63")
printf 'first request after the start: %.1f ms\n' \
  "$(awk -v s="$FIRST" 'BEGIN { print s * 1000 }')"
echo
echo "| region | code | persons | median | fastest | slowest |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for pair in "province:63" "prefecture:$PREFECTURE" "county:$COUNTY" "village:$VILLAGE"; do
  name=${pair%%:*}
  code=${pair#*:}
  : > "$WORK/times.txt"
  for _ in $(seq 1 "$REQUESTS"); do request "&region=$code" >> "$WORK/times.txt"; done
  persons=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["persons"])' \
    "$WORK/answer.json")
  sort -n "$WORK/times.txt" | awk -v name="$name" -v code="$code" -v persons="$persons" '
    { t[NR] = $1 * 1000 }
    END { printf "| %s | %s | %d | %.1f ms | %.1f ms | %.1f ms |\n",
                 name, code, persons, t[int((NR + 1) / 2)], t[1], t[NR] }'
done
echo
echo "province answer: $(curl -s -H "Cookie: xj_session=$COOKIE" \
  "http://127.0.0.1:$PORT/api/v1/analytics/poverty?year=$YEAR&region=63")"
ps -o rss= -p $SERVER | awk '{ printf "server RSS after the runs: %.0f MiB\n", $1 / 1024 }'

# ---- the overview and the scorecards (village table, decision 0008)
echo
echo "-- the village table: $(tr '\n' ';' < "$WORK/cases.txt")"

# Seconds of one request to PATH?QUERY (fails on an answer other than 200).
request_path() {  # path query
  curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' \
    -H "Cookie: xj_session=$COOKIE" "http://127.0.0.1:$PORT$1?$2" |
    awk -v answer="$WORK/answer.json" '$1 != 200 { system("cat " answer " >&2"); exit 1 }
                                       { print $2 }'
}
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
# | name | code | median | fastest | slowest | over REQUESTS requests.
timed_rows() {  # path name:code ...
  local path=$1; shift
  echo "| region | code | median | fastest | slowest |"
  echo "| --- | --- | ---: | ---: | ---: |"
  for pair in "$@"; do
    local name=${pair%%:*} code=${pair#*:}
    : > "$WORK/times.txt"
    for _ in $(seq 1 "$REQUESTS"); do request_path "$path" "region=$code" >> "$WORK/times.txt"; done
    sort -n "$WORK/times.txt" | awk -v name="$name" -v code="$code" '
      { t[NR] = $1 * 1000 }
      END { printf "| %s | %s | %.1f ms | %.1f ms | %.1f ms |\n",
                   name, code, t[int((NR + 1) / 2)], t[1], t[NR] }'
  done
}

echo
echo "-- GET /api/v1/analytics/overview (this year, as of today; $REQUESTS requests per region)"
echo "first request after the start (waits for the tables the server makes in the background): $(ms "$(request_path /api/v1/analytics/overview region=63)")"
echo
timed_rows /api/v1/analytics/overview "province:63" "prefecture:$PREFECTURE" "county:$COUNTY" \
  "village:$VILLAGE"
python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["figures"]
print("village answer: objects %d, approved %d" % (f["objects"], f["approved"]))' "$WORK/answer.json"
OVERVIEW=$(curl -s -H "Cookie: xj_session=$COOKIE" \
  "http://127.0.0.1:$PORT/api/v1/analytics/overview?region=63")
python3 -c 'import json, sys
f = json.loads(sys.argv[1])["figures"]
print("province: %d households, %d objects open, %d ever monitored, %d eliminated, %d approved this year, %d covered by a measure"
      % (f["households"], f["objects"], f["cumulative_objects"], f["eliminated_objects"],
         f["approved"], f["objects_with_measure"]))' "$OVERVIEW"

echo
echo "-- GET /api/v1/assessment/scorecards (this year and the two before; $REQUESTS requests per region)"
echo "first request: $(ms "$(request_path /api/v1/assessment/scorecards region=63)")"
echo
timed_rows /api/v1/assessment/scorecards "province (counties):63" \
  "prefecture (counties):$PREFECTURE" "county (townships):$COUNTY"

echo
# Writes to the case data by another process (plain SQL: the triggers move the change stamp and
# log the households, migration 0014); the first requests after each, before the next refresh.
after_write() {  # sql what
  sqlite3 -cmd ".timeout 10000" "$DB" "$1"  # waits while the server writes (its audit log)
  echo "$2: first overview $(ms "$(request_path /api/v1/analytics/overview region=63)")," \
    "then the scorecards $(ms "$(request_path /api/v1/assessment/scorecards region=63)")"
}
after_write "UPDATE measure SET status = status WHERE measure_id = 1" \
  "after a write to one household's measure"
after_write "UPDATE measure SET status = status WHERE measure_id <= 120" \
  "after a write to $(sqlite3 "$DB" "SELECT count(DISTINCT household_id) FROM measure WHERE measure_id <= 120") households' measures"
after_write "UPDATE episode SET risks = risks WHERE episode_id <= 1000" \
  "after a write to 1,000 households' episodes"
after_write "UPDATE episode SET risks = risks WHERE episode_id <= 3000" \
  "after a write to 3,000 households' episodes (more than 2,000: the case data read whole)"
ps -o rss= -p $SERVER | awk '{ printf "server RSS after the runs: %.0f MiB\n", $1 / 1024 }'
