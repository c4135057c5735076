package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bounded snapshots (SPEC sections 4 and 9, v2), over HTTP against real PostgreSQL: automatic snapshots are
 * pruned to the newest {@code bulwark.snapshot-retain}, manual and pre-maintenance ones stay until an admin
 * deletes them, and neither pruning nor deletion removes the snapshot recovery starts from.
 */
class SnapshotRetentionTests {
    private static final String ADMIN_KEY = "bwk_snapshot_retention_admin_key_000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private ConfigurableApplicationContext app;
    private ApiClient api;

    @AfterEach
    void stopAll() {
        instances.close();
    }

    /** No Ticks: the test's own commands are all there is. */
    private void start(String name, String... settings) {
        app = instances.start(
                name,
                Stream.concat(Stream.of("--bulwark.tick-interval=1h"), Stream.of(settings))
                        .toArray(String[]::new));
        AppInstances.awaitWriter(app);
        api = new ApiClient(AppInstances.port(app));
    }

    private void deposits(String accountId, int count) {
        for (int i = 0; i < count; i++) {
            api.post(
                            "/api/v1/admin/accounts/" + accountId + "/deposits",
                            ADMIN_KEY,
                            "{\"amount\":\"10\",\"reference\":\"dep-" + System.nanoTime() + "\"}")
                    .assertStatus(201);
        }
    }

    private String account() {
        return api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"sam\"}")
                .assertStatus(201)
                .text("accountId");
    }

    private String takeSnapshot(String reason) {
        return api.post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"" + reason + "\"}")
                .assertStatus(201)
                .text("snapshotId");
    }

    private List<String> listed() {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/admin/snapshots?limit=500", ADMIN_KEY)
                .assertStatus(200)
                .json()
                .valueStream()
                .forEach(s -> ids.add(s.path("snapshotId").asString()));
        return ids;
    }

    /** Snapshot ids by who journaled them: the actor of the TakeSnapshot row, or the command that closed. */
    private List<String> stored(String actorCondition) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT s.snapshot_id FROM snapshots s JOIN journal j"
                        + " ON j.sequence = s.sequence WHERE NOT s.reverted AND " + actorCondition
                        + " ORDER BY s.sequence")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /**
     * The shutdown snapshot's TakeSnapshot row at its sequence; a periodic one, made off the engine thread, is
     * recorded by a later RecordSnapshot row naming its sequence.
     */
    private List<String> automatic() throws SQLException {
        return stored("(j.actor = 'system:shutdown' OR EXISTS (SELECT 1 FROM journal r"
                + " WHERE r.command_type = 'RecordSnapshot' AND r.actor = 'system:snapshots'"
                + " AND (r.command ->> 'snapshotSequence')::bigint = s.sequence))");
    }

    private void assertRecoveredAndIntact() {
        var status = api.get("/api/v1/system/status", null).assertStatus(200);
        assertThat(status.get("recovery").path("verified").asBoolean())
                .as(status.body())
                .isTrue();
        var integrity = api.get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200);
        assertThat(integrity.get("ok").asBoolean()).as(integrity.body()).isTrue();
    }

    @Test
    void periodicSnapshotsArePrunedToTheNewestRetainedWhileManualAndPreMaintenanceOnesStay() throws Exception {
        String[] everyThreeKeepTwo = {"--bulwark.snapshot-every-commands=3", "--bulwark.snapshot-retain=2"};
        start("first", everyThreeKeepTwo);
        String accountId = account();
        // An admin's snapshot named like the automatic ones is still a manual one: kept.
        String manual = takeSnapshot("periodic");
        var closed =
                api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"upgrade\"}");
        closed.assertStatus(200);
        api.put(
                        "/api/v1/admin/exchange/state",
                        ADMIN_KEY,
                        "{\"state\":\"OPEN\",\"reason\":\"upgrade done\",\"force\":true}")
                .assertStatus(200);
        List<String> preMaintenance = stored("j.command_type = 'ChangeTradingState'");
        assertThat(preMaintenance).hasSize(1);

        deposits(accountId, 30); // about ten periodic snapshots' worth of commands
        assertThat(automatic()).hasSize(2);
        assertThat(listed()).contains(manual, preMaintenance.getFirst()).containsAll(automatic());

        instances.stop(app); // the shutdown snapshot is automatic too: still two
        start("second", everyThreeKeepTwo);
        assertThat(automatic()).hasSize(2);
        assertThat(listed()).contains(manual, preMaintenance.getFirst());
        assertRecoveredAndIntact();
    }

    @Test
    void anAdminDeletesAStoredSnapshotButNeverTheOneRecoveryStartsFrom() throws Exception {
        start("first");
        String trader = new Exchange(api, ADMIN_KEY, "SR-USD-PERP").trader("tom", "100");
        String older = takeSnapshot("before the change");
        String newest = takeSnapshot("after the change");

        api.delete("/api/v1/admin/snapshots/" + older, trader).assertProblem(403, "FORBIDDEN");
        api.delete("/api/v1/admin/snapshots/" + older, null).assertProblem(401, "UNAUTHENTICATED");
        api.delete("/api/v1/admin/snapshots/snap-999999", ADMIN_KEY).assertProblem(404, "SNAPSHOT_NOT_FOUND");
        api.delete("/api/v1/admin/snapshots/" + newest, ADMIN_KEY).assertProblem(409, "SNAPSHOT_IN_USE");

        api.delete("/api/v1/admin/snapshots/" + older, ADMIN_KEY).assertStatus(204);
        assertThat(listed()).doesNotContain(older).contains(newest);
        api.delete("/api/v1/admin/snapshots/" + older, ADMIN_KEY).assertProblem(404, "SNAPSHOT_NOT_FOUND");

        // Damaged bytes: recovery would skip the newest and start from the one before, so that one is protected
        // and the damaged one may go.
        String intact = takeSnapshot("intact");
        String damaged = takeSnapshot("damaged");
        assertThat(instances.update(
                        "UPDATE snapshots SET state = state || '\\x00'::bytea WHERE snapshot_id = '" + damaged + "'"))
                .isOne();
        api.delete("/api/v1/admin/snapshots/" + intact, ADMIN_KEY).assertProblem(409, "SNAPSHOT_IN_USE");
        api.delete("/api/v1/admin/snapshots/" + damaged, ADMIN_KEY).assertStatus(204);
        api.delete("/api/v1/admin/snapshots/" + newest, ADMIN_KEY).assertStatus(204);

        instances.stop(app);
        start("second");
        assertRecoveredAndIntact();
    }
}
