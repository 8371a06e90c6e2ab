#!/usr/bin/env bash
# Sets everything up on Debian 12, builds Sonde, starts the bundled demo API (sonde-demo-api on
# 127.0.0.1:8088) and opens the GUI with the sample collection. The demo API stops when the GUI closes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-deps.sh
bash scripts/build.sh
bin=build/default
demo_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/8088) 2>/dev/null; then
  "$bin/app/demo-api/sonde-demo-api" --port 8088 > /tmp/sonde-demo-api.log 2>&1 &
  demo_pid=$!
  trap '[ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true' EXIT
  echo "sonde-demo-api started on http://127.0.0.1:8088 (log: /tmp/sonde-demo-api.log)"
else
  echo "Something already listens on 127.0.0.1:8088; using it as the demo API"
fi
"$bin/app/gui/sonde" "$@"
