#!/usr/bin/env bash
# Installs the Debian packages that building, testing and the demo need, if any is missing.
# Runs apt-get as root, or through sudo. Usage: scripts/install-deps.sh [build|test|demo|bench]
# The web UI's npm packages are installed by scripts/build-web.sh (npm ci, from package-lock.json).
set -euo pipefail

BUILD_PKGS=(g++ cmake ninja-build pkg-config libsqlite3-dev libcli11-dev nlohmann-json3-dev
            libtomlplusplus-dev libssl-dev libcpp-httplib-dev libargon2-dev libzip-dev
            libexpat1-dev libxlsxwriter-dev libpq-dev lld)
# Node.js 20 or later builds the web UI (Vite 8); the machines this project runs on ship it, and
# Debian's nodejs/npm are installed only when no node is found at all.
WEB_PKGS=()
command -v node >/dev/null && command -v npm >/dev/null || WEB_PKGS=(nodejs npm)
# Browser tests drive Debian's Chromium (playwright-core; no browser download); CJK fonts make the
# screenshots readable.
BROWSER_PKGS=(chromium fonts-noto-cjk)
# PostgreSQL 15: the tests run a throwaway cluster of it (scripts/pg-cluster.sh, CTest label
# postgres). Debian's package may also create and start its own `main` cluster on port 5432; the
# tests do not use it.
TEST_PKGS=(libgtest-dev libgmock-dev clang libclang-rt-14-dev sqlite3 python3 postgresql-15)
BENCH_PKGS=(libbenchmark-dev hyperfine time sqlite3 python3 python3-numpy "${WEB_PKGS[@]}")

want=("${BUILD_PKGS[@]}")
case "${1:-build}" in
  build) ;;
  demo) want+=("${WEB_PKGS[@]}") ;;
  test) want+=("${TEST_PKGS[@]}" "${WEB_PKGS[@]}" "${BROWSER_PKGS[@]}") ;;
  bench) want+=("${TEST_PKGS[@]}" "${BENCH_PKGS[@]}" wrk) ;;
  *) echo "usage: $0 [build|test|demo|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
