package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase.Ticket;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bad-price catalogue over HTTP (SPEC section 6, "bad data never moves money"): dave's position would be
 * liquidated at 64000 or lower and a stop would trigger there, yet no bad update liquidates, triggers or pays
 * funding, and each is answered with its reason.
 */
class BadPriceApiTests extends RiskApiTestBase {
    /** Short, so that "all sources silent" needs only a short wait. */
    private static final int MAX_AGE_SECONDS = 2;

    /** A bad update (built for "now") and the reason it must get; null: accepted, yet the index must not move. */
    private record BadPrice(String what, LongFunction<String> item, String reason) {}

    @Test
    void noBadPriceLiquidatesTriggersOrPaysFunding() throws Exception {
        Floor floor = leveragedFloor(riskMarket(MAX_AGE_SECONDS));
        String m = floor.market();
        Trader stopper = newFundedTrader("100000");
        String stop = placed(stopper, Ticket.triggered(m, "SELL", "STOP_MARKET", "0.01", "64500"))
                .path("orderId")
                .asString();

        List<BadPrice> catalogue = List.of(
                new BadPrice("zero", now -> quote(m, "a", "\"0\"", now), "NOT_POSITIVE"),
                new BadPrice("negative", now -> quote(m, "a", "\"-64000\"", now), "NOT_POSITIVE"),
                new BadPrice("NaN", now -> quote(m, "a", "\"NaN\"", now), "NOT_A_DECIMAL"),
                new BadPrice("Infinity", now -> quote(m, "a", "\"Infinity\"", now), "NOT_A_DECIMAL"),
                new BadPrice("1e309", now -> quote(m, "a", "1e309", now), "OUT_OF_RANGE"),
                new BadPrice("off tick", now -> quote(m, "a", "\"64000.05\"", now), "OFF_TICK"),
                new BadPrice("stale", now -> quote(m, "a", "\"64000\"", now - 60_000), "STALE"),
                new BadPrice("future", now -> quote(m, "a", "\"64000\"", now + 60_000), "FUTURE"),
                new BadPrice("50 % jump", now -> quote(m, "a", "\"32500\"", now), "PRICE_JUMP"),
                // within the jump limit and accepted, but the median of three sources does not follow one
                new BadPrice("one source of three far off", now -> quote(m, "a", "\"59000\"", now), null));

        for (BadPrice bad : catalogue) {
            healthyAt(m, "65000");
            List<JsonNode> results = postPrices(bad.item().apply(System.currentTimeMillis()));
            assertThat(results).as(bad.what()).singleElement().satisfies(r -> {
                if (bad.reason() == null) {
                    assertThat(r.path("accepted").asBoolean()).isTrue();
                } else {
                    assertThat(r.path("accepted").asBoolean()).isFalse();
                    assertThat(r.path("reason").asString()).isEqualTo(bad.reason());
                }
            });
            JsonNode market =
                    api.get("/api/v1/markets/" + m, null).assertStatus(200).json();
            assertThat(market.path("indexPrice").asString()).as(bad.what()).isEqualTo("65000");
            assertNothingMoved(floor, stopper, stop, bad.what());
        }

        // All sources silent: the index goes stale, the market unhealthy, and nothing moves.
        healthyAt(m, "65000");
        Thread.sleep(MAX_AGE_SECONDS * 1000L + 1500);
        assertThat(api.get("/api/v1/markets/" + m, null).get("priceHealthy").asBoolean())
                .as("silent sources")
                .isFalse();
        assertNothingMoved(floor, stopper, stop, "all sources silent");
    }

    /**
     * SPEC section 6: after all sources went silent, one source coming back alone at a liquidating price must
     * not be trusted at once: a feed that went stale needs 3 consecutive accepted updates again.
     */
    @Test
    void oneSourceComingBackAfterSilenceIsNotTrustedAtOnce() throws Exception {
        Floor floor = leveragedFloor(riskMarket(MAX_AGE_SECONDS));
        String m = floor.market();
        Trader stopper = newFundedTrader("100000");
        String stop = placed(stopper, Ticket.triggered(m, "SELL", "STOP_MARKET", "0.01", "64500"))
                .path("orderId")
                .asString();
        healthyAt(m, "65000");
        Thread.sleep(MAX_AGE_SECONDS * 1000L + 1500);

        assertThat(postPrices(quote(m, "a", "\"64000\"", System.currentTimeMillis())))
                .singleElement()
                .satisfies(r -> assertThat(r.path("accepted").asBoolean()).isTrue());
        assertNothingMoved(floor, stopper, stop, "one source back after silence");
    }

    private void assertNothingMoved(Floor floor, Trader stopper, String stop, String what) {
        assertThat(liquidations(floor.dave())).as(what + ": liquidations").isEmpty();
        assertThat(api.get("/api/v1/admin/liquidations?market=" + floor.market(), ADMIN_KEY)
                        .assertStatus(200)
                        .json()
                        .size())
                .as(what + ": liquidations in the market")
                .isZero();
        assertThat(fundingPayments(floor.dave()))
                .as(what + ": funding payments")
                .isEmpty();
        assertThat(api.get("/api/v1/orders/" + stop, stopper.apiKey())
                        .assertStatus(200)
                        .text("status"))
                .as(what + ": the stop")
                .isEqualTo("UNTRIGGERED");
        assertThat(api.get("/api/v1/positions", floor.dave().apiKey())
                        .assertStatus(200)
                        .json()
                        .valueStream()
                        .filter(p -> p.path("market").asString().equals(floor.market()))
                        .map(p -> p.path("size").asString()))
                .as(what + ": dave's position")
                .containsExactly("1");
    }
}
