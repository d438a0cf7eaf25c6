# Sourced by the server benchmarks (server_bench.sh, overload_bench.sh).
#
#   bench_registry XIANJIE WORK HOUSEHOLDS
#
# A registry of HOUSEHOLDS generated households (seed 11), imported as of 2024-09-01 and
# screened, with the user bench-province (password bench-Passw0rd, province 63), built once in
# WORK and reused by later runs. Sets DB to its file.
bench_registry() {
  local xj=$1 work=$2 n=$3
  mkdir -p "$work"
  DB=$work/xianjie.db
  [ -f "$work/ready" ] && return 0
  rm -f "$DB" "$DB-wal" "$DB-shm"
  echo "== building a registry of $n households in $work"
  "$xj" generate --households "$n" --seed 11 --out "$work/data" >/dev/null
  "$xj" init --db "$DB" >/dev/null
  /usr/bin/time -f "import: %e s, %M KiB peak" "$xj" import --db "$DB" \
    --households "$work/data/households.csv" --members "$work/data/members.csv" \
    --as-of 2024-09-01 >/dev/null
  /usr/bin/time -f "screen: %e s" "$xj" screen --db "$DB" --province 63 --year 2024 >/dev/null
  "$xj" user add --db "$DB" --username bench-province --password bench-Passw0rd \
    --role province --scope 63 >/dev/null
  touch "$work/ready"
}
