#!/usr/bin/env bash
# Sets everything up on Debian 12 and runs every test through ctest:
#   Debian packages (scripts/setup-deps.sh), the GraphQL test server's npm packages (npm ci),
#   the build (CMake preset "default", or SONDE_PRESET=asan), then ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
for dir in tests/fixtures/graphql-server; do
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
preset="${SONDE_PRESET:-default}"
SONDE_PRESET="$preset" bash scripts/build.sh
ctest --preset "$preset" "$@"
