package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET} and {@code DELETE /orders/by-client-id/{clientOrderId}}, and {@code GET /orders?from=&to=}, over
 * HTTP (SPEC section 10 v2). Another account's client order id is as unknown as one never used.
 */
class OrderByClientIdApiTests extends TradingApiTestBase {

    private static List<String> ids(JsonNode orders) {
        List<String> ids = new ArrayList<>();
        orders.forEach(o -> ids.add(o.path("orderId").asString()));
        return ids;
    }

    @Test
    void readsAndCancelsAnOrderByItsClientOrderId() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader mallory = newFundedTrader("100000");
        String id = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000").clientOrderId("alice-1"))
                .path("orderId")
                .asString();
        placed(mallory, Ticket.limit(market, "BUY", "0.1", "60000").clientOrderId("mallory-1"));

        JsonNode live = api.get("/api/v1/orders/by-client-id/alice-1", alice.apiKey())
                .assertStatus(200)
                .json();
        assertThat(live.path("orderId").asString()).isEqualTo(id);
        assertThat(live.path("status").asString()).isEqualTo("OPEN");

        for (String path : List.of("mallory-1", "nobody", "not%20valid", "x".repeat(65))) {
            api.get("/api/v1/orders/by-client-id/" + path, alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
            api.delete("/api/v1/orders/by-client-id/" + path, alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
        }
        assertThat(api.get("/api/v1/orders/by-client-id/mallory-1", alice.apiKey())
                        .text("detail"))
                .isEqualTo(api.get("/api/v1/orders/by-client-id/nobody", alice.apiKey())
                        .text("detail")
                        .replace("nobody", "mallory-1"));
        assertThat(api.get("/api/v1/orders/by-client-id/mallory-1", mallory.apiKey())
                        .assertStatus(200)
                        .text("status"))
                .isEqualTo("OPEN");

        JsonNode cancelled = api.delete("/api/v1/orders/by-client-id/alice-1", alice.apiKey())
                .assertStatus(200)
                .json();
        assertThat(cancelled.path("orderId").asString()).isEqualTo(id);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString()).isEqualTo("USER");
        api.delete("/api/v1/orders/by-client-id/alice-1", alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
        assertThat(api.get("/api/v1/orders/by-client-id/alice-1", alice.apiKey())
                        .assertStatus(200)
                        .text("status"))
                .as("a finished order is still found by its client order id, from the history")
                .isEqualTo("CANCELLED");
        assertThat(liveOrderIds(mallory)).hasSize(1);
    }

    @Test
    void aFilledOrderIsFoundByItsClientOrderIdWithItsFills() {
        String market = newMarket();
        markAt(market, "65000");
        Trader seller = newFundedTrader("100000");
        Trader buyer = newFundedTrader("100000");
        placed(seller, Ticket.limit(market, "SELL", "0.1", "65000"));
        placed(buyer, Ticket.limit(market, "BUY", "0.1", "65000").clientOrderId("take-1"));

        JsonNode filled = api.get("/api/v1/orders/by-client-id/take-1", buyer.apiKey())
                .assertStatus(200)
                .json();

        assertThat(filled.path("status").asString()).isEqualTo("FILLED");
        assertThat(filled.path("fills")).hasSize(1);
        api.delete("/api/v1/orders/by-client-id/take-1", buyer.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
    }

    @Test
    void listsOrdersCreatedWithinATimeRange() throws InterruptedException {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        String first = placed(trader, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        Instant firstAt = Instant.parse(
                api.get("/api/v1/orders/" + first, trader.apiKey()).text("createdAt"));
        Thread.sleep(5); // two creation times at least a millisecond apart, so a bound can fall between them
        String second = placed(trader, Ticket.limit(market, "BUY", "0.1", "60001"))
                .path("orderId")
                .asString();
        Instant secondAt = Instant.parse(
                api.get("/api/v1/orders/" + second, trader.apiKey()).text("createdAt"));
        String key = trader.apiKey();

        assertThat(ids(api.get("/api/v1/orders?from=" + firstAt, key)
                        .assertStatus(200)
                        .json()))
                .containsExactly(second, first);
        assertThat(ids(api.get("/api/v1/orders?from=" + secondAt, key).json())).containsExactly(second);
        assertThat(ids(api.get("/api/v1/orders?to=" + secondAt, key).json())).containsExactly(first);
        assertThat(ids(api.get("/api/v1/orders?from=" + firstAt.toEpochMilli() + "&to=" + secondAt.toEpochMilli(), key)
                        .json()))
                .containsExactly(first);
        api.delete("/api/v1/orders/" + first, key).assertStatus(200);
        assertThat(ids(api.get("/api/v1/orders?status=CANCELLED&from=" + firstAt + "&to=" + secondAt, key)
                        .json()))
                .containsExactly(first);
        assertThat(ids(api.get("/api/v1/orders?status=CANCELLED&from=" + secondAt, key)
                        .json()))
                .isEmpty();

        api.get("/api/v1/orders?from=" + secondAt + "&to=" + firstAt, key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?from=yesterday", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?to=2026-13-01T00:00:00Z", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?from=-5", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?from=99999999999999999999", key).assertProblem(400, "VALIDATION_FAILED");
    }
}
