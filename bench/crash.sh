#!/usr/bin/env bash
# Crash safety at length (issue 8): the crash tests of `make test` (tests/cli/crash_test.cc),
# SIGKILL of the importer mid-import and of the server under a load of writes, with KILLS kills
# per test and backend (SQLite, and PostgreSQL on a throwaway cluster). `make test` runs 6.
#
#   bench/crash.sh [KILLS]     default 50
#
# Uses the dev build (ASan and UBSan, so that a crash of the test itself is seen too); builds
# what it needs. Paste the summary lines into docs/reliability.md.
set -euo pipefail
KILLS=${1:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build/dev}
[ -f "$BUILD/build.ninja" ] || cmake --preset dev
cmake --build "$BUILD" --target crash_test xianjie
WORK=$(mktemp -d /tmp/xianjie-crash.XXXXXX)
chmod 755 "$WORK"  # the cluster may run as the postgres user
"$ROOT/scripts/pg-cluster.sh" start "$WORK/pg" auto > "$WORK/url"
trap '"$ROOT/scripts/pg-cluster.sh" stop "$WORK/pg"; rm -rf "$WORK"' EXIT
cd "$WORK"
XJ_TEST_POSTGRES=$(cat "$WORK/url") XJ_CRASH_KILLS=$KILLS /usr/bin/time -f "%e s in all" \
  "$BUILD/tests/cli/crash_test" 2>&1 | grep -E "kills|OK|FAILED|PASSED|in all|Failure|lost|partial"
