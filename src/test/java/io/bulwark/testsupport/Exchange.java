package io.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * A client's-eye view of one exchange, all over HTTP: what an operator sets up (markets, accounts,
 * deposits, oracle keys) and what a trader does in {@code market}. The one place tests set an exchange up
 * through the API: the HTTP API tests ({@code HttpApiTestBase}), the restart, upgrade and corruption tests
 * ({@link AppInstances#exchange}), the January drill and the benchmarks build on it. {@code market} may be
 * null for an exchange that is only set up; {@link #forMarket} names it.
 */
public record Exchange(ApiClient api, String adminKey, String market) {

    /** The exchange {@code api} talks to, administered with {@code adminKey}. */
    public static Exchange at(ApiClient api, String adminKey) {
        return new Exchange(api, adminKey, null);
    }

    /** The same exchange, trading in {@code market}. */
    public Exchange forMarket(String market) {
        return new Exchange(api, adminKey, market);
    }

    /** A trading account: its id and its first API key. */
    public record Account(String accountId, String apiKey, String keyId) {}

    /** Lists {@link #market} as a BTC-like market (see {@link MarketJson#btcLike}). */
    public void createMarket() {
        createMarket(MarketJson.btcLike(market));
    }

    /** Lists the market {@code json} describes. */
    public void createMarket(MarketJson json) {
        api.post("/api/v1/admin/markets", adminKey, json.json()).assertStatus(201);
    }

    /** An ORACLE key bound to the source {@code feed}, which {@link #price} posts for. */
    public String oracleKey() {
        return oracleKey("feed");
    }

    /** A new ORACLE key bound to {@code source}. */
    public String oracleKey(String source) {
        return OracleKeys.issue(api, adminKey, source);
    }

    /** A new account with nothing deposited. */
    public Account account(String name) {
        var created = api.post("/api/v1/admin/accounts", adminKey, "{\"name\":\"" + name + "\"}")
                .assertStatus(201);
        return new Account(created.text("accountId"), created.text("apiKey"), created.text("keyId"));
    }

    /** An admin deposit; it must be accepted. */
    public ApiClient.Response deposit(String accountId, String amount, String reference) {
        return api.post(
                        "/api/v1/admin/accounts/" + accountId + "/deposits",
                        adminKey,
                        "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}")
                .assertStatus(201);
    }

    /** A new account with {@code amount} deposited under {@code reference}. */
    public Account fundedAccount(String name, String amount, String reference) {
        Account account = account(name);
        deposit(account.accountId(), amount, reference);
        return account;
    }

    /** A funded trader's API key. */
    public String trader(String name, String amount) {
        return fundedAccount(name, amount, "wire-" + name).apiKey();
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
