#!/usr/bin/env bash
# Installs the Debian 12 packages Sonde needs to build, test and run. Idempotent: a no-op when all are present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev libqscintilla2-qt6-dev
  libcurl4-openssl-dev libssl-dev zlib1g-dev libbrotli-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3 libyaml-cpp-dev libcpp-httplib-dev
  libre2-dev openssl curl nghttp2-server xvfb xauth imagemagick fonts-dejavu-core
)
command -v node >/dev/null 2>&1 || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#PKGS[@]} packages present"
  exit 0
fi
echo "setup-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
