package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
import io.bulwark.web.ApiClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/**
 * Base of the liquidation and funding API tests: a market of its own per test, prices posted over HTTP with
 * an ORACLE key, and a trader ({@code dave}) long 1 at 65000 with 1367.5 left, liquidatable at 64000.
 */
public abstract class RiskApiTestBase extends TradingApiTestBase {
    private static final AtomicInteger MARKETS = new AtomicInteger();

    /** dave: long 1 at 65000 (balance 1367.5, maintenance 1 % of notional); alice: short 1; the whales: ±200. */
    public record Floor(String market, Trader alice, Trader dave) {}

    private OracleKeys oracleKeys;

    @AfterEach
    void resumeLiquidationsIfATestTrippedTheBreaker() {
        if (api.get("/api/v1/system/status", null).get("liquidationsPaused").asBoolean()) {
            postEmpty("/api/v1/admin/liquidations/resume", ADMIN_KEY).assertStatus(200);
        }
    }

    /** A POST without a body, as the resume endpoints take. */
    protected ApiClient.Response postEmpty(String path, String key) {
        return api.send(api.request(path, key).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    /** The ORACLE keys of this test's sources, one per source. */
    protected OracleKeys oracleKeys() {
        if (oracleKeys == null) {
            oracleKeys = new OracleKeys(() -> api, ADMIN_KEY);
        }
        return oracleKeys;
    }

    /** A BTC-like market (tick 0.1, IMF 0.02, MMF 0.01, liquidation fee 0.01) with the given price age limit. */
    protected String riskMarket(int maxPriceAgeSeconds) {
        String name = "R" + (System.nanoTime() % 100_000) + "K" + MARKETS.incrementAndGet() + "-USD-PERP";
        operator.createMarket(MarketJson.btcLike(name).with("maxPriceAgeSeconds", maxPriceAgeSeconds));
        return name;
    }

    /** One oracle item as JSON; {@code price} is written as it is (quote it for a string). */
    protected static String quote(String market, String source, String price, long timestamp) {
        return "{\"market\":\"" + market + "\",\"source\":\"" + source + "\",\"price\":" + price + ",\"timestamp\":"
                + timestamp + "}";
    }

    /** Posts oracle items, each source's with its own key, and returns the per-item results in order. */
    protected List<JsonNode> postPrices(String... quotes) {
        return oracleKeys().post(quotes);
    }

    /** Three sources agree on {@code price}: every update accepted, the market healthy. */
    protected void healthyAt(String market, String price) {
        healthyAt(market, price, "a", "b", "c");
    }

    /** Each source posts {@code price} once, in turn: every update accepted, the market healthy. */
    protected void healthyAt(String market, String price, String... sources) {
        long now = System.currentTimeMillis();
        String[] quotes = new String[sources.length];
        for (int i = 0; i < sources.length; i++) {
            quotes[i] = quote(market, sources[i], "\"" + price + "\"", now);
        }
        assertThat(postPrices(quotes))
                .allSatisfy(r -> assertThat(r.get("accepted").asBoolean()).isTrue());
        assertThat(api.get("/api/v1/markets/" + market, null)
                        .get("priceHealthy")
                        .asBoolean())
                .isTrue();
    }

    /**
     * dave goes long 1 at 65000 against alice with 1400 (1367.5 after the taker fee); two whales trade 200
     * so that dave's position is 0.5 % of open interest (a liquidation of it does not trip the breaker).
     */
    protected Floor leveragedFloor(String market) {
        return leveragedFloor(market, "a", "b", "c");
    }

    /** {@link #leveragedFloor(String)} with the market fed by {@code sources} (each posts 65000 once, in turn). */
    protected Floor leveragedFloor(String market, String... sources) {
        healthyAt(market, "65000", sources);
        Trader whaleLong = newFundedTrader("1000000");
        Trader whaleShort = newFundedTrader("1000000");
        trade(whaleShort, whaleLong, market, "200", "65000");
        Trader alice = newFundedTrader("100000");
        Trader dave = newFundedTrader("1400");
        trade(alice, dave, market, "1", "65000");
        assertBalance(dave, "1367.5");
        return new Floor(market, alice, dave);
    }

    protected List<JsonNode> liquidations(Trader trader) {
        return api.get("/api/v1/liquidations", trader.apiKey())
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
    }

    protected List<JsonNode> fundingPayments(Trader trader) {
        return api.get("/api/v1/funding-payments", trader.apiKey())
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
    }
}
