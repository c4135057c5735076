package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.JournalConnections;
import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /orders/batch} and {@code DELETE /orders/batch} over HTTP (SPEC section 10 v2): one result per
 * order or id, in order, each the status and body the single call gives; a batch over its limit or empty is
 * refused whole; the orders of a batch are applied in request order with no other command between them.
 */
class OrderBatchApiTests extends TradingApiTestBase {
    private static final int MAX_OPEN_ORDERS = 200;

    @Autowired
    JournalConnections connections;

    private ApiClient.Response placeBatch(Trader trader, List<String> orders) {
        return api.post("/api/v1/orders/batch", trader.apiKey(), "{\"orders\":[" + String.join(",", orders) + "]}");
    }

    private ApiClient.Response cancelBatch(Trader trader, String body) {
        return api.send("/api/v1/orders/batch", trader.apiKey(), "DELETE", "application/json", body);
    }

    private static String ids(String field, List<String> ids) {
        return "\"" + field + "\":["
                + String.join(",", ids.stream().map(i -> "\"" + i + "\"").toList()) + "]";
    }

    private static List<JsonNode> results(ApiClient.Response response) {
        List<JsonNode> results = new ArrayList<>();
        response.assertStatus(200).json().path("results").forEach(results::add);
        return results;
    }

    @Test
    void eachOrderGetsTheStatusAndBodyItsSinglePostGets() {
        String market = newMarket();
        String other = newMarket();
        markAt(market, "65000");
        markAt(other, "65000");
        Trader maker = newFundedTrader("100000");
        placed(maker, Ticket.limit(market, "SELL", "1", "65000"));
        List<String> orders = List.of(
                Ticket.limit(market, "BUY", "0.1", "64000").json(),
                Ticket.limit(market, "BUY", "0", "64000").json(),
                Ticket.limit("NOPE-USD-PERP", "BUY", "0.1", "64000").json(),
                Ticket.limit(market, "UP", "0.1", "64000").json(),
                Ticket.limit(market, "BUY", "0.1", "64000").with("market", null).json(),
                Ticket.limit(market, "BUY", "0.1", "65000").tif("POST_ONLY").json(),
                Ticket.limit(market, "BUY", "0.1", "64000").with("color", "red").json(),
                Ticket.limit(other, "SELL", "0.1", "66000").json());
        Trader batcher = newFundedTrader("100000");
        Trader single = newFundedTrader("100000");

        List<JsonNode> results = results(placeBatch(batcher, orders));

        assertThat(results).hasSize(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            ApiClient.Response alone = api.post("/api/v1/orders", single.apiKey(), orders.get(i));
            JsonNode result = results.get(i);
            assertThat(result.path("status").asInt()).as("order %d", i).isEqualTo(alone.status());
            JsonNode body = result.path("body");
            if (alone.status() == 201) {
                assertThat(body.path("status").asString()).isEqualTo(alone.text("status"));
                assertThat(body.path("market").asString()).isEqualTo(alone.text("market"));
                assertThat(body.path("accountId").asString()).isEqualTo(batcher.accountId());
            } else {
                assertThat(body.path("code").asString()).as("order %d", i).isEqualTo(alone.text("code"));
                assertThat(body.path("detail").asString()).isEqualTo(alone.text("detail"));
                assertThat(body.path("status").asInt()).isEqualTo(alone.status());
                assertThat(body.path("errors")).isEqualTo(alone.json().path("errors"));
            }
        }
        assertThat(results.stream().map(r -> r.path("status").asInt()))
                .containsExactly(201, 400, 404, 400, 400, 422, 400, 201);
        assertThat(results.get(4)
                        .path("body")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("market");
        assertThat(liveOrderIds(batcher))
                .containsExactlyInAnyOrder(
                        results.get(0).path("body").path("orderId").asString(),
                        results.get(7).path("body").path("orderId").asString());
    }

    @Test
    void aBatchIsAppliedInRequestOrderWithNothingBetweenItsOrders() throws SQLException {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        List<String> orders = new ArrayList<>();
        List<String> clientIds = new ArrayList<>();
        for (int i = 0; i < OrderActions.MAX_PLACE_BATCH; i++) {
            String clientId = "seq-" + System.nanoTime() + "-" + i;
            clientIds.add(clientId);
            orders.add(Ticket.limit(market, "BUY", "0.001", Integer.toString(60_000 + i))
                    .clientOrderId(clientId)
                    .json());
        }

        List<JsonNode> results = results(placeBatch(trader, orders));

        List<Long> orderIds = results.stream()
                .map(r -> Long.parseLong(r.path("body").path("orderId").asString()))
                .toList();
        assertThat(results).allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(201));
        assertThat(results.stream()
                        .map(r -> r.path("body").path("clientOrderId").asString()))
                .containsExactlyElementsOf(clientIds);
        assertThat(orderIds).isSorted().doesNotHaveDuplicates();
        List<Long> sequences = new ArrayList<>();
        try (Connection c = connections.open("test");
                PreparedStatement q =
                        c.prepareStatement("SELECT sequence FROM journal WHERE command_type = 'PlaceOrder'"
                                + " AND command->>'clientOrderId' = ANY (?) ORDER BY sequence")) {
            q.setArray(1, c.createArrayOf("text", clientIds.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
        }
        assertThat(sequences).hasSize(clientIds.size());
        assertThat(sequences.getLast() - sequences.getFirst())
                .as("consecutive sequences: no other command between the batch's orders")
                .isEqualTo(clientIds.size() - 1L);
    }

    @Test
    void aClientOrderIdTwiceInOneBatchIsARetryOrADuplicate() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        String order = Ticket.limit(market, "BUY", "0.1", "60000")
                .clientOrderId("twice")
                .json();
        String changed = Ticket.limit(market, "BUY", "0.2", "60000")
                .clientOrderId("twice")
                .json();

        List<JsonNode> results = results(placeBatch(trader, List.of(order, order, changed)));

        assertThat(results.stream().map(r -> r.path("status").asInt())).containsExactly(201, 200, 409);
        assertThat(results.get(1).path("body").path("orderId"))
                .isEqualTo(results.get(0).path("body").path("orderId"));
        assertThat(results.get(2).path("body").path("code").asString()).isEqualTo("DUPLICATE_CLIENT_ORDER_ID");
        assertThat(liveOrderIds(trader)).hasSize(1);
    }

    @Test
    void aBatchOverTheLimitOrEmptyIsRefusedWholeAndPlacesNothing() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= OrderActions.MAX_PLACE_BATCH; i++) {
            tooMany.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
        }

        placeBatch(trader, tooMany).assertProblem(400, "VALIDATION_FAILED");
        placeBatch(trader, List.of()).assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/orders/batch", trader.apiKey(), "{}").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/orders/batch", trader.apiKey(), "{\"orders\":{}}").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/orders/batch", trader.apiKey(), "[]").assertProblem(400, "VALIDATION_FAILED");
        assertThat(results(placeBatch(trader, List.of("null", "7", "\"x\"")))).allSatisfy(r -> {
            assertThat(r.path("status").asInt()).isEqualTo(400);
            assertThat(r.path("body").path("code").asString()).isEqualTo("VALIDATION_FAILED");
        });
        assertThat(liveOrderIds(trader)).isEmpty();
    }

    @Test
    void theOpenOrderLimitStopsABatchPartWayInOneMarketOnly() {
        String market = newMarket();
        String other = newMarket();
        Trader trader = newFundedTrader("10000000");
        int before = MAX_OPEN_ORDERS - 10;
        for (int placed = 0; placed < before; placed += OrderActions.MAX_PLACE_BATCH) {
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < Math.min(OrderActions.MAX_PLACE_BATCH, before - placed); i++) {
                orders.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
            }
            assertThat(results(placeBatch(trader, orders)))
                    .allSatisfy(r -> assertThat(r.path("status").asInt()).isEqualTo(201));
        }
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < OrderActions.MAX_PLACE_BATCH; i++) {
            mixed.add(Ticket.limit(i % 2 == 0 ? market : other, "BUY", "0.001", "60000")
                    .json());
        }

        List<JsonNode> results = results(placeBatch(trader, mixed));

        List<Integer> inMarket = new ArrayList<>();
        List<Integer> inOther = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            (i % 2 == 0 ? inMarket : inOther).add(results.get(i).path("status").asInt());
        }
        assertThat(inMarket).containsExactly(201, 201, 201, 201, 201, 201, 201, 201, 201, 201);
        assertThat(inOther).containsOnly(201).hasSize(10);
        mixed.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
        List<JsonNode> over = results(placeBatch(trader, mixed.subList(0, 3)));
        assertThat(over.stream().map(r -> r.path("status").asInt())).containsExactly(409, 201, 409);
        assertThat(over.get(0).path("body").path("code").asString()).isEqualTo("TOO_MANY_OPEN_ORDERS");
    }

    @Test
    void cancelsByOrderIdsAndClientOrderIdsOneResultEachWithoutLeakingOtherAccounts() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader mallory = newFundedTrader("100000");
        String a1 = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        String a2 = placed(alice, Ticket.limit(market, "BUY", "0.1", "60001").clientOrderId("a-two"))
                .path("orderId")
                .asString();
        String a3 = placed(alice, Ticket.limit(market, "BUY", "0.1", "60002").clientOrderId("a-three"))
                .path("orderId")
                .asString();
        String m1 = placed(mallory, Ticket.limit(market, "BUY", "0.1", "60000").clientOrderId("m-one"))
                .path("orderId")
                .asString();

        List<JsonNode> results = results(cancelBatch(
                alice,
                "{" + ids("orderIds", List.of(a1, m1, "0" + a1, a1, "999999999")) + ","
                        + ids("clientOrderIds", List.of("a-two", "m-one", "no such", "a-two")) + "}"));

        assertThat(results.stream().map(r -> r.path("status").asInt()))
                .containsExactly(200, 404, 404, 404, 404, 200, 404, 404, 404);
        assertThat(results.stream()
                        .map(r -> r.path("orderId").isNull()
                                ? "c:" + r.path("clientOrderId").asString()
                                : r.path("orderId").asString()))
                .containsExactly(a1, m1, "0" + a1, a1, "999999999", "c:a-two", "c:m-one", "c:no such", "c:a-two");
        assertThat(results.get(0).path("body").path("status").asString()).isEqualTo("CANCELLED");
        assertThat(results.get(5).path("body").path("orderId").asString()).isEqualTo(a2);
        assertThat(results.stream().filter(r -> r.path("status").asInt() == 404))
                .allSatisfy(
                        r -> assertThat(r.path("body").path("code").asString()).isEqualTo("ORDER_NOT_FOUND"));
        // Mallory's order, named by its id or its client id, is as unknown to Alice as one that never existed.
        assertThat(results.get(1).path("body").path("detail").asString())
                .isEqualTo(results.get(4).path("body").path("detail").asString().replace("999999999", m1));
        assertThat(liveOrderIds(alice)).containsExactly(a3);
        assertThat(liveOrderIds(mallory)).containsExactly(m1);
    }

    @Test
    void aCancelBatchOverTheLimitOrEmptyCancelsNothing() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        String id = placed(trader, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        List<String> orderIds = new ArrayList<>();
        List<String> clientIds = new ArrayList<>();
        orderIds.add(id);
        for (int i = 1; i <= 50; i++) {
            orderIds.add(Integer.toString(i));
            clientIds.add("c" + i);
        }

        cancelBatch(trader, "{" + ids("orderIds", orderIds) + "," + ids("clientOrderIds", clientIds) + "}")
                .assertProblem(400, "VALIDATION_FAILED");
        cancelBatch(trader, "{}").assertProblem(400, "VALIDATION_FAILED");
        cancelBatch(trader, "{\"orderIds\":[],\"clientOrderIds\":[]}").assertProblem(400, "VALIDATION_FAILED");
        cancelBatch(trader, "{\"orderIds\":[null]}").assertProblem(400, "VALIDATION_FAILED");
        cancelBatch(trader, "{\"orderIds\":[1]}").assertProblem(400, "VALIDATION_FAILED");
        assertThat(liveOrderIds(trader)).containsExactly(id);
    }
}
