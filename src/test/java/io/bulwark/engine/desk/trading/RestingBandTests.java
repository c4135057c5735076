package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3 (v2): a resting limit price within restingBandBps (here 5000: half the mark either way)
 * of the mark, else 422 PRICE_OUTSIDE_BAND. Resting orders need no price (SPEC section 8), so a market that
 * never had one takes them unchecked until its first mark price: then the band applies.
 */
class RestingBandTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader mallory = floor.trader("mallory", "1000000");
    private final TradingFloor.Trader bob = floor.trader("bob", "1000000");

    {
        floor.apply(OpenOrderLimitTests.limits(200, 5000, 60L));
    }

    private Outcome amend(OrderState order, String price, String size) {
        return floor.apply(new AmendOrder(
                mallory.accountId,
                order.orderId(),
                price == null ? null : new BigDecimal(price),
                size == null ? null : new BigDecimal(size)));
    }

    @Test
    void aRestingPriceIsHeldToTheBandAroundTheMarkOnBothSides() {
        floor.prices("65000");
        String hash = floor.engine.stateHash();

        assertThat(mallory.buys("0.01").at("32499.9").rejected()).isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertThat(mallory.sells("0.01").at("97500.1").rejected()).isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertThat(mallory.buys("0.01").at("1").postOnly().rejected()).isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertThat(floor.engine.stateHash()).as("refusals change nothing").isEqualTo(hash);

        assertThat(mallory.buys("0.01").at("32500").placed().status()).isEqualTo(OrderStatus.OPEN);
        assertThat(mallory.sells("0.01").at("97500").placed().status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void anOrderThatCannotRestIsNotHeldToIt() {
        floor.prices("65000");

        assertThat(mallory.buys("0.01").at("1").ioc().placed().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(mallory.buys("0.01").at("1").fok().placed().status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void beforeTheFirstMarkThereIsNoBandButAStopLimitIsHeldToItsTrigger() {
        assertThat(mallory.buys("0.01").at("1").placed().status())
                .as("nothing to measure it against yet")
                .isEqualTo(OrderStatus.OPEN);
        floor.prices("65000");
        assertThat(mallory.buys("0.01").at("1").rejected()).isEqualTo(Code.PRICE_OUTSIDE_BAND);

        assertThat(mallory.sells("0.01")
                        .at("59000")
                        .triggered(OrderType.STOP_LIMIT, "60000")
                        .placed()
                        .status())
                .as("it rests only once the mark reaches its trigger")
                .isEqualTo(OrderStatus.UNTRIGGERED);
        assertThat(mallory.sells("0.01")
                        .at("1")
                        .triggered(OrderType.STOP_LIMIT, "60000")
                        .rejected())
                .as("a stop that would rest far from where it fires")
                .isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertThat(mallory.buys("0.01")
                        .at("200000")
                        .triggered(OrderType.TAKE_PROFIT_LIMIT, "60000")
                        .rejected())
                .isEqualTo(Code.PRICE_OUTSIDE_BAND);
    }

    @Test
    void anAmendToAPriceOutsideTheBandIsRefusedAndASizeChangeAloneIsNot() {
        floor.prices("65000");
        OrderState bid = mallory.buys("0.02").at("33000").placed();
        floor.prices("66100"); // the bid is now more than half below the mark
        assertThat(floor.view().market(BTC).orElseThrow().markPrice()).isEqualByComparingTo("66100");

        Rejection outside = ((Outcome.Rejected) amend(bid, "33000.1", null)).rejection();
        assertThat(outside.code()).isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertThat(outside.message()).contains("5000 bps", "66100");
        assertThat(amend(bid, null, "0.01")).as("smaller, same price").isInstanceOf(Outcome.Applied.class);
        assertThat(amend(bid, "33050", null)).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aBookQuotedFarAwayDoesNotDragTheBandWithIt() {
        floor.prices("65000");
        bob.sells("0.01").at("97500").placed();
        mallory.buys("0.01").at("96000").placed(); // the mid is now 96,750
        assertThat(floor.view().market(BTC).orElseThrow().markPrice())
                .as("the mark is a median: the index outvotes a lone book")
                .isEqualByComparingTo("65000");

        assertThat(mallory.sells("0.01").at("145000").rejected())
                .as("within half of the mid, not of the mark")
                .isEqualTo(Code.PRICE_OUTSIDE_BAND);
    }
}
