#!/usr/bin/env bash
# The PostgreSQL baseline builds the same schema as SQLite's migrations (scripts/compare-schemas.py),
# and the comparison notices a difference. Usage: compare_schemas_test.sh XIANJIE COMPARE PSQL URL_FILE
set -euo pipefail
xianjie=$1 compare=$2 psql=$3
url=$(cat "$4")
dir=$(mktemp -d)
schema="compare_$$"
trap '"$psql" -X -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; rm -rf "$dir"' EXIT

"$psql" -X -q -v ON_ERROR_STOP=1 "$url" -c "CREATE SCHEMA $schema"
"$xianjie" init --db "$url?options=-csearch_path%3D$schema" >/dev/null
"$xianjie" init --db "$dir/registry.db" >/dev/null
python3 "$compare" --sqlite "$dir/registry.db" --postgres "$url" --pg-schema "$schema"

# A migration written for one backend only must fail the comparison.
"$psql" -X -q -v ON_ERROR_STOP=1 "$url" -c "DROP INDEX $schema.lead_by_household"
if python3 "$compare" --sqlite "$dir/registry.db" --postgres "$url" --pg-schema "$schema" \
    > "$dir/out" 2>&1; then
  echo "FAIL: a dropped index went unnoticed" >&2
  exit 1
fi
grep -q "lead_by_household" "$dir/out" || { cat "$dir/out" >&2; exit 1; }
echo "ok: the schemas match, and a dropped index is reported"
