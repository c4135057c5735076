package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.market.MarketPatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 6 (v2): besides the per-update check, the index moves at most maxPriceJumpBps (10 %) within any
 * priceJumpWindowSeconds (60 s) from where it stood at that window's start. Engine time only: every command
 * here is one second after the one before.
 */
class JumpWindowTests {
    private final OracleFloor oracle = new OracleFloor();

    @Test
    void aLoneSourceWalkingDownThreePercentAStepStopsAtTheWindowsLimit() {
        oracle.agree("65000", "m", "m", "m");
        oracle.agree("63050", "m"); // -3 %
        oracle.agree("61158.5", "m"); // -5.9 % from 65000
        oracle.agree("59323.7", "m"); // -8.7 %
        assertThat(oracle.post("m", "57544"))
                .as("-3 %% from the index, but -11.5 %% from where it stood 3 s ago")
                .contains(PriceRejection.PRICE_JUMP);
        for (int i = 0; i < 20; i++) {
            assertThat(oracle.post("m", "57544")).contains(PriceRejection.PRICE_JUMP);
        }
        assertThat(oracle.index())
                .as("a lone source's refused jumps never re-anchor the index")
                .isEqualByComparingTo("59323.7");
        assertThat(oracle.health()).isEqualTo(PriceHealth.UNCONFIRMED);
    }

    @Test
    void theWindowSlidesItIsNotReopenedAtFixedBoundaries() {
        oracle.agree("65000", "m", "m", "m");
        oracle.agree("59150", "m"); // -9 % in one step, at t0
        oracle.tick(56);
        assertThat(oracle.post("m", "57967"))
                .as("t0 + 57 s: -10.8 %% from where the index stood at t0 - 1 s")
                .contains(PriceRejection.PRICE_JUMP);
        oracle.tick(3);
        assertThat(oracle.post("m", "57967"))
                .as("t0 + 61 s: every window that still holds 65000 is over")
                .isEmpty();
        assertThat(oracle.index()).isEqualByComparingTo("57967");
    }

    static Stream<Arguments> fromWhereItStoodAtTheStartOfAnyWindow() {
        return Stream.of(
                Arguments.of("within 10 % of every value in the window", "64000", true),
                Arguments.of("exactly 10 % below the window's high", "63900", true),
                Arguments.of("just over 10 % below the window's high, 6.2 % below the index", "63800", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void fromWhereItStoodAtTheStartOfAnyWindow(String name, String price, boolean accepted) {
        oracle.agree("65000", "m", "m", "m");
        oracle.agree("71000", "m"); // +9.2 %
        oracle.agree("68000", "m");
        assertThat(oracle.post("m", price).isEmpty()).isEqualTo(accepted);
    }

    @Test
    void noRunOfUpdatesMovesItMoreThanTheLimitWithinAnyWindow() {
        oracle.agree("65000", "a", "b", "c", "m");
        List<long[]> seen = new ArrayList<>(); // engine time, index in cents
        for (int step = 1; step <= 40; step++) {
            // Three colluding sources of four walk down 0.75 % of 65000 every 4 s (11 % a minute); the fourth
            // stays put and fresh, so they never all agree and nothing re-anchors.
            String price = new BigDecimal("65000")
                    .subtract(new BigDecimal("487.5").multiply(BigDecimal.valueOf(step)))
                    .toPlainString();
            for (String source : new String[] {"a", "b", "c"}) {
                oracle.post(source, price);
                seen.add(new long[] {
                    oracle.floor.now, oracle.index().movePointRight(2).longValueExact()
                });
            }
            oracle.post("m", "65000");
        }
        assertThat(seen.getLast()[1])
                .as("the walk went on, 10 %% a minute at most")
                .isLessThan(5_850_000);
        for (long[] start : seen) {
            for (long[] later : seen) {
                if (later[0] >= start[0] && later[0] - start[0] <= 60_000) {
                    assertThat(Math.abs(later[1] - start[1]) * 10_000)
                            .as("index %d at %d, %d at %d", start[1], start[0], later[1], later[0])
                            .isLessThanOrEqualTo(start[1] * 1000);
                }
            }
        }
    }

    @Test
    void theWindowIsAMarketParameter() {
        oracle.applied(new UpdateMarket(OracleFloor.BTC, MarketPatch.NONE.withPriceJumpWindowSeconds(600L)));
        assertThat(oracle.market().spec().priceJumpWindowSeconds()).isEqualTo(600L);
        oracle.agree("65000", "m", "m", "m");
        oracle.agree("59150", "m");
        oracle.tick(120);
        assertThat(oracle.post("m", "57967"))
                .as("two minutes later, but inside a 10-minute window")
                .contains(PriceRejection.PRICE_JUMP);
    }

    @Test
    void itKeepsOnlyWhatTheWindowNeeds() {
        IndexWindow window = new IndexWindow();
        BigDecimal price = new BigDecimal("65000");
        long now = 1_700_000_000_000L;
        for (int i = 0; i < 20_000; i++) { // an update every 30 ms for 10 minutes
            BigDecimal next = price.add(BigDecimal.valueOf(i % 2 == 0 ? 1 : -1));
            window.moved(price, next, now, 60);
            price = next;
            now += 30;
        }
        assertThat(window.size()).as("one span per second of the last 60").isLessThanOrEqualTo(61);
    }
}
