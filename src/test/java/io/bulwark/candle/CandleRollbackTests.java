package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A rollback rebuilds the candles from the commands that stand (SPEC section 10 v2): the trades it reverts leave
 * the trade candles and the ticker's 24 h figures, the oracle prices it reverts leave the index candles.
 */
class CandleRollbackTests {
    private static final String ADMIN = "bwk_candle_rollback_admin_key_000000000000000000";
    private static final String MARKET = "CRB-USD-PERP";
    private final AppInstances instances = new AppInstances(ADMIN);

    @AfterEach
    void stopAll() {
        instances.close();
    }

    @Test
    void aRollbackTakesTheRevertedTradesAndPricesOutOfTheCandles() {
        ConfigurableApplicationContext app = instances.start("candles");
        AppInstances.awaitWriter(app);
        Exchange exchange = instances.exchange(app, MARKET);
        ApiClient api = exchange.api();
        exchange.createMarket();
        String oracle = exchange.oracleKey();
        for (int i = 0; i < 3; i++) {
            exchange.price(oracle, "65000");
        }
        String alice = exchange.trader("alice", "100000");
        String bob = exchange.trader("bob", "100000");
        exchange.limit(alice, "SELL", "0.1", "65000");
        exchange.limit(bob, "BUY", "0.1", "65000");
        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"upgrade\"}");
        String snapshot = api.get("/api/v1/admin/snapshots", ADMIN)
                .assertStatus(200)
                .json()
                .get(0)
                .path("snapshotId")
                .asString();
        JsonNode tradeCandlesBefore = candles(api, "trade");
        JsonNode indexCandlesBefore = candles(api, "index");

        changeState(api, "{\"state\":\"OPEN\",\"reason\":\"done\",\"force\":true}");
        exchange.price(oracle, "65200");
        exchange.limit(alice, "SELL", "0.2", "65100");
        exchange.limit(bob, "BUY", "0.2", "65100");
        assertThat(sum(candles(api, "trade"), "trades")).isEqualTo(2);
        assertThat(max(candles(api, "index"), "high")).isEqualByComparingTo("65200");
        assertThat(ticker(api).path("trades24h").asLong()).isEqualTo(2);

        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"bad data\"}");
        api.post("/api/v1/admin/rollback", ADMIN, "{\"snapshotId\":\"" + snapshot + "\",\"reason\":\"bad data\"}")
                .assertStatus(200);

        assertThat(candles(api, "trade")).isEqualTo(tradeCandlesBefore);
        assertThat(candles(api, "index")).isEqualTo(indexCandlesBefore);
        assertThat(sum(tradeCandlesBefore, "trades")).isEqualTo(1);
        JsonNode ticker = ticker(api);
        assertThat(ticker.path("trades24h").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(ticker.path("volume24h").asString())).isEqualByComparingTo("0.1");
        assertThat(new BigDecimal(ticker.path("high24h").asString())).isEqualByComparingTo("65000");
        assertThat(new BigDecimal(ticker.path("lastPrice").asString())).isEqualByComparingTo("65000");
    }

    private static JsonNode candles(ApiClient api, String price) {
        return api.get("/api/v1/markets/" + MARKET + "/candles?interval=1m&price=" + price, null)
                .assertStatus(200)
                .json();
    }

    private static JsonNode ticker(ApiClient api) {
        return api.get("/api/v1/markets/" + MARKET + "/ticker", null)
                .assertStatus(200)
                .json();
    }

    private static long sum(JsonNode candles, String field) {
        long total = 0;
        for (JsonNode c : candles) {
            total += c.path(field).asLong();
        }
        return total;
    }

    private static BigDecimal max(JsonNode candles, String field) {
        BigDecimal max = BigDecimal.ZERO;
        for (JsonNode c : candles) {
            max = max.max(new BigDecimal(c.path(field).asString()));
        }
        return max;
    }

    private static void changeState(ApiClient api, String body) {
        api.put("/api/v1/admin/exchange/state", ADMIN, body).assertStatus(200);
    }
}
