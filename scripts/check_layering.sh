#!/usr/bin/env bash
# Checks the module layering of ARCHITECTURE.md §3 over a source tree (default: src/).
#  1. Domain modules never include sqlite3.h, libpq-fe.h or httplib.h.
#  2. A module includes only project headers of the modules it may use.
# Prints each violation as file:line: reason, and exits 1 if there is any.
set -uo pipefail
src="${1:-$(dirname "$0")/../src}"

# module -> modules it may include (besides itself)
declare -A MAY_USE=(
  [base]=""
  [strict_toml]="base"
  [registry]="base"
  [rules]="base strict_toml registry"
  [ingest]="base strict_toml registry"
  [demo]="base registry"
  [access]="base registry"
  [cases]="base registry rules access"
  [exchange]="base strict_toml registry rules ingest access cases"
  [assist]="base strict_toml registry access cases"
  [analytics]="base strict_toml registry rules ingest cases exchange assist"
  [store]="base strict_toml registry rules ingest access cases exchange assist analytics"
  [service]="base strict_toml registry rules ingest access cases exchange assist analytics store"
  [server]="base strict_toml registry rules ingest access cases exchange assist analytics demo store service"
  [cli]="base strict_toml registry rules ingest access cases exchange assist analytics demo store service server"
  [app]="*"
)
DOMAIN="base strict_toml registry rules ingest demo access cases exchange assist analytics service"

fail=0
for module_dir in "$src"/*/; do
  module=$(basename "$module_dir")
  [ -n "${MAY_USE[$module]+x}" ] || { echo "$module_dir: unknown module (add it to scripts/check_layering.sh and src/README.md)"; fail=1; continue; }
  allowed="$module ${MAY_USE[$module]}"
  while IFS= read -r hit; do
    file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}; text=${rest#*:}
    # Bash's own matching, not a sed and a basename per line: thousands of includes.
    [[ "$text" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*[\<\"]([^\>\"]+) ]] || continue
    header=${BASH_REMATCH[1]}
    base_name=${header##*/}
    if [[ " $DOMAIN " == *" $module "* ]] && [[ "$base_name" =~ ^(sqlite3\.h|libpq-fe\.h|httplib\.h)$ ]]; then
      echo "$file:$line: domain module '$module' includes $header (SQL and HTTP belong in store/ and server/)"
      fail=1
      continue
    fi
    target=${header%%/*}
    if [[ "$header" == */* ]] && [ -n "${MAY_USE[$target]+x}" ] && [ "${MAY_USE[$module]}" != "*" ] \
       && [[ " $allowed " != *" $target "* ]]; then
      echo "$file:$line: module '$module' may not include $header (may use: ${MAY_USE[$module]:-std only})"
      fail=1
    fi
  done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include' "$module_dir" --include='*.h' --include='*.cc' --include='*.cpp' --include='*.hpp' || true)
done
[ $fail -eq 0 ] && echo "layering: ok"
exit $fail
