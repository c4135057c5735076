package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** On-demand snapshots: taken through the journal, recorded with the engine's state hash. */
class SnapshotApiTests extends HttpApiTestBase {
    @Autowired
    EngineGateway gateway;

    @Test
    void anOnDemandSnapshotRecordsTheEngineStateHashAtItsSequence() {
        var taken = api.post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"before upgrade\"}")
                .assertStatus(201);
        long sequence = taken.get("sequence").asLong();
        assertThat(taken.text("snapshotId")).isEqualTo("snap-" + sequence);
        assertThat(taken.text("reason")).isEqualTo("before upgrade");
        assertThat(taken.text("stateHash")).hasSize(64);

        var listed = api.get("/api/v1/admin/snapshots?limit=500", ADMIN_KEY).assertStatus(200);
        assertThat(listed.json().valueStream()).anySatisfy(s -> {
            assertThat(s.path("snapshotId").asString()).isEqualTo("snap-" + sequence);
            assertThat(s.path("stateHash").asString()).isEqualTo(taken.text("stateHash"));
        });
        assertThat(gateway.query(EngineView::lastSequence)).isGreaterThanOrEqualTo(sequence);
        assertThat(api.post("/api/v1/admin/snapshots", ADMIN_KEY, "")
                        .assertStatus(201)
                        .text("reason"))
                .isEqualTo("on demand");
    }

    @Test
    void onlyAdminsTakeSnapshots() {
        var trader = newTrader();
        api.post("/api/v1/admin/snapshots", trader.apiKey(), "{}").assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/snapshots", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/snapshots?limit=0", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
    }
}
