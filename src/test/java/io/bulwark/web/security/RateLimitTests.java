package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import io.bulwark.web.socket.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code bulwark.rate-limit.*}: a key over its limit gets 429 {@code RATE_LIMITED} with {@code Retry-After}, and
 * the refused request has no effect. Its own application with a small limit (5/s, burst 20): the shared test
 * context keeps the generous default.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bulwark.admin-key=" + HttpApiTestBase.ADMIN_KEY,
            "bulwark.oracle.simulated=false",
            "bulwark.rate-limit.requests-per-second=" + RateLimitTests.PER_SECOND,
            "bulwark.rate-limit.burst=" + RateLimitTests.BURST
        })
class RateLimitTests extends TradingApiTestBase {
    static final int PER_SECOND = 5;
    static final int BURST = 20;
    /** Far more than the burst plus what trickles in meanwhile, unless orders took 200 ms each. */
    private static final int MAX_ATTEMPTS = 400;

    /** The refused request and the client order id it carried; {@code accepted} are the orders placed before it. */
    private record Limited(ApiClient.Response response, String clientOrderId) {}

    /** Places resting orders (client order ids prefix-0, prefix-1, ...) until the key is refused. */
    private Limited placeUntilLimited(Trader trader, String market, String prefix, List<String> accepted) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            String clientOrderId = prefix + "-" + i;
            ApiClient.Response response =
                    place(trader, Ticket.limit(market, "BUY", "0.001", "64000").clientOrderId(clientOrderId));
            if (response.status() != 201) {
                return new Limited(response, clientOrderId);
            }
            accepted.add(response.text("orderId"));
        }
        throw new AssertionError("no 429 after " + MAX_ATTEMPTS + " orders");
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterAndTheOrderIsNeverPlaced() throws InterruptedException {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("10000");
        List<String> accepted = new ArrayList<>();

        Limited refused = placeUntilLimited(trader, market, "first", accepted);
        ApiClient.Response limited = refused.response();

        limited.assertProblem(429, "RATE_LIMITED");
        String retryAfter = limited.headers().firstValue("Retry-After").orElseThrow();
        assertThat(Long.parseLong(retryAfter)).isPositive();
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(BURST);

        Thread.sleep(Long.parseLong(retryAfter) * 1000);
        List<String> live = new ArrayList<>();
        List<String> clientOrderIds = new ArrayList<>();
        api.get("/api/v1/orders", trader.apiKey()).assertStatus(200).json().forEach(order -> {
            live.add(order.path("orderId").asString());
            clientOrderIds.add(order.path("clientOrderId").asString());
        });
        assertThat(live).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(clientOrderIds).doesNotContain(refused.clientOrderId());
    }

    @Test
    void afterWaitingRetryAfterTheKeyWorksAgainAndTheRefusedOrderCanBeSent() throws InterruptedException {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("10000");
        List<String> accepted = new ArrayList<>();
        Limited refused = placeUntilLimited(trader, market, "first", accepted);
        refused.response().assertProblem(429, "RATE_LIMITED");

        Thread.sleep(Long.parseLong(
                        refused.response().headers().firstValue("Retry-After").orElseThrow())
                * 1000);

        // Same client order id as the refused request: had that reached the engine, this would be a duplicate.
        String refusedId = refused.clientOrderId();
        ApiClient.Response again =
                place(trader, Ticket.limit(market, "BUY", "0.001", "64000").clientOrderId(refusedId));
        again.assertStatus(201);
        assertThat(again.text("clientOrderId")).isEqualTo(refusedId);
    }

    @Test
    void anotherKeyIsNotAffectedByALimitedOne() {
        String market = newMarket();
        markAt(market, "65000");
        Trader noisy = newFundedTrader("10000");
        Trader quiet = newFundedTrader("10000");
        placeUntilLimited(noisy, market, "noisy", new ArrayList<>()).response().assertProblem(429, "RATE_LIMITED");

        place(quiet, Ticket.limit(market, "BUY", "0.001", "64000")).assertStatus(201);
        api.get("/api/v1/account", quiet.apiKey()).assertStatus(200);
    }

    @Test
    void anAccountsKeysShareOneLimit() {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("10000");
        String second = api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                        ADMIN_KEY,
                        "{\"scopes\":[\"READ\",\"TRADE\"]}")
                .assertStatus(201)
                .text("apiKey");
        placeUntilLimited(trader, market, "first-key", new ArrayList<>())
                .response()
                .assertProblem(429, "RATE_LIMITED");

        // More keys must not mean more requests: the other key finds the account's bucket empty, where a
        // bucket of its own would take a full burst first.
        List<String> acceptedWithSecond = new ArrayList<>();
        placeUntilLimited(new Trader(trader.accountId(), second, ""), market, "second-key", acceptedWithSecond)
                .response()
                .assertProblem(429, "RATE_LIMITED");
        assertThat(acceptedWithSecond).hasSizeLessThan(BURST);
    }

    @Test
    void publicEndpointsAreNotLimitedPerKey() {
        for (int i = 0; i < BURST * 3; i++) {
            api.get("/api/v1/markets", null).assertStatus(200);
        }
    }

    @Test
    void aBatchCostsOneRequestPerOrderAndOneOverTheLimitPlacesNothing() throws InterruptedException {
        String market = newMarket();
        Trader trader = newFundedTrader("10000");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            orders.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
        }
        String batch = "{\"orders\":[" + String.join(",", orders) + "]}";

        ApiClient.Response first =
                api.post("/api/v1/orders/batch", trader.apiKey(), batch).assertStatus(200);
        // Unless the first batch took four seconds, its twenty orders emptied the bucket (burst 20).
        ApiClient.Response second = api.post("/api/v1/orders/batch", trader.apiKey(), batch);

        second.assertProblem(429, "RATE_LIMITED");
        String retryAfter = second.headers().firstValue("Retry-After").orElseThrow();
        Thread.sleep(Long.parseLong(retryAfter) * 1000);
        assertThat(api.get("/api/v1/orders?limit=500", trader.apiKey())
                        .assertStatus(200)
                        .json())
                .as("the refused batch placed nothing")
                .hasSize(BURST);
    }

    /**
     * A WebSocket order op spends the account's REST bucket: a socket batch right after a REST batch that emptied it
     * is a {@code result} 429 {@code RATE_LIMITED} and places nothing.
     */
    @Test
    void aWebSocketOrderOpSpendsTheAccountsRestBucket() throws InterruptedException {
        String market = newMarket();
        Trader trader = newFundedTrader("10000");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            orders.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
        }
        String batch = "{\"orders\":[" + String.join(",", orders) + "]}";
        try (SocketClient socket = SocketClient.connect(port)) {
            socket.ask("{\"op\":\"auth\",\"apiKey\":\"" + trader.apiKey() + "\"}", "authenticated");

            api.post("/api/v1/orders/batch", trader.apiKey(), batch).assertStatus(200);
            // Unless the REST batch took four seconds, its twenty orders emptied the bucket (burst 20).
            JsonNode refused = socket.ask("{\"op\":\"order.batch\",\"id\":1," + batch.substring(1), "result");

            assertThat(refused.path("status").asInt()).isEqualTo(429);
            assertThat(refused.path("body").path("code").asString()).isEqualTo("RATE_LIMITED");
        }
        // The bucket is empty: the read waits for a token (5 a second).
        ApiClient.Response live = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/orders?limit=500", trader.apiKey()), r -> r.status() == 200);
        assertThat(live.json()).as("the refused batch placed nothing").hasSize(BURST);
    }
}
