package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.Exchange;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The January drill's view of one exchange, over HTTP only, as an operator's runbook and the traders' UIs
 * would see it. {@link #connect} points it at another instance (the restarted one) without losing who is who.
 */
final class DrillExchange {
    static final String MARKET = "JAN-USD-PERP";

    private final String adminKey;
    private final OracleKeys oracleKeys;
    private ApiClient api;
    private Exchange exchange;

    DrillExchange(String adminKey, int port) {
        this.adminKey = adminKey;
        this.oracleKeys = new OracleKeys(() -> api, adminKey);
        connect(port);
    }

    /** A trading account and its key. */
    record Trader(String name, String accountId, String key) {}

    /** What a trader's UI shows: account (balance, equity, margins) and positions. */
    record Seen(JsonNode account, JsonNode positions) {}

    void connect(int port) {
        api = new ApiClient(port);
        exchange = Exchange.at(api, adminKey).forMarket(MARKET);
    }

    ApiClient api() {
        return api;
    }

    String adminKey() {
        return adminKey;
    }

    /** A BTC-like market: tick 0.1, IMF 2 %, MMF 1 %, taker 5 bps, liquidation fee 1 %, bands 500 / 100 bps. */
    void createMarket() {
        exchange.createMarket(MarketJson.btcLike(MARKET).with("maxPriceAgeSeconds", 300));
    }

    /**
     * Posts one oracle update per {@code source, price} pair, in order, each source with its own ORACLE key
     * (keys are bound to sources), and asserts each was accepted.
     */
    void prices(String... sourceAndPrice) {
        String[] items = new String[sourceAndPrice.length / 2];
        long now = System.currentTimeMillis();
        for (int i = 0; i < sourceAndPrice.length; i += 2) {
            items[i / 2] = "{\"market\":\"%s\",\"source\":\"%s\",\"price\":\"%s\",\"timestamp\":%d}"
                    .formatted(MARKET, sourceAndPrice[i], sourceAndPrice[i + 1], now);
        }
        List<JsonNode> results = oracleKeys.post(items);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.path("accepted").asBoolean())
                        .as("oracle update %s", r)
                        .isTrue());
    }

    JsonNode market() {
        return api.get("/api/v1/markets/" + MARKET, null).assertStatus(200).json();
    }

    Trader trader(String name, String amount) {
        Exchange.Account account = exchange.fundedAccount(name, amount, "wire-" + name);
        return new Trader(name, account.accountId(), account.apiKey());
    }

    void deposit(String accountId, String amount, String reference) {
        exchange.deposit(accountId, amount, reference);
    }

    /** Places an order on the drill market ({@code fields} is a JSON object without the market). */
    ApiClient.Response place(Trader trader, String fields) {
        return api.post("/api/v1/orders", trader.key(), "{\"market\":\"" + MARKET + "\"," + fields.substring(1));
    }

    JsonNode placed(Trader trader, String fields) {
        return place(trader, fields).assertStatus(201).json();
    }

    /** The seller rests a limit, the buyer takes it in full. */
    void trade(Trader seller, Trader buyer, String size, String price) {
        placed(
                seller,
                "{\"side\":\"SELL\",\"type\":\"LIMIT\",\"size\":\"%s\",\"price\":\"%s\"}".formatted(size, price));
        JsonNode taken = placed(
                buyer, "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"%s\",\"price\":\"%s\"}".formatted(size, price));
        assertThat(taken.path("status").asString()).isEqualTo("FILLED");
    }

    JsonNode order(Trader trader, String orderId) {
        return api.get("/api/v1/orders/" + orderId, trader.key())
                .assertStatus(200)
                .json();
    }

    ApiClient.Response changeState(String state, String reason) {
        return api.put(
                "/api/v1/admin/exchange/state",
                adminKey,
                "{\"state\":\"%s\",\"reason\":\"%s\"}".formatted(state, reason));
    }

    JsonNode status() {
        return exchange.status();
    }

    long sequence() {
        return status().path("sequence").asLong();
    }

    JsonNode snapshots() {
        return api.get("/api/v1/admin/snapshots", adminKey).assertStatus(200).json();
    }

    List<JsonNode> liquidations(Trader trader) {
        return api.get("/api/v1/liquidations", trader.key())
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
    }

    List<JsonNode> fills(Trader trader) {
        return api.get("/api/v1/fills", trader.key())
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
    }

    Seen seen(Trader trader) {
        return new Seen(
                api.get("/api/v1/account", trader.key()).assertStatus(200).json(),
                api.get("/api/v1/positions", trader.key()).assertStatus(200).json());
    }

    BigDecimal vault() {
        return new BigDecimal(
                api.get("/api/v1/admin/vault", adminKey).assertStatus(200).text("balance"));
    }

    /** Every integrity check passes (SPEC section 9). */
    JsonNode assertIntegrity() {
        JsonNode report =
                api.get("/api/v1/admin/integrity", adminKey).assertStatus(200).json();
        assertThat(report.path("ok").asBoolean()).as("integrity %s", report).isTrue();
        assertThat(report.path("checks").valueStream())
                .extracting(c -> c.path("name").asString())
                .contains("ledger-conservation", "replay-hash", "read-models");
        return report;
    }
}
