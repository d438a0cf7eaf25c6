#!/usr/bin/env bash
# Every command gives the same results on SQLite and on PostgreSQL (issue 8's interface): one
# generated registry with its department files goes through the same commands on both
# backends, and what they write and print is compared. Times, ids of the database and run
# durations are the only things that may differ, and are blanked before comparing.
# Usage: backends_agree_test.sh XIANJIE PSQL URL_FILE
set -euo pipefail
xianjie=$1 psql=$2
url=$(cat "$3")
work=$(mktemp -d)  # KEEP=1 keeps it, to look at what differed
schema="agree_$$"
trap '"$psql" -X -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
"$psql" -X -q -v ON_ERROR_STOP=1 "$url" -c "CREATE SCHEMA $schema"

"$xianjie" generate --households 2500 --seed 11 --corrupt-rate 0.01 --out "$work/data" >/dev/null

# The same commands on one backend; their outputs go to $work/<name>/.
run() {
  local name=$1 db=$2 out="$work/$1"
  mkdir -p "$out"
  "$xianjie" init --db "$db" > "$out/init.txt"
  "$xianjie" import --db "$db" --households "$work/data/households.csv" \
    --members "$work/data/members.csv" --as-of 2024-09-01 --source test --user tester --json \
    > "$out/import.json"
  "$xianjie" screen --db "$db" --province 63 --year 2024 --json --out "$out/flagged.csv" \
    --counties "$out/counties.csv" > "$out/screen.json"
  for f in "$work"/data/departments/*; do
    local source
    source=$(basename "${f%.*}")
    "$xianjie" upload --db "$db" --source "$source" --user tester --json "$f" \
      > "$out/upload-$source.json"
  done
  "$xianjie" check run --db "$db" > "$out/check.txt"
  "$xianjie" finding list --db "$db" --limit 0 --json > "$out/findings.json"
  "$xianjie" case list --db "$db" --all --json > "$out/cases.json"
  "$xianjie" batches --db "$db" > "$out/batches.txt"
  "$xianjie" export --db "$db" --out "$out/export" --full-ids > /dev/null
  "$xianjie" analytics poverty --db "$db" --province 63 --year 2024 --json > "$out/poverty.json"
  "$xianjie" audit verify --db "$db" > "$out/audit.txt"
  # Times, the database's name and durations are blanked.
  sed -i -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
    -e 's#(/[^ "]*/r\.db|postgresql://[^ "]*)#DB#g' \
    -e 's/"(seconds|elapsed_ms|ms|duration_ms)":[0-9.e+-]+/"\1":0/g' \
    -e 's/[0-9]+\.[0-9]+ s\b/N s/g' "$out"/*.txt "$out"/*.json
}

run sqlite "$work/r.db"
run postgres "$url?options=-csearch_path%3D$schema"

if ! diff -r "$work/sqlite" "$work/postgres" > "$work/diff.txt"; then
  head -c 4000 "$work/diff.txt" >&2
  echo "FAIL: the backends differ (above)" >&2
  exit 1
fi
echo "ok: $(ls "$work/sqlite" | wc -l) outputs agree on SQLite and PostgreSQL"
