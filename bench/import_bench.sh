#!/usr/bin/env bash
# Validated import benchmark: xianjie's import of N generated households into SQLite, beside
# DuckDB loading the same files into a database file and SQLite's own `.import` (no validation).
#
#   bench/import_bench.sh [HOUSEHOLDS] [RUNS]      defaults: 1000000 3
#
# Needs a release build (make release). Uses ../shared/bench/ for the DuckDB peer install
# (npm @duckdb/node-api, pinned there). Work files go to $BENCH_WORK (default /tmp/xianjie-bench).
# Prints one line per run and the medians; paste them into docs/benchmarks.md.
set -euo pipefail
N=${1:-1000000}
RUNS=${2:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
XJ=${XIANJIE:-$ROOT/build/release/xianjie}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/xianjie-bench}
DATA=$WORK/import/n$N
mkdir -p "$WORK/import"
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }

if [ ! -f "$DATA/members.csv" ]; then
  echo "== generating $N households into $DATA" >&2
  "$XJ" generate --households "$N" --seed 1 --out "$DATA" >&2
fi
du -sh "$DATA"/*.csv >&2

# measure NAME COMMAND...: wall seconds and peak RSS (MiB) of one process, via GNU time
measure() {
  local name=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$tf" "$@" >/dev/null
  read -r secs kib <"$tf"; rm -f "$tf"
  printf '%-16s %8.2f s %8d MiB\n' "$name" "$secs" $((kib / 1024))
}

run_xianjie() {
  local db=$WORK/import/xj.db
  rm -f "$db" "$db-wal" "$db-shm"
  "$XJ" init --db "$db" >/dev/null
  measure xianjie "$XJ" import --db "$db" --households "$DATA/households.csv" \
    --members "$DATA/members.csv" --json
  ls -l "$db" | awk '{printf "                 database %.0f MiB\n", $5/1048576}'
}

run_sqlite_import() {
  local db=$WORK/import/sqlite.db
  rm -f "$db"
  sqlite3 "$db" <"$SHARED_BENCH/peers/sqlite/schema.sql"
  measure sqlite3-import sqlite3 "$db" -cmd ".mode csv" \
    ".import --skip 1 $DATA/households.csv households" ".import --skip 1 $DATA/members.csv members"
}

run_duckdb() {
  local db=$WORK/import/duck.db
  rm -f "$db" "$db.wal"
  measure duckdb-load node "$HERE/peers/duckdb_load.mjs" "$DATA" "$db"
}

if [ -f "$SHARED_BENCH/common.sh" ]; then
  # shellcheck source=/dev/null
  source "$SHARED_BENCH/common.sh"
  ensure_duckdb
  export BENCH_NODE_MODULES
fi

echo "== $N households, $RUNS runs each (wall clock, peak RSS)"
for i in $(seq "$RUNS"); do
  run_xianjie
  run_sqlite_import
  if [ -n "${BENCH_NODE_MODULES:-}" ]; then run_duckdb; fi
done
