package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.web.ApiClient;
import io.bulwark.web.socket.SocketClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * WebSocket order entry (SPEC section 11 v2) through a real WebSocket client against real PostgreSQL: each
 * {@code order.*} op answers a {@code result} with the status and body the REST call gives (ids, times and the
 * problem's {@code instance} aside), needs a TRADER key with TRADE that is still valid at every op, and a
 * session's ops are carried out in the order they came.
 */
class OrderSocketApiTests extends TradingApiTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What differs between two accounts' equal requests: their ids and times, and REST's request path. */
    private static final Set<String> VARYING =
            Set.of("orderId", "accountId", "createdAt", "updatedAt", "time", "fillId", "sequence", "instance");

    private final List<SocketClient> clients = new ArrayList<>();
    private int nextId;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void disconnect() {
        clients.forEach(SocketClient::close);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get("bulwark.websocket.sessions").gauge().value() == 0);
    }

    private SocketClient connect() {
        SocketClient client = SocketClient.connect(port);
        clients.add(client);
        return client;
    }

    private SocketClient connectAs(String apiKey) {
        SocketClient client = connect();
        client.ask("{\"op\":\"auth\",\"apiKey\":\"" + apiKey + "\"}", "authenticated");
        return client;
    }

    /** Sends an op with a fresh id and returns its {@code result}. */
    private JsonNode op(SocketClient client, String op, Function<ObjectNode, ObjectNode> fields) {
        int id = ++nextId;
        ObjectNode frame = JSON.createObjectNode().put("op", op).put("id", id);
        client.send(JSON.writeValueAsString(fields.apply(frame)));
        return result(client, id);
    }

    private static JsonNode result(SocketClient client, int id) {
        JsonNode message = client.next(
                m -> m.path("id").asInt(-1) == id
                        && Set.of("result", "error").contains(m.path("type").asString()),
                "the reply to " + id);
        assertThat(message.path("type").asString()).as("%s", message).isEqualTo("result");
        return message;
    }

    private static ObjectNode withOrder(ObjectNode frame, String order) {
        frame.set("order", JSON.readTree(order));
        return frame;
    }

    /** The same answer, ids and times aside. */
    private static void assertSameAnswer(String what, JsonNode result, ApiClient.Response rest) {
        assertThat(result.path("status").asInt())
                .as("%s: status (%s)", what, result)
                .isEqualTo(rest.status());
        // As text: the same fields in the same order, not only equal trees.
        assertThat(normalized(result.path("body")).toString())
                .as(what)
                .isEqualTo(normalized(rest.json()).toString());
    }

    /** The same answer, ids and times aside, where the socket's order {@code socketId} is REST's {@code restId}. */
    private static void assertSameAnswer(
            String what, JsonNode result, ApiClient.Response rest, String socketId, String restId) {
        assertThat(result.path("status").asInt())
                .as("%s: status (%s)", what, result)
                .isEqualTo(rest.status());
        assertThat(normalized(result.path("body")).toString().replace(socketId, restId))
                .as(what)
                .isEqualTo(normalized(rest.json()).toString());
    }

    private static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(VARYING);
        }
        node.forEach(OrderSocketApiTests::strip);
    }

    @Test
    void eachOpAnswersTheStatusAndBodyOfTheRestCall() {
        String market = newMarket();
        markAt(market, "65000");
        Trader maker = newFundedTrader("100000");
        placed(maker, Ticket.limit(market, "SELL", "1", "65000"));
        Trader rest = newFundedTrader("100000");
        Trader socket = newFundedTrader("100000");
        SocketClient client = connectAs(socket.apiKey());
        String clientId = "eq-" + System.nanoTime();

        List<String> orders = List.of(
                Ticket.limit(market, "BUY", "0.1", "64000")
                        .clientOrderId(clientId)
                        .json(),
                Ticket.limit(market, "BUY", "0.1", "64000")
                        .clientOrderId(clientId)
                        .json(),
                Ticket.limit(market, "BUY", "0.2", "64000")
                        .clientOrderId(clientId)
                        .json(),
                Ticket.limit(market, "BUY", "0", "64000").json(),
                Ticket.limit(market, "BUY", "0.1234567891234", "64000").json(),
                Ticket.limit("NOPE-USD-PERP", "BUY", "0.1", "64000").json(),
                Ticket.limit(market, "BUY", "0.1", "65000").tif("POST_ONLY").json(),
                Ticket.limit(market, "BUY", "0.1", "64000").with("color", "red").json(),
                Ticket.limit(market, "BUY", "0.1", "64000").with("market", null).json(),
                Ticket.limit(market, "UP", "0.1", "64000").json(),
                Ticket.limit(market, "BUY", "0.1", "64000")
                        .with("size", List.of())
                        .json(),
                "[]",
                "null");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            String order = orders.get(i);
            ApiClient.Response byRest = api.post("/api/v1/orders", rest.apiKey(), order);
            JsonNode bySocket = op(client, "order.place", f -> withOrder(f, order));
            assertSameAnswer("order.place " + i + " " + order, bySocket, byRest);
            statuses.add(byRest.status());
        }
        assertThat(statuses).containsExactly(201, 200, 409, 400, 400, 404, 422, 400, 400, 400, 400, 400, 400);

        // order.batch: one result per order; 21 orders or none are refused whole.
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= OrderActions.MAX_PLACE_BATCH; i++) {
            many.add(Ticket.limit(market, "BUY", "0.001", "60000").json());
        }
        for (String batch : List.of(
                "{\"orders\":[" + String.join(",", orders.subList(3, 8)) + ","
                        + Ticket.limit(market, "BUY", "0.01", "63000").json() + "]}",
                "{\"orders\":[" + String.join(",", many) + "]}",
                "{\"orders\":[]}",
                "{}",
                "{\"orders\":{}}",
                "{\"orders\":[" + orders.getFirst() + "],\"extra\":1}")) {
            ApiClient.Response byRest = api.post("/api/v1/orders/batch", rest.apiKey(), batch);
            JsonNode bySocket = op(client, "order.batch", f -> f.setAll((ObjectNode) JSON.readTree(batch)));
            assertSameAnswer("order.batch " + batch, bySocket, byRest);
        }

        // order.amend of each account's own order, of none, with bad values.
        String restOrder = api.get("/api/v1/orders/by-client-id/" + clientId, rest.apiKey())
                .assertStatus(200)
                .text("orderId");
        String socketOrder = api.get("/api/v1/orders/by-client-id/" + clientId, socket.apiKey())
                .assertStatus(200)
                .text("orderId");
        for (String amend : List.of(
                "{\"price\":\"63000\"}",
                "{\"size\":\"0.05\",\"price\":\"63500\"}",
                "{\"size\":\"-1\"}",
                "{\"price\":\"abc\"}",
                "{\"colour\":\"red\"}",
                "{\"price\":\"66000\"}")) {
            ApiClient.Response byRest = api.patch("/api/v1/orders/" + restOrder, rest.apiKey(), amend);
            JsonNode bySocket = op(
                    client,
                    "order.amend",
                    f -> f.put("orderId", socketOrder).setAll((ObjectNode) JSON.readTree(amend)));
            assertSameAnswer("order.amend " + amend, bySocket, byRest);
        }
        assertSameAnswer(
                "order.amend of no order",
                op(client, "order.amend", f -> f.put("orderId", "999999999").put("price", "1")),
                api.patch("/api/v1/orders/999999999", rest.apiKey(), "{\"price\":\"1\"}"));

        // order.cancel by order id and by client order id; order.cancelAll.
        assertSameAnswer(
                "order.cancel of no order",
                op(client, "order.cancel", f -> f.put("orderId", "999999999")),
                api.delete("/api/v1/orders/999999999", rest.apiKey()));
        for (int round = 0; round < 2; round++) {
            assertSameAnswer(
                    "order.cancel by client order id, round " + round,
                    op(client, "order.cancel", f -> f.put("clientOrderId", clientId)),
                    api.delete("/api/v1/orders/by-client-id/" + clientId, rest.apiKey()));
        }
        assertSameAnswer(
                "order.cancel by a malformed client order id",
                op(client, "order.cancel", f -> f.put("clientOrderId", "x".repeat(65))),
                api.delete("/api/v1/orders/by-client-id/" + "x".repeat(65), rest.apiKey()));
        assertSameAnswer(
                "order.cancel of an order cancelled already",
                op(client, "order.cancel", f -> f.put("orderId", socketOrder)),
                api.delete("/api/v1/orders/" + restOrder, rest.apiKey()),
                socketOrder,
                restOrder);
        assertSameAnswer(
                "order.cancelAll in a market",
                op(client, "order.cancelAll", f -> f.put("market", market)),
                api.delete("/api/v1/orders?market=" + market, rest.apiKey()));
        assertSameAnswer(
                "order.cancelAll in every market",
                op(client, "order.cancelAll", f -> f),
                api.delete("/api/v1/orders", rest.apiKey()));
        assertThat(liveOrderIds(socket)).isEmpty();
    }

    @Test
    void aSessionsOpsAreCarriedOutInTheOrderTheyCame() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        SocketClient client = connectAs(trader.apiKey());
        String clientId = "seq-" + System.nanoTime();
        String order = Ticket.limit(market, "BUY", "0.1", "60000")
                .clientOrderId(clientId)
                .json();

        client.send("{\"op\":\"order.place\",\"id\":\"a\",\"order\":" + order + "}");
        client.send("{\"op\":\"order.cancel\",\"id\":\"b\",\"clientOrderId\":\"" + clientId + "\"}");
        client.send("{\"op\":\"order.place\",\"id\":\"c\",\"order\":" + order + "}");
        List<JsonNode> results = new ArrayList<>();
        while (results.size() < 3) {
            JsonNode message = client.next("result");
            results.add(message);
        }

        assertThat(results.stream().map(r -> r.path("id").asString())).containsExactly("a", "b", "c");
        assertThat(results.stream().map(r -> r.path("status").asInt())).containsExactly(201, 200, 200);
        assertThat(results.get(1).path("body").path("status").asString()).isEqualTo("CANCELLED");
        assertThat(liveOrderIds(trader)).isEmpty();
    }

    @Test
    void orderEntryNeedsATradeKeyAsRestDoes() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        String order = Ticket.limit(market, "BUY", "0.1", "60000").json();

        JsonNode anonymous = op(connect(), "order.place", f -> withOrder(f, order));
        assertThat(anonymous.path("status").asInt()).isEqualTo(401);
        assertThat(anonymous.path("body").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        api.post("/api/v1/orders", null, order).assertProblem(401, "UNAUTHENTICATED");

        String readOnly = api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertStatus(201)
                .text("apiKey");
        assertSameAnswer(
                "a READ key",
                op(connectAs(readOnly), "order.place", f -> withOrder(f, order)),
                api.post("/api/v1/orders", readOnly, order).assertProblem(403, "SCOPE_REQUIRED"));
        assertSameAnswer(
                "the admin key",
                op(connectAs(ADMIN_KEY), "order.cancelAll", f -> f),
                api.delete("/api/v1/orders", ADMIN_KEY).assertProblem(403, "FORBIDDEN"));
        assertThat(liveOrderIds(trader)).isEmpty();
    }

    @Test
    void aKeyRevokedAfterAuthTradesNoMore() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        ApiClient.Response issued = api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                        ADMIN_KEY,
                        "{\"scopes\":[\"READ\",\"TRADE\"]}")
                .assertStatus(201);
        SocketClient client = connectAs(issued.text("apiKey"));
        String order = Ticket.limit(market, "BUY", "0.1", "60000").json();
        assertThat(op(client, "order.place", f -> withOrder(f, order))
                        .path("status")
                        .asInt())
                .isEqualTo(201);

        api.delete("/api/v1/keys/" + issued.text("keyId"), trader.apiKey()).assertStatus(204);

        JsonNode refused = op(client, "order.place", f -> withOrder(f, order));
        assertThat(refused.path("status").asInt()).isEqualTo(401);
        assertThat(refused.path("body").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(liveOrderIds(trader)).hasSize(1);
    }

    @Test
    void aMalformedOpIsAnErrorAndCarriesNothingOut() {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        SocketClient client = connectAs(trader.apiKey());
        String order = Ticket.limit(market, "BUY", "0.1", "60000").json();

        for (String frame : List.of(
                "{\"op\":\"order.place\",\"order\":" + order + "}",
                "{\"op\":\"order.place\",\"id\":1,\"order\":" + order + ",\"market\":\"x\"}",
                "{\"op\":\"order.cancel\",\"id\":2,\"orderId\":\"1\",\"clientOrderId\":\"a\"}",
                "{\"op\":\"order.cancel\",\"id\":3}",
                "{\"op\":\"order.cancel\",\"id\":4,\"orderId\":7}",
                "{\"op\":\"order.amend\",\"id\":5,\"price\":\"1\"}",
                "{\"op\":\"order.cancelAll\",\"id\":6,\"market\":\"\"}",
                "{\"op\":\"order.explode\",\"id\":7}")) {
            JsonNode error = client.ask(frame, "error");
            assertThat(error.path("code").asString()).as(frame).isEqualTo("BAD_REQUEST");
        }
        assertThat(liveOrderIds(trader)).isEmpty();
    }
}
