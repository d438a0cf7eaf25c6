#!/usr/bin/env bash
# The national layout (docs/scale.md): three throwaway PostgreSQL clusters, a coordinator and two
# province shards. Two provinces' generated registries are imported through the coordinator;
# each province is also imported on its own into a SQLite registry. The national counts and the
# screening of each province through the coordinator must equal the provinces' own, the rows
# must be on the shards and none on the coordinator, and a province without a shard is refused.
# Usage: national_test.sh XIANJIE PG_CLUSTER_SCRIPT PSQL SOURCE_DIR
set -euo pipefail
xianjie=$1 cluster=$2 psql=$3 src=$4
work=$(mktemp -d)  # KEEP=1 keeps it
chmod 755 "$work"  # the clusters run as the postgres user when we are root
stop_all() {
  for c in coordinator shard63 shard62; do "$cluster" stop "$work/$c" >/dev/null 2>&1 || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap stop_all EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() { "$psql" -X -q -t -A -v ON_ERROR_STOP=1 "$1" -c "$2"; }

coordinator=$("$cluster" start "$work/coordinator" auto)
shard63=$("$cluster" start "$work/shard63" auto)
shard62=$("$cluster" start "$work/shard62" auto)

# Qinghai (63, the built-in regions) and a small synthetic Gansu (62) with its own standard; the
# nation also knows a village of Beijing (11), which gets no shard.
gansu_regions=$src/tests/cli/data/gansu-test-regions.csv
cat > "$work/beijing.csv" <<'EOF'
code,name,level,parent_code
110000000000,北京市,province,
110100000000,市辖区,prefecture,110000000000
110116000000,怀柔区,county,110100000000
110116102000,杨宋镇,township,110116000000
110116102201,花园村委会,village,110116102000
EOF
{
  cat "$src/data/regions/qinghai.csv"
  tail -n +2 "$gansu_regions"
  tail -n +2 "$work/beijing.csv"
} > "$work/national.csv"
sed -e 's/^province = "63"/province = "62"/' -e 's/青海省/甘肃省/g' \
  "$src/config/standards/63-2024.toml" > "$work/62-2024.toml"
"$xianjie" generate --households 1500 --seed 21 --corrupt-rate 0.01 --no-departments \
  --out "$work/q" > /dev/null
"$xianjie" generate --regions "$gansu_regions" --households 900 --seed 22 --no-departments \
  --out "$work/g" > /dev/null

import() {  # DB DIR
  "$xianjie" import --db "$1" --households "$2/households.csv" --members "$2/members.csv" \
    --as-of 2024-09-01 --source test --user tester --json
}
screen() {  # DB PROVINCE [STANDARD]
  local extra=()
  [ "$2" = 62 ] && extra=(--standard "$work/62-2024.toml")
  "$xianjie" screen --db "$1" --province "$2" --year 2024 --json --out "$work/flagged-$3.csv" \
    "${extra[@]}" | sed -E -e 's/"(seconds|elapsed_ms|ms|duration_ms)":[0-9.e+-]+/"\1":0/g' \
      -e 's/"run_id":[0-9]+/"run_id":0/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g'
}
# What an import reports, without its batch number, times and database.
report() {
  sed -E -e 's/"batch_id":[0-9]+/"batch_id":0/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
    -e 's/"(seconds|elapsed_ms|ms|duration_ms)":[0-9.e+-]+/"\1":0/g' -e 's#"db":"[^"]*"#"db":""#g'
}

# Each province on its own.
"$xianjie" init --db "$work/p63.db" > /dev/null
"$xianjie" init --db "$work/p62.db" --regions "$gansu_regions" > /dev/null
import "$work/p63.db" "$work/q" | report > "$work/import-63-alone.json"
import "$work/p62.db" "$work/g" | report > "$work/import-62-alone.json"
screen "$work/p63.db" 63 63-alone > "$work/screen-63-alone.json"
screen "$work/p62.db" 62 62-alone > "$work/screen-62-alone.json"

# The nation: a coordinator with a shard per province, then the same imports through it.
"$xianjie" init --db "$coordinator" --regions "$work/national.csv" > /dev/null
"$xianjie" shard add --db "$coordinator" --province 63 --shard "$shard63"
"$xianjie" shard add --db "$coordinator" --province 62 --shard "$shard62"
import "$coordinator" "$work/q" | report > "$work/import-63-national.json"
import "$coordinator" "$work/g" | report > "$work/import-62-national.json"
screen "$coordinator" 63 63-national > "$work/screen-63-national.json"
screen "$coordinator" 62 62-national > "$work/screen-62-national.json"

for p in 63 62; do
  diff "$work/import-$p-alone.json" "$work/import-$p-national.json" >&2 ||
    fail "province $p's import through the coordinator differs from its own"
  diff "$work/screen-$p-alone.json" "$work/screen-$p-national.json" >&2 ||
    fail "province $p's screening through the coordinator differs from its own"
  diff "$work/flagged-$p-alone.csv" "$work/flagged-$p-national.csv" >&2 ||
    fail "province $p's flagged households through the coordinator differ from its own"
done

# National counts are the sum of the provinces', and every row is on its province's shard.
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }
for table in household household_version member_version; do
  alone63=$(count "$work/p63.db" "$table") alone62=$(count "$work/p62.db" "$table")
  national=$(sql "$coordinator" "SELECT count(*) FROM $table")
  [ "$national" -eq $((alone63 + alone62)) ] ||
    fail "$table: $national rows nationally, but $alone63 + $alone62 in the provinces"
  [ "$(sql "$shard63" "SELECT count(*) FROM ${table}_p63")" -eq "$alone63" ] ||
    fail "$table: shard 63 does not hold province 63's $alone63 rows"
  [ "$(sql "$shard62" "SELECT count(*) FROM ${table}_p62")" -eq "$alone62" ] ||
    fail "$table: shard 62 does not hold province 62's $alone62 rows"
  [ "$(sql "$coordinator" "SELECT count(*) FROM ${table}_p_default")" -eq 0 ] ||
    fail "$table: the coordinator keeps rows itself"
done
"$xianjie" shard list --db "$coordinator" --json > "$work/shards.json"
python3 - "$work/shards.json" "$(count "$work/p63.db" household)" \
  "$(count "$work/p62.db" household)" <<'EOF'
import json, sys
shards = {s["province"]: s["households"] for s in json.load(open(sys.argv[1]))}
want = {63: int(sys.argv[2]), 62: int(sys.argv[3])}
if shards != want:
    sys.exit(f"FAIL: shard list says {shards}, the provinces hold {want}")
EOF

# The shards enforce the registry's keys: a second copy of a version is refused.
if sql "$shard63" "INSERT INTO household_version_p63 SELECT * FROM household_version_p63 LIMIT 1" \
    2> "$work/dup.txt"; then
  fail "a duplicate version was accepted by the shard"
fi
grep -q "duplicate key" "$work/dup.txt" || { cat "$work/dup.txt" >&2; fail "no key on the shard"; }

# A province without a shard is refused, and nothing of its import stays.
"$xianjie" generate --regions "$work/beijing.csv" --households 20 --seed 23 --no-departments \
  --out "$work/b" > /dev/null
batches_before=$(sql "$coordinator" "SELECT count(*) FROM batch")
if import "$coordinator" "$work/b" > "$work/beijing.json" 2> "$work/beijing.err"; then
  fail "an import of a province without a shard was accepted"
fi
grep -q "a household's province has no shard" "$work/beijing.err" || { cat "$work/beijing.err" >&2; fail "unclear refusal"; }
[ "$(sql "$coordinator" "SELECT count(*) FROM batch")" -eq "$batches_before" ] ||
  fail "the refused import left a batch"

# A shard cannot be added twice, nor to a coordinator that is SQLite.
if "$xianjie" shard add --db "$coordinator" --province 63 --shard "$shard62" 2> "$work/twice.err"; then
  fail "province 63 got a second shard"
fi
grep -q "province 63 has a shard already" "$work/twice.err" || { cat "$work/twice.err" >&2; exit 1; }
[ -z "$(sql "$shard62" "SELECT to_regclass('household_p63')")" ] ||
  fail "the refused shard was given province 63's tables"
if "$xianjie" shard add --db "$work/p63.db" --province 63 --shard "$shard63" 2> "$work/sqlite.err"; then
  fail "a SQLite registry became a coordinator"
fi
grep -q "shards need a PostgreSQL coordinator" "$work/sqlite.err" || { cat "$work/sqlite.err" >&2; exit 1; }

"$xianjie" audit verify --db "$coordinator" > /dev/null

# A shard that is down shows in the list, which then fails.
"$cluster" stop "$work/shard62" 2> /dev/null
if "$xianjie" shard list --db "$coordinator" > "$work/list.txt" 2>&1; then
  fail "shard list passed with a shard down"
fi
grep -q "UNREACHABLE" "$work/list.txt" && grep -q "1 of 2 shards cannot be reached" "$work/list.txt" ||
  { cat "$work/list.txt" >&2; fail "the shard that is down is not reported"; }
echo "ok: 2 provinces on 2 shards; counts, imports and screenings equal the provinces' own"
