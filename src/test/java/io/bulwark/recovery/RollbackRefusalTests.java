package io.bulwark.recovery;

import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;

/** {@code POST /admin/rollback} refuses, changing nothing, unless an admin asks well while CLOSED. */
class RollbackRefusalTests extends HttpApiTestBase {
    private static final String PATH = "/api/v1/admin/rollback";

    @Test
    void refusesWhileTheExchangeIsNotClosed() {
        String snapshot = api.post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"refusal test\"}")
                .assertStatus(201)
                .text("snapshotId");
        api.post(PATH, ADMIN_KEY, "{\"snapshotId\":\"" + snapshot + "\",\"reason\":\"no\"}")
                .assertProblem(409, "EXCHANGE_NOT_CLOSED");
    }

    @Test
    void refusesAnUnknownSnapshotWhileClosed() {
        api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"refusal test\"}")
                .assertStatus(200);
        try {
            api.post(PATH, ADMIN_KEY, "{\"snapshotId\":\"snap-999999999\",\"reason\":\"no\"}")
                    .assertProblem(404, "SNAPSHOT_NOT_FOUND");
        } finally {
            api.put(
                            "/api/v1/admin/exchange/state",
                            ADMIN_KEY,
                            "{\"state\":\"OPEN\",\"reason\":\"refusal test over\",\"force\":true}")
                    .assertStatus(200);
        }
    }

    @Test
    void refusesABadBody() {
        api.post(PATH, ADMIN_KEY, "{\"snapshotId\":\"snap-1\"}").assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, "{\"snapshotId\":\"\",\"reason\":\"x\"}").assertProblem(400, "VALIDATION_FAILED");
        api.post(PATH, ADMIN_KEY, "{\"snapshotId\":\"snap-1\",\"reason\":\"x\",\"extra\":1}")
                .assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void onlyAnAdminMayRollBack() {
        String body = "{\"snapshotId\":\"snap-1\",\"reason\":\"x\"}";
        api.post(PATH, newTrader().apiKey(), body).assertProblem(403, "FORBIDDEN");
        api.post(PATH, null, body).assertProblem(401, "UNAUTHENTICATED");
    }
}
