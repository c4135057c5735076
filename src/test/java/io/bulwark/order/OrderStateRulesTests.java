package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.state.TradingState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Which orders the trading state lets through, and the order of the checks (SPEC section 10): values, then
 * the market, then its state, then the price, then the business rules.
 */
class OrderStateRulesTests extends TradingApiTestBase {

    private void change(String market, TradingState state) {
        gateway.submit(new ChangeTradingState(market, state, "test", "test", true), "test");
    }

    @Test
    void aClosedExchangeCancelsRestingOrdersRefusesNewOnesAndAnswersRetries() {
        String market = newMarket();
        Trader alice = newFundedTrader("1000");
        Ticket retried = Ticket.limit(market, "BUY", "0.01", "60000").clientOrderId("before-close");
        String resting = placed(alice, retried).path("orderId").asString();

        change(ChangeTradingState.EXCHANGE, TradingState.CLOSED);
        try {
            place(alice, Ticket.limit(market, "BUY", "0.01", "60000")).assertProblem(409, "MARKET_CLOSED");
            place(alice, Ticket.market(market, "BUY", "0.01")).assertProblem(409, "MARKET_CLOSED");
            // values first, then the market, then the state, then the business rules
            place(alice, Ticket.limit(market, "BUY", "0.01", "60000.05")).assertProblem(400, "INVALID_PRICE");
            place(alice, Ticket.limit(market, "BUY", "0.0001", "60000")).assertProblem(400, "INVALID_SIZE");
            place(alice, Ticket.limit("NOPE-USD-PERP", "BUY", "1", "60000")).assertProblem(404, "UNKNOWN_MARKET");
            place(alice, Ticket.limit(market, "BUY", "100", "60000")).assertProblem(409, "MARKET_CLOSED");
            // a retry of an order placed before the close is still answered with that order
            assertThat(place(alice, retried).assertStatus(200).text("orderId")).isEqualTo(resting);

            // entering CLOSED cancelled the resting order (SPEC section 8): it is no longer live
            JsonNode cancelled = api.get("/api/v1/orders/" + resting, alice.apiKey())
                    .assertStatus(200)
                    .json();
            assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(cancelled.path("cancelReason").asString()).isEqualTo("MAINTENANCE");
            api.delete("/api/v1/orders/" + resting, alice.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
            assertThat(liveOrderIds(alice)).isEmpty();
        } finally {
            change(ChangeTradingState.EXCHANGE, TradingState.OPEN);
        }
        placed(alice, Ticket.limit(market, "BUY", "0.01", "60000"));
    }

    @Test
    void aClosedMarketRefusesNewOrdersOnlyInThatMarket() {
        String closed = newMarket();
        String open = newMarket();
        Trader alice = newFundedTrader("10000");
        change(closed, TradingState.CLOSED);

        place(alice, Ticket.limit(closed, "BUY", "0.01", "60000")).assertProblem(409, "MARKET_CLOSED");
        placed(alice, Ticket.limit(open, "BUY", "0.01", "60000"));
        assertThat(api.get("/api/v1/markets/" + closed, null).text("state")).isEqualTo("CLOSED");

        change(closed, TradingState.OPEN);
        placed(alice, Ticket.limit(closed, "BUY", "0.01", "60000"));
    }

    @Test
    void aPostOnlyMarketTakesOnlyPostOnlyLimitOrdersNearTheMark() {
        String market = newMarket();
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        change(market, TradingState.POST_ONLY);

        place(bob, Ticket.limit(market, "BUY", "0.1", "64900")).assertProblem(422, "POST_ONLY_REQUIRED");
        place(bob, Ticket.market(market, "BUY", "0.1")).assertProblem(422, "POST_ONLY_REQUIRED");
        place(bob, Ticket.limit(market, "BUY", "0.1", "64000").tif("POST_ONLY"))
                .assertProblem(422, "PRICE_OUTSIDE_BAND");
        JsonNode near = placed(bob, Ticket.limit(market, "BUY", "0.1", "64900").tif("POST_ONLY"));
        assertThat(near.path("status").asString()).isEqualTo("OPEN");
        assertThat(near.path("timeInForce").asString()).isEqualTo("POST_ONLY");

        change(market, TradingState.OPEN);
    }

    @Test
    void anOpenMarketRefusesTakingOrdersOutsideTheBandAndOrdersWithoutMargin() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        Trader poor = newFundedTrader("100");
        markAt(market, "65000");
        placed(alice, Ticket.limit(market, "SELL", "1", "65000"));

        place(bob, Ticket.limit(market, "BUY", "0.1", "68250.1")).assertProblem(422, "PRICE_OUTSIDE_BAND");
        assertThat(placed(bob, Ticket.limit(market, "BUY", "0.1", "68250"))
                        .path("status")
                        .asString())
                .isEqualTo("FILLED");
        place(bob, Ticket.limit(market, "BUY", "0.1", "64000").tif("POST_ONLY")).assertStatus(201);
        place(bob, Ticket.limit(market, "BUY", "0.1", "65000").tif("POST_ONLY"))
                .assertProblem(422, "POST_ONLY_WOULD_CROSS");
        // 0.1 x 60000 x 0.02 = 120 of initial margin; 100 is free
        place(poor, Ticket.limit(market, "BUY", "0.1", "60000")).assertProblem(422, "INSUFFICIENT_MARGIN");
        assertThat(liveOrderIds(poor)).isEmpty();
        assertBalance(poor, "100");
    }
}
