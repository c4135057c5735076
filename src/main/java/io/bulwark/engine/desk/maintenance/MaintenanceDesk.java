package io.bulwark.engine.desk.maintenance;

import static io.bulwark.engine.command.Rejection.Code.INVALID_TRANSITION;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_WINDOW;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.CancelMaintenance;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.ScheduleMaintenance;
import io.bulwark.engine.desk.TradingStateChanges;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MaintenanceCancelled;
import io.bulwark.engine.event.MaintenanceCompleted;
import io.bulwark.engine.event.MaintenanceScheduled;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.MaintenanceWindows;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.TradingState;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows (SPEC section 8): scheduling and cancelling them, and, as engine time passes,
 * starting them (the exchange goes CLOSED exactly as by an admin's transition: orders cancelled with
 * MAINTENANCE except untriggered stops, then the pre-maintenance snapshot) and completing them.
 */
public final class MaintenanceDesk {
    /** The actor of the CLOSED a window's start imposes. */
    public static final String ACTOR = "system:maintenance-window";

    private static final int MAX_REASON = 200;

    private final MaintenanceWindows windows;
    private final ExchangeStatus status;
    private final TradingStateChanges transitions;

    public MaintenanceDesk(MaintenanceWindows windows, ExchangeStatus status, TradingStateChanges transitions) {
        this.windows = windows;
        this.status = status;
        this.transitions = transitions;
    }

    public Optional<Outcome> schedule(ScheduleMaintenance c, long now, List<Event> events) {
        if (c.reason() == null || c.reason().isBlank() || c.reason().length() > MAX_REASON) {
            return reject(VALIDATION_FAILED, "reason is required (at most " + MAX_REASON + " characters)");
        }
        if (c.start() >= c.end()) {
            return reject(VALIDATION_FAILED, "start must be before end");
        }
        if (c.end() <= now) {
            return reject(VALIDATION_FAILED, "end must be in the future");
        }
        MaintenanceWindow w = windows.schedule(c.start(), c.end(), c.reason(), c.actor(), now);
        events.add(new MaintenanceScheduled(w.windowId(), w.start(), w.end(), w.reason(), w.createdBy()));
        return Optional.empty();
    }

    public Optional<Outcome> cancel(CancelMaintenance c, List<Event> events) {
        Optional<MaintenanceWindow> window = windows.get(c.windowId());
        if (window.isEmpty()) {
            return reject(UNKNOWN_WINDOW, "no maintenance window " + c.windowId());
        }
        if (!window.get().announced()) {
            return reject(
                    INVALID_TRANSITION,
                    "maintenance window " + c.windowId() + " is already "
                            + window.get().status());
        }
        MaintenanceWindow cancelled = windows.cancel(window.get());
        events.add(new MaintenanceCancelled(
                cancelled.windowId(), cancelled.start(), cancelled.end(), cancelled.reason(), c.actor()));
        return Optional.empty();
    }

    /** Whether {@link #onTick} has anything to do at {@code now}. */
    public boolean due(long now) {
        return windows.due(now);
    }

    /** Starts the windows whose start has come and completes those whose end has passed. */
    public void onTick(long sequence, long now, List<Event> events) {
        for (MaintenanceWindow w : windows.start(now)) {
            boolean close = status.state() != TradingState.CLOSED;
            events.add(new MaintenanceStarted(w.windowId(), w.start(), w.end(), w.reason(), close));
            if (close) {
                transitions.change(
                        new ChangeTradingState(
                                ChangeTradingState.EXCHANGE,
                                TradingState.CLOSED,
                                "maintenance window " + w.windowId() + ": " + w.reason(),
                                ACTOR,
                                false),
                        sequence,
                        now,
                        events);
            }
        }
        for (MaintenanceWindow w : windows.complete(now)) {
            events.add(new MaintenanceCompleted(w.windowId(), w.start(), w.end(), w.reason()));
        }
    }
}
