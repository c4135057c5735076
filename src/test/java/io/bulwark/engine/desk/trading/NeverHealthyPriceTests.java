package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 8: a market that has never had a healthy price refuses orders that need one with
 * PRICE_UNAVAILABLE, however the index got there (issue 11 item 7: one accepted update was enough for a
 * MARKET order to fill). "Never" is engine state: it survives snapshots and restarts.
 */
class NeverHealthyPriceTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader dan = floor.trader("dan", "100000");
    private final TradingFloor.Trader erin = floor.trader("erin", "100000");

    private void oneUpdate(String source, String price) {
        assertThat(floor.apply(new PostOraclePrices(
                        List.of(new PostOraclePrices.Quote(BTC, source, price, floor.now + 1000)))))
                .isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void oneAcceptedUpdateIsNotEnoughForOrdersThatTrade() {
        oneUpdate("a", "65000");
        assertThat(floor.view().market(BTC).orElseThrow().markPrice()).isNotNull();
        erin.sells("1").at("65000").placed(); // resting needs no price

        String hash = floor.engine.stateHash();
        assertThat(dan.buys("1").atMarket().rejected()).isEqualTo(Code.PRICE_UNAVAILABLE);
        assertThat(dan.buys("1").at("65000").rejected())
                .as("a limit that takes")
                .isEqualTo(Code.PRICE_UNAVAILABLE);
        assertThat(dan.buys("1").at("65000").ioc().rejected()).isEqualTo(Code.PRICE_UNAVAILABLE);
        assertThat(floor.engine.stateHash()).as("refusals change nothing").isEqualTo(hash);

        assertThat(dan.buys("1").at("64000").placed().status())
                .as("a resting bid")
                .isEqualTo(OrderStatus.OPEN);
        assertThat(dan.sells("0.5")
                        .triggered(OrderType.STOP_MARKET, "60000")
                        .placed()
                        .status())
                .as("a stop rests UNTRIGGERED and fires only on a healthy price")
                .isEqualTo(OrderStatus.UNTRIGGERED);

        oneUpdate("a", "65000");
        oneUpdate("a", "65000");
        assertThat(floor.view().market(BTC).orElseThrow().priceHealthy()).isTrue();
        assertThat(dan.buys("1").atMarket().placed().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void onceHealthyAMarketTradesOnALaterUnhealthyPriceAsBefore() {
        floor.prices("65000");
        floor.apply(
                StartEngine.of("restart").withFundingSampleSeconds(60).withBreaker(10, 10_000)); // distrusts the price
        assertThat(floor.view().market(BTC).orElseThrow().priceHealthy()).isFalse();
        erin.sells("1").at("65000").placed();
        assertThat(dan.buys("1").atMarket().placed().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void neverHealthySurvivesASnapshotAndARestartAndSoDoesHealthyOnce() {
        oneUpdate("a", "65000");
        erin.sells("1").at("65000").placed();
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        restored.apply(
                StartEngine.of("restart").withFundingSampleSeconds(60).withBreaker(10, 10_000), floor.now + 1000);
        assertThat(rejection(restored.apply(marketBuy(), floor.now + 2000))).isEqualTo(Code.PRICE_UNAVAILABLE);

        floor.prices("65000");
        Engine healthyOnce = Engine.restore(floor.engine.serialize());
        healthyOnce.apply(
                StartEngine.of("restart").withFundingSampleSeconds(60).withBreaker(10, 10_000), floor.now + 1000);
        assertThat(healthyOnce.apply(marketBuy(), floor.now + 2000)).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void marketStateIsCheckedBeforeThePriceAndThePriceBeforeBusinessRules() {
        oneUpdate("a", "65000");
        floor.apply(new ChangeTradingState("", TradingState.CLOSED, "ops", "admin-1", false));
        assertThat(dan.buys("1").atMarket().rejected()).as("409 state first").isEqualTo(Code.MARKET_CLOSED);

        floor.apply(new ChangeTradingState("", TradingState.POST_ONLY, "ops", "admin-1", false));
        assertThat(dan.buys("1").atMarket().rejected())
                .as("409 price before 422 POST_ONLY_REQUIRED")
                .isEqualTo(Code.PRICE_UNAVAILABLE);
        assertThat(dan.buys("1").at("64900").postOnly().rejected())
                .as("the POST_ONLY band needs a trusted index")
                .isEqualTo(Code.PRICE_UNAVAILABLE);
        assertThat(dan.buys("100000").atMarket().rejected())
                .as("409 price before 422 margin")
                .isEqualTo(Code.PRICE_UNAVAILABLE);

        floor.prices("65000");
        assertThat(dan.buys("1").atMarket().rejected()).isEqualTo(Code.POST_ONLY_REQUIRED);
        assertThat(dan.buys("1").at("64900").postOnly().placed().status()).isEqualTo(OrderStatus.OPEN);
    }

    private PlaceOrder marketBuy() {
        return new PlaceOrder(
                dan.accountId,
                BTC,
                Side.BUY,
                OrderType.MARKET,
                TimeInForce.IOC,
                null,
                null,
                new BigDecimal("1"),
                false,
                "");
    }

    private static Code rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected) outcome).rejection();
        return rejection.code();
    }
}
