#!/bin/sh
# Takes docs/screenshot.png: starts the demo API and the GUI under Xvfb, sends the sample request
# "List users" (--send) and grabs the screen. Needs xvfb (xvfb-run), xauth and imagemagick (import).
# Usage: scripts/screenshot.sh [build-dir]   (default build/default; builds nothing)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/default}
SONDE=$BUILD/app/gui/sonde
DEMO=$BUILD/app/demo-api/sonde-demo-api
OUT=$ROOT/docs/screenshot.png
for f in "$SONDE" "$DEMO"; do
  [ -x "$f" ] || { echo "missing $f: build the targets sonde and sonde-demo-api first" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 2; }
command -v import >/dev/null || { echo "import is missing (apt-get install imagemagick)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'kill $DEMO_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM
"$DEMO" --port 8088 >"$WORK/demo.log" 2>&1 &
DEMO_PID=$!
i=0
until grep -q LISTENING "$WORK/demo.log" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 50 ] && { echo "the demo API did not start:" >&2; cat "$WORK/demo.log" >&2; exit 3; }
  sleep 0.1
done

mkdir -p "$ROOT/docs"
# A fresh, isolated profile: the first run imports the sample collection.
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache"
export QT_SCALE_FACTOR=1
xvfb-run -a -s "-screen 0 1400x900x24" sh -c "
  '$SONDE' --db '$WORK/sonde.db' --send 'List users' -platform xcb -geometry 1400x900+0+0 &
  APP=\$!
  sleep \${SONDE_SHOT_DELAY:-4}
  import -window root '$OUT'
  kill \$APP
"
echo "wrote $OUT"
