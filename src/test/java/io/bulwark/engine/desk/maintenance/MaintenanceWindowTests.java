package io.bulwark.engine.desk.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.OrdersAtAClose;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.CancelMaintenance;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.ScheduleMaintenance;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.MaintenanceCompleted;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.WindowStatus;
import io.bulwark.engine.state.TradingState;
import org.junit.jupiter.api.Test;

/** SPEC section 8's maintenance windows, with explicit engine time: each step is a command at a known stamp. */
class MaintenanceWindowTests {
    private final TradingFloor floor = new TradingFloor();

    MaintenanceWindowTests() {
        floor.apply(StartEngine.of("test")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withMinPostOnlySeconds(120));
    }

    private Outcome tickAt(long timestamp) {
        floor.now = timestamp - 1000; // TradingFloor.apply adds a second
        return floor.apply(new Tick());
    }

    private String schedule(long start, long end) {
        Outcome.Applied applied =
                (Outcome.Applied) floor.apply(new ScheduleMaintenance(start, end, "upgrade db", "admin-1"));
        return ((io.bulwark.engine.event.MaintenanceScheduled) applied.events().getFirst()).windowId();
    }

    private MaintenanceWindow window(String id) {
        return floor.view().maintenanceWindows().stream()
                .filter(w -> w.windowId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void atItsStartTheExchangeClosesByItselfAsAnAdminCloseWould() {
        var orders = OrdersAtAClose.placedOn(floor);
        long start = floor.now + 60_000;
        String id = schedule(start, start + 600_000);
        assertThat(window(id).status()).isEqualTo(WindowStatus.SCHEDULED);

        tickAt(start - 1);
        assertThat(floor.view().status().state()).isEqualTo(TradingState.OPEN);
        assertThat(floor.engine.maintenanceDue(start - 1)).isFalse();
        assertThat(floor.engine.maintenanceDue(start)).isTrue();

        tickAt(start);
        assertThat(window(id).status()).isEqualTo(WindowStatus.ACTIVE);
        assertThat(floor.view().status().state()).isEqualTo(TradingState.CLOSED);
        assertThat(floor.view().status().reason()).isEqualTo("maintenance window " + id + ": upgrade db");
        assertThat(floor.events())
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TradingStateChanged.class, t -> {
                    assertThat(t.to()).isEqualTo(TradingState.CLOSED);
                    assertThat(t.actor()).isEqualTo(MaintenanceDesk.ACTOR);
                }));
        orders.assertClosedForMaintenance("pre-maintenance: maintenance window " + id + ": upgrade db");

        tickAt(start + 600_000);
        assertThat(window(id).status()).isEqualTo(WindowStatus.COMPLETED);
        assertThat(floor.events()).anyMatch(MaintenanceCompleted.class::isInstance);
        assertThat(floor.view().status().state())
                .as("reopening stays an admin's act")
                .isEqualTo(TradingState.CLOSED);
    }

    @Test
    void aWindowStartingOnAClosedExchangeKeepsItsReasonAndTakesNoSecondSnapshot() {
        floor.apply(new ChangeTradingState("", TradingState.CLOSED, "incident", "admin-1", false));
        long start = floor.now + 5_000;
        String id = schedule(start, start + 5_000);
        tickAt(start);
        assertThat(floor.events())
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                MaintenanceStarted.class,
                                s -> assertThat(s.closedExchange()).isFalse()))
                .noneMatch(SnapshotTaken.class::isInstance)
                .noneMatch(TradingStateChanged.class::isInstance);
        assertThat(floor.view().status().reason()).isEqualTo("incident");
        assertThat(window(id).status()).isEqualTo(WindowStatus.ACTIVE);
    }

    @Test
    void aCancelledWindowNeverStarts() {
        long start = floor.now + 5_000;
        String id = schedule(start, start + 5_000);
        assertThat(floor.apply(new CancelMaintenance(id, "admin-2"))).isInstanceOf(Outcome.Applied.class);
        tickAt(start + 1_000);
        assertThat(floor.view().status().state()).isEqualTo(TradingState.OPEN);
        assertThat(window(id).status()).isEqualTo(WindowStatus.CANCELLED);
        assertThat(rejection(floor.apply(new CancelMaintenance(id, "admin-2"))))
                .isEqualTo(Rejection.Code.INVALID_TRANSITION);
        assertThat(rejection(floor.apply(new CancelMaintenance("99", "admin-2"))))
                .isEqualTo(Rejection.Code.UNKNOWN_WINDOW);
    }

    @Test
    void invalidWindowsAreRefused() {
        long now = floor.now;
        assertThat(rejection(floor.apply(new ScheduleMaintenance(now + 10_000, now + 5_000, "x", "a"))))
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(rejection(floor.apply(new ScheduleMaintenance(now - 10_000, now - 5_000, "x", "a"))))
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(rejection(floor.apply(new ScheduleMaintenance(now + 5_000, now + 10_000, " ", "a"))))
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.view().maintenanceWindows()).isEmpty();
    }

    @Test
    void windowsSurviveASnapshotAndItsRestore() {
        long start = floor.now + 5_000;
        String id = schedule(start, start + 5_000);
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.maintenanceWindows())
                .containsExactlyElementsOf(floor.view().maintenanceWindows());
        Outcome.Applied started = (Outcome.Applied) restored.apply(new Tick(), start);
        assertThat(started.events()).anyMatch(MaintenanceStarted.class::isInstance);
        assertThat(restored.status().state()).isEqualTo(TradingState.CLOSED);
        assertThat(restored.maintenanceWindows().getFirst().windowId()).isEqualTo(id);
    }

    private static Rejection.Code rejection(Outcome outcome) {
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
