# W6 (issue 15): sourced by run-w6.sh, and by run-w3-ratio.sh with W6=1 (after W3, on the same server start).
# run_w6 SECONDS CONNECTIONS DEPTH KEY_A KEY_B [KEY_C KEY_D ...]: runs io.bulwark.bench.SocketOrderBenchmark
# (JDK classes only, from target/test-classes) against the server on $PORT, with the W3 ratio's orders
# ($MARKET, $PRICE, $SIZE) as WebSocket order.place ops: a warm-up of $WARMUP seconds, then the measured run,
# into $OUT-w6.txt. Environment: W6_JAVA_OPTS for the client JVM (-Xmx1g).
# w6_book: the market's book after the run (what rested and was not met: one side's lead over the other).
# w6_summary W3_RPS ECHO_RPS: the W6 line of a summary and its ratios to W3 REST and to the echo.
run_w6() {
  local seconds="$1" connections="$2" depth="$3"
  shift 3
  if [[ ! -f target/test-classes/io/bulwark/bench/SocketOrderBenchmark.class ]]; then
    ./mvnw -q -B -Dspotless.check.skip=true test-compile
  fi
  local idle=""
  if declare -F cpu_before >/dev/null; then
    idle="before the warm-up $(cpu_before); "
  fi
  echo "w6: ${idle}load average before the run $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT-w6.txt"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${W6_JAVA_OPTS:--Xmx1g} -cp target/test-classes io.bulwark.bench.SocketOrderBenchmark \
    "ws://127.0.0.1:$PORT/ws/v1" "$MARKET" "$PRICE" "$SIZE" "$seconds" "$connections" "$depth" "$WARMUP" "$@" \
    | tee -a "$OUT-w6.txt"
}

w6_book() {
  curl -fsS "http://127.0.0.1:$PORT/api/v1/markets/$MARKET/orderbook" \
    | jq -c '{bids: .bids[:3], asks: .asks[:3]}' | sed 's/^/book after the run: /' | tee -a "$OUT-w6.txt" || true
}

w6_field() { grep -o "$1=[0-9.]*" "$OUT-w6.txt" | cut -d= -f2; }

w6_summary() {
  local w6
  w6="$(w6_field orders_per_second)"
  printf '  w6 (WebSocket order.place): %10s orders/s  p50 %sms  p99 %sms  p99.9 %sms  errors %s\n' \
    "$w6" "$(w6_field p50_ms)" "$(w6_field p99_ms)" "$(w6_field p999_ms)" "$(w6_field errors)"
  echo "  ratio w6/w3 REST: $(awk -v a="$w6" -v b="$1" 'BEGIN {printf "%.3f", a / b}')  ratio w6/echo: $(awk -v a="$w6" -v b="$2" 'BEGIN {printf "%.3f", a / b}')"
}
