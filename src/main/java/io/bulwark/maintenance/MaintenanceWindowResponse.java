package io.bulwark.maintenance;

import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.WindowStatus;
import java.time.Instant;
import java.util.List;

/**
 * One maintenance window as the API shows it (admin endpoints, {@code GET /system/status}). {@code
 * status} is computed from engine time, which moves with every Tick.
 */
public record MaintenanceWindowResponse(
        String windowId,
        Instant start,
        Instant end,
        String reason,
        WindowStatus status,
        String createdBy,
        Instant createdAt) {

    /** The windows still announced (scheduled or active), oldest first: what the status shows. */
    public static List<MaintenanceWindowResponse> announced(List<MaintenanceWindow> windows) {
        return windows.stream()
                .filter(MaintenanceWindow::announced)
                .map(MaintenanceWindowResponse::of)
                .toList();
    }

    public static MaintenanceWindowResponse of(MaintenanceWindow w) {
        return new MaintenanceWindowResponse(
                w.windowId(),
                Instant.ofEpochMilli(w.start()),
                Instant.ofEpochMilli(w.end()),
                w.reason(),
                w.status(),
                w.createdBy(),
                Instant.ofEpochMilli(w.createdAt()));
    }
}
