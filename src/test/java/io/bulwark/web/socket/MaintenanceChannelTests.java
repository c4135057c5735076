package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.state.TradingState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The status channel announces maintenance windows: scheduled, cancelled, and started (the exchange closes). */
class MaintenanceChannelTests extends SocketTestBase {
    private static final String PATH = "/api/v1/admin/maintenance-windows";

    private String schedule(Instant start, Instant end, String reason) {
        return api.post(PATH, ADMIN_KEY, """
                        {"start":"%s","end":"%s","reason":"%s"}""".formatted(start, end, reason))
                .assertStatus(201)
                .text("windowId");
    }

    @Test
    void scheduledAndCancelledWindowsAreAnnounced() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = schedule(start, start.plusSeconds(900), "network maintenance");

        JsonNode scheduled = client.next("maintenance");
        assertThat(scheduled.path("channel").asString()).isEqualTo("status");
        assertThat(scheduled.path("windowId").asString()).isEqualTo(id);
        assertThat(scheduled.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(scheduled.path("start").asString())).isEqualTo(start);
        assertThat(Instant.parse(scheduled.path("end").asString())).isEqualTo(start.plusSeconds(900));
        assertThat(scheduled.path("reason").asString()).isEqualTo("network maintenance");

        api.delete(PATH + "/" + id, ADMIN_KEY).assertStatus(200);
        JsonNode cancelled = client.next("maintenance");
        assertThat(cancelled.path("windowId").asString()).isEqualTo(id);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aWindowStartingClosesTheExchangeAndSaysSo() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        Instant start = Instant.now().plusSeconds(1);
        String id = schedule(start, start.plusSeconds(3600), "shared-context window");
        try {
            JsonNode started = client.next(
                    m -> "maintenance".equals(m.path("type").asString())
                            && "ACTIVE".equals(m.path("status").asString()),
                    "the window's start");
            assertThat(started.path("windowId").asString()).isEqualTo(id);
            JsonNode closed = client.next("state");
            assertThat(closed.path("to").asString()).isEqualTo("CLOSED");
            assertThat(closed.path("reason").asString())
                    .isEqualTo("maintenance window " + id + ": shared-context window");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "CLOSED"
                            .equals(api.get("/api/v1/system/status", null).text("state")));
        } finally {
            // The application is shared with other tests: call the window off and reopen.
            api.delete(PATH + "/" + id, ADMIN_KEY);
            gateway.submit(new ChangeTradingState("", TradingState.OPEN, "test over", "test", true), "test");
        }
    }
}
