package io.bulwark.engine.desk.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3 (v2), "closing is not a loophole": only the part of a position that the account's
 * other orders on the same side do not already close is exempt from margin, and no order may let
 * the account's own fills, at their prices, leave it short of initial margin at the mark. Each test
 * is an attack that worked before: a colluding counterparty fills the orders and the liquidator
 * vault would have covered the loss.
 */
class ClosingMarginTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader colluder = floor.trader("colluder", "10000000");
    private final TradingFloor.Trader dave = floor.trader("dave", "10000");

    @BeforeEach
    void daveIsLongOneBitcoin() {
        floor.prices("65000");
        colluder.sells("1").at("65000").placed();
        dave.buys("1").at("65000").placed();
        assertThat(dave.position()).isEqualByComparingTo("1");
    }

    @Test
    void manyClosingOrdersOfOnePositionAreNotAllFree() {
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (dave.sells("1").at("65100").send() instanceof Outcome.Applied) {
                accepted++;
            }
        }
        // 8,667.5 is free after the position's 1300 and the fee: each order holds 1302 while it
        // stands, the first as well although it closes: six fit
        assertThat(accepted).isEqualTo(6);
        assertThat(dave.sells("1").at("65100").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        colluder.buys("6").at("65100").placed();
        assertThat(dave.position()).isEqualByComparingTo("-5");
        assertNobodyLiquidatedAndVaultUntouched();
        assertThat(floor.view().risk(dave.accountId).orElseThrow().freeCollateral())
                .isNotNegative();
    }

    @Test
    void aClosingOrderFarBelowTheMarkCannotHandEquityToACounterparty() {
        assertThat(dave.sells("1").at("32500").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        // a reduce-only order is the way to close at any price: it can never open anything
        dave.sells("1").at("65000").reduceOnly().placed();
    }

    @Test
    void anOpeningOrderFarFromTheMarkNeedsItsLossCovered() {
        var erin = floor.trader("erin", "10000");
        // 0.02 × 32500 × 10 = 6500 of initial margin fits in 10000, but its fill loses 325,000 at mark
        assertThat(erin.sells("10").at("32500").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        erin.sells("0.2").at("32500").placed();
        colluder.buys("0.2").at("65000").placed();
        assertNobodyLiquidatedAndVaultUntouched();
    }

    @Test
    void anAmendCannotMoveAClosingOrderToAGiveawayPrice() {
        String orderId = dave.sells("1").at("66000").placed().orderId();
        Outcome amended = floor.apply(new AmendOrder(dave.accountId, orderId, new BigDecimal("32500"), null));
        assertThat(amended).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) amended).rejection().code()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        Outcome grown = floor.apply(new AmendOrder(dave.accountId, orderId, null, new BigDecimal("9")));
        assertThat(((Outcome.Rejected) grown).rejection().code()).isEqualTo(Code.INSUFFICIENT_MARGIN);
    }

    @Test
    void triggerOrdersThatCloseTheSamePositionCountTogether() {
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (dave.sells("1").triggered(OrderType.STOP_MARKET, "64000").send() instanceof Outcome.Applied) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(1, 7);
        colluder.buys("20").at("65000").placed();
        floor.prices("63900");
        assertNobodyLiquidatedAndVaultUntouched();
    }

    @Test
    void anUnderMarginedAccountCanStillClose() {
        var frank = floor.trader("frank", "1400");
        colluder.sells("1").at("65000").placed();
        frank.buys("1").at("65000").placed();
        floor.prices("64500");
        assertThat(floor.view().risk(frank.accountId).orElseThrow().freeCollateral())
                .isNegative();
        assertThat(frank.buys("0.001").at("63000").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        colluder.buys("1").at("64450").placed();
        // a plain market order that closes narrows the shortfall: accepted, it fills near the mark
        var closed = frank.sells("1").atMarket().placed();
        assertThat(closed.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(frank.position()).isZero();
    }

    @Test
    void aWithdrawalCannotUncoverTheWorstCaseOfStandingOrders() {
        var erin = floor.trader("erin", "10000");
        // a giveaway that fits: its fill would cost 6,500 + fee, the initial margin 130
        erin.sells("0.2").at("32500").placed();
        Outcome out = floor.apply(new Withdraw(erin.accountId, new BigDecimal("9000"), "out-1"));
        assertThat(((Outcome.Rejected) out).rejection().code()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        floor.apply(new Withdraw(erin.accountId, new BigDecimal("3000"), "out-2"));
        colluder.buys("0.2").at("65000").placed();
        assertNobodyLiquidatedAndVaultUntouched();
        assertThat(floor.view().risk(erin.accountId).orElseThrow().freeCollateral())
                .isNotNegative();
    }

    @Test
    void aJournalOfAnOlderBuildReplaysUnderTheRulesItWasWrittenWith() {
        floor.apply(StartEngine.of("old-build").withRules(null));
        for (int i = 0; i < 20; i++) {
            dave.sells("1").at("65100").placed(); // version 1 took every "closing" order
        }
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        floor.apply(StartEngine.of("this-build"));
        assertThat(dave.sells("1").at("65100").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
    }

    private void assertNobodyLiquidatedAndVaultUntouched() {
        assertThat(floor.events()).noneMatch(Liquidated.class::isInstance);
        assertThat(floor.view().balance(Ledger.LIQUIDATOR_VAULT)).isZero();
        assertThat(floor.view().risk(dave.accountId).orElseThrow().equity())
                .isGreaterThanOrEqualTo(
                        floor.view().risk(dave.accountId).orElseThrow().maintenanceMarginRequirement());
    }
}
