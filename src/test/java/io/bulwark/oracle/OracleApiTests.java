package io.bulwark.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
import io.bulwark.web.HttpApiTestBase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/oracle/prices over HTTP: per-item answers, and prices reaching the markets. */
class OracleApiTests extends HttpApiTestBase {
    private static final java.util.concurrent.atomic.AtomicInteger MARKETS =
            new java.util.concurrent.atomic.AtomicInteger();
    private OracleKeys oracleKeys;
    private String market;

    @BeforeEach
    void oracleAndMarket() {
        oracleKeys = new OracleKeys(() -> api, ADMIN_KEY);
        market = "ORC" + MARKETS.incrementAndGet() + "-USD-PERP";
        api.post(
                        "/api/v1/admin/markets",
                        ADMIN_KEY,
                        MarketJson.btcLike(market)
                                .with("tickSize", "0.001")
                                .with("stepSize", "0.1")
                                .with("minSize", "0.1")
                                .with("initialMarginFraction", "0.10")
                                .with("maintenanceMarginFraction", "0.05")
                                .json())
                .assertStatus(201);
    }

    private String quote(String market, String source, String price, long timestamp) {
        return "{\"market\":\"" + market + "\",\"source\":\"" + source + "\",\"price\":" + price + ",\"timestamp\":"
                + timestamp + "}";
    }

    /** Each source's items posted with that source's key. */
    private List<JsonNode> post(String... quotes) {
        return oracleKeys.post(quotes);
    }

    @Test
    void threeAgreeingSourcesGiveAHealthyIndexAndMark() {
        long now = System.currentTimeMillis();
        List<JsonNode> results = post(
                quote(market, "feed-a", "\"150.125\"", now),
                quote(market, "feed-b", "150.125", now),
                quote(market, "feed-c", "\"150.125\"", now));

        assertThat(results)
                .allSatisfy(r -> assertThat(r.get("accepted").asBoolean()).isTrue());
        var shown = api.get("/api/v1/markets/" + market, null).assertStatus(200);
        assertThat(shown.text("indexPrice")).isEqualTo("150.125");
        assertThat(shown.text("markPrice")).isEqualTo("150.125");
        assertThat(shown.get("priceHealthy").asBoolean()).isTrue();
    }

    @Test
    void everyBadPriceIsAnsweredWithItsReasonAndMovesNothing() {
        long now = System.currentTimeMillis();
        post(
                quote(market, "a", "\"150\"", now),
                quote(market, "b", "\"150\"", now),
                quote(market, "c", "\"150\"", now));

        List<JsonNode> results = post(
                quote(market, "a", "\"0\"", now),
                quote(market, "a", "\"-1\"", now),
                quote(market, "a", "\"NaN\"", now),
                quote(market, "a", "\"Infinity\"", now),
                quote(market, "a", "1e309", now),
                quote(market, "a", "\"150.0005\"", now),
                quote(market, "a", "\"150\"", now - 60_000),
                quote(market, "a", "\"150\"", now + 60_000),
                quote(market, "a", "\"225\"", now),
                quote("DOGE-USD-PERP", "a", "\"1\"", now));

        assertThat(results)
                .extracting(r -> r.get("reason").asString())
                .containsExactly(
                        "NOT_POSITIVE",
                        "NOT_POSITIVE",
                        "NOT_A_DECIMAL",
                        "NOT_A_DECIMAL",
                        "OUT_OF_RANGE",
                        "OFF_TICK",
                        "STALE",
                        "FUTURE",
                        "PRICE_JUMP",
                        "UNKNOWN_MARKET");
        var shown = api.get("/api/v1/markets/" + market, null).assertStatus(200);
        assertThat(shown.text("indexPrice")).isEqualTo("150");
        assertThat(shown.get("priceHealthy").asBoolean()).isFalse();
        assertThat(metrics()).contains("bulwark_oracle_rejected_total");
    }

    @Test
    void onlyOracleKeysMayPostAndMalformedBodiesAreRefusedWhole() {
        String body = "{\"prices\":[" + quote(market, "a", "\"150\"", System.currentTimeMillis()) + "]}";
        api.post("/api/v1/oracle/prices", ADMIN_KEY, body).assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/oracle/prices", null, body).assertProblem(401, "UNAUTHENTICATED");
        String oracleKey = oracleKeys.key("a");
        api.post("/api/v1/oracle/prices", oracleKey, "{\"prices\":[]}").assertProblem(400, "VALIDATION_FAILED");
        api.post(
                        "/api/v1/oracle/prices",
                        oracleKey,
                        "{\"prices\":[{\"market\":\"" + market
                                + "\",\"price\":\"1\",\"source\":\"a\",\"timestamp\":\"yesterday\"}]}")
                .assertProblem(400, "VALIDATION_FAILED");
    }
}
