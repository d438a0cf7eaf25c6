#!/usr/bin/env bash
# Builds the web UI (web/ → web/dist) with the npm packages pinned in web/package-lock.json.
# `npm ci` runs only when package-lock.json changed since the last install, so repeated builds
# are quick. Usage: scripts/build-web.sh [--test]   (--test also runs the UI's unit tests)
set -euo pipefail
cd "$(dirname "$0")/../web"

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "error: the web UI needs Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
npm run --silent build
if [ "${1:-}" = "--test" ]; then
  npm test --silent
fi
