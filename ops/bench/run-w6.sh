#!/usr/bin/env bash
# W6 (issue 15): the W3 ratio's matching workload (LIMIT GTC orders of 0.001 at 65000, account A always BUY,
# account B always SELL, so every order trades) sent as WebSocket order.place ops instead of POST /orders:
# CONNECTIONS sockets, each authenticated as one of the accounts and keeping DEPTH orders in flight (1: a
# closed loop, as wrk; at most 64, the server's limit per session). Prints orders/s, latency from send to
# result (answered after the journal commit) p50/p99/p99.9, and errors (any answer but an accepted order).
# To put W6 beside W3 REST and the bare echo on the same server start: W6=1 ops/bench/run-w3-ratio.sh.
# Usage: ops/bench/run-w6.sh [seconds=25] [connections=64] [depth=1]
# Environment: as ops/bench/server.sh (PORT, SKIP_BUILD=1, JAR, SERVER_JAVA_OPTS), WARMUP seconds before the
# measured run (10), ACCOUNTS (2; an even number, in BUY/SELL pairs; CONNECTIONS must be a multiple of it),
# W6_JAVA_OPTS for the client JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN="${1:-25}"
CONNECTIONS="${2:-64}"
DEPTH="${3:-1}"
WARMUP="${WARMUP:-10}"
ACCOUNTS="${ACCOUNTS:-2}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MARKET="BENCH$(($(date +%s) % 1000000))-USD-PERP"
PRICE=65000
SIZE=0.001
OUT="target/w6-$(date +%Y%m%d-%H%M%S)"
mkdir -p target
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
source ops/bench/w6.sh

# Bulwark on a fresh database, rate limits off (server.sh builds the jar and the test classes, and stops the
# server and drops the database on exit)
source ops/bench/server.sh
NAME=w6
source ops/bench/filling-market.sh
KEYS=()
for i in $(seq 1 "$ACCOUNTS"); do KEYS+=("$(account "$i")"); done
run_w6 "$SECONDS_RUN" "$CONNECTIONS" "$DEPTH" "${KEYS[@]}"
curl -fsS -H "Authorization: Bearer ${KEYS[0]}" "$BASE/api/v1/positions" | jq -c '.' | cut -c1-300 || true
w6_book

echo
echo "W6, $CONNECTIONS connections x depth $DEPTH, ${SECONDS_RUN}s (warm-up ${WARMUP}s), $ACCOUNTS accounts, $(date -u +%FT%TZ), load average at start $LOAD_AT_START"
printf '  w6 (WebSocket order.place): %10s orders/s  p50 %sms  p99 %sms  p99.9 %sms  errors %s\n' \
  "$(w6_field orders_per_second)" "$(w6_field p50_ms)" "$(w6_field p99_ms)" "$(w6_field p999_ms)" "$(w6_field errors)"
echo "  output: $OUT-w6.txt"
