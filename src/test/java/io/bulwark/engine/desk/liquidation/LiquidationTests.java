package io.bulwark.engine.desk.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.Deleveraged;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketPatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Liquidations on trusted prices only, with exact fees, vault takeover, bad debt and ADL (SPEC section 7). */
class LiquidationTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader alice;
    private final TradingFloor.Trader dave;

    LiquidationTests() {
        floor.apply(StartEngine.of("test").withFundingSampleSeconds(60).withBreaker(10, 10_000));
        floor.prices("65000");
        alice = floor.trader("alice", "100000");
        dave = floor.trader("dave", "1400");
        alice.sells("1").at("65000").placed();
        dave.buys("1").at("65000").placed(); // dave: long 1, balance 1400 - 32.5 taker fee = 1367.5
    }

    private <E extends Event> List<E> events(Class<E> type) {
        return floor.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void assertLedgerConserves() {
        assertThat(floor.view().ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
        assertThat(floor.view().balance(Ledger.SETTLEMENT))
                .isEqualByComparingTo(floor.engine.totalCostBasis().negate());
    }

    @Test
    void theVaultTakesThePositionAtMarkAndTheFeeIsCappedByEquity() {
        floor.prices("64000"); // equity 367.5 < maintenance 640

        assertThat(events(Liquidated.class)).singleElement().satisfies(l -> {
            assertThat(l.accountId()).isEqualTo(dave.accountId);
            assertThat(l.size()).isEqualByComparingTo("1");
            assertThat(l.price()).isEqualByComparingTo("64000");
            assertThat(l.equityBefore()).isEqualByComparingTo("367.5");
            assertThat(l.maintenanceRequirementBefore()).isEqualByComparingTo("640");
            assertThat(l.fee()).as("1 % of 64000, capped by the 367.5 left").isEqualByComparingTo("367.5");
            assertThat(l.badDebt()).isZero();
            assertThat(l.priceHealthy()).isTrue();
            assertThat(l.deleveraged()).isFalse();
        });
        assertThat(dave.balance()).isZero();
        assertThat(dave.position()).isZero();
        assertThat(floor.view().balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("367.5");
        assertThat(floor.view().positions(Ledger.LIQUIDATOR_VAULT))
                .singleElement()
                .satisfies(p -> assertThat(p.size()).isEqualByComparingTo("1"));
        assertLedgerConserves();
    }

    @Test
    void theFullFeeIsChargedWhenEquityCoversIt() {
        floor.apply(new UpdateMarket(
                TradingFloor.BTC, MarketPatch.NONE.withMaintenanceMarginFraction(new BigDecimal("0.015"))));
        var erin = floor.trader("erin", "2000");
        alice.sells("1").at("65000").placed();
        erin.buys("1").at("65000").placed(); // erin: 2000 - 32.5 = 1967.5
        floor.prices("63800"); // erin: equity 767.5 < maintenance 957, above the 638 fee

        assertThat(events(Liquidated.class))
                .filteredOn(l -> l.accountId().equals(erin.accountId))
                .singleElement()
                .satisfies(l -> assertThat(l.fee()).isEqualByComparingTo("638"));
        assertThat(erin.balance()).isEqualByComparingTo("129.5");
        assertLedgerConserves();
    }

    /**
     * The liquidation index keeps a one-market account at its exact liquidation price rounded to 12 places
     * against it, so that rounding can only add accounts to a check (docs/architecture.md). With a
     * maintenance fraction of 0.01 + 1e-17, dave (long 1 from 65000, balance 1640) is below maintenance
     * exactly under 63360 / (0.99 - 1e-17) = 64000.000000000000646...: the mark 64000 liquidates him, and an
     * index that rounded that price down (to 64000) would not have looked at him.
     */
    @Test
    void aLongIsFoundByAMarkBetweenItsLiquidationPriceAndThatPriceRoundedDown() {
        floor.apply(new UpdateMarket(
                TradingFloor.BTC,
                MarketPatch.NONE.withMaintenanceMarginFraction(new BigDecimal("0.01000000000000001"))));
        floor.apply(new Deposit(dave.accountId, new BigDecimal("272.5"), "to-1640"));
        floor.prices("64500"); // dave is placed in the index at this check, not dirty at the next
        assertThat(events(Liquidated.class)).isEmpty();

        floor.prices("64000"); // equity - maintenance = 1640 - 65000 + 64000 x (0.99 - 1e-17) < 0

        assertThat(events(Liquidated.class))
                .singleElement()
                .satisfies(l -> assertThat(l.accountId()).isEqualTo(dave.accountId));
    }

    /** The same for a short, whose price is rounded down: 66660 / (1.01 + 1e-17) = 65999.999999999999346... */
    @Test
    void aShortIsFoundByAMarkBetweenItsLiquidationPriceAndThatPriceRoundedUp() {
        var sam = floor.trader("sam", "1400");
        alice.buys("1").at("65000").placed();
        sam.sells("1").at("65000").placed(); // sam: short 1 from 65000, balance 1400 - 32.5 taker fee = 1367.5
        floor.apply(new UpdateMarket(
                TradingFloor.BTC,
                MarketPatch.NONE.withMaintenanceMarginFraction(new BigDecimal("0.01000000000000001"))));
        floor.apply(new Deposit(sam.accountId, new BigDecimal("292.5"), "to-1660"));
        floor.prices("65500"); // sam is placed in the index at this check
        assertThat(events(Liquidated.class)).isEmpty();

        floor.prices("66000"); // equity - maintenance = 1660 + 65000 - 66000 x (1.01 + 1e-17) < 0

        assertThat(events(Liquidated.class))
                .singleElement()
                .satisfies(l -> assertThat(l.accountId()).isEqualTo(sam.accountId));
    }

    @Test
    void theVaultCoversBadDebt() {
        floor.apply(new Deposit(Ledger.LIQUIDATOR_VAULT, new BigDecimal("10000"), "fund"));
        floor.prices("58500"); // -10 %: dave's equity is 1367.5 - 6500 = -5132.5

        assertThat(events(Liquidated.class)).singleElement().satisfies(l -> {
            assertThat(l.fee()).isZero();
            assertThat(l.badDebt()).isEqualByComparingTo("5132.5");
        });
        assertThat(dave.balance()).isZero();
        assertThat(floor.view().balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("4867.5");
        assertLedgerConserves();
    }

    @Test
    void whenTheVaultCannotCoverOpposingPositionsAreDeleveragedAtTheBankruptcyPrice() {
        floor.prices("58500");

        assertThat(events(Liquidated.class)).singleElement().satisfies(l -> {
            assertThat(l.deleveraged()).isTrue();
            assertThat(l.price()).isEqualByComparingTo("63632.5"); // 58500 + 5132.5: dave's equity reaches 0
        });
        assertThat(events(Deleveraged.class)).singleElement().satisfies(d -> {
            assertThat(d.accountId()).isEqualTo(alice.accountId);
            assertThat(d.size()).isEqualByComparingTo("1");
        });
        assertThat(dave.balance()).isZero();
        assertThat(alice.position()).isZero();
        assertThat(floor.view().balance(Ledger.LIQUIDATOR_VAULT)).isZero();
        assertLedgerConserves();
    }

    @Test
    void deleveragingRanksTheMostProfitableAndLeveragedFirst() {
        var frank = floor.trader("frank", "100000");
        var gina = floor.trader("gina", "5000");
        var hank = floor.trader("hank", "1400");
        var lou = floor.trader("lou", "100000");
        frank.sells("1").at("65000").placed();
        hank.buys("1").at("65000").placed();
        gina.sells("1").at("65000").placed();
        lou.buys("1")
                .at("65000")
                .placed(); // shorts: alice, frank, gina; longs: dave, hank (both bankrupt at 58500), lou
        floor.prices("58500");
        // gina's short is as profitable as the others' and by far the most leveraged

        assertThat(events(Deleveraged.class)).extracting(Deleveraged::accountId).startsWith(gina.accountId);
        assertLedgerConserves();
    }

    @Test
    void aRestartDistrustsThePriceUntilThreeFreshUpdates() {
        floor.apply(StartEngine.of("restart").withFundingSampleSeconds(60).withBreaker(10, 10_000));
        List<Event> seen = new ArrayList<>();
        for (String source : List.of("a", "b")) {
            floor.apply(new PostOraclePrices(
                    List.of(new PostOraclePrices.Quote(TradingFloor.BTC, source, "64000", floor.now + 1000))));
            seen.addAll(floor.events());
        }
        assertThat(floor.view().market(TradingFloor.BTC).orElseThrow().indexPrice())
                .isEqualByComparingTo("64000");
        assertThat(seen).noneMatch(Liquidated.class::isInstance);

        floor.apply(new PostOraclePrices(
                List.of(new PostOraclePrices.Quote(TradingFloor.BTC, "c", "64000", floor.now + 1000))));
        assertThat(events(Liquidated.class)).hasSize(1);
    }

    @Test
    void theBreakerTripsAboveTheAccountLimitAndOnlyAnAdminResumes() {
        floor.apply(StartEngine.of("test").withFundingSampleSeconds(60).withBreaker(2, 10_000));
        List<TradingFloor.Trader> longs = new ArrayList<>(List.of(dave));
        for (String name : List.of("ivy", "jay", "kim")) {
            var t = floor.trader(name, "1400");
            alice.sells("1").at("65000").placed();
            t.buys("1").at("65000").placed();
            longs.add(t);
        }
        floor.prices("64000");

        assertThat(events(Liquidated.class)).hasSize(3);
        assertThat(events(LiquidationsPaused.class))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("3 accounts"));
        assertThat(floor.view().status().liquidationsPaused()).isTrue();
        floor.prices("64000");
        assertThat(events(Liquidated.class)).as("paused").isEmpty();

        assertThat(floor.apply(new ResumeLiquidations("admin"))).isInstanceOf(Outcome.Applied.class);
        floor.prices("64000");
        assertThat(events(Liquidated.class)).hasSize(1);
        assertLedgerConserves();
    }
}
