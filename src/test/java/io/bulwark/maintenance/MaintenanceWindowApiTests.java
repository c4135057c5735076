package io.bulwark.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 8's maintenance windows over HTTP: announce, list, cancel, and the refusals. The windows
 * here lie far in the future (the application is shared); MaintenanceWindowRestartTests lets one start.
 */
class MaintenanceWindowApiTests extends HttpApiTestBase {
    private static final String PATH = "/api/v1/admin/maintenance-windows";

    private static String body(Instant start, Instant end, String reason) {
        return """
                {"start":"%s","end":"%s","reason":"%s"}""".formatted(start, end, reason);
    }

    @Test
    void anAnnouncedWindowIsListedShownInTheStatusAndCancelled() {
        Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var created = api.post(PATH, ADMIN_KEY, body(start, start.plusSeconds(1800), "database upgrade"))
                .assertStatus(201);
        String id = created.text("windowId");
        assertThat(created.text("status")).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(created.text("start"))).isEqualTo(start);
        assertThat(Instant.parse(created.text("end"))).isEqualTo(start.plusSeconds(1800));
        assertThat(created.text("reason")).isEqualTo("database upgrade");
        assertThat(created.text("createdBy")).isNotBlank();

        assertThat(api.get(PATH, ADMIN_KEY)
                        .assertStatus(200)
                        .json()
                        .valueStream()
                        .map(w -> w.path("windowId").asString()))
                .contains(id);
        assertThat(api.get("/api/v1/system/status", null)
                        .assertStatus(200)
                        .get("maintenanceWindows")
                        .valueStream()
                        .filter(w -> w.path("windowId").asString().equals(id))
                        .map(w -> w.path("status").asString()))
                .containsExactly("SCHEDULED");

        var cancelled = api.delete(PATH + "/" + id, ADMIN_KEY).assertStatus(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/system/status", null)
                        .get("maintenanceWindows")
                        .valueStream()
                        .map(w -> w.path("windowId").asString()))
                .as("the status announces only scheduled and active windows")
                .doesNotContain(id);
        assertThat(api.get(PATH, ADMIN_KEY)
                        .json()
                        .valueStream()
                        .filter(w -> w.path("windowId").asString().equals(id))
                        .map(w -> w.path("status").asString()))
                .containsExactly("CANCELLED");
        api.delete(PATH + "/" + id, ADMIN_KEY).assertProblem(409, "INVALID_TRANSITION");
        api.delete(PATH + "/424242", ADMIN_KEY).assertProblem(404, "WINDOW_NOT_FOUND");
    }

    @Test
    void invalidWindowsAreRefused() {
        Instant soon = Instant.now().plus(Duration.ofHours(1));
        api.post(PATH, ADMIN_KEY, body(soon, soon.minusSeconds(60), "backwards"))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, body(soon, soon, "empty")).assertProblem(400, "VALIDATION_FAILED");
        Instant past = Instant.now().minus(Duration.ofHours(2));
        api.post(PATH, ADMIN_KEY, body(past, past.plusSeconds(60), "over already"))
                .assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, body(soon, soon.plusSeconds(60), "")).assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, "{\"start\":\"tomorrow\",\"end\":\"later\",\"reason\":\"x\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, "{\"reason\":\"no times\"}").assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void onlyAdminsManageWindows() {
        String trader = newTrader().apiKey();
        Instant soon = Instant.now().plus(Duration.ofHours(1));
        api.post(PATH, trader, body(soon, soon.plusSeconds(60), "x")).assertProblem(403, "FORBIDDEN");
        api.get(PATH, trader).assertProblem(403, "FORBIDDEN");
        api.delete(PATH + "/1", trader).assertProblem(403, "FORBIDDEN");
        api.get(PATH, null).assertStatus(401);
    }
}
