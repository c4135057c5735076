package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Placing orders over HTTP, as a trading UI would: every type and time in force, retries, reduce-only. */
class OrderPlacementTests extends TradingApiTestBase {

    @Test
    void aLimitOrderThatDoesNotCrossRestsAndIsAnsweredWithItsFullRepresentation() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");

        ApiClient.Response response =
                place(alice, Ticket.limit(market, "BUY", "1.5", "65000.50")).assertStatus(201);

        JsonNode order = response.json();
        String id = order.path("orderId").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/orders/" + id);
        assertThat(id).matches("[0-9]+");
        assertThat(order.path("clientOrderId").isNull()).isTrue();
        assertThat(order.path("accountId").asString()).isEqualTo(alice.accountId());
        assertThat(order.path("market").asString()).isEqualTo(market);
        assertThat(order.path("side").asString()).isEqualTo("BUY");
        assertThat(order.path("type").asString()).isEqualTo("LIMIT");
        assertThat(order.path("timeInForce").asString()).isEqualTo("GTC");
        assertThat(order.path("price").asString()).isEqualTo("65000.5");
        assertThat(order.path("triggerPrice").isNull()).isTrue();
        assertThat(order.path("size").asString()).isEqualTo("1.5");
        assertThat(order.path("filledSize").asString()).isEqualTo("0");
        assertThat(order.path("averageFillPrice").isNull()).isTrue();
        assertThat(order.path("reduceOnly").asBoolean()).isFalse();
        assertThat(order.path("status").asString()).isEqualTo("OPEN");
        assertThat(order.path("cancelReason").isNull()).isTrue();
        assertThat(order.path("createdAt").asString()).endsWith("Z");
        assertThat(order.path("updatedAt").asString())
                .isEqualTo(order.path("createdAt").asString());
        assertThat(order.path("fills").isArray()).isTrue();
        assertThat(order.path("fills").isEmpty()).isTrue();

        assertThat(api.get("/api/v1/orders/" + id, alice.apiKey())
                        .assertStatus(200)
                        .json())
                .isEqualTo(order);
        assertThat(liveOrderIds(alice)).containsExactly(id);
        JsonNode book = api.get("/api/v1/markets/" + market + "/orderbook", null)
                .assertStatus(200)
                .json();
        assertThat(book.path("bids").toString()).isEqualTo("[[\"65000.5\",\"1.5\"]]");
    }

    @Test
    void aCrossingOrderTradesAtTheMakersPriceAndBothSidesSeeTheirFills() {
        String market = newMarket();
        Trader maker = newFundedTrader("100000");
        Trader taker = newFundedTrader("100000");
        markAt(market, "65000");
        String ask = placed(maker, Ticket.limit(market, "SELL", "1", "65000"))
                .path("orderId")
                .asString();

        JsonNode bought = placed(taker, Ticket.limit(market, "BUY", "0.4", "65100"));

        assertThat(bought.path("status").asString()).isEqualTo("FILLED");
        assertThat(bought.path("filledSize").asString()).isEqualTo("0.4");
        assertThat(bought.path("averageFillPrice").asString()).isEqualTo("65000");
        JsonNode fill = bought.path("fills").get(0);
        assertThat(bought.path("fills").size()).isEqualTo(1);
        String tradeId = fill.path("tradeId").asString();
        assertThat(tradeId).isEqualTo(bought.path("orderId").asString() + "-1");
        assertThat(fill.path("fillId").asString()).isEqualTo(tradeId + "-T");
        assertThat(fill.path("orderId").asString())
                .isEqualTo(bought.path("orderId").asString());
        assertThat(fill.path("side").asString()).isEqualTo("BUY");
        assertThat(fill.path("price").asString()).isEqualTo("65000");
        assertThat(fill.path("size").asString()).isEqualTo("0.4");
        assertThat(fill.path("fee").asString()).isEqualTo("13"); // 26000 x 0.0005
        assertThat(fill.path("liquidity").asString()).isEqualTo("TAKER");
        assertThat(fill.path("sequence").asLong())
                .isEqualTo(Long.parseLong(bought.path("orderId").asString()));

        JsonNode rest = api.get("/api/v1/orders/" + ask, maker.apiKey())
                .assertStatus(200)
                .json();
        assertThat(rest.path("status").asString()).isEqualTo("PARTIALLY_FILLED");
        assertThat(rest.path("filledSize").asString()).isEqualTo("0.4");
        assertThat(rest.path("updatedAt").asString())
                .isEqualTo(bought.path("createdAt").asString());
        JsonNode makerFill = rest.path("fills").get(0);
        assertThat(makerFill.path("fillId").asString()).isEqualTo(tradeId + "-M");
        assertThat(makerFill.path("side").asString()).isEqualTo("SELL");
        assertThat(makerFill.path("fee").asString()).isEqualTo("5.2"); // 26000 x 0.0002
        assertThat(makerFill.path("liquidity").asString()).isEqualTo("MAKER");

        assertThat(api.get("/api/v1/fills", taker.apiKey()).json()).containsExactly(fill);
        assertThat(api.get("/api/v1/fills", maker.apiKey()).json()).containsExactly(makerFill);
        assertBalance(taker, "99987"); // only the fee moved: no PnL realized yet
    }

    static Stream<Arguments> immediateOrders() {
        return Stream.of(
                Arguments.of("IOC remainder is cancelled", "IOC", "0.4", "CANCELLED", "IOC_REMAINDER", "0.4", 1),
                Arguments.of("IOC that fills is filled", "IOC", "2", "FILLED", null, "1", 1),
                Arguments.of(
                        "FOK that cannot fill fully never trades",
                        "FOK",
                        "0.4",
                        "CANCELLED",
                        "FOK_NOT_FILLABLE",
                        "0",
                        0),
                Arguments.of("FOK that can fill fully fills", "FOK", "1", "FILLED", null, "1", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("immediateOrders")
    void immediateOrdersNeverRest(
            String rule, String tif, String available, String status, String reason, String filled, int fills) {
        String market = newMarket();
        Trader maker = newFundedTrader("100000");
        Trader taker = newFundedTrader("100000");
        markAt(market, "65000");
        placed(maker, Ticket.limit(market, "SELL", available, "65000"));

        JsonNode order = placed(taker, Ticket.limit(market, "BUY", "1", "65000").tif(tif));

        assertThat(order.path("timeInForce").asString()).isEqualTo(tif);
        assertThat(order.path("status").asString()).isEqualTo(status);
        assertThat(
                        order.path("cancelReason").isNull()
                                ? null
                                : order.path("cancelReason").asString())
                .isEqualTo(reason);
        assertThat(order.path("filledSize").asString()).isEqualTo(filled);
        assertThat(order.path("fills").size()).isEqualTo(fills);
        assertThat(liveOrderIds(taker)).isEmpty();
    }

    @Test
    void aMarketOrderNeedsAPriceThenTakesWithinTheBandAsAnIoc() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        place(bob, Ticket.market(market, "BUY", "1")).assertProblem(409, "PRICE_UNAVAILABLE");

        markAt(market, "65000");
        placed(alice, Ticket.limit(market, "SELL", "0.5", "68000")); // inside the 5 % band
        placed(alice, Ticket.limit(market, "SELL", "0.5", "69000")); // outside it
        JsonNode bought = placed(bob, Ticket.market(market, "BUY", "1"));

        assertThat(bought.path("type").asString()).isEqualTo("MARKET");
        assertThat(bought.path("price").isNull()).isTrue();
        assertThat(bought.path("timeInForce").asString()).isEqualTo("IOC");
        assertThat(bought.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(bought.path("cancelReason").asString()).isEqualTo("IOC_REMAINDER");
        assertThat(bought.path("filledSize").asString()).isEqualTo("0.5");
        assertThat(bought.path("fills").get(0).path("price").asString()).isEqualTo("68000");

        JsonNode sold = placed(bob, Ticket.market(market, "SELL", "1"));
        assertThat(sold.path("cancelReason").asString()).isEqualTo("NO_LIQUIDITY");
        assertThat(sold.path("fills").isEmpty()).isTrue();
    }

    @Test
    void aStopOrderWaitsUntriggeredThenFiresOnTheMark() {
        String market = newMarket();
        Trader alice = newFundedTrader("200000");
        Trader bob = newFundedTrader("200000");
        Trader carol = newFundedTrader("200000");
        markAt(market, "65000");
        JsonNode stop = placed(bob, Ticket.triggered(market, "BUY", "STOP_MARKET", "1", "65500"));
        assertThat(stop.path("status").asString()).isEqualTo("UNTRIGGERED");
        assertThat(stop.path("price").isNull()).isTrue();
        assertThat(stop.path("triggerPrice").asString()).isEqualTo("65500");
        JsonNode takeProfit = placed(
                bob,
                Ticket.triggered(market, "SELL", "TAKE_PROFIT_LIMIT", "1", "66000")
                        .with("price", "65900"));
        assertThat(takeProfit.path("status").asString()).isEqualTo("UNTRIGGERED");

        placed(alice, Ticket.limit(market, "SELL", "2", "65600"));
        JsonNode taker = placed(carol, Ticket.limit(market, "BUY", "0.5", "65600"));
        assertThat(taker.path("fills").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + stop.path("orderId").asString(), bob.apiKey())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("UNTRIGGERED"); // a trade does not move the mark: the oracle does

        markAt(market, "65600"); // the stop fires and takes from alice's ask

        JsonNode fired = api.get("/api/v1/orders/" + stop.path("orderId").asString(), bob.apiKey())
                .assertStatus(200)
                .json();
        assertThat(fired.path("status").asString()).isEqualTo("FILLED");
        assertThat(fired.path("fills").get(0).path("price").asString()).isEqualTo("65600");
        assertThat(fired.path("fills").get(0).path("liquidity").asString()).isEqualTo("TAKER");
        assertThat(liveOrderIds(bob)).containsExactly(takeProfit.path("orderId").asString());
        assertThat(api.get("/api/v1/positions", bob.apiKey())
                        .json()
                        .get(0)
                        .path("size")
                        .asString())
                .isEqualTo("1");
    }

    @Test
    void aClientOrderIdMakesRetriesSafe() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        Ticket ticket = Ticket.limit(market, "BUY", "1", "64000").clientOrderId("retry-1_A");
        markAt(market, "64000");

        JsonNode placed = placed(alice, ticket);
        assertThat(placed.path("clientOrderId").asString()).isEqualTo("retry-1_A");
        placed(bob, Ticket.limit(market, "SELL", "0.25", "64000"));

        ApiClient.Response retried = place(alice, ticket).assertStatus(200);
        assertThat(retried.headers().firstValue("Location")).isEmpty();
        assertThat(retried.text("orderId")).isEqualTo(placed.path("orderId").asString());
        assertThat(retried.text("status")).isEqualTo("PARTIALLY_FILLED"); // as it stands now
        assertThat(retried.get("fills").size()).isEqualTo(1);
        // the same order written differently is the same order
        place(
                        alice,
                        Ticket.limit(market, "BUY", "1.000", "64000.0")
                                .clientOrderId("retry-1_A")
                                .tif("GTC"))
                .assertStatus(200);

        place(alice, Ticket.limit(market, "BUY", "2", "64000").clientOrderId("retry-1_A"))
                .assertProblem(409, "DUPLICATE_CLIENT_ORDER_ID");
        assertThat(liveOrderIds(alice)).containsExactly(placed.path("orderId").asString());
        placed(bob, Ticket.limit(market, "BUY", "1", "63000").clientOrderId("retry-1_A")); // per account

        api.delete("/api/v1/orders/" + placed.path("orderId").asString(), alice.apiKey())
                .assertStatus(200);
        ApiClient.Response afterCancel = place(alice, ticket).assertStatus(200);
        assertThat(afterCancel.text("status")).isEqualTo("CANCELLED"); // from the read model
        assertThat(afterCancel.get("fills").size()).isEqualTo(1);
    }

    @Test
    void theOrderEchoesReduceOnlyAndRefusesOneThatWouldIncrease() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        place(bob, Ticket.limit(market, "SELL", "1", "65000").with("reduceOnly", true))
                .assertProblem(422, "REDUCE_ONLY_WOULD_INCREASE");
        markAt(market, "65000");
        trade(alice, bob, market, "1", "65000"); // bob is long 1

        JsonNode reducing =
                placed(bob, Ticket.limit(market, "SELL", "0.5", "66000").with("reduceOnly", true));
        assertThat(reducing.path("reduceOnly").asBoolean()).isTrue();
        place(bob, Ticket.limit(market, "BUY", "0.1", "60000").with("reduceOnly", true))
                .assertProblem(422, "REDUCE_ONLY_WOULD_INCREASE");
    }
}
