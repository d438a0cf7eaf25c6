#!/usr/bin/env bash
# Screening benchmark (issue #3), on the shared benchmark's data (../shared/bench, gen.py seed 1):
#   1. file mode against DuckDB querying the same CSV files directly (../shared/bench/compare.sh,
#      which also checks that both wrote identical flagged.csv and counties.csv);
#   2. the in-memory figures of build/release/screen_bench: full screen of the snapshot, the
#      incremental re-screen of 1,000 households, a snapshot patch, the snapshot's memory;
#   3. DuckDB's screen-only time on preloaded in-memory tables (its "profile" mode), the peer for
#      the in-memory screen.
#
#   bench/screen_bench.sh [SIZE]        SIZE: 100k or 1m (default)
#
# Needs the release build (make release builds xianjie; this script builds screen_bench).
# Work files go to $BENCH_WORK (default /tmp/xianjie-bench). Paste the output into
# docs/benchmarks.md.
set -euo pipefail
SIZE=${1:-1m}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
XJ=$ROOT/build/release/xianjie
[ -f "$SHARED_BENCH/compare.sh" ] || { echo "no shared benchmark at $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }
cmake --build "$ROOT/build/release" --target screen_bench >/dev/null

echo "== file mode: xianjie screen --households --members vs DuckDB on the CSV files"
PAIRS=${PAIRS:-5} "$SHARED_BENCH/compare.sh" "$XJ" "$SIZE"

source "$SHARED_BENCH/common.sh"
DATA=$(ensure_data "$SIZE")
echo
echo "== in memory: build/release/screen_bench $DATA"
"$ROOT/build/release/bench/screen_bench" "$DATA/households.csv" "$DATA/members.csv" 21

echo
echo "== DuckDB screen-only on preloaded in-memory tables (profile mode, 5 repeats)"
ensure_duckdb
OUT=$WORK/compare/$SIZE/duckdb-profile
node "$SHARED_BENCH/peers/duckdb/screen.mjs" profile "$DATA" "$OUT" 5
