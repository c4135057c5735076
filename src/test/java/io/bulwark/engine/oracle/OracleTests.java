package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.EngineView;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.PostOraclePrices.Quote;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Write-time validation of oracle prices, the median index and price health (SPEC section 6). */
class OracleTests {
    private static final String BTC = "BTC-USD-PERP";
    private final Engine engine = new Engine();
    private long now = 1_700_000_000_000L;

    OracleTests() {
        apply(new CreateMarket(TradingFloor.btc()));
    }

    private Outcome.Applied apply(Command command) {
        now += 1000;
        return (Outcome.Applied) engine.apply(command, now);
    }

    /** Posts one quote stamped {@code ageMillis} before the engine time of the command. */
    private Object post(String source, String price, long ageMillis) {
        long stamp = now + 1000 - ageMillis;
        return apply(new PostOraclePrices(List.of(new Quote(BTC, source, price, stamp))))
                .events()
                .getFirst();
    }

    private void healthyAt(String price) {
        for (String source : List.of("a", "b", "c")) {
            assertThat(post(source, price, 0)).isInstanceOf(OraclePriceAccepted.class);
        }
    }

    private EngineView.MarketView market() {
        return engine.market(BTC).orElseThrow();
    }

    static Stream<Arguments> badPrices() {
        return Stream.of(
                Arguments.of("zero", "0", 0L, PriceRejection.NOT_POSITIVE),
                Arguments.of("negative", "-65000", 0L, PriceRejection.NOT_POSITIVE),
                Arguments.of("NaN", "NaN", 0L, PriceRejection.NOT_A_DECIMAL),
                Arguments.of("Infinity", "Infinity", 0L, PriceRejection.NOT_A_DECIMAL),
                Arguments.of("empty", "", 0L, PriceRejection.NOT_A_DECIMAL),
                Arguments.of("words", "sixty-five thousand", 0L, PriceRejection.NOT_A_DECIMAL),
                Arguments.of("1e309", "1e309", 0L, PriceRejection.OUT_OF_RANGE),
                Arguments.of("off tick", "65000.05", 0L, PriceRejection.OFF_TICK),
                Arguments.of("stale", "65000", 31_000L, PriceRejection.STALE),
                Arguments.of("future", "65000", -3_000L, PriceRejection.FUTURE),
                Arguments.of("50 % jump", "97500", 0L, PriceRejection.PRICE_JUMP),
                Arguments.of("zeroed", "0.0", 0L, PriceRejection.NOT_POSITIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPrices")
    void aBadPriceIsRefusedWithItsReasonAndNeverMovesTheIndex(
            String name, String price, long age, PriceRejection reason) {
        healthyAt("65000");
        assertThat(market().priceHealthy()).isTrue();

        assertThat(post("a", price, age))
                .isInstanceOfSatisfying(
                        OraclePriceRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
        assertThat(market().indexPrice()).isEqualByComparingTo("65000");
        assertThat(market().priceHealthy())
                .as("an anomaly makes the price unhealthy")
                .isFalse();
    }

    @Test
    void aJumpIsQuarantinedAndCounted() {
        healthyAt("65000");
        post("a", "97500", 0);
        post("b", "97500", 0);
        assertThat(market().indexPrice()).isEqualByComparingTo("65000");
        assertThat(engine.market(BTC).orElseThrow().priceHealthy()).isFalse();
        healthyAt("65100");
        assertThat(market().priceHealthy()).isTrue();
    }

    @Test
    void theIndexIsTheMedianSoOneSourceFarOffCannotMoveIt() {
        healthyAt("65000");
        post("c", "59000", 0); // within the jump limit, but far from the others
        assertThat(market().indexPrice()).isEqualByComparingTo("65000");
        post("d", "65200", 0);
        assertThat(market().indexPrice())
                .as("mean of the middle two of 59000, 65000, 65000, 65200")
                .isEqualByComparingTo("65000");
    }

    @Test
    void silenceMakesThePriceUnhealthy() {
        healthyAt("65000");
        for (int i = 0; i < 30; i++) {
            apply(new Tick());
        }
        assertThat(market().priceHealthy()).isTrue();
        apply(new Tick());
        assertThat(market().priceHealthy())
                .as("no fresh price for more than 30 s")
                .isFalse();
    }

    @Test
    void aFeedComingBackFromSilenceNeedsThreeFreshUpdatesAgain() {
        healthyAt("65000");
        for (int i = 0; i < 31; i++) {
            apply(new Tick());
        }
        assertThat(market().priceHealthy()).isFalse();
        post("a", "64000", 0);
        assertThat(market().priceHealthy())
                .as("one source back after silence is not trusted")
                .isFalse();
        post("b", "64000", 0);
        assertThat(market().priceHealthy()).isFalse();
        post("c", "64000", 0);
        assertThat(market().priceHealthy()).isTrue();
    }

    @Test
    void afterAStartPricesAreDistrustedUntilThreeFreshUpdates() {
        healthyAt("65000");
        apply(StartEngine.of("test").withFundingSampleSeconds(60));
        assertThat(market().priceHealthy()).isFalse();
        assertThat(market().indexPrice())
                .as("the index is kept, but not trusted")
                .isEqualByComparingTo("65000");
        post("a", "65000", 0);
        post("b", "65000", 0);
        assertThat(market().priceHealthy()).isFalse();
        post("c", "65000", 0);
        assertThat(market().priceHealthy()).isTrue();
    }

    @Test
    void anUnknownMarketIsRefusedPerItem() {
        var events = apply(new PostOraclePrices(List.of(
                        new Quote("DOGE-USD-PERP", "a", "1", now + 1000), new Quote(BTC, "a", "65000", now + 1000))))
                .events();
        assertThat(events.get(0))
                .isInstanceOfSatisfying(
                        OraclePriceRejected.class,
                        r -> assertThat(r.reason()).isEqualTo(PriceRejection.UNKNOWN_MARKET));
        assertThat(events.get(1)).isInstanceOf(OraclePriceAccepted.class);
    }
}
