package io.bulwark.engine.maintenance;

/**
 * One announced maintenance window, in engine time (epoch milliseconds). {@code windowId} is the
 * window's number as text; {@code createdBy} the actor who scheduled it.
 */
public record MaintenanceWindow(
        String windowId, long start, long end, String reason, String createdBy, long createdAt, WindowStatus status) {

    MaintenanceWindow with(WindowStatus next) {
        return new MaintenanceWindow(windowId, start, end, reason, createdBy, createdAt, next);
    }

    /** Not yet over: scheduled or active. */
    public boolean announced() {
        return status == WindowStatus.SCHEDULED || status == WindowStatus.ACTIVE;
    }
}
