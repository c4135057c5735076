package io.bulwark.engine.desk.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 10 (v2) dead man's switch: {@code cancel-after} arms a deadline in engine time; the first Tick
 * stamped at or after it cancels every live order of that account (conditional ones too) with reason
 * DEAD_MAN_SWITCH, unless the account armed again (or disarmed) first. Engine time only: the commands' own
 * timestamps decide, so a replay or a snapshot fires the same cancels at the same sequence.
 */
class DeadMansSwitchTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader alice = floor.trader("alice", "1000000");
    private final TradingFloor.Trader bob = floor.trader("bob", "1000000");

    {
        floor.prices("65000");
    }

    /** Applies the next command at exactly {@code time}. */
    private Outcome at(long time, Command command) {
        floor.now = time - 1000;
        return floor.apply(command);
    }

    /** Arms alice's switch for {@code seconds}; answers the deadline (engine time). */
    private long arm(int seconds) {
        assertThat(floor.apply(new ArmCancelAfter(alice.accountId, seconds))).isInstanceOf(Outcome.Applied.class);
        return floor.now + seconds * 1000L;
    }

    private void restingOrders() {
        alice.buys("0.01").at("64000").placed();
        alice.sells("0.01").at("66000").placed();
        alice.sells("0.01").triggered(OrderType.STOP_MARKET, "60000").placed();
        bob.buys("0.01").at("64000").placed();
    }

    private static List<OrderState> cancelled(Outcome outcome) {
        List<OrderState> orders = new ArrayList<>();
        for (Event e : ((Outcome.Applied) outcome).events()) {
            if (e instanceof OrderUpdated u && u.order().status() == OrderStatus.CANCELLED) {
                orders.add(u.order());
            }
        }
        return orders;
    }

    @Test
    void atTheDeadlineToTheMillisecondEveryLiveOrderOfTheAccountIsCancelledAndNoOtherAccounts() {
        restingOrders();
        long deadline = arm(30);
        assertThat(floor.engine.cancelAfterDeadline(alice.accountId)).hasValue(deadline);

        assertThat(cancelled(at(deadline - 1, new Tick()))).isEmpty();
        assertThat(floor.engine.maintenanceDue(deadline - 1)).isFalse();
        assertThat(floor.engine.maintenanceDue(deadline))
                .as("the sequencer journals a Tick before the first command stamped at the deadline")
                .isTrue();
        List<OrderState> fired = cancelled(at(deadline, new Tick()));

        assertThat(fired).hasSize(3).allSatisfy(o -> {
            assertThat(o.accountId()).isEqualTo(alice.accountId);
            assertThat(o.cancelReason()).isEqualTo(CancelReason.DEAD_MAN_SWITCH);
        });
        assertThat(fired).extracting(OrderState::type).contains(OrderType.STOP_MARKET);
        assertThat(alice.liveOrders()).isEmpty();
        assertThat(bob.liveOrders()).as("another account's orders stay").hasSize(1);
        assertThat(floor.engine.cancelAfterDeadline(alice.accountId))
                .as("fired once: disarmed")
                .isEmpty();
    }

    @Test
    void aTickFiresItWithoutAnyOtherCommandOfTheAccount() {
        restingOrders();
        long deadline = arm(5);
        floor.now = deadline + 10_000;
        floor.apply(new Tick());

        assertThat(alice.liveOrders()).isEmpty();
        assertThat(bob.liveOrders()).hasSize(1);
    }

    @Test
    void armingAgainBeforeTheDeadlineMovesIt() {
        restingOrders();
        long first = arm(10);
        at(first - 1000, new Tick());
        at(first - 1, new ArmCancelAfter(alice.accountId, 10));
        long second = first - 1 + 10_000;

        assertThat(cancelled(at(first, new Tick()))).isEmpty();
        assertThat(alice.liveOrders()).hasSize(3);
        assertThat(floor.engine.cancelAfterDeadline(alice.accountId)).hasValue(second);
        assertThat(cancelled(at(second, new Tick()))).hasSize(3);
    }

    @Test
    void zeroSecondsDisarms() {
        restingOrders();
        long deadline = arm(10);
        arm(0);

        assertThat(floor.engine.cancelAfterDeadline(alice.accountId)).isEmpty();
        assertThat(floor.engine.maintenanceDue(deadline + 60_000)).isFalse();
        at(deadline + 60_000, new Tick());
        assertThat(alice.liveOrders()).hasSize(3);
    }

    @Test
    void ordersPlacedAfterItFiredAreNotCancelledByIt() {
        long deadline = arm(5);
        at(deadline, new Tick());
        OrderState later = alice.buys("0.01").at("64000").placed();
        floor.now += 60_000;
        floor.apply(new Tick());

        assertThat(alice.liveOrders()).extracting(OrderState::orderId).containsExactly(later.orderId());
    }

    @Test
    void outOfRangeSecondsAndUnknownAccountsAreRefused() {
        assertThat(floor.apply(new ArmCancelAfter(alice.accountId, 601)))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.VALIDATION_FAILED));
        assertThat(floor.apply(new ArmCancelAfter(alice.accountId, -1))).isInstanceOf(Outcome.Rejected.class);
        assertThat(floor.apply(new ArmCancelAfter("nobody", 10)))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Code.UNKNOWN_ACCOUNT));
        assertThat(floor.engine.cancelAfterDeadline(alice.accountId)).isEmpty();
    }

    @Test
    void aCancelAllWithAReasonEndsTheOrdersWithItAndWithoutOneAsTheTrader() {
        restingOrders();
        List<OrderState> dropped =
                cancelled(floor.apply(new CancelOrders(alice.accountId, "", CancelReason.DISCONNECT)));
        assertThat(dropped)
                .hasSize(3)
                .allSatisfy(o -> assertThat(o.cancelReason()).isEqualTo(CancelReason.DISCONNECT));

        bob.buys("0.01").at("63000").placed();
        assertThat(cancelled(floor.apply(new CancelOrders(bob.accountId, ""))))
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.cancelReason()).isEqualTo(CancelReason.USER));
    }

    @Test
    void aSnapshotKeepsTheDeadlineAndFiresTheSameCancelsAsTheLiveEngine() {
        restingOrders();
        long deadline = arm(20);
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.cancelAfterDeadline(alice.accountId)).hasValue(deadline);

        Outcome live = at(deadline, new Tick());
        Outcome again = restored.apply(new Tick(), deadline);

        // recursively: the Tick may take a periodic snapshot, whose bytes a record compares by identity
        assertThat(again).usingRecursiveComparison().isEqualTo(live);
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
    }

    @Test
    void theDeadlineIsPartOfTheStateHash() {
        restingOrders();
        byte[] before = floor.engine.serialize();
        long t = floor.now + 1000;
        Engine ten = Engine.restore(before);
        Engine tenAgain = Engine.restore(before);
        Engine twenty = Engine.restore(before);
        ten.apply(new ArmCancelAfter(alice.accountId, 10), t);
        tenAgain.apply(new ArmCancelAfter(alice.accountId, 10), t);
        twenty.apply(new ArmCancelAfter(alice.accountId, 20), t);

        assertThat(ten.stateHash()).isEqualTo(tenAgain.stateHash()).isNotEqualTo(twenty.stateHash());
    }

    @Test
    void aFormat5SnapshotRestoresWithNoSwitchArmed() {
        restingOrders();
        byte[] v6 = floor.engine.serialize();
        // Format 5 is format 6 without the trailing count of armed switches (0 here, an 8-byte long).
        byte[] v5 = Arrays.copyOf(v6, v6.length - 8);
        v5[7] = 5;
        Engine restored = Engine.restore(v5);

        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.cancelAfterDeadline(alice.accountId)).isEmpty();
    }
}
