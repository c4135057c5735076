package io.bulwark.engine.desk.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 4 (v2): a client order id is remembered while its order is live and for
 * clientOrderIdRetentionSeconds of engine time after the order ended (here 60 s); a repeat within that
 * answers as before (the original order, or DUPLICATE_CLIENT_ORDER_ID for another body), and after it the
 * id names a new order. Engine time only: the commands' own timestamps decide.
 */
class ClientOrderIdRetentionTests {
    private static final long RETENTION = 60_000;

    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader alice = floor.trader("alice", "1000000");
    private final TradingFloor.Trader bob = floor.trader("bob", "1000000");

    {
        floor.apply(OpenOrderLimitTests.limits(200, 5000, RETENTION / 1000));
        floor.prices("65000");
    }

    /** Applies the next command at exactly {@code time}. */
    private void at(long time) {
        floor.now = time - 1000;
    }

    private Outcome repeat(String clientOrderId) {
        return alice.buys("0.01").at("64000").clientOrderId(clientOrderId).send();
    }

    @Test
    void anIdIsRememberedWhileItsOrderIsLiveHoweverLongThatIs() {
        OrderState bid = alice.buys("0.01").at("64000").clientOrderId("bid-1").placed();
        at(floor.now + 10 * RETENTION);
        floor.apply(new Tick());

        assertThat(repeat("bid-1")).isEqualTo(new Outcome.AlreadyApplied("order already placed", bid.orderId()));
        assertThat(alice.buys("0.02").at("64000").clientOrderId("bid-1").rejected())
                .isEqualTo(Code.DUPLICATE_CLIENT_ORDER_ID);
    }

    @Test
    void afterItsOrderEndedAnIdIsRememberedForTheRetentionToTheMillisecondThenForgotten() {
        OrderState bid = alice.buys("0.01").at("64000").clientOrderId("bid-1").placed();
        alice.cancels(bid.orderId());
        long ended = floor.now;

        at(ended + RETENTION - 1);
        assertThat(repeat("bid-1")).isInstanceOf(Outcome.AlreadyApplied.class);
        at(ended + RETENTION - 1);
        assertThat(alice.buys("0.02").at("64000").clientOrderId("bid-1").rejected())
                .isEqualTo(Code.DUPLICATE_CLIENT_ORDER_ID);

        at(ended + RETENTION);
        OrderState again = alice.buys("0.02").at("64000").clientOrderId("bid-1").placed();
        assertThat(again.orderId()).isNotEqualTo(bid.orderId());
        assertThat(repeat("bid-1")).as("the id names the new order now").isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void filledAndNeverRestingOrdersCountFromTheirEndToo() {
        bob.sells("0.01").at("64000").clientOrderId("ask").placed();
        OrderState taker =
                alice.buys("0.01").at("64000").ioc().clientOrderId("take").placed();
        assertThat(taker.status()).isEqualTo(OrderStatus.FILLED);
        long filled = floor.now;

        at(filled + RETENTION - 2);
        floor.apply(new Tick());
        at(filled + RETENTION - 1);
        assertThat(bob.sells("0.01").at("64000").clientOrderId("ask").send())
                .as("the maker, filled by the taker")
                .isInstanceOf(Outcome.AlreadyApplied.class);
        at(filled + RETENTION);
        floor.apply(new Tick());
        assertThat(bob.sells("0.01").at("64000").clientOrderId("ask").send()).isInstanceOf(Outcome.Applied.class);
        assertThat(alice.buys("0.01").at("64000").ioc().clientOrderId("take").send())
                .isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aReusedIdIsNeverForgottenOnTheClockOfItsPredecessor() {
        OrderState first =
                alice.buys("0.01").at("64000").ioc().clientOrderId("x").placed();
        assertThat(first.status()).isEqualTo(OrderStatus.CANCELLED);
        long ended = floor.now;

        at(ended + RETENTION);
        OrderState second = alice.buys("0.01").at("64000").clientOrderId("x").placed();
        at(ended + 5 * RETENTION);
        floor.apply(new Tick());

        assertThat(alice.buys("0.01").at("64000").clientOrderId("x").send())
                .as("the second order is live: its id stays")
                .isEqualTo(new Outcome.AlreadyApplied("order already placed", second.orderId()));
    }

    @Test
    void forgettingDependsOnTheCommandsAloneSoASnapshotAndAReplayAgree() {
        OrderState bid = alice.buys("0.01").at("64000").clientOrderId("bid-1").placed();
        alice.cancels(bid.orderId());
        alice.buys("0.01").at("64000").ioc().clientOrderId("ioc-1").placed();
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());

        int remembering = floor.engine.serialize().length;

        long later = floor.now + RETENTION + 5_000;
        at(later);
        floor.apply(new Tick());
        restored.apply(new Tick(), later);
        assertThat(floor.engine.serialize().length)
                .as("the two ids are gone from the state")
                .isLessThan(remembering);
        assertThat(restored.stateHash())
                .as("both forgot the same ids at the same engine time")
                .isEqualTo(floor.engine.stateHash());
    }
}
