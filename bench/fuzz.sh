#!/usr/bin/env bash
# Longer fuzz runs (issue 8): every libFuzzer target of the `fuzz` preset (or the ones named) for
# SECONDS each, from its seed corpus plus what earlier runs found (kept in build/fuzz), and the
# figures to paste into docs/reliability.md: inputs run, coverage, and any crash.
#
#   bench/fuzz.sh [SECONDS] [TARGET...]     default 300 s, every target
#
# `make test` runs each for 15 s (ctest --preset fuzz).
set -euo pipefail
SECONDS_EACH=${1:-300}
shift || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(sed -n 's/^xj_fuzz(\(fuzz_[a-z_]*\).*/\1/p' fuzz/CMakeLists.txt)
fi
status=0
for t in "${TARGETS[@]}"; do
  found=build/fuzz/fuzz/corpus/$t
  mkdir -p "$found"
  log=build/fuzz/fuzz/$t.log
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "build/fuzz/fuzz/$t" \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "$found" "fuzz/corpus/$t" > "$log" 2>&1; then
    verdict="no crash"
  else
    verdict="FAILED (see $log)"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  printf '%-22s %5s s  %12s inputs  %-10s  %s\n' "$t" "$SECONDS_EACH" "${runs:-?}" "${cov:-}" "$verdict"
done
exit $status
