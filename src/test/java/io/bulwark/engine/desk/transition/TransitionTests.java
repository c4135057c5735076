package io.bulwark.engine.desk.transition;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.OrdersAtAClose;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.RolledBack;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.state.TradingState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exchange state machine of SPEC section 8: every transition, allowed, refused or forced. */
class TransitionTests {
    private final TradingFloor floor = new TradingFloor();

    TransitionTests() {
        floor.apply(StartEngine.of("test")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withMinPostOnlySeconds(120));
    }

    private Outcome to(String scope, TradingState state, boolean force) {
        return floor.apply(new ChangeTradingState(scope, state, "ops", "admin-1", force));
    }

    private void reach(TradingState state) {
        if (state != TradingState.OPEN) {
            assertThat(to("", state, true)).isInstanceOf(Outcome.Applied.class);
        }
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(TradingState.OPEN, TradingState.CLOSED, true),
                Arguments.of(TradingState.OPEN, TradingState.POST_ONLY, true),
                Arguments.of(TradingState.OPEN, TradingState.OPEN, false),
                Arguments.of(TradingState.POST_ONLY, TradingState.CLOSED, true),
                Arguments.of(TradingState.POST_ONLY, TradingState.OPEN, false), // not 120 s in POST_ONLY yet
                Arguments.of(TradingState.POST_ONLY, TradingState.POST_ONLY, false),
                Arguments.of(TradingState.CLOSED, TradingState.CLOSED, true),
                Arguments.of(TradingState.CLOSED, TradingState.POST_ONLY, true), // no positions: nothing needs a price
                Arguments.of(TradingState.CLOSED, TradingState.OPEN, false));
    }

    @ParameterizedTest(name = "{0} -> {1}: allowed {2}, always allowed with force")
    @MethodSource("table")
    void everyTransitionFollowsTheTable(TradingState from, TradingState to, boolean allowed) {
        reach(from);
        Outcome outcome = to("", to, false);
        if (allowed) {
            assertThat(outcome).isInstanceOf(Outcome.Applied.class);
            assertThat(floor.view().status().state()).isEqualTo(to);
        } else {
            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.INVALID_TRANSITION));
            assertThat(floor.view().status().state()).isEqualTo(from);
            assertThat(to("", to, true)).isInstanceOf(Outcome.Applied.class);
            assertThat(floor.events())
                    .filteredOn(TradingStateChanged.class::isInstance)
                    .singleElement()
                    .satisfies(
                            e -> assertThat(((TradingStateChanged) e).forced()).isTrue());
        }
    }

    @Test
    void postOnlyOpensAfterTheMinimumTime() {
        reach(TradingState.POST_ONLY);
        for (int i = 0; i < 118; i++) {
            floor.apply(new Tick());
        }
        assertThat(to("", TradingState.OPEN, false)).as("119 s in POST_ONLY").isInstanceOf(Outcome.Rejected.class);
        floor.apply(new Tick());
        assertThat(to("", TradingState.OPEN, false)).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void leavingClosedNeedsHealthyPricesWhereThereArePositions() {
        floor.prices("65000");
        var alice = floor.trader("alice", "100000");
        var bob = floor.trader("bob", "100000");
        alice.sells("1").at("65000").placed();
        bob.buys("1").at("65000").placed();
        reach(TradingState.CLOSED);
        for (int i = 0; i < 31; i++) {
            floor.apply(new Tick()); // the index goes stale
        }
        assertThat(to("", TradingState.POST_ONLY, false))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().message()).contains("no healthy price in " + BTC));
        floor.prices("65000");
        assertThat(to("", TradingState.POST_ONLY, false)).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void enteringClosedCancelsOrdersButStopsAndTakesThePreMaintenanceSnapshot() {
        var orders = OrdersAtAClose.placedOn(floor);

        Outcome closed = to("", TradingState.CLOSED, false);
        assertThat(closed).isInstanceOf(Outcome.Applied.class);

        orders.assertClosedForMaintenance("pre-maintenance");
        assertThat(((Outcome.Applied) closed).tookSnapshot()).isTrue();
    }

    @Test
    void aClosedImposedByAnUnverifiedRecoveryTakesNoSnapshot() {
        floor.apply(new ChangeTradingState(
                "", TradingState.CLOSED, "recovery could not be verified", ChangeTradingState.RECOVERY, false));
        assertThat(floor.events()).noneMatch(SnapshotTaken.class::isInstance);
        assertThat(floor.view().status().state()).isEqualTo(TradingState.CLOSED);
    }

    @Test
    void aMarketHasItsOwnStateAndUnknownMarketsAreRefused() {
        assertThat(to(BTC, TradingState.CLOSED, false)).isInstanceOf(Outcome.Applied.class);
        assertThat(floor.view().status().state()).isEqualTo(TradingState.OPEN);
        assertThat(floor.view().market(BTC).orElseThrow().effectiveState()).isEqualTo(TradingState.CLOSED);
        assertThat(to("DOGE-USD-PERP", TradingState.CLOSED, false))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.UNKNOWN_MARKET));
    }

    @Test
    void rollingBackKeepsTheExchangeClosedCancelsOrdersButStopsAndRaisesTheEpoch() {
        floor.prices("65000");
        var bob = floor.trader("bob", "100000");
        var bid = bob.buys("1").at("64000").placed();
        var stop = bob.sells("1").triggered(OrderType.STOP_MARKET, "60000").placed();
        long epoch = floor.view().status().epoch();

        // Applied to an OPEN state, as a snapshot taken before maintenance began would hold.
        assertThat(floor.apply(new io.bulwark.engine.command.RollBack("snap-7", 7, "bad data", "admin-1", null)))
                .isInstanceOf(Outcome.Applied.class);

        assertThat(floor.view().status().state()).isEqualTo(TradingState.CLOSED);
        assertThat(floor.view().status().epoch()).isEqualTo(epoch + 1);
        assertThat(floor.events())
                .anySatisfy(e -> assertThat(e)
                        .isEqualTo(
                                new io.bulwark.engine.event.RolledBack("snap-7", 7, epoch + 1, "bad data", "admin-1")))
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                TradingStateChanged.class,
                                c -> assertThat(c.to()).isEqualTo(TradingState.CLOSED)))
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(io.bulwark.engine.event.OrderUpdated.class, u -> {
                    assertThat(u.order().orderId()).isEqualTo(bid.orderId());
                    assertThat(u.order().cancelReason()).isEqualTo(CancelReason.ROLLBACK);
                }));
        assertThat(bob.liveOrders()).extracting(o -> o.orderId()).containsExactly(stop.orderId());
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.status().epoch())
                .as("the epoch is part of the state")
                .isEqualTo(epoch + 1);
    }

    @Test
    void everyRollbackRaisesTheEpochAlsoASecondOneToTheSameSnapshot() {
        floor.apply(new ChangeTradingState("", TradingState.CLOSED, "ops", "admin-1", false));
        byte[] snapshot = floor.engine.serialize();
        long atSnapshot = floor.view().status().epoch();
        long sequence = floor.engine.lastSequence();

        Engine first = Engine.restore(snapshot);
        first.apply(new RollBack("snap-1", sequence, "first", "admin-1", atSnapshot), floor.now);
        assertThat(first.status().epoch()).isEqualTo(atSnapshot + 1);

        // The same snapshot again: it restores its own epoch; the highest ever (journaled) lifts the new one.
        Engine second = Engine.restore(snapshot);
        Outcome.Applied applied = (Outcome.Applied) second.apply(
                new RollBack(
                        "snap-1", sequence, "second", "admin-1", first.status().epoch()),
                floor.now);
        assertThat(second.status().epoch()).isEqualTo(atSnapshot + 2);
        assertThat(applied.events()).contains(new RolledBack("snap-1", sequence, atSnapshot + 2, "second", "admin-1"));

        // Replay from the snapshot reproduces it: the epoch comes from the command, not from memory.
        Engine replayed = Engine.restore(snapshot);
        replayed.replay(
                applied.sequence(),
                applied.timestamp(),
                new RollBack(
                        "snap-1", sequence, "second", "admin-1", first.status().epoch()));
        assertThat(replayed.stateHash()).isEqualTo(second.stateHash());

        // A row written before highestEpoch existed keeps its old meaning: the snapshot's epoch plus one.
        Engine legacy = Engine.restore(snapshot);
        legacy.apply(new RollBack("snap-1", sequence, "old row", "admin-1", null), floor.now);
        assertThat(legacy.status().epoch()).isEqualTo(atSnapshot + 1);
    }
}
