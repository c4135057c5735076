package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 6 (v2): when the fresh active sources of a market disagree by more than maxSourceDivergenceBps
 * (200, highest vs lowest) its price is unhealthy until they agree again: one compromised source among two
 * never liquidates anyone or fires a trigger.
 */
class DivergenceTests {
    private final OracleFloor oracle = new OracleFloor();

    static Stream<Arguments> spreads() {
        return Stream.of(
                Arguments.of("199.998 bps", "50999.9", PriceHealth.HEALTHY),
                Arguments.of("exactly 200 bps", "51000", PriceHealth.HEALTHY),
                Arguments.of("200.002 bps", "51000.1", PriceHealth.SOURCES_DIVERGE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spreads")
    void theSpreadBetweenHighestAndLowestDecides(String name, String high, PriceHealth health) {
        oracle.agree("50000", "a", "b", "a");
        oracle.agree(high, "b");
        assertThat(oracle.health()).isEqualTo(health);
    }

    @Test
    void oneSourceWalkingAwayLiquidatesNobodyAndFiresNoTriggerUntilTheSourcesAgreeAgain() {
        oracle.agree("65000", "honest", "evil", "honest");
        var alice = oracle.floor.trader("alice", "100000");
        var dave = oracle.floor.trader("dave", "1400");
        alice.sells("1").at("65000").placed();
        dave.buys("1").at("65000").placed(); // 1367.5 left: below maintenance under 64275
        var stop = alice.sells("0.1").triggered(OrderType.STOP_MARKET, "64500").placed();

        assertThat(oracle.post("evil", "63050")).isEmpty(); // -3 %: within the jump limit
        assertThat(oracle.index()).as("the mean of two").isEqualByComparingTo("64025");
        assertThat(oracle.health()).isEqualTo(PriceHealth.SOURCES_DIVERGE);
        assertThat(oracle.market().oracle().sourcePrices())
                .extracting(SourcePrice::source, p -> p.price().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("evil", "63050"),
                        org.assertj.core.groups.Tuple.tuple("honest", "65000"));
        assertThat(oracle.post("evil", "61158.5")).isEmpty();
        oracle.tick(5);
        assertThat(dave.position()).as("not liquidated").isEqualByComparingTo("1");
        assertThat(alice.liveOrders())
                .filteredOn(o -> o.orderId().equals(stop.orderId()))
                .singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.UNTRIGGERED));

        oracle.agree("65000", "evil", "honest", "evil");
        assertThat(oracle.health()).as("they agree again").isEqualTo(PriceHealth.HEALTHY);
        assertThat(dave.position()).isEqualByComparingTo("1");
    }
}
