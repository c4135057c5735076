package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import io.bulwark.order.TradingApiTestBase;
import io.bulwark.testsupport.MarketJson;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * Drives the API as a trading UI would, over HTTP, and checks every answer (status, headers, body) against
 * {@code openapi.yaml}: a documented request must get a documented answer, and every documented operation
 * must be exercised. Requests that are meant to be valid are checked against the contract too.
 */
class OpenApiContractTests extends TradingApiTestBase {
    private static final Path SPEC = Path.of("openapi.yaml");
    /**
     * Everything the validator checks is an error, including a field the schema does not list (the library
     * ignores those by default): {@code openapi.yaml} must name every field the API writes.
     */
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator.createForSpecificationUrl(
                    SPEC.toAbsolutePath().toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    .withDefaultLevel(ValidationReport.Level.ERROR)
                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
                    .build())
            .build();

    private static final List<Operation> OPERATIONS = operations();
    private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();

    /** A documented operation: its method, path template and a pattern matching concrete paths. */
    private record Operation(String method, String template, Pattern path) {
        String name() {
            return method + " " + template;
        }
    }

    @Test
    void aTradingSessionMatchesTheContract() {
        valid("GET", "/api/v1/system/status", null, null).assertStatus(200);
        valid("GET", "/api/v1/system/time", null, null).assertStatus(200);
        valid("GET", "/api/v1/markets", null, null).assertStatus(200);
        String market = listMarket();
        valid("GET", "/api/v1/markets/" + market, null, null).assertStatus(200);
        valid("PATCH", "/api/v1/admin/markets/" + market, ADMIN_KEY, "{\"makerFee\":\"0.0001\"}")
                .assertStatus(200);

        Trader maker = account("maker-" + System.nanoTime());
        Trader taker = account("taker-" + System.nanoTime());
        markAt(market, "65000");
        valid("GET", "/api/v1/account", maker.apiKey(), null).assertStatus(200);

        // Resting, crossing, IOC, FOK, retried and market orders
        JsonNode ask = valid("POST", "/api/v1/orders", maker.apiKey(), limit(market, "SELL", "1", "65000"))
                .assertStatus(201)
                .json();
        String retry = Ticket.limit(market, "BUY", "0.4", "65000")
                .clientOrderId("contract-1")
                .json();
        JsonNode crossing = valid("POST", "/api/v1/orders", taker.apiKey(), retry)
                .assertStatus(201)
                .json();
        assertThat(crossing.path("fills").size()).isEqualTo(1);
        valid("POST", "/api/v1/orders", taker.apiKey(), retry).assertStatus(200);
        valid(
                        "POST",
                        "/api/v1/orders",
                        taker.apiKey(),
                        Ticket.limit(market, "BUY", "1", "65000").tif("IOC").json())
                .assertStatus(201);
        valid(
                        "POST",
                        "/api/v1/orders",
                        taker.apiKey(),
                        Ticket.limit(market, "BUY", "1", "65000").tif("FOK").json())
                .assertStatus(201);
        valid("POST", "/api/v1/orders", maker.apiKey(), limit(market, "SELL", "0.5", "65100"))
                .assertStatus(201);
        valid(
                        "POST",
                        "/api/v1/orders",
                        taker.apiKey(),
                        Ticket.market(market, "BUY", "0.2").json())
                .assertStatus(201);
        JsonNode stop = valid(
                        "POST",
                        "/api/v1/orders",
                        taker.apiKey(),
                        Ticket.triggered(market, "SELL", "STOP_LIMIT", "0.1", "64000")
                                .with("price", "63900")
                                .json())
                .assertStatus(201)
                .json();
        assertThat(stop.path("status").asString()).isEqualTo("UNTRIGGERED");
        JsonNode bid = valid("POST", "/api/v1/orders", maker.apiKey(), limit(market, "BUY", "2", "64500"))
                .assertStatus(201)
                .json();

        // Reading orders, amending, cancelling
        valid("GET", "/api/v1/orders", maker.apiKey(), null).assertStatus(200);
        valid("GET", "/api/v1/orders?market=" + market + "&status=OPEN&limit=10", maker.apiKey(), null)
                .assertStatus(200);
        valid("GET", "/api/v1/orders?status=FILLED", taker.apiKey(), null).assertStatus(200);
        valid("GET", "/api/v1/orders?status=CANCELLED&before=999999999", taker.apiKey(), null)
                .assertStatus(200);
        valid("GET", "/api/v1/orders/" + ask.path("orderId").asString(), maker.apiKey(), null)
                .assertStatus(200);
        valid("GET", "/api/v1/orders/" + crossing.path("orderId").asString(), taker.apiKey(), null)
                .assertStatus(200);
        String bidPath = "/api/v1/orders/" + bid.path("orderId").asString();
        valid("PATCH", bidPath, maker.apiKey(), "{\"size\":\"1.5\"}").assertStatus(200);
        valid("PATCH", bidPath, maker.apiKey(), "{\"price\":\"64400\",\"size\":\"1\"}")
                .assertStatus(200);
        valid("DELETE", bidPath, maker.apiKey(), null).assertStatus(200);
        valid("DELETE", "/api/v1/orders?market=" + market, taker.apiKey(), null).assertStatus(200);
        valid("DELETE", "/api/v1/orders", maker.apiKey(), null).assertStatus(200);

        // Batches, client order ids, a time range
        String batch = "{\"orders\":["
                + Ticket.limit(market, "BUY", "0.1", "64000")
                        .clientOrderId("ct-batch-1")
                        .json() + ","
                + Ticket.limit(market, "BUY", "0.1", "64001")
                        .clientOrderId("ct-batch-2")
                        .json() + ","
                + Ticket.limit(market, "BUY", "0", "64000").json() + "]}";
        JsonNode placed = valid("POST", "/api/v1/orders/batch", maker.apiKey(), batch)
                .assertStatus(200)
                .json();
        assertThat(placed.path("results").get(2).path("body").path("code").asString())
                .isEqualTo("INVALID_SIZE");
        answer("POST", "/api/v1/orders/batch", maker.apiKey(), "{\"orders\":[]}")
                .assertProblem(400, "VALIDATION_FAILED");
        valid("GET", "/api/v1/orders/by-client-id/ct-batch-1", maker.apiKey(), null)
                .assertStatus(200);
        valid("DELETE", "/api/v1/orders/by-client-id/ct-batch-1", maker.apiKey(), null)
                .assertStatus(200);
        answer("GET", "/api/v1/orders/by-client-id/nobody", maker.apiKey(), null)
                .assertProblem(404, "ORDER_NOT_FOUND");
        String cancels = "{\"orderIds\":[\""
                + placed.path("results").get(1).path("body").path("orderId").asString()
                + "\"],\"clientOrderIds\":[\"ct-batch-1\"]}";
        JsonNode cancelled = valid("DELETE", "/api/v1/orders/batch", maker.apiKey(), cancels)
                .assertStatus(200)
                .json();
        assertThat(cancelled.path("results").get(1).path("status").asInt()).isEqualTo(404);
        answer("DELETE", "/api/v1/orders/batch", maker.apiKey(), "{}").assertProblem(400, "VALIDATION_FAILED");
        valid("GET", "/api/v1/orders?status=CANCELLED&from=2026-01-01T00:00:00Z&to=1999999999999", maker.apiKey(), null)
                .assertStatus(200);
        answer("GET", "/api/v1/orders?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", maker.apiKey(), null)
                .assertProblem(400, "VALIDATION_FAILED");

        // Fills, positions, market data, money
        JsonNode fills = valid("GET", "/api/v1/fills", taker.apiKey(), null)
                .assertStatus(200)
                .json();
        assertThat(fills.size()).isGreaterThanOrEqualTo(2);
        valid(
                        "GET",
                        "/api/v1/fills?market=" + market + "&limit=1&before="
                                + fills.get(0).path("fillId").asString(),
                        taker.apiKey(),
                        null)
                .assertStatus(200);
        valid("GET", "/api/v1/positions", taker.apiKey(), null).assertStatus(200);
        valid("GET", "/api/v1/markets/" + market + "/orderbook?depth=5", null, null)
                .assertStatus(200);
        JsonNode trades = valid("GET", "/api/v1/markets/" + market + "/trades", null, null)
                .assertStatus(200)
                .json();
        valid(
                        "GET",
                        "/api/v1/markets/" + market + "/trades?limit=1&before="
                                + trades.get(0).path("tradeId").asString(),
                        null,
                        null)
                .assertStatus(200);
        valid("GET", "/api/v1/account/ledger?limit=5", taker.apiKey(), null).assertStatus(200);
        String withdrawal = "{\"amount\":\"10\",\"reference\":\"contract-wd-1\"}";
        valid("POST", "/api/v1/withdrawals", maker.apiKey(), withdrawal).assertStatus(201);
        valid("POST", "/api/v1/withdrawals", maker.apiKey(), withdrawal).assertStatus(200);
        valid("GET", "/api/v1/admin/vault", ADMIN_KEY, null).assertStatus(200);
        valid("POST", "/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"contract\"}")
                .assertStatus(201);
        valid("GET", "/api/v1/admin/snapshots?limit=5", ADMIN_KEY, null).assertStatus(200);
        valid("GET", "/api/v1/admin/integrity", ADMIN_KEY, null).assertStatus(200);
    }

    @Test
    void adminKeysMatchTheContract() {
        valid("GET", "/api/v1/admin/keys", ADMIN_KEY, null).assertStatus(200);
        var oracle = valid("POST", "/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"contract-a\"}")
                .assertStatus(201);
        String keyId = oracle.text("keyId");
        long now = System.currentTimeMillis();
        valid("POST", "/api/v1/oracle/prices", oracle.text("apiKey"), """
                        {"prices":[{"market":"ETH-USD-PERP","price":"3500.25","source":"contract-a","timestamp":%d},
                                   {"market":"ETH-USD-PERP","price":3500.5,"source":"contract-b","timestamp":"%s"},
                                   {"market":"ETH-USD-PERP","price":"NaN","source":"contract-c","timestamp":%d}]}""".formatted(
                                now, java.time.Instant.ofEpochMilli(now), now))
                .assertStatus(200);
        valid("DELETE", "/api/v1/admin/keys/" + keyId, ADMIN_KEY, null).assertStatus(204);
        answer("DELETE", "/api/v1/admin/keys/" + keyId, ADMIN_KEY, null).assertProblem(404, "KEY_NOT_FOUND");
    }

    @Test
    void traderKeysMatchTheContract() {
        Trader trader = newFundedTrader("100");
        String body = "{\"scopes\":[\"READ\"],\"allowedIps\":[\"127.0.0.0/8\",\"::1/128\"],\"label\":\"contract\","
                + "\"expiresAt\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}";
        var made = valid("POST", "/api/v1/keys", trader.apiKey(), body).assertStatus(201);
        valid("GET", "/api/v1/keys", trader.apiKey(), null).assertStatus(200);
        answer("POST", "/api/v1/orders", made.text("apiKey"), limit(listMarket(), "BUY", "1", "100"))
                .assertProblem(403, "SCOPE_REQUIRED");
        answer("POST", "/api/v1/keys", made.text("apiKey"), "{\"scopes\":[\"TRADE\"]}")
                .assertProblem(403, "SCOPE_REQUIRED");
        answer("POST", "/api/v1/keys", trader.apiKey(), "{\"allowedIps\":[\"10.0.0.0/99\"]}")
                .assertProblem(400, "VALIDATION_FAILED");
        valid("DELETE", "/api/v1/keys/" + made.text("keyId"), trader.apiKey(), null)
                .assertStatus(204);
        answer("DELETE", "/api/v1/keys/" + made.text("keyId"), trader.apiKey(), null)
                .assertProblem(404, "KEY_NOT_FOUND");
        valid(
                        "POST",
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                        ADMIN_KEY,
                        "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"]}")
                .assertStatus(201);
        answer("POST", "/api/v1/admin/accounts/999999999/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void snapshotDeletionMatchesTheContract() {
        String older = valid("POST", "/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"to delete\"}")
                .assertStatus(201)
                .text("snapshotId");
        String newest = valid("POST", "/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"to keep\"}")
                .assertStatus(201)
                .text("snapshotId");
        valid("DELETE", "/api/v1/admin/snapshots/" + older, ADMIN_KEY, null).assertStatus(204);
        valid("DELETE", "/api/v1/admin/snapshots/" + older, ADMIN_KEY, null).assertProblem(404, "SNAPSHOT_NOT_FOUND");
        valid("DELETE", "/api/v1/admin/snapshots/" + newest, ADMIN_KEY, null).assertProblem(409, "SNAPSHOT_IN_USE");
    }

    @Test
    void rollbackMatchesTheContract() {
        String body = "{\"snapshotId\":\"%s\",\"reason\":\"contract\"}";
        answer("POST", "/api/v1/admin/rollback", ADMIN_KEY, body.formatted("snap-1"))
                .assertProblem(409, "EXCHANGE_NOT_CLOSED");
        String snapshot = valid("POST", "/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"before rollback\"}")
                .assertStatus(201)
                .text("snapshotId");
        api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"contract\"}")
                .assertStatus(200);
        try {
            answer("POST", "/api/v1/admin/rollback", ADMIN_KEY, body.formatted("snap-none"))
                    .assertProblem(404, "SNAPSHOT_NOT_FOUND");
            valid("POST", "/api/v1/admin/rollback", ADMIN_KEY, body.formatted(snapshot))
                    .assertStatus(200);
        } finally {
            // The application is shared with other tests: leave the exchange open.
            api.put(
                            "/api/v1/admin/exchange/state",
                            ADMIN_KEY,
                            "{\"state\":\"OPEN\",\"reason\":\"contract over\",\"force\":true}")
                    .assertStatus(200);
        }
    }

    @Test
    void maintenanceWindowsMatchTheContract() {
        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(30));
        var window = valid("POST", "/api/v1/admin/maintenance-windows", ADMIN_KEY, """
                        {"start":"%s","end":"%s","reason":"contract test"}""".formatted(
                                start, start.plusSeconds(600)))
                .assertStatus(201);
        valid("GET", "/api/v1/admin/maintenance-windows", ADMIN_KEY, null).assertStatus(200);
        valid("GET", "/api/v1/system/status", null, null).assertStatus(200);
        valid("DELETE", "/api/v1/admin/maintenance-windows/" + window.text("windowId"), ADMIN_KEY, null)
                .assertStatus(200);
        valid("DELETE", "/api/v1/admin/maintenance-windows/" + window.text("windowId"), ADMIN_KEY, null)
                .assertProblem(409, "INVALID_TRANSITION");
        valid("DELETE", "/api/v1/admin/maintenance-windows/999999", ADMIN_KEY, null)
                .assertProblem(404, "WINDOW_NOT_FOUND");
    }

    @Test
    void refusalsMatchTheContract() {
        String market = newMarket();
        Trader trader = newFundedTrader("1000");
        Trader other = newFundedTrader("100000");
        String key = trader.apiKey();

        answer("GET", "/api/v1/orders", null, null).assertProblem(401, "UNAUTHENTICATED");
        answer("GET", "/api/v1/positions", "bwk_not-a-key", null).assertProblem(401, "UNAUTHENTICATED");
        answer("POST", "/api/v1/orders", ADMIN_KEY, limit(market, "BUY", "1", "100"))
                .assertProblem(403, "FORBIDDEN");
        answer("POST", "/api/v1/orders", key, "{\"market\":\"" + market + "\",\"side\":\"BUY\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        answer(
                        "POST",
                        "/api/v1/orders",
                        key,
                        Ticket.limit(market, "BUY", "1", "100")
                                .with("leverage", 5)
                                .json())
                .assertProblem(400, "VALIDATION_FAILED");
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "0", "100")).assertProblem(400, "INVALID_SIZE");
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "0.0001", "100"))
                .assertProblem(400, "INVALID_SIZE");
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "1", "100.05"))
                .assertProblem(400, "INVALID_PRICE");
        answer("POST", "/api/v1/orders", key, limit("NOPE-USD-PERP", "BUY", "1", "100"))
                .assertProblem(404, "UNKNOWN_MARKET");
        answer("POST", "/api/v1/orders", key, Ticket.market(market, "BUY", "1").json())
                .assertProblem(409, "PRICE_UNAVAILABLE");
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "1", "65000"))
                .assertProblem(422, "INSUFFICIENT_MARGIN");
        answer(
                        "POST",
                        "/api/v1/orders",
                        key,
                        Ticket.limit(market, "SELL", "0.001", "65000")
                                .with("reduceOnly", true)
                                .json())
                .assertProblem(422, "REDUCE_ONLY_WOULD_INCREASE");
        markAt(market, "1000");
        placed(other, Ticket.limit(market, "SELL", "1", "1000"));
        answer(
                        "POST",
                        "/api/v1/orders",
                        key,
                        Ticket.limit(market, "BUY", "0.01", "1000")
                                .tif("POST_ONLY")
                                .json())
                .assertProblem(422, "POST_ONLY_WOULD_CROSS");
        placed(trader, Ticket.limit(market, "BUY", "0.01", "1000").clientOrderId("dup"));
        answer(
                        "POST",
                        "/api/v1/orders",
                        key,
                        Ticket.limit(market, "BUY", "0.02", "1000")
                                .clientOrderId("dup")
                                .json())
                .assertProblem(409, "DUPLICATE_CLIENT_ORDER_ID");
        placed(other, Ticket.limit(market, "SELL", "1", "1200"));
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "0.01", "1200"))
                .assertProblem(422, "PRICE_OUTSIDE_BAND");
        String resting = placed(trader, Ticket.limit(market, "BUY", "0.01", "900"))
                .path("orderId")
                .asString();
        answer("PATCH", "/api/v1/orders/" + resting, key, "{\"price\":\"1200\"}")
                .assertProblem(422, "POST_ONLY_WOULD_CROSS");
        answer("PATCH", "/api/v1/orders/" + resting, key, "{}").assertProblem(400, "VALIDATION_FAILED");
        answer("PATCH", "/api/v1/orders/" + resting, other.apiKey(), "{\"size\":\"1\"}")
                .assertProblem(404, "ORDER_NOT_FOUND");
        answer("GET", "/api/v1/orders/" + resting, other.apiKey(), null).assertProblem(404, "ORDER_NOT_FOUND");
        answer("DELETE", "/api/v1/orders/" + resting, other.apiKey(), null).assertProblem(404, "ORDER_NOT_FOUND");
        answer("GET", "/api/v1/orders?market=NOPE-USD-PERP", key, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("DELETE", "/api/v1/orders?market=NOPE-USD-PERP", key, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/orders?status=DONE", key, null).assertProblem(400, "VALIDATION_FAILED");
        answer("GET", "/api/v1/fills?limit=501", key, null).assertProblem(400, "VALIDATION_FAILED");
        answer("GET", "/api/v1/fills?market=NOPE-USD-PERP", key, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/markets/NOPE-USD-PERP", null, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/markets/NOPE-USD-PERP/orderbook", null, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/markets/" + market + "/orderbook?depth=0", null, null)
                .assertProblem(400, "VALIDATION_FAILED");
        answer("GET", "/api/v1/markets/NOPE-USD-PERP/trades", null, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/markets/" + market + "/trades?before=x", null, null)
                .assertProblem(400, "VALIDATION_FAILED");
        answer("POST", "/api/v1/orders", key, "{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        assertThat(answer("POST", "/api/v1/orders", key, "text/plain", "hello").status())
                .isEqualTo(415);
        answer("POST", "/api/v1/withdrawals", key, "{\"amount\":\"1000000\",\"reference\":\"contract-wd-2\"}")
                .assertProblem(422, "INSUFFICIENT_MARGIN");
        answer("POST", "/api/v1/withdrawals", key, "{\"amount\":\"1\",\"reference\":\"contract-wd-3\"}")
                .assertStatus(201);
        answer("POST", "/api/v1/withdrawals", key, "{\"amount\":\"2\",\"reference\":\"contract-wd-3\"}")
                .assertProblem(409, "DUPLICATE_REFERENCE");
        answer("POST", "/api/v1/withdrawals", key, "{\"amount\":\"1\"}").assertProblem(400, "VALIDATION_FAILED");

        valid(
                        "PUT",
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"CLOSED\",\"reason\":\"contract test\"}")
                .assertStatus(200);
        answer("POST", "/api/v1/orders", key, limit(market, "BUY", "0.01", "900"))
                .assertProblem(409, "MARKET_CLOSED");
        answer(
                        "PUT",
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"OPEN\",\"reason\":\"contract test\"}")
                .assertProblem(409, "INVALID_TRANSITION");
        valid(
                        "PUT",
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"OPEN\",\"reason\":\"contract test\",\"force\":true}")
                .assertStatus(200);
        valid(
                        "PUT",
                        "/api/v1/admin/exchange/state",
                        ADMIN_KEY,
                        "{\"state\":\"POST_ONLY\",\"reason\":\"contract test\"}")
                .assertStatus(200);
        valid(
                        "PUT",
                        "/api/v1/admin/exchange/state",
                        ADMIN_KEY,
                        "{\"state\":\"OPEN\",\"reason\":\"contract test\",\"force\":true}")
                .assertStatus(200);
    }

    /**
     * Funding and liquidation history, and the resume endpoints. The one liquidation here is all of its market's
     * open interest and above the breaker's 100,000 USD floor, so it pauses that market, which the test resumes
     * right away.
     */
    @Test
    void riskEndpointsMatchTheContract() {
        String market = listMarket();
        Trader alice = account("alice-" + System.nanoTime());
        Trader dave = newFundedTrader("2700");
        markAt(market, "65000");
        trade(alice, dave, market, "2", "65000");
        valid("GET", "/api/v1/liquidations", dave.apiKey(), null).assertStatus(200);

        markAt(market, "64000");
        JsonNode liquidations = valid("GET", "/api/v1/liquidations", dave.apiKey(), null)
                .assertStatus(200)
                .json();
        assertThat(liquidations.size()).isEqualTo(1);
        String id = liquidations.get(0).path("liquidationId").asString();
        valid("GET", "/api/v1/liquidations?market=" + market + "&limit=1&before=" + id, dave.apiKey(), null)
                .assertStatus(200);
        valid(
                        "GET",
                        "/api/v1/admin/liquidations?account=" + dave.accountId() + "&market=" + market
                                + "&limit=10&before=999999999",
                        ADMIN_KEY,
                        null)
                .assertStatus(200);
        valid("GET", "/api/v1/system/status", null, null).assertStatus(200);
        JsonNode resumed = valid("POST", "/api/v1/admin/liquidations/resume?market=" + market, ADMIN_KEY, null)
                .assertStatus(200)
                .json();
        assertThat(resumed.path("pausedMarkets")
                        .valueStream()
                        .map(m -> m.path("market").asString()))
                .doesNotContain(market);
        answer("POST", "/api/v1/admin/liquidations/resume?market=" + market, ADMIN_KEY, null)
                .assertProblem(409, "INVALID_TRANSITION");
        answer("GET", "/api/v1/admin/liquidations?account=999999999", ADMIN_KEY, null)
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
        answer("GET", "/api/v1/liquidations?before=x", dave.apiKey(), null).assertProblem(400, "VALIDATION_FAILED");

        valid("GET", "/api/v1/funding-payments", dave.apiKey(), null).assertStatus(200);
        valid("GET", "/api/v1/funding-payments?market=" + market + "&limit=5&before=9-1", dave.apiKey(), null)
                .assertStatus(200);
        answer("GET", "/api/v1/funding-payments?market=NOPE-USD-PERP", dave.apiKey(), null)
                .assertProblem(404, "UNKNOWN_MARKET");
        valid("GET", "/api/v1/markets/" + market + "/funding", null, null).assertStatus(200);
        valid("GET", "/api/v1/markets/" + market + "/funding?limit=5&before=99", null, null)
                .assertStatus(200);
        answer("GET", "/api/v1/markets/NOPE-USD-PERP/funding", null, null).assertProblem(404, "UNKNOWN_MARKET");
        answer("POST", "/api/v1/admin/markets/" + market + "/funding/resume", ADMIN_KEY, null)
                .assertProblem(409, "INVALID_TRANSITION");
        answer("POST", "/api/v1/admin/markets/NOPE-USD-PERP/funding/resume", ADMIN_KEY, null)
                .assertProblem(404, "UNKNOWN_MARKET");
    }

    /** An incident audit over a liquidation, its report as JSON and CSV, its refunds paid twice, the trader's view. */
    @Test
    void incidentEndpointsMatchTheContract() {
        String market = listMarket();
        Trader alice = account("alice-" + System.nanoTime());
        Trader dave = newFundedTrader("1400");
        markAt(market, "65000");
        trade(alice, dave, market, "1", "65000");
        long before = System.currentTimeMillis();
        long from = api.get("/api/v1/system/status", null).get("sequence").asLong() + 1;
        markAt(market, "64000");
        long to = api.get("/api/v1/system/status", null).get("sequence").asLong();
        String range = "{\"fromSequence\":%d,\"toSequence\":%d,\"reason\":\"contract\",".formatted(from, to);

        JsonNode undetermined = valid(
                        "POST", "/api/v1/admin/incidents", ADMIN_KEY, range + "\"excludeSources\":[\"test-feed\"]}")
                .assertStatus(201)
                .json();
        assertThat(undetermined.path("totals").path("undetermined").asInt()).isPositive();
        String prices = "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":%d,\"price\":\"65000\"}]}"
                .formatted(market, before);
        JsonNode report = valid("POST", "/api/v1/admin/incidents", ADMIN_KEY, range + prices)
                .assertStatus(201)
                .json();
        String id = report.path("incidentId").asString();
        valid("GET", "/api/v1/admin/incidents/" + id, ADMIN_KEY, null).assertStatus(200);
        valid("GET", "/api/v1/admin/incidents/" + id + "/report.csv", ADMIN_KEY, null)
                .assertStatus(200);
        deposit("LIQUIDATOR_VAULT", report.path("totals").path("refund").asString());
        valid("POST", "/api/v1/admin/incidents/" + id + "/refunds", ADMIN_KEY, null)
                .assertStatus(200);
        valid("POST", "/api/v1/admin/incidents/" + id + "/refunds", ADMIN_KEY, null)
                .assertStatus(200);
        assertThat(valid("GET", "/api/v1/refunds", dave.apiKey(), null)
                        .assertStatus(200)
                        .json()
                        .size())
                .isEqualTo(1);
        answer("GET", "/api/v1/admin/incidents/999999999", ADMIN_KEY, null).assertProblem(404, "INCIDENT_NOT_FOUND");
        answer("POST", "/api/v1/admin/incidents/999999999/refunds", ADMIN_KEY, null)
                .assertProblem(404, "INCIDENT_NOT_FOUND");
        answer("POST", "/api/v1/admin/incidents", ADMIN_KEY, range + "\"excludeSources\":[]}")
                .assertProblem(400, "VALIDATION_FAILED");
    }

    /** Oracle keys bound to sources, the sources' view, a quarantine and a re-anchor by hand, the new market fields. */
    @Test
    void oracleAdministrationMatchesTheContract() {
        String market = listMarket();
        String key = valid("POST", "/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"ct-feed-a\"}")
                .assertStatus(201)
                .text("apiKey");
        answer("POST", "/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        long now = System.currentTimeMillis();
        String item = "{\"market\":\"%s\",\"source\":\"%s\",\"price\":\"65000\",\"timestamp\":%d}";
        valid(
                        "POST",
                        "/api/v1/oracle/prices",
                        key,
                        "{\"prices\":[" + item.formatted(market, "ct-feed-a", now) + ","
                                + item.formatted(market, "ct-feed-a", now) + ","
                                + item.formatted(market, "ct-feed-b", now)
                                + "]}")
                .assertStatus(200);
        valid("GET", "/api/v1/admin/oracle/sources", ADMIN_KEY, null).assertStatus(200);
        String source = "/api/v1/admin/oracle/sources/ct-feed-b";
        valid("PUT", source, ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"contract\"}")
                .assertStatus(200);
        answer("PUT", source, ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"contract\"}")
                .assertProblem(409, "INVALID_TRANSITION");
        valid("PUT", source, ADMIN_KEY, "{\"state\":\"ACTIVE\",\"reason\":\"contract\"}")
                .assertStatus(200);
        answer("PUT", source, ADMIN_KEY, "{\"state\":\"PAUSED\",\"reason\":\"contract\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        String reanchor = "/api/v1/admin/markets/%s/oracle/reanchor";
        valid("POST", reanchor.formatted(market), ADMIN_KEY, "{\"reason\":\"contract\"}")
                .assertStatus(200);
        answer("POST", reanchor.formatted(listMarket()), ADMIN_KEY, "{\"reason\":\"contract\"}")
                .assertProblem(409, "NO_FRESH_SOURCE");
        answer("POST", reanchor.formatted("NOPE-USD-PERP"), ADMIN_KEY, "{\"reason\":\"contract\"}")
                .assertProblem(404, "UNKNOWN_MARKET");
        valid(
                        "PATCH",
                        "/api/v1/admin/markets/" + market,
                        ADMIN_KEY,
                        "{\"priceJumpWindowSeconds\":120,\"maxSourceDivergenceBps\":300}")
                .assertStatus(200);
        valid("GET", "/api/v1/system/status", null, null).assertStatus(200);
        valid("GET", "/api/v1/markets/" + market, null, null).assertStatus(200);
    }

    /** The dead man's switch: armed, read, disarmed, and its refusals (SPEC section 10 v2). */
    @Test
    void deadMansSwitchMatchesTheContract() {
        Trader trader = newTrader();
        valid("POST", "/api/v1/orders/cancel-after", trader.apiKey(), "{\"seconds\":600}")
                .assertStatus(200);
        valid("GET", "/api/v1/orders/cancel-after", trader.apiKey(), null).assertStatus(200);
        valid("POST", "/api/v1/orders/cancel-after", trader.apiKey(), "{\"seconds\":0}")
                .assertStatus(200);
        answer("POST", "/api/v1/orders/cancel-after", trader.apiKey(), "{\"seconds\":601}")
                .assertProblem(400, "VALIDATION_FAILED");
        answer("POST", "/api/v1/orders/cancel-after", null, "{\"seconds\":1}").assertProblem(401, "UNAUTHENTICATED");
    }

    /** Tickers and candles (SPEC section 10 v2) after a trade, and their refusals. */
    @Test
    void tickersAndCandlesMatchTheContract() {
        String market = listMarket();
        Trader maker = account("candle-maker-" + System.nanoTime());
        Trader taker = account("candle-taker-" + System.nanoTime());
        markAt(market, "65000");
        valid("POST", "/api/v1/orders", maker.apiKey(), limit(market, "SELL", "0.5", "65000"))
                .assertStatus(201);
        valid("POST", "/api/v1/orders", taker.apiKey(), limit(market, "BUY", "0.2", "65000"))
                .assertStatus(201);
        valid("GET", "/api/v1/markets/" + market + "/ticker", null, null).assertStatus(200);
        valid("GET", "/api/v1/tickers", null, null).assertStatus(200);
        for (String price : List.of("trade", "mark", "index")) {
            assertThat(valid("GET", "/api/v1/markets/" + market + "/candles?interval=1m&price=" + price, null, null)
                            .assertStatus(200)
                            .json()
                            .size())
                    .isPositive();
        }
        valid(
                        "GET",
                        "/api/v1/markets/" + market + "/candles?interval=1d&from=2026-01-01T00:00:00Z&to="
                                + System.currentTimeMillis() + "&limit=10",
                        null,
                        null)
                .assertStatus(200);
        answer("GET", "/api/v1/markets/" + market + "/candles?interval=7m", null, null)
                .assertProblem(400, "VALIDATION_FAILED");
        answer("GET", "/api/v1/markets/" + market + "/candles?interval=1m&from=2&to=1", null, null)
                .assertProblem(400, "VALIDATION_FAILED");
        answer("GET", "/api/v1/markets/NOPE-USD-PERP/candles?interval=1m", null, null)
                .assertProblem(404, "UNKNOWN_MARKET");
        answer("GET", "/api/v1/markets/NOPE-USD-PERP/ticker", null, null).assertProblem(404, "UNKNOWN_MARKET");
    }

    @AfterAll
    static void everyDocumentedOperationWasExercised() {
        Set<String> missing = new TreeSet<>();
        OPERATIONS.forEach(o -> missing.add(o.name()));
        missing.removeAll(EXERCISED);
        assertThat(missing)
                .as("documented operations no test called: call each from OpenApiContractTests")
                .isEmpty();
    }

    private String listMarket() {
        String name = "CT" + (System.nanoTime() % 1_000_000) + "-USD-PERP";
        String spec = MarketJson.btcLike(name).json();
        valid("POST", "/api/v1/admin/markets", ADMIN_KEY, spec).assertStatus(201);
        return name;
    }

    private Trader account(String name) {
        ApiClient.Response created = valid("POST", "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + name + "\"}")
                .assertStatus(201);
        Trader trader = new Trader(created.text("accountId"), created.text("apiKey"), created.text("keyId"));
        String deposit = "{\"amount\":\"1000000\",\"reference\":\"" + reference() + "\"}";
        String path = "/api/v1/admin/accounts/" + trader.accountId() + "/deposits";
        valid("POST", path, ADMIN_KEY, deposit).assertStatus(201);
        valid("POST", path, ADMIN_KEY, deposit).assertStatus(200);
        return trader;
    }

    private static String limit(String market, String side, String size, String price) {
        return Ticket.limit(market, side, size, price).json();
    }

    /** A request the contract describes: the request and the answer are both checked. */
    private ApiClient.Response valid(String method, String uri, String key, String body) {
        ApiClient.Response response = send(method, uri, key, body == null ? null : "application/json", body);
        check(CONTRACT.validate(request(method, uri, key, body), response(response)), method, uri, response);
        return response;
    }

    /** A request meant to be refused: only the answer is checked. */
    private ApiClient.Response answer(String method, String uri, String key, String body) {
        return answer(method, uri, key, body == null ? null : "application/json", body);
    }

    private ApiClient.Response answer(String method, String uri, String key, String contentType, String body) {
        ApiClient.Response response = send(method, uri, key, contentType, body);
        String path = URI.create(uri).getPath();
        check(
                CONTRACT.validateResponse(path, Request.Method.valueOf(method), response(response)),
                method,
                uri,
                response);
        return response;
    }

    private ApiClient.Response send(String method, String uri, String key, String contentType, String body) {
        ApiClient.Response response = body == null
                ? api.send(api.request(uri, key).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()))
                : api.send(uri, key, method, contentType, body);
        String path = URI.create(uri).getPath();
        OPERATIONS.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                .findFirst()
                .ifPresent(o -> EXERCISED.add(o.name()));
        return response;
    }

    private static void check(ValidationReport report, String method, String uri, ApiClient.Response response) {
        assertThat(report.hasErrors())
                .as(
                        "%s %s answered %d %s%n%s",
                        method,
                        uri,
                        response.status(),
                        response.body(),
                        SimpleValidationReportFormat.getInstance().apply(report))
                .isFalse();
    }

    private static Request request(String method, String uri, String key, String body) {
        URI parsed = URI.create(uri);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, parsed.getPath());
        if (parsed.getRawQuery() != null) {
            for (String pair : parsed.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (key != null) {
            request.withAuthorization("Bearer " + key);
        }
        if (body != null) {
            request.withContentType("application/json").withBody(body);
        }
        return request.build();
    }

    private static SimpleResponse response(ApiClient.Response response) {
        SimpleResponse.Builder out = new SimpleResponse.Builder(response.status());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.withHeader(name, values);
            }
        });
        if (response.body() != null && !response.body().isEmpty()) {
            out.withBody(response.body());
        }
        return out.build();
    }

    /** The operations {@code openapi.yaml} documents. */
    @SuppressWarnings("unchecked")
    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }

    private static List<Operation> operations() {
        try (Reader reader = Files.newBufferedReader(SPEC)) {
            Map<String, Object> spec = new Yaml().load(reader);
            List<Operation> out = new ArrayList<>();
            ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((template, item) -> {
                Pattern path = Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
                item.keySet().stream()
                        .filter(m ->
                                Set.of("get", "put", "post", "delete", "patch").contains(m))
                        .forEach(m -> out.add(new Operation(m.toUpperCase(Locale.ROOT), template, path)));
            });
            // More specific templates first, so /markets/{market}/trades is not taken for /markets/{market}, nor
            // /orders/batch for /orders/{orderId}: the longest literal part first.
            out.sort((a, b) -> Integer.compare(literalLength(b.template()), literalLength(a.template())));
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SPEC.toAbsolutePath(), e);
        }
    }
}
