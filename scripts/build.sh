#!/usr/bin/env bash
# Configures and builds Sonde with a CMake preset (default: "default"). Extra args go to cmake --build.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${SONDE_PRESET:-default}"
if [ ! -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset"
fi
cmake --build --preset "$preset" "$@"
