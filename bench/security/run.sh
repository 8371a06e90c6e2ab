#!/usr/bin/env bash
# Security scanner benchmark: sonde-cli scan and (when installed) wapiti against sonde-vuln-api, on
# the vulnerable routes (/vuln/...) and their hardened twins (/safe/...). Records requests sent, wall
# time and findings; a finding on a /safe/ route is a false positive.
#   bench/security/run.sh                  # sonde (+ wapiti if `wapiti` is on PATH)
#   SKIP_WAPITI=1 bench/security/run.sh    # sonde only
#   SONDE_CLI=... VULN_API=...             # other builds (default build/default/...)
# wapiti comes from Debian (apt-get install wapiti); it only gets the GET routes (it cannot be given
# JSON bodies or bearer tokens per URL). Results: a table on stdout and bench/out/security/. Loopback only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${SONDE_BENCH_OUT:-$ROOT/bench/out/security}
SONDE=${SONDE_CLI:-$ROOT/build/default/app/cli/sonde-cli}
API=${VULN_API:-$ROOT/build/default/tests/fixtures/vuln-api/sonde-vuln-api}
mkdir -p "$OUT"
WORK=$(mktemp -d)
API_PID=""
cleanup() {
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# A test CA and a leaf for 127.0.0.1: the TLS listeners (legacy accepts TLS 1.0/1.1, modern 1.2+ only).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" -days 400 \
  -subj "/CN=Sonde Bench CA" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$WORK/leaf.key" -out "$WORK/leaf.csr" -subj /CN=127.0.0.1 2>/dev/null
echo "subjectAltName=IP:127.0.0.1" > "$WORK/san.ext"
openssl x509 -req -in "$WORK/leaf.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial \
  -out "$WORK/leaf.pem" -days 400 -extfile "$WORK/san.ext" 2>/dev/null

"$API" --port 0 --tls "$WORK/leaf.pem" "$WORK/leaf.key" > "$WORK/api.out" 2> "$OUT/vuln-api.stderr" &
API_PID=$!
for _ in $(seq 50); do grep -q LISTENING "$WORK/api.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/LISTENING/{print $2}' "$WORK/api.out")
LEGACY=$(sed -n 's/^TLS legacy=\([0-9]*\).*/\1/p' "$WORK/api.out")
MODERN=$(sed -n 's/^TLS .*modern=\([0-9]*\).*/\1/p' "$WORK/api.out")
REDIRECT=$(sed -n 's/^TLS .*redirect=\([0-9]*\).*/\1/p' "$WORK/api.out")
BASE="http://127.0.0.1:$PORT"
STRONG=$(curl -s "$BASE/token?kind=strong")
WEAK=$(curl -s "$BASE/token?kind=weak")
EXPIRED=$(curl -s "$BASE/token?kind=expired")

# One collection directory per side, one request file per route (the test suite's targets).
write_request() {  # dir name method path [extra yaml]
  local dir=$1 name=$2 method=$3 path=$4 extra=${5:-}
  printf 'name: %s\nmethod: %s\nurl: "{{baseUrl}}%s"\n%s' "$name" "$method" "$path" "$extra" > "$dir/$name.yaml"
}
bearer() { printf 'auth:\n  kind: bearer\n  token: "%s"\n' "$1"; }
make_collection() {  # side
  local side=$1 dir="$WORK/$1"
  mkdir -p "$dir"
  printf 'format: sonde-collection/1\nname: %s\nvariables:\n  - name: baseUrl\n    value: %s\n' "$side" "$BASE" > "$dir/collection.yaml"
  write_request "$dir" sqli GET "/$side/sqli?id=1"
  write_request "$dir" sqli-blind GET "/$side/sqli-blind?id=1"
  write_request "$dir" sqli-search GET "/$side/sqli-search?name=apple"
  write_request "$dir" nosql POST "/$side/nosql/login" $'body:\n  kind: json\n  text: \x27{"user":"alice","password":"guess"}\x27\n'
  write_request "$dir" cmd GET "/$side/cmd?host=example"
  write_request "$dir" cmd-blind GET "/$side/cmd-blind?host=example"
  write_request "$dir" file GET "/$side/file?name=readme.txt"
  write_request "$dir" ssti GET "/$side/ssti?name=Ann"
  write_request "$dir" xss GET "/$side/xss?q=shoes"
  write_request "$dir" crlf GET "/$side/crlf?lang=en"
  write_request "$dir" redirect GET "/$side/redirect?next=/home"
  write_request "$dir" cors GET "/$side/cors"
  write_request "$dir" cors-prefix GET "/$side/cors-prefix"
  write_request "$dir" headers GET "/$side/headers"
  write_request "$dir" debug GET "/$side/debug?id=7"
  write_request "$dir" methods GET "/$side/methods"
  write_request "$dir" trace GET "/$side/trace"
  write_request "$dir" cleartext GET "/$side/cleartext"
  # Over HTTPS (the transport checks): vuln on the listener that accepts TLS 1.0, its http:// twin on
  # "port 80" (connect-to) serving the same content; safe on the TLS 1.2+ listener, port 80 redirecting.
  local tls_port=$MODERN port80=$REDIRECT
  [ "$side" = vuln ] && tls_port=$LEGACY && port80=$PORT
  printf 'name: tls\nmethod: GET\nurl: "https://127.0.0.1:%s/%s/cleartext"\noptions:\n  caFile: "%s"\n  connectTo:\n    - "127.0.0.1:80:127.0.0.1:%s"\n' \
    "$tls_port" "$side" "$WORK/ca.pem" "$port80" > "$dir/tls.yaml"
  write_request "$dir" auth-open GET "/$side/auth/open" "$(bearer "$STRONG")"$'\n'
  write_request "$dir" auth-profile GET "/$side/auth/profile" "$(bearer "$STRONG")"$'\n'
  if [ "$side" = vuln ]; then
    write_request "$dir" jwt-none GET "/vuln/jwt/none" "$(bearer "$STRONG")"$'\n'
    write_request "$dir" jwt-nosig GET "/vuln/jwt/nosig" "$(bearer "$STRONG")"$'\n'
    write_request "$dir" jwt-weak GET "/vuln/jwt/weak" "$(bearer "$WEAK")"$'\n'
    write_request "$dir" jwt-expired GET "/vuln/jwt/expired" "$(bearer "$EXPIRED")"$'\n'
    write_request "$dir" csrf POST "/vuln/csrf/transfer" $'headers:\n  - key: Cookie\n    value: session=s3ss10n-4f9c2e\nbody:\n  kind: form\n  form:\n    - key: amount\n      value: "10"\n    - key: to\n      value: bob\n'
  else
    write_request "$dir" jwt GET "/safe/jwt" "$(bearer "$STRONG")"$'\n'
    write_request "$dir" csrf POST "/safe/csrf/transfer" $'headers:\n  - key: Cookie\n    value: session=s3ss10n-4f9c2e\n  - key: X-CSRF-Token\n    value: csrf-7d1a9b3e\nbody:\n  kind: form\n  form:\n    - key: amount\n      value: "10"\n    - key: to\n      value: bob\n'
  fi
}
make_collection vuln
make_collection safe

results="$OUT/results.tsv"
printf 'tool\tside\troutes\trequests\tseconds\tfindings\troutes_flagged\n' > "$results"

run_sonde() {  # side
  local side=$1 start end code
  start=$(date +%s.%N)
  set +e
  (cd "$WORK" && "$SONDE" scan --collection "$side" --quiet --report "json=$OUT/sonde-$side.json" > "$OUT/sonde-$side.txt" 2>&1)
  code=$?
  set -e
  end=$(date +%s.%N)
  python3 - "$OUT/sonde-$side.json" "$side" "$(echo "$end - $start" | bc)" "$(ls "$WORK/$side" | grep -vc collection.yaml)" >> "$results" <<'PY'
import json, sys
path, side, secs, routes = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
j = json.load(open(path))
flagged = {f["pathTemplate"] for f in j["findings"]}
print(f"sonde\t{side}\t{routes}\t{j['summary']['requestsSent']}\t{secs:.1f}\t{len(j['findings'])}\t{len(flagged)}")
PY
}
run_sonde vuln
run_sonde safe

if [ -z "${SKIP_WAPITI:-}" ] && command -v wapiti >/dev/null; then
  run_wapiti() {  # side
    local side=$1 start end args=()
    for f in "$WORK/$side"/*.yaml; do
      [ "$(basename "$f")" = collection.yaml ] && continue
      grep -q '^method: GET' "$f" || continue
      grep -q '^auth:' "$f" && continue
      grep -q '{{baseUrl}}' "$f" || continue  # the https transport targets are not in wapiti's scope
      args+=(-s "$BASE$(sed -n 's/^url: "{{baseUrl}}\(.*\)"$/\1/p' "$f")")
    done
    start=$(date +%s.%N)
    wapiti -u "$BASE/$side/" --scope folder -d 0 --flush-session "${args[@]}" -f json -o "$OUT/wapiti-$side.json" \
      --max-scan-time 600 > "$OUT/wapiti-$side.txt" 2>&1 || true
    end=$(date +%s.%N)
    python3 - "$OUT/wapiti-$side.json" "$side" "$(echo "$end - $start" | bc)" "${#args[@]}" >> "$results" <<'PY'
import json, sys
from urllib.parse import urlparse
path, side, secs, starts = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]) // 2
try:
    j = json.load(open(path))
except Exception:
    j = {"vulnerabilities": {}, "anomalies": {}}
counts, flagged = {}, set()
for kind in ("vulnerabilities", "anomalies"):
    for cat, items in j.get(kind, {}).items():
        for v in items:
            counts[kind] = counts.get(kind, 0) + 1
            flagged.add(urlparse(v.get("path", "")).path or v.get("path", ""))
found = f"{counts.get('vulnerabilities', 0)}+{counts.get('anomalies', 0)} anomalies"
print(f"wapiti\t{side}\t{starts}\tn/a\t{secs:.1f}\t{found}\t{len(flagged)}")
PY
  }
  run_wapiti vuln
  run_wapiti safe
fi

column -t -s $'\t' "$results"
echo "(findings on the safe side are false positives; per-finding lists in $OUT)"
