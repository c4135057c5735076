package io.bulwark.engine.desk.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Outcome;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3 v2: while a market's price is not healthy, unrealized gains in it do not count
 * toward what a withdrawal may take; losses always count. Alice is long 1 BTC from 65,000, marked at
 * 70,000: 5,000 unrealized gain, 1,400 initial margin, 32.5 taker fee paid from her 10,000.
 */
class WithdrawalPriceHealthTests {
    private final TradingFloor floor = new TradingFloor();
    private TradingFloor.Trader alice;
    private TradingFloor.Trader bob;

    @BeforeEach
    void aliceWinsAtAHealthyMark() {
        floor.prices("65000");
        alice = floor.trader("alice", "10000");
        bob = floor.trader("bob", "100000");
        bob.sells("1").at("65000").placed();
        alice.buys("1").at("65000").placed();
        floor.prices("70000");
        assertThat(floor.view().market(TradingFloor.BTC).orElseThrow().priceHealthy())
                .isTrue();
        assertThat(freeCollateral(alice)).isEqualByComparingTo("13567.5"); // 9967.5 + 5000 - 1400
    }

    private BigDecimal freeCollateral(TradingFloor.Trader trader) {
        return floor.view().risk(trader.accountId).orElseThrow().freeCollateral();
    }

    private static Rejection.Code code(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }

    private void assertUnhealthy() {
        assertThat(floor.view().market(TradingFloor.BTC).orElseThrow().priceHealthy())
                .isFalse();
    }

    @Test
    void aStaleFeedKeepsTheGainButNotTheCollateralBehindIt() {
        floor.now += 31_000; // maxPriceAgeSeconds 30: the index goes stale
        floor.apply(new io.bulwark.engine.command.Tick());
        assertUnhealthy();

        assertThat(code(alice.withdraws("8567.500001", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(code(alice.withdraws("13567.5", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(alice.withdraws("8567.5", "w-1")).isInstanceOf(Outcome.Applied.class);
        assertThat(freeCollateral(alice))
                .as("order margin still counts the gain")
                .isEqualByComparingTo("5000");

        floor.prices("70000"); // three fresh updates: healthy again
        assertThat(code(alice.withdraws("5000.000001", "w-2"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(alice.withdraws("5000", "w-2")).isInstanceOf(Outcome.Applied.class);
        assertThat(alice.balance()).isEqualByComparingTo("-3600"); // 9967.5 - 13567.5: the gain is real now
    }

    @Test
    void afterARestartOneOrTwoUpdatesAreNotEnough() {
        floor.apply(StartEngine.of("restart")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withMinPostOnlySeconds(120));
        long stamp = floor.now + 1000;
        for (String source : List.of("a", "b")) {
            floor.apply(new PostOraclePrices(
                    List.of(new PostOraclePrices.Quote(TradingFloor.BTC, source, "70000", stamp))));
            assertUnhealthy();
            assertThat(code(alice.withdraws("8567.500001", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        }
        floor.apply(new PostOraclePrices(List.of(new PostOraclePrices.Quote(TradingFloor.BTC, "c", "70000", stamp))));

        assertThat(alice.withdraws("13567.5", "w-1")).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void lossesCountWhateverThePriceHealth() {
        // Bob is short 1 from 65,000: 5,000 unrealized loss, 1,400 initial margin, 13 maker fee.
        floor.now += 31_000;
        floor.apply(new io.bulwark.engine.command.Tick());
        assertUnhealthy();

        assertThat(code(bob.withdraws("93587.000001", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(bob.withdraws("93587", "w-1")).isInstanceOf(Outcome.Applied.class);
    }

    /** Per market: an unhealthy BTC keeps its gain out, a healthy ETH gain still counts. */
    @Test
    void onlyTheUnhealthyMarketsGainIsHeldBack() {
        String eth = "ETH-USD-PERP";
        floor.apply(new CreateMarket(TradingFloor.spec(eth, "0.01", "0.01", "0.05", "0.03")));
        floor.prices(eth, "3500");
        bob.sells("10").in(eth).at("3500").placed();
        alice.buys("10").in(eth).at("3500").placed(); // taker fee 17.5
        floor.prices(eth, "3600"); // ETH gain 1,000, initial margin 1,800
        // Balance 9,950; gains 5,000 + 1,000; margin 1,400 + 1,800: free 12,750.
        assertThat(freeCollateral(alice)).isEqualByComparingTo("12750");

        long stale = floor.now - 60_000;
        floor.apply(new PostOraclePrices(List.of(new PostOraclePrices.Quote(TradingFloor.BTC, "a", "70000", stale))));
        assertUnhealthy();
        assertThat(floor.view().market(eth).orElseThrow().priceHealthy()).isTrue();

        assertThat(code(alice.withdraws("7750.000001", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(alice.withdraws("7750", "w-1")).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aHealthyMarkCountsTheWholeGain() {
        assertThat(code(alice.withdraws("13567.500001", "w-1"))).isEqualTo(Rejection.Code.INSUFFICIENT_MARGIN);
        assertThat(alice.withdraws("13567.5", "w-1")).isInstanceOf(Outcome.Applied.class);
    }
}
