#!/usr/bin/env bash
# Scale (issue 8, step 12): a registry of HOUSEHOLDS generated households (default 10,000,000,
# about 35 million members) read into the columnar snapshot and screened, on one machine.
#   1. xianjie generate writes the exchange files (kept in $BENCH_WORK for the next run);
#   2. xianjie screen in file mode reads them into the snapshot, checks every row and screens,
#      under /usr/bin/time -v: wall time and peak memory of the whole process;
#   3. screen_bench times the in-memory screen on that snapshot (median of RUNS) and reports the
#      snapshot's own memory.
#
#   bench/scale_bench.sh [HOUSEHOLDS] [RUNS]
#
# Needs the release build (make release); builds screen_bench. Disk: about 450 bytes per
# household for the two files (4.5 GB for 10 million). Paste the output into docs/scale.md.
set -euo pipefail
HOUSEHOLDS=${1:-10000000}
RUNS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
XJ=$ROOT/build/release/xianjie
WORK=${BENCH_WORK:-/tmp/xianjie-bench}/scale-$HOUSEHOLDS
[ -x "$XJ" ] || { echo "build first: make release (looked for $XJ)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: scripts/install-deps.sh bench" >&2; exit 1; }
cmake --build "$ROOT/build/release" --target screen_bench > /dev/null
mkdir -p "$WORK"

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F)"
if [ ! -s "$WORK/members.csv" ]; then
  echo "== generating $HOUSEHOLDS households"
  /usr/bin/time -f "generate: %e s, peak %M KiB" \
    "$XJ" generate --households "$HOUSEHOLDS" --seed 1 --no-departments --out "$WORK"
fi
ls -l "$WORK/households.csv" "$WORK/members.csv" | awk '{printf "%s %.0f MB\n", $9, $5 / 1e6}'

echo "== file mode: read, check and screen, whole process (2 threads)"
/usr/bin/time -f "screen: %e s wall, %U s user, peak %M KiB" \
  "$XJ" screen --households "$WORK/households.csv" --members "$WORK/members.csv" \
  --province 63 --year 2024 --threads 2 --out "$WORK/flagged.csv" \
  --counties "$WORK/counties.csv" --json > "$WORK/screen.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("screened", d.get("screened"), "flagged", d.get("flagged"), "quarantined", d.get("quarantined"))' "$WORK/screen.json"

echo "== in memory: screen_bench (median of $RUNS)"
/usr/bin/time -f "screen_bench: %e s wall, peak %M KiB" \
  "$ROOT/build/release/bench/screen_bench" "$WORK/households.csv" "$WORK/members.csv" "$RUNS"
