package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.liquidation.RiskApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 7, as a client does it: one accepted oracle update gave a new market an index and a mark,
 * and a MARKET order filled against it. SPEC section 8: a market whose price was never healthy refuses
 * orders that need one with 409 PRICE_UNAVAILABLE; after 3 consecutive accepted updates it trades.
 */
class NeverHealthyPriceApiTests extends RiskApiTestBase {

    @Test
    void aMarketOrderAfterASingleOracleUpdateIsRefusedAndTradesOnceThePriceIsHealthy() {
        String market = riskMarket(30);
        Trader maker = newFundedTrader("100000");
        Trader taker = newFundedTrader("100000");
        placed(maker, Ticket.limit(market, "SELL", "1", "65000"));

        long now = System.currentTimeMillis();
        assertThat(postPrices(quote(market, "a", "\"65000\"", now)))
                .allSatisfy(r -> assertThat(r.get("accepted").asBoolean()).isTrue());
        var view = api.get("/api/v1/markets/" + market, null).assertStatus(200);
        assertThat(view.text("markPrice")).isNotNull();
        assertThat(view.get("priceHealthy").asBoolean()).isFalse();

        place(taker, Ticket.market(market, "BUY", "1")).assertProblem(409, "PRICE_UNAVAILABLE");
        place(taker, Ticket.limit(market, "BUY", "1", "65000")).assertProblem(409, "PRICE_UNAVAILABLE");
        assertThat(liveOrderIds(taker)).as("nothing written").isEmpty();
        assertThat(placed(taker, Ticket.limit(market, "BUY", "1", "64000"))
                        .path("status")
                        .asString())
                .as("a resting order needs no price")
                .isEqualTo("OPEN");

        postPrices(quote(market, "a", "\"65000\"", now + 1), quote(market, "a", "\"65000\"", now + 2));
        assertThat(api.get("/api/v1/markets/" + market, null)
                        .get("priceHealthy")
                        .asBoolean())
                .isTrue();
        assertThat(placed(taker, Ticket.market(market, "BUY", "1"))
                        .path("status")
                        .asString())
                .isEqualTo("FILLED");
    }
}
