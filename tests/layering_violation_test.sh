#!/usr/bin/env bash
# The layering check must fail on a tree that breaks each rule, and pass on a clean one.
set -u
check="$1"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/base" "$tmp/src/registry" "$tmp/src/store"
echo '#include "base/status.h"' > "$tmp/src/registry/ok.cc"
echo '#include <sqlite3.h>' > "$tmp/src/store/ok.cc"
"$check" "$tmp/src" >/dev/null || { echo "clean tree rejected"; exit 1; }
echo '#include <sqlite3.h>' > "$tmp/src/registry/bad.cc"
out=$("$check" "$tmp/src") && { echo "sqlite3.h in registry not detected"; exit 1; }
grep -q "bad.cc:1" <<<"$out" || { echo "violation not located: $out"; exit 1; }
rm "$tmp/src/registry/bad.cc"
echo '#include "httplib.h"' > "$tmp/src/base/bad.h"
"$check" "$tmp/src" >/dev/null && { echo "httplib.h in base not detected"; exit 1; }
rm "$tmp/src/base/bad.h"
echo '#include "store/sqlite/sqlite_store.h"' > "$tmp/src/registry/bad.cc"
"$check" "$tmp/src" >/dev/null && { echo "registry including store not detected"; exit 1; }
echo "layering violations detected as expected"
