package io.bulwark.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Public market data and the admin market endpoints, with the markets read model behind them. */
class MarketApiTests extends HttpApiTestBase {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EngineGateway gateway;

    private static String newName() {
        return "T" + System.nanoTime() % 1_000_000 + "X" + NAMES.incrementAndGet() + "-USD-PERP";
    }

    private static String spec(String market) {
        return """
                {"market":"%s","tickSize":"0.5","stepSize":"0.01","minSize":"0.02",
                 "initialMarginFraction":"0.1","maintenanceMarginFraction":"0.05",
                 "makerFee":"-0.0001","takerFee":"0.0005","liquidationFee":"0.01",
                 "fundingIntervalSeconds":3600,"maxFundingRate":"0.005","priceBandBps":500,
                 "postOnlyBandBps":100,"maxPriceJumpBps":1000,"maxPriceAgeSeconds":30}
                """.formatted(market);
    }

    @Test
    void listsTheSeededMarketsWithTheSpecParameters() {
        ApiClient.Response markets = api.get("/api/v1/markets", null).assertStatus(200);
        JsonNode btc = markets.json()
                .valueStream()
                .filter(m -> m.path("market").asString().equals("BTC-USD-PERP"))
                .findFirst()
                .orElseThrow();
        assertThat(btc.path("tickSize").asString()).isEqualTo("0.1");
        assertThat(btc.path("stepSize").asString()).isEqualTo("0.001");
        assertThat(btc.path("minSize").asString()).isEqualTo("0.001");
        assertThat(btc.path("initialMarginFraction").asString()).isEqualTo("0.02");
        assertThat(btc.path("maintenanceMarginFraction").asString()).isEqualTo("0.01");
        assertThat(btc.path("makerFee").asString()).isEqualTo("0.0002");
        assertThat(btc.path("takerFee").asString()).isEqualTo("0.0005");
        assertThat(btc.path("liquidationFee").asString()).isEqualTo("0.01");
        assertThat(btc.path("fundingIntervalSeconds").asLong()).isEqualTo(3600);
        assertThat(btc.path("maxFundingRate").asString()).isEqualTo("0.005");
        assertThat(btc.path("priceBandBps").asInt()).isEqualTo(500);
        assertThat(btc.path("postOnlyBandBps").asInt()).isEqualTo(100);
        assertThat(btc.path("maxPriceJumpBps").asInt()).isEqualTo(1000);
        assertThat(btc.path("maxPriceAgeSeconds").asLong()).isEqualTo(30);
        assertThat(btc.path("state").asString()).isEqualTo("OPEN");
        assertThat(btc.path("priceHealthy").asBoolean()).isFalse();
        assertThat(btc.path("openInterest").asString()).isEqualTo("0");
        assertThat(btc.has("indexPrice")).isTrue();
        assertThat(btc.has("markPrice")).isTrue();
        assertThat(btc.has("fundingRate")).isTrue();
        // The parameters come from MarketSpec unwrapped: the same names in the same order as before.
        assertThat(java.util.List.copyOf(btc.propertyNames()))
                .containsExactly(
                        "market",
                        "tickSize",
                        "stepSize",
                        "minSize",
                        "initialMarginFraction",
                        "maintenanceMarginFraction",
                        "makerFee",
                        "takerFee",
                        "liquidationFee",
                        "fundingIntervalSeconds",
                        "maxFundingRate",
                        "priceBandBps",
                        "postOnlyBandBps",
                        "maxPriceJumpBps",
                        "maxPriceAgeSeconds",
                        "priceJumpWindowSeconds",
                        "maxSourceDivergenceBps",
                        "state",
                        "marketState",
                        "indexPrice",
                        "markPrice",
                        "fundingRate",
                        "openInterest",
                        "priceHealthy",
                        "priceHealth",
                        "sourcePrices");
        assertThat(markets.json().valueStream().map(m -> m.path("market").asString()))
                .contains("ETH-USD-PERP", "SOL-USD-PERP");
    }

    @Test
    void getsOneMarket() {
        ApiClient.Response sol = api.get("/api/v1/markets/SOL-USD-PERP", null).assertStatus(200);
        assertThat(sol.text("tickSize")).isEqualTo("0.001");
        assertThat(sol.text("stepSize")).isEqualTo("0.1");
        assertThat(sol.text("initialMarginFraction")).isEqualTo("0.1");
        assertThat(sol.text("maintenanceMarginFraction")).isEqualTo("0.05");
    }

    @Test
    void unknownMarketIs404() {
        api.get("/api/v1/markets/DOGE-USD-PERP", null).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void seededMarketsAreInTheReadModel() {
        awaitReadModels();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM markets WHERE market = 'ETH-USD-PERP'");
        assertThat(row.get("tick_size").toString()).isEqualTo("0.01");
        assertThat(row.get("maintenance_margin_fraction").toString()).isEqualTo("0.03");
        assertThat(row.get("state")).isEqualTo("OPEN");
    }

    @Test
    void adminCreatesAMarket() {
        String name = newName();
        ApiClient.Response created =
                api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name)).assertStatus(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/markets/" + name);
        assertThat(created.text("market")).isEqualTo(name);
        assertThat(created.text("makerFee")).isEqualTo("-0.0001");
        assertThat(created.text("state")).isEqualTo("OPEN");
        assertThat(api.get("/api/v1/markets/" + name, null).text("minSize")).isEqualTo("0.02");
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT min_size FROM markets WHERE market = ?", String.class, name))
                .isEqualTo("0.02");
    }

    /** The v2 oracle limits may be left out (the configured defaults) or set; a value given is never replaced. */
    @Test
    void theOracleLimitsComeFromTheDefaultsOnlyWhenLeftOut() {
        ApiClient.Response defaulted =
                api.post("/api/v1/admin/markets", ADMIN_KEY, spec(newName())).assertStatus(201);
        assertThat(defaulted.get("priceJumpWindowSeconds").asLong()).isEqualTo(60);
        assertThat(defaulted.get("maxSourceDivergenceBps").asInt()).isEqualTo(200);

        ApiClient.Response set = api.post(
                        "/api/v1/admin/markets",
                        ADMIN_KEY,
                        spec(newName())
                                .replace(
                                        "\"maxPriceAgeSeconds\":30",
                                        "\"maxPriceAgeSeconds\":30,\"priceJumpWindowSeconds\":600,"
                                                + "\"maxSourceDivergenceBps\":300"))
                .assertStatus(201);
        assertThat(set.get("priceJumpWindowSeconds").asLong()).isEqualTo(600);
        assertThat(set.get("maxSourceDivergenceBps").asInt()).isEqualTo(300);
        assertThat(set.text("makerFee")).isEqualTo("-0.0001");
    }

    @Test
    void creatingAnExistingMarketIs409() {
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec("BTC-USD-PERP")).assertProblem(409, "MARKET_EXISTS");
        assertThat(api.get("/api/v1/markets/BTC-USD-PERP", null).text("tickSize"))
                .isEqualTo("0.1");
    }

    @Test
    void invalidSpecsAre400NamingTheField() {
        String name = newName();
        ApiClient.Response mmf = api.post(
                        "/api/v1/admin/markets",
                        ADMIN_KEY,
                        spec(name)
                                .replace(
                                        "\"maintenanceMarginFraction\":\"0.05\"",
                                        "\"maintenanceMarginFraction\":\"0.2\""))
                .assertProblem(400, "VALIDATION_FAILED");
        assertThat(mmf.text("detail")).contains("maintenanceMarginFraction");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec("btc-usd-perp")).assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("\"0.5\"", "\"NaN\""))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("\"0.5\"", "\"-0.5\""))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("\"priceBandBps\":500", "\"priceBandBps\":5.5"))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("\"priceBandBps\":500", "\"priceBandBps\":0"))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("\"priceBandBps\":500,", ""))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name).replace("{", "{\"colour\":\"red\","))
                .assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/" + name, null).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void missingFieldsAreAllListed() {
        ApiClient.Response response = api.post("/api/v1/admin/markets", ADMIN_KEY, "{\"market\":\"" + newName() + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertThat(response.text("detail")).contains("tickSize", "maxPriceAgeSeconds");
        assertThat(response.get("errors").size()).isEqualTo(14);
    }

    @Test
    void adminPatchesAnySubset() {
        String name = newName();
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name)).assertStatus(201);
        ApiClient.Response patched = api.patch(
                        "/api/v1/admin/markets/" + name, ADMIN_KEY, "{\"takerFee\":\"0.0007\",\"priceBandBps\":300}")
                .assertStatus(200);
        assertThat(patched.text("takerFee")).isEqualTo("0.0007");
        assertThat(patched.get("priceBandBps").asInt()).isEqualTo(300);
        assertThat(patched.text("tickSize")).isEqualTo("0.5");
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT taker_fee FROM markets WHERE market = ?", String.class, name))
                .isEqualTo("0.0007");
    }

    @Test
    void invalidPatchesAre400AndChangeNothing() {
        String name = newName();
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name)).assertStatus(201);
        api.patch("/api/v1/admin/markets/" + name, ADMIN_KEY, "{\"maintenanceMarginFraction\":\"0.5\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.patch("/api/v1/admin/markets/" + name, ADMIN_KEY, "{}").assertProblem(400, "VALIDATION_FAILED");
        api.patch("/api/v1/admin/markets/" + name, ADMIN_KEY, "{\"market\":\"ETH-USD-PERP\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.patch("/api/v1/admin/markets/" + name, ADMIN_KEY, "{\"tickSize\":\"Infinity\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertThat(api.get("/api/v1/markets/" + name, null).text("maintenanceMarginFraction"))
                .isEqualTo("0.05");
    }

    @Test
    void patchingAnUnknownMarketIs404() {
        api.patch("/api/v1/admin/markets/NOPE-USD-PERP", ADMIN_KEY, "{\"takerFee\":\"0.0007\"}")
                .assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void onlyAdminsChangeMarkets() {
        Trader trader = newTrader();
        api.post("/api/v1/admin/markets", trader.apiKey(), spec(newName())).assertProblem(403, "FORBIDDEN");
        api.patch("/api/v1/admin/markets/BTC-USD-PERP", trader.apiKey(), "{\"takerFee\":\"0.1\"}")
                .assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/admin/markets", null, spec(newName())).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void aMarketStateChangeShowsInTheApiAndTheReadModels() {
        String name = newName();
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec(name)).assertStatus(201);
        gateway.submit(new ChangeTradingState(name, TradingState.POST_ONLY, "test", "test", false), "test");
        ApiClient.Response market = api.get("/api/v1/markets/" + name, null);
        assertThat(market.text("state")).isEqualTo("POST_ONLY");
        assertThat(market.text("marketState")).isEqualTo("POST_ONLY");
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT state FROM markets WHERE market = ?", String.class, name))
                .isEqualTo("POST_ONLY");
        awaitReadModels();
        assertThat(jdbc.queryForObject(
                        "SELECT to_state FROM trading_state_changes WHERE market = ? ORDER BY sequence DESC LIMIT 1",
                        String.class,
                        name))
                .isEqualTo("POST_ONLY");
        // a later parameter change keeps the state
        api.patch("/api/v1/admin/markets/" + name, ADMIN_KEY, "{\"takerFee\":\"0.0006\"}")
                .assertStatus(200);
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT state FROM markets WHERE market = ?", String.class, name))
                .isEqualTo("POST_ONLY");
    }
}
