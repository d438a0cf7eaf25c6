#!/usr/bin/env bash
# End-to-end department upload (issue #6): `xianjie upload` of a ROWS-row medical-insurance XLSX
# about the people of a registry of HOUSEHOLDS generated households, in SQLite: the process reads
# the registry into its snapshot, reads and maps the workbook, matches every row, computes the
# facts, evaluates the warnings, writes rows, quarantine and warnings in one transaction, and
# takes the leads. Then the same file again (nothing to do but recognise it).
#
#   bench/department_upload_bench.sh [HOUSEHOLDS] [ROWS] [RUNS]    defaults: 300000 200000 3
#
# Needs a release build with the bench programs: make release && cmake --build build/release
# --target make_medical_xlsx. Work files go to $BENCH_WORK (default /tmp/xianjie-bench).
set -euo pipefail
N=${1:-300000}
ROWS=${2:-200000}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
XJ=${XIANJIE:-$ROOT/build/release/xianjie}
MAKE=${MAKE_XLSX:-$ROOT/build/release/bench/make_medical_xlsx}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/xianjie-bench}/upload
DATA=$WORK/n$N
mkdir -p "$WORK"
[ -x "$XJ" ] && [ -x "$MAKE" ] || { echo "build first (see the header of $0)" >&2; exit 1; }

if [ ! -f "$DATA/members.csv" ]; then
  "$XJ" generate --households "$N" --seed 1 --out "$DATA" --no-departments >&2
fi
XLSX=$WORK/medical-$N-$ROWS.xlsx
[ -f "$XLSX" ] || "$MAKE" "$DATA/members.csv" "$ROWS" "$XLSX"
ls -l "$XLSX" | awk '{printf "workbook %.1f MiB\n", $5/1048576}' >&2

measure() {  # NAME COMMAND...: wall seconds and peak RSS of one process (GNU time)
  local name=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$tf" "$@" >"$WORK/out.json"
  read -r secs kib <"$tf"; rm -f "$tf"
  printf '%-14s %8.2f s %6d MiB  %s\n' "$name" "$secs" $((kib / 1024)) \
    "$(head -c 200 "$WORK/out.json" | tr -d '\n')"
}

for run in $(seq "$RUNS"); do
  db=$WORK/xj.db
  rm -f "$db" "$db-wal" "$db-shm"
  "$XJ" init --db "$db" >/dev/null
  "$XJ" import --db "$db" --households "$DATA/households.csv" --members "$DATA/members.csv" \
    --json >/dev/null
  measure "upload #$run" "$XJ" upload --db "$db" --source medical_insurance "$XLSX" --json
  measure "again #$run" "$XJ" upload --db "$db" --source medical_insurance "$XLSX" --json
done
