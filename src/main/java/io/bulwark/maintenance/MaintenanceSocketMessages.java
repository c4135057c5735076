package io.bulwark.maintenance;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MaintenanceCancelled;
import io.bulwark.engine.event.MaintenanceCompleted;
import io.bulwark.engine.event.MaintenanceScheduled;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code maintenance} on the status channel: a window was scheduled, cancelled, started (ACTIVE: the
 * exchange went CLOSED unless it was already) or completed. Not {@link MaintenanceWindowResponse}: the
 * events carry no {@code createdBy}/{@code createdAt}, and the message never had them.
 */
@Component
class MaintenanceSocketMessages implements SocketMessages {

    /** Instants in ISO-8601. */
    record MaintenanceMessage(String windowId, String start, String end, String reason, String status) {}

    @Override
    public Pass pass() {
        return Pass.LEDGER_AND_STATE;
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case MaintenanceScheduled m -> send(out, m.windowId(), m.start(), m.end(), m.reason(), "SCHEDULED");
            case MaintenanceStarted m -> send(out, m.windowId(), m.start(), m.end(), m.reason(), "ACTIVE");
            case MaintenanceCancelled m -> send(out, m.windowId(), m.start(), m.end(), m.reason(), "CANCELLED");
            case MaintenanceCompleted m -> send(out, m.windowId(), m.start(), m.end(), m.reason(), "COMPLETED");
            default -> {}
        }
    }

    private static void send(
            ChannelPublisher out, String windowId, long start, long end, String reason, String status) {
        out.toStatus(
                "maintenance",
                new MaintenanceMessage(
                        windowId,
                        Instant.ofEpochMilli(start).toString(),
                        Instant.ofEpochMilli(end).toString(),
                        reason,
                        status));
    }
}
