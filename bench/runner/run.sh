#!/usr/bin/env bash
# Runner benchmark: the same workloads with sonde-cli run, curl, wrk, newman and bru against a local
# nginx serving a 206-byte JSON and a ~1 MB JSON on a loopback port.
#   bench/runner/run.sh                 # all workloads, 5 runs each (medians)
#   RUNS=3 bench/runner/run.sh          # fewer runs (PEER_RUNS, default 3, for newman and bru;
#                                       #   ONE_RUNS, default 21, for sonde and curl's one-request runs)
#   SONDE_CLI=path/to/sonde-cli ...     # another build (default build/default/app/cli/sonde-cli)
#   SKIP_PEERS=1 bench/runner/run.sh    # only sonde, curl and wrk (newman and bru take minutes)
#   CALLGRIND=1 bench/runner/run.sh     # also user-space instructions per request (valgrind), sonde, curl, wrk
# Installs nginx-light, wrk and hyperfine with apt-get when missing (as root), and newman and bru with
# npm into bench/runner/node_modules when the registry is reachable (skipped otherwise).
# Results: a table on stdout and bench/out/runner/results.tsv. Loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${SONDE_BENCH_OUT:-$ROOT/bench/out/runner}
SONDE=${SONDE_CLI:-$ROOT/build/default/app/cli/sonde-cli}
RUNS=${RUNS:-5}
PEER_RUNS=${PEER_RUNS:-3}
ONE_RUNS=${ONE_RUNS:-21}  # the one-request workload is short and noisy on a shared machine
SMALL_N=1000 BIG_N=200 PAR_N=10000 BIG_ITEMS=5000

log() { printf '%s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt-get"
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
      { apt-get update >&2 && apt-get install -y --no-install-recommends "${missing[@]}" >&2; }
  else sudo apt-get install -y --no-install-recommends "${missing[@]}" >&2; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
NEWMAN=$HERE/node_modules/.bin/newman
BRU=$HERE/node_modules/.bin/bru
if [ "${SKIP_PEERS:-0}" = 1 ]; then NEWMAN=/nonexistent BRU=/nonexistent
elif [ ! -x "$NEWMAN" ] || [ ! -x "$BRU" ]; then
  log "installing newman and bru with npm into $HERE/node_modules"
  npm install --no-save --no-audit --no-fund --prefix "$HERE" newman@6.2.2 @usebruno/cli@4.1.0 >&2 ||
    log "npm registry not reachable: newman and bru are skipped"
fi
[ -x "$SONDE" ] || { log "sonde-cli not found at $SONDE (build it: cmake --build build/default --target sonde-cli)"; exit 2; }

# --- data and nginx ------------------------------------------------------------------------------
rm -rf "$OUT" && mkdir -p "$OUT/www" "$OUT/nginx"
python3 - "$OUT/www" "$BIG_ITEMS" <<'PY'
import json, sys
www, n = sys.argv[1], int(sys.argv[2])
small = {"id": 42, "name": "Sonde benchmark", "status": "ok", "active": True, "tags": ["api", "bench", "json"],
         "owner": {"id": 7, "login": "ada", "email": "ada@example.com"}, "score": 98.5,
         "updated": "2026-11-24T10:00:00Z", "pad": ""}
text = json.dumps(small, separators=(",", ":"))
small["pad"] = "x" * (206 - len(text))
text = json.dumps(small, separators=(",", ":"))
assert len(text) == 206, len(text)
open(f"{www}/small.json", "w").write(text)
items = [{"id": i, "name": f"item {i}", "price": i * 1.25, "tags": ["a", "b"], "ok": i % 2 == 0,
          "description": "lorem ipsum dolor sit amet " * 4} for i in range(n)]
open(f"{www}/big.json", "w").write(json.dumps({"count": n, "items": items}, separators=(",", ":")))
PY
chmod -R a+rX "$OUT"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/body; proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fastcgi; uwsgi_temp_path $OUT/nginx/uwsgi; scgi_temp_path $OUT/nginx/scgi;
  keepalive_requests 1000000;
  types { application/json json; }
  server { listen 127.0.0.1:$PORT; root $OUT/www; }
}
CONF
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf"
trap 'kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "$BASE/small.json" >/dev/null && break; sleep 0.1; done
log "nginx on $BASE ($(wc -c <"$OUT/www/small.json") B and $(wc -c <"$OUT/www/big.json") B)"

# --- workload inputs for each tool ----------------------------------------------------------------
# curl: one config file per workload, every URL in one process (keep-alive).
for spec in small:$SMALL_N big:$BIG_N par:$PAR_N one:1; do
  name=${spec%%:*} n=${spec##*:} doc=small.json
  [ "$name" = big ] && doc=big.json
  for _ in $(seq "$n"); do printf 'url = "%s/%s"\noutput = "/dev/null"\n' "$BASE" "$doc"; done >"$OUT/curl-$name.cfg"
done
# newman (Postman v2.1 collections) and bru (Bruno collection folders): same requests, same checks.
python3 - "$OUT" "$BASE" "$BIG_ITEMS" <<'PY'
import json, os, sys
out, base, items = sys.argv[1], sys.argv[2], int(sys.argv[3])
checks = {"small": ("small.json", "pm.expect(pm.response.json().name).to.eql('Sonde benchmark');",
                    "expect(res.getBody().name).to.equal('Sonde benchmark');"),
          "big": ("big.json", f"pm.expect(pm.response.json().items.length).to.eql({items});",
                  f"expect(res.getBody().items.length).to.equal({items});")}
os.makedirs(f"{out}/newman", exist_ok=True)
for name, (doc, pm, bru) in checks.items():
    coll = {"info": {"name": name, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": name, "request": {"method": "GET", "url": f"{base}/{doc}"},
                      "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [
                          "pm.test('status', () => pm.response.to.have.status(200));",
                          f"pm.test('body', () => {{ {pm} }});"]}}]}]}
    json.dump(coll, open(f"{out}/newman/{name}.json", "w"))
    d = f"{out}/bru/{name}"
    os.makedirs(d, exist_ok=True)
    json.dump({"version": "1", "name": name, "type": "collection"}, open(f"{d}/bruno.json", "w"))
    open(f"{d}/{name}.bru", "w").write(
        f"meta {{\n  name: {name}\n  type: http\n  seq: 1\n}}\n\nget {{\n  url: {base}/{doc}\n  body: none\n  auth: none\n}}\n\n"
        f"assert {{\n  res.status: eq 200\n}}\n\ntests {{\n  test(\"body\", function() {{\n    {bru}\n  }});\n}}\n")
PY
# sonde: one text-tree collection per workload (one request; -n repeats it).
for name in small big; do
  mkdir -p "$OUT/sonde/$name"
  printf 'format: sonde-collection/1\nname: bench-%s\norder:\n  - get.yaml\n' "$name" >"$OUT/sonde/$name/collection.yaml"
done
cat >"$OUT/sonde/small/get.yaml" <<YAML
name: small
method: GET
url: $BASE/small.json
assertions:
  - source: status
    op: equals
    value: "200"
  - source: jsonpath
    selector: \$.name
    op: equals
    value: '"Sonde benchmark"'
YAML
cat >"$OUT/sonde/big/get.yaml" <<YAML
name: big
method: GET
url: $BASE/big.json
assertions:
  - source: status
    op: equals
    value: "200"
  - source: jsonpath
    selector: \$.items
    op: length
    value: "$BIG_ITEMS"
YAML

# --- measuring ------------------------------------------------------------------------------------
# measure NAME -- CMD...: runs CMD $RUNS times ($PEER_RUNS for newman and bru, which take minutes);
# appends "NAME<TAB>median wall s<TAB>median peak RSS MB<TAB>note<TAB>median CPU s (user+system)".
# Peak RSS comes from GNU time (a small parent, so the figure is the tool's own, not an inherited fork
# of a big process). CPU time is the rusage of that GNU time process and its children (wait4, in
# microseconds) less the median of `/usr/bin/time true` (GNU time's own start-up, about 2 ms here).
# The machine is shared: CPU time is the steadier comparison.
measure() {
  local name=$1 runs=$RUNS; shift; shift
  case $name in *newman*|*bru*) runs=$PEER_RUNS ;; "one "*) runs=$ONE_RUNS ;; esac
  python3 - "$runs" "$name" "$OUT/rss.txt" "$@" <<'PY' >>"$OUT/results.tsv"
import os, statistics, subprocess, sys, time
runs, name, rssfile, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
def run(argv):
    t = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rssfile] + argv,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, p.returncode, ru.ru_utime + ru.ru_stime
overhead = statistics.median(run(["true"])[2] for _ in range(15))
walls, rss, cpus, codes = [], [], [], set()
for _ in range(runs):
    wall, code, cpu = run(cmd)
    walls.append(wall)
    rss.append(int(open(rssfile).read().split()[-1]) / 1024.0)
    cpus.append(max(0.0, cpu - overhead))
    codes.add(code)
note = "" if codes == {0} else f"exit codes {sorted(codes)}"
print(f"{name}\t{statistics.median(walls):.3f}\t{statistics.median(rss):.1f}\t{note}\t{statistics.median(cpus):.4f}")
PY
  log "$(tail -1 "$OUT/results.tsv")"
}
wrk_rate() {  # median requests/s of wrk -t2 -c8 over $RUNS runs of 5 s
  local rates=()
  for _ in $(seq "$RUNS"); do rates+=("$(wrk -t2 -c8 -d5s "$1" | awk '/Requests\/sec/ {print $2}')"); done
  printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

: >"$OUT/results.tsv"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
S=$OUT/sonde C=$OUT/newman B=$OUT/bru
measure "small sonde"        -- "$SONDE" run "$S/small" -n "$SMALL_N"
measure "small curl"         -- curl -s -K "$OUT/curl-small.cfg"
[ -x "$NEWMAN" ] && measure "small newman" -- "$NEWMAN" run "$C/small.json" -n "$SMALL_N" --reporters cli
[ -x "$BRU" ] && measure "small bru" -- sh -c "cd '$B/small' && '$BRU' run --iteration-count $SMALL_N"
measure "big sonde"          -- "$SONDE" run "$S/big" -n "$BIG_N"
measure "big curl"           -- curl -s -K "$OUT/curl-big.cfg"
[ -x "$NEWMAN" ] && measure "big newman" -- "$NEWMAN" run "$C/big.json" -n "$BIG_N" --reporters cli
[ -x "$BRU" ] && measure "big bru" -- sh -c "cd '$B/big' && '$BRU' run --iteration-count $BIG_N"
measure "parallel sonde"     -- "$SONDE" run "$S/small" -n "$PAR_N" --parallel 8
measure "parallel curl"      -- curl -s -Z --parallel-max 8 -K "$OUT/curl-par.cfg"
measure "one sonde"          -- "$SONDE" run "$S/small" -n 1
measure "one curl"           -- curl -s -K "$OUT/curl-one.cfg"
[ -x "$NEWMAN" ] && measure "one newman" -- "$NEWMAN" run "$C/small.json" -n 1 --reporters cli
[ -x "$BRU" ] && measure "one bru" -- sh -c "cd '$B/small' && '$BRU' run --iteration-count 1"
WRK=$(wrk_rate "$BASE/small.json")
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'wrk -t2 -c8\t%s\n' "$WRK" >"$OUT/wrk.tsv"

# --- user-space instructions per request (CALLGRIND=1) ---------------------------------------------
# valgrind's callgrind counts instructions, the same whatever else the machine does. Each tool runs
# twice with different request counts; the difference over the difference in requests is the cost of
# one more request, with process start-up cancelled out. Kernel time (loopback TCP) is not counted.
if [ "${CALLGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { log "valgrind is needed for CALLGRIND=1"; exit 2; }
  refs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'; }
  head -400 "$OUT/curl-par.cfg" >"$OUT/curl-200.cfg"; head -4000 "$OUT/curl-par.cfg" >"$OUT/curl-2000.cfg"
  s1=$(refs "$SONDE" run "$S/small" -n 200 --parallel 8); s2=$(refs "$SONDE" run "$S/small" -n 2000 --parallel 8)
  c1=$(refs curl -s -Z --parallel-max 8 -K "$OUT/curl-200.cfg"); c2=$(refs curl -s -Z --parallel-max 8 -K "$OUT/curl-2000.cfg")
  wrk_refs() {  # prints "instructions requests" for wrk -t1 -c8 over $1 seconds
    valgrind --tool=callgrind --callgrind-out-file=/dev/null wrk -t1 -c8 -d"$1"s "$BASE/small.json" 2>&1 |
      awk '/requests in/ {r=$1} /I *refs:/ {gsub(",", "", $NF); i=$NF} END {print i, r}'
  }
  read -r w1 n1 < <(wrk_refs 1); read -r w2 n2 < <(wrk_refs 3)
  {
    echo "user-space instructions per request (callgrind, --parallel 8 / -Z --parallel-max 8 / -c8):"
    echo "  sonde-cli run  $(( (s2 - s1) / 1800 ))"
    echo "  curl -Z        $(( (c2 - c1) / 1800 ))"
    echo "  wrk            $(( (w2 - w1) / (n2 - n1) ))"
  } | tee "$OUT/instructions.txt" >&2
fi

# --- table ----------------------------------------------------------------------------------------
python3 - "$OUT/results.tsv" "$WRK" "$SMALL_N" "$BIG_N" "$PAR_N" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
wrk = float(sys.argv[2]); n = {"small": int(sys.argv[3]), "big": int(sys.argv[4]), "parallel": int(sys.argv[5]), "one": 1}
res = {r[0]: (float(r[1]), float(r[2]), r[3] if len(r) > 3 else "", float(r[4]) if len(r) > 4 else 0.0) for r in rows}
print(f"{'workload':10} {'tool':8} {'wall s':>8} {'req/s':>9} {'peak MB':>8} {'x curl':>7} {'cpu s':>7} {'cpu x':>6}  note")
for key, (wall, mb, note, cpu) in res.items():
    w, tool = key.split(" ", 1)
    curl = res.get(f"{w} curl")
    ratio = f"{wall / curl[0]:.2f}" if curl else "-"
    cratio = f"{cpu / curl[3]:.2f}" if curl and curl[3] > 0 else "-"
    print(f"{w:10} {tool:8} {wall:8.3f} {n[w] / wall:9.0f} {mb:8.1f} {ratio:>7} {cpu:7.4f} {cratio:>6}  {note}")
print(f"{'parallel':10} {'wrk':8} {'5.000':>8} {wrk:9.0f} {'-':>8} {'-':>7} {'-':>7} {'-':>6}  wrk -t2 -c8 -d5s (server limit)")
sonde_par = res.get("parallel sonde")
if sonde_par: print(f"sonde --parallel 8 reaches {n['parallel'] / sonde_par[0] / wrk:.2f} of wrk's rate")
PY
