package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reading, cancelling and amending orders over HTTP; a trader only ever sees its own. */
class OrderManagementTests extends TradingApiTestBase {

    private static List<String> ids(JsonNode orders) {
        List<String> ids = new ArrayList<>();
        orders.forEach(o -> ids.add(o.path("orderId").asString()));
        return ids;
    }

    @Test
    void listsLiveAndFinishedOrdersNewestFirstAndPages() {
        String market = newMarket();
        String other = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        String first = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        String second = placed(alice, Ticket.limit(market, "BUY", "0.1", "60001"))
                .path("orderId")
                .asString();
        String third = placed(alice, Ticket.limit(other, "BUY", "0.1", "60002"))
                .path("orderId")
                .asString();
        String trigger = placed(alice, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.1", "50000"))
                .path("orderId")
                .asString();
        String key = alice.apiKey();
        markAt(market, "60000");

        assertThat(ids(api.get("/api/v1/orders", key).json())).containsExactly(trigger, third, second, first);
        assertThat(ids(api.get("/api/v1/orders?market=" + market, key).json())).containsExactly(trigger, second, first);
        assertThat(ids(api.get("/api/v1/orders?status=UNTRIGGERED", key).json()))
                .containsExactly(trigger);
        assertThat(ids(api.get("/api/v1/orders?status=OPEN&limit=2", key).json()))
                .containsExactly(third, second);
        assertThat(ids(api.get("/api/v1/orders?status=OPEN&before=" + second, key)
                        .json()))
                .containsExactly(first);

        placed(bob, Ticket.limit(market, "SELL", "0.1", "60001")); // fills `second`
        api.delete("/api/v1/orders/" + first, key).assertStatus(200);
        assertThat(ids(api.get("/api/v1/orders?status=FILLED", key).json())).containsExactly(second);
        assertThat(ids(api.get("/api/v1/orders?status=CANCELLED&market=" + market, key)
                        .json()))
                .containsExactly(first);
        assertThat(ids(api.get("/api/v1/orders?status=CANCELLED&market=" + other, key)
                        .json()))
                .isEmpty();
        assertThat(ids(api.get("/api/v1/orders", key).json())).containsExactly(trigger, third);

        JsonNode filled = api.get("/api/v1/orders?status=FILLED", key).json().get(0);
        assertThat(filled.path("fills").get(0).path("liquidity").asString()).isEqualTo("MAKER");
        api.get("/api/v1/orders?status=OPEN&limit=0", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?status=OPEN&limit=501", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?before=abc", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?status=open", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/orders?market=NOPE-USD-PERP", key).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void cancelsOneLiveOrderOnce() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        String id = placed(alice, Ticket.limit(market, "BUY", "1", "60000"))
                .path("orderId")
                .asString();

        for (String notAnId : List.of("0" + id, "+" + id, id + " ", "-1", "9".repeat(19))) {
            api.delete("/api/v1/orders/" + notAnId.replace(" ", "%20"), alice.apiKey())
                    .assertProblem(404, "ORDER_NOT_FOUND");
            api.get("/api/v1/orders/" + notAnId.replace(" ", "%20"), alice.apiKey())
                    .assertProblem(404, "ORDER_NOT_FOUND");
        }
        assertThat(liveOrderIds(alice)).containsExactly(id);

        JsonNode cancelled = api.delete("/api/v1/orders/" + id, alice.apiKey())
                .assertStatus(200)
                .json();

        assertThat(cancelled.path("orderId").asString()).isEqualTo(id);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString()).isEqualTo("USER");
        assertThat(api.get("/api/v1/orders/" + id, alice.apiKey()).json()).isEqualTo(cancelled);
        api.delete("/api/v1/orders/" + id, alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
        api.delete("/api/v1/orders/nope", alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
        assertThat(api.get("/api/v1/markets/" + market + "/orderbook", null)
                        .json()
                        .path("bids")
                        .isEmpty())
                .isTrue();
        assertThat(api.get("/api/v1/account", alice.apiKey()).text("initialMarginRequirement"))
                .isEqualTo("0");
    }

    @Test
    void cancelsAllLiveOrdersInOneMarketOrEverywhere() {
        String market = newMarket();
        String other = newMarket();
        Trader alice = newFundedTrader("100000");
        String a = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        String b = placed(alice, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.1", "50000"))
                .path("orderId")
                .asString();
        String c = placed(alice, Ticket.limit(other, "SELL", "0.1", "70000"))
                .path("orderId")
                .asString();

        JsonNode inMarket = api.delete("/api/v1/orders?market=" + market, alice.apiKey())
                .assertStatus(200)
                .json();
        assertThat(ids(inMarket.path("cancelled"))).containsExactlyInAnyOrder(a, b);
        inMarket.path("cancelled")
                .forEach(o -> assertThat(o.path("cancelReason").asString()).isEqualTo("USER"));
        assertThat(liveOrderIds(alice)).containsExactly(c);

        assertThat(ids(api.delete("/api/v1/orders", alice.apiKey()).json().path("cancelled")))
                .containsExactly(c);
        assertThat(api.delete("/api/v1/orders", alice.apiKey())
                        .json()
                        .path("cancelled")
                        .isEmpty())
                .isTrue();
        api.delete("/api/v1/orders?market=NOPE-USD-PERP", alice.apiKey()).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void anAmendDownKeepsTimePriorityAndAPriceChangeLosesIt() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        Trader carol = newFundedTrader("100000");
        markAt(market, "65000");
        String first = placed(alice, Ticket.limit(market, "SELL", "1", "65000"))
                .path("orderId")
                .asString();
        String second = placed(bob, Ticket.limit(market, "SELL", "1", "65000"))
                .path("orderId")
                .asString();

        JsonNode smaller = api.patch("/api/v1/orders/" + first, alice.apiKey(), "{\"size\":\"0.5\"}")
                .assertStatus(200)
                .json();
        assertThat(smaller.path("size").asString()).isEqualTo("0.5");
        assertThat(smaller.path("status").asString()).isEqualTo("OPEN");
        JsonNode taken = placed(carol, Ticket.limit(market, "BUY", "0.5", "65000"));
        assertThat(taken.path("fills").get(0).path("tradeId").asString())
                .isEqualTo(taken.path("orderId").asString() + "-1");
        assertThat(api.get("/api/v1/orders/" + first, alice.apiKey())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("FILLED"); // the amended order kept its place ahead of bob's

        JsonNode moved = api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"price\":\"65010\",\"size\":\"2\"}")
                .assertStatus(200)
                .json();
        assertThat(moved.path("price").asString()).isEqualTo("65010");
        assertThat(moved.path("size").asString()).isEqualTo("2");
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"price\":\"64000\"}")
                .assertStatus(200);
        placed(carol, Ticket.limit(market, "BUY", "1", "63000"));
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"price\":\"62000\"}")
                .assertProblem(422, "POST_ONLY_WOULD_CROSS");
        assertThat(api.get("/api/v1/orders/" + second, bob.apiKey())
                        .json()
                        .path("price")
                        .asString())
                .isEqualTo("64000");

        api.patch("/api/v1/orders/" + first, alice.apiKey(), "{\"size\":\"1\"}").assertProblem(404, "ORDER_NOT_FOUND");
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{}").assertProblem(400, "VALIDATION_FAILED");
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"size\":\"0\"}").assertProblem(400, "INVALID_SIZE");
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"price\":\"64000.05\"}")
                .assertProblem(400, "INVALID_PRICE");
        api.patch("/api/v1/orders/" + second, bob.apiKey(), "{\"leverage\":\"2\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        String stop = placed(bob, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.1", "50000"))
                .path("orderId")
                .asString();
        api.patch("/api/v1/orders/" + stop, bob.apiKey(), "{\"size\":\"0.2\"}").assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void aTraderNeverSeesOrTouchesAnotherAccountsOrders() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader mallory = newFundedTrader("100000");
        markAt(market, "65000");
        String mine = placed(alice, Ticket.limit(market, "SELL", "1", "65000"))
                .path("orderId")
                .asString();
        placed(mallory, Ticket.limit(market, "BUY", "0.1", "65000"));
        String done = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        api.delete("/api/v1/orders/" + done, alice.apiKey()).assertStatus(200);
        String key = mallory.apiKey();

        for (String id : List.of(mine, done)) {
            api.get("/api/v1/orders/" + id, key).assertProblem(404, "ORDER_NOT_FOUND");
            api.delete("/api/v1/orders/" + id, key).assertProblem(404, "ORDER_NOT_FOUND");
            api.patch("/api/v1/orders/" + id, key, "{\"size\":\"0.5\"}").assertProblem(404, "ORDER_NOT_FOUND");
        }
        assertThat(api.get("/api/v1/orders", key).json().isEmpty()).isTrue();
        assertThat(api.get("/api/v1/orders?status=CANCELLED", key).json().isEmpty())
                .isTrue();
        assertThat(api.get("/api/v1/fills", key).json())
                .allSatisfy(f -> assertThat(f.path("liquidity").asString()).isEqualTo("TAKER"));
        assertThat(api.delete("/api/v1/orders", key).json().path("cancelled").isEmpty())
                .isTrue();
        assertThat(liveOrderIds(alice)).containsExactly(mine);
        api.get("/api/v1/orders/" + mine, ADMIN_KEY).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/orders/" + mine, null).assertProblem(401, "UNAUTHENTICATED");
    }
}
