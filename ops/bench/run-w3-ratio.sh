#!/usr/bin/env bash
# W3 ratio (issue 15): the same wrk load against (a) a bare Spring Boot MVC JSON echo (bench/echo) and
# (b) Bulwark's POST /api/v1/orders with limit orders that fill: two funded accounts, A always BUY and
# B always SELL at one price, alternated by each wrk thread (ops/bench/w3-ratio.lua). Prints requests/s,
# p99, non-2xx and socket errors of both, and the ratio Bulwark/echo.
# Usage: ops/bench/run-w3-ratio.sh [seconds=25] [connections=64] [threads=2]
# Environment: as ops/bench/server.sh (PORT, SKIP_BUILD=1, JAR, SERVER_JAVA_OPTS), ECHO_PORT (18081),
# WARMUP seconds per server before the measured run (10), JFR=1 records the Bulwark server with JFR into
# target/w3-ratio-<time>.jfr. W6=1: then W6 on the same server start (ops/bench/w6.sh; W6_DEPTH, default 1).
# SERVER_CPUS=0 (a taskset cpu list) pins both servers (the echo and Bulwark) to
# those cores; WRK_CPUS pins wrk (default: unpinned; e.g. WRK_CPUS=1 with SERVER_CPUS=0 on two cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN="${1:-25}"
CONNECTIONS="${2:-64}"
THREADS="${3:-2}"
WARMUP="${WARMUP:-10}"
ECHO_PORT="${ECHO_PORT:-18081}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MARKET="BENCH$(($(date +%s) % 1000000))-USD-PERP"
PRICE=65000
SIZE=0.001
LUA="ops/bench/w3-ratio.lua"
OUT="target/w3-ratio-$(date +%Y%m%d-%H%M%S)"
mkdir -p target
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
ECHO_PIN=()
[[ -n "${SERVER_CPUS:-}" ]] && ECHO_PIN=(taskset -c "$SERVER_CPUS")
WRK=(wrk)
[[ -n "${WRK_CPUS:-}" ]] && WRK=(taskset -c "$WRK_CPUS" wrk)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -B -f bench/echo/pom.xml -DskipTests package
  [[ -n "${JAR:-}" ]] || ./mvnw -q -B -DskipTests package
fi
export SKIP_BUILD=1

# cpu_before: the machine's CPU use over 3 s while the server under test idles (user+system, steal), as
# the load average counts the previous run's threads for a minute after it ends
cpu_before() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep 3
  read -r -a b < <(head -1 /proc/stat)
  awk -v u=$((b[1] + b[2] + b[3] - a[1] - a[2] - a[3])) -v st=$((b[8] - a[8])) \
    -v t=$((b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + b[7] + b[8] - a[1] - a[2] - a[3] - a[4] - a[5] - a[6] - a[7] - a[8])) \
    'BEGIN {printf "cpu busy %.0f%%, steal %.0f%%", 100 * u / t, 100 * st / t}'
}

# run_wrk NAME PORT PATH KEY_A KEY_B: a warm-up, then the measured run into $OUT-NAME.txt
run_wrk() {
  local name="$1" port="$2" path="$3"
  export W3_PATH="$path" W3_KEY_A="$4" W3_KEY_B="$5" W3_MARKET="$MARKET" W3_PRICE="$PRICE" W3_SIZE="$SIZE"
  local idle
  idle="$(cpu_before)"
  "${WRK[@]}" -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "http://127.0.0.1:$port" >/dev/null
  echo "$name: before the warm-up $idle; load average before the run $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT-$name.txt"
  "${WRK[@]}" -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$LUA" "http://127.0.0.1:$port" \
    | tee -a "$OUT-$name.txt"
}

# (a) the echo
"${ECHO_PIN[@]}" "$JAVA_HOME/bin/java" -jar bench/echo/target/bulwark-bench-echo-0.0.1.jar --server.port="$ECHO_PORT" \
  >"$OUT-echo-server.log" 2>&1 &
ECHO_PID=$!
trap 'kill "$ECHO_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"market":"X"}' \
    "http://127.0.0.1:$ECHO_PORT/echo" && break
  sleep 0.5
done
run_wrk echo "$ECHO_PORT" /echo key-a key-b
kill "$ECHO_PID"
wait "$ECHO_PID" || true
trap - EXIT

# (b) Bulwark on a fresh database, rate limits off (server.sh stops it and drops the database on exit)
if [[ "${JFR:-0}" == 1 ]]; then
  SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$OUT.jfr,settings=profile,dumponexit=true"
fi
source ops/bench/server.sh
NAME=w3-ratio
source ops/bench/filling-market.sh
KEY_A=$(account a)
KEY_B=$(account b)
# one order of each side by hand: both must be accepted (201) before the load starts
for key in "$KEY_A" "$KEY_B"; do
  side=$([[ "$key" == "$KEY_A" ]] && echo BUY || echo SELL)
  curl -fsS -o /dev/null -w "check $side: %{http_code}\n" -X POST -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $key" \
    -d "{\"market\":\"$MARKET\",\"side\":\"$side\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"size\":\"$SIZE\",\"price\":\"$PRICE\"}" \
    "$BASE/api/v1/orders"
done
run_wrk bulwark "$PORT" /api/v1/orders "$KEY_A" "$KEY_B"
if [[ "${W6:-0}" == 1 ]]; then
  source ops/bench/w6.sh
  run_w6 "$SECONDS_RUN" "$CONNECTIONS" "${W6_DEPTH:-1}" "$KEY_A" "$KEY_B"
  w6_book
fi
curl -fsS -H "Authorization: Bearer $KEY_A" "$BASE/api/v1/positions" | jq -c '.' | cut -c1-300 || true

# summary
before() { head -1 "$1" | sed 's/^[a-z]*: before the warm-up //; s/;.*//'; }
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
non2xx() { awk '/Non-2xx/ {print $NF}' "$1" | grep . || echo 0; }
sockerr() { grep -o 'Socket errors:.*' "$1" || echo "Socket errors: none"; }
E="$OUT-echo.txt"
B="$OUT-bulwark.txt"
echo
echo "W3 ratio, wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s (warm-up ${WARMUP}s each), $(date -u +%FT%TZ), load average at start $LOAD_AT_START, servers pinned to cpus: ${SERVER_CPUS:-no}, wrk: ${WRK_CPUS:-unpinned}"
printf '  echo:    %10s req/s  p99 %-9s non-2xx %s  %s\n' "$(rps "$E")" "$(p99 "$E")" "$(non2xx "$E")" "$(sockerr "$E")"
echo "           (idle server before the warm-up: $(before "$E"))"
printf '  bulwark: %10s req/s  p99 %-9s non-2xx %s  %s\n' "$(rps "$B")" "$(p99 "$B")" "$(non2xx "$B")" "$(sockerr "$B")"
echo "           (idle server before the warm-up: $(before "$B"))"
echo "  ratio bulwark/echo: $(awk -v b="$(rps "$B")" -v e="$(rps "$E")" 'BEGIN {printf "%.3f", b / e}')  (goal >= 0.5, p99 < 50ms, 0 errors)"
if [[ "${W6:-0}" == 1 ]]; then w6_summary "$(rps "$B")" "$(rps "$E")"; fi
[[ "${JFR:-0}" == 1 ]] && echo "  JFR recording (written when the server stops): $OUT.jfr"
echo "  outputs: $OUT-*.txt"
