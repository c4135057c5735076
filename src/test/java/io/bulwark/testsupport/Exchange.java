package io.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * A client's-eye view of one instance for the restart, upgrade and corruption tests: a market of
 * their own, traders, an oracle key and orders, all over HTTP.
 */
public record Exchange(ApiClient api, String adminKey, String market) {

    public void createMarket() {
        api.post("/api/v1/admin/markets", adminKey, MarketJson.btcLike(market).json())
                .assertStatus(201);
    }

    /** An ORACLE key bound to the source {@code feed}, which {@link #price} posts for. */
    public String oracleKey() {
        return OracleKeys.issue(api, adminKey, "feed");
    }

    /** A funded trader's API key. */
    public String trader(String name, String amount) {
        var created = api.post("/api/v1/admin/accounts", adminKey, "{\"name\":\"" + name + "\"}")
                .assertStatus(201);
        api.post(
                        "/api/v1/admin/accounts/" + created.text("accountId") + "/deposits",
                        adminKey,
                        "{\"amount\":\"" + amount + "\",\"reference\":\"wire-" + name + "\"}")
                .assertStatus(201);
        return created.text("apiKey");
    }

    /** One accepted update from one source; three in a row make the price healthy. */
    public void price(String oracleKey, String price) {
        var results = api.post(
                        "/api/v1/oracle/prices", oracleKey, """
                        {"prices":[{"market":"%s","price":"%s","source":"feed","timestamp":%d}]}""".formatted(market, price, System.currentTimeMillis()))
                .assertStatus(200)
                .get("results");
        assertThat(results.get(0).path("accepted").asBoolean())
                .as("price " + price)
                .isTrue();
    }

    /** A limit order; its id. */
    public String limit(String key, String side, String size, String price) {
        return api.post("/api/v1/orders", key, """
                        {"market":"%s","side":"%s","type":"LIMIT","size":"%s","price":"%s"}""".formatted(market, side, size, price))
                .assertStatus(201)
                .text("orderId");
    }

    /** An untriggered stop-market order; its id. */
    public String stop(String key, String side, String size, String trigger) {
        return api.post("/api/v1/orders", key, """
                        {"market":"%s","side":"%s","type":"STOP_MARKET","size":"%s","triggerPrice":"%s"}""".formatted(market, side, size, trigger))
                .assertStatus(201)
                .text("orderId");
    }

    public JsonNode status() {
        return api.get("/api/v1/system/status", null).assertStatus(200).json();
    }

    public JsonNode order(String key, String orderId) {
        return api.get("/api/v1/orders/" + orderId, key).assertStatus(200).json();
    }

    public JsonNode positions(String key) {
        return api.get("/api/v1/positions", key).assertStatus(200).json();
    }
}
