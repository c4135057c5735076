# Sourced after ops/bench/server.sh by run-w3-ratio.sh and run-w6.sh: the exchange their filling-order
# workloads run on, made through the admin API. Needs PORT, ADMIN_KEY, MARKET, PRICE and NAME (a prefix for
# account names and deposit references). Creates the market, an ORACLE key that posts PRICE three times and
# then once a second (stopped with the server on exit), and defines account NAME-SUFFIX: a funded trader,
# its API key printed.
BASE="http://127.0.0.1:$PORT"
admin() { curl -fsS -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $ADMIN_KEY" -d "$2" "$BASE$1"; }
admin /api/v1/admin/markets "$(jq -nc --arg m "$MARKET" '{market:$m,tickSize:"0.1",stepSize:"0.001",minSize:"0.001",
  initialMarginFraction:"0.02",maintenanceMarginFraction:"0.01",makerFee:"0.0002",takerFee:"0.0005",liquidationFee:"0.01",
  fundingIntervalSeconds:3600,maxFundingRate:"0.005",priceBandBps:500,postOnlyBandBps:100,maxPriceJumpBps:1000,
  maxPriceAgeSeconds:30}')" >/dev/null
ORACLE_KEY=$(admin /api/v1/admin/keys '{"role":"ORACLE","source":"bench-feed"}' | jq -r .apiKey)
post_price() {
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $ORACLE_KEY" \
    -d "{\"prices\":[{\"market\":\"$MARKET\",\"price\":\"$PRICE\",\"source\":\"bench-feed\",\"timestamp\":$(date +%s%3N)}]}" \
    "$BASE/api/v1/oracle/prices"
}
for _ in 1 2 3; do post_price; done
( while sleep 1; do post_price || true; done ) &
FEED_PID=$!
trap 'kill "$FEED_PID" 2>/dev/null || true; stop_server' EXIT
account() {
  local created id
  created=$(admin /api/v1/admin/accounts "{\"name\":\"$NAME-$1-$MARKET\"}")
  id=$(jq -r .accountId <<<"$created")
  admin "/api/v1/admin/accounts/$id/deposits" "{\"amount\":\"1000000000\",\"reference\":\"$NAME-$1\"}" >/dev/null
  jq -r .apiKey <<<"$created"
}
