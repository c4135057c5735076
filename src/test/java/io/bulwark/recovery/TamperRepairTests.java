package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Attack 8 of issue 11, "repaired tampering still blocks reopening" (SPEC section 9, v2: rollback repairs
 * tampering), and the ways someone with database access could abuse the repair. A journal row edited while
 * the service was down keeps the exchange CLOSED; once a journaled rollback reverted it, the integrity checks
 * list it as evidence and pass, so the exchange leaves CLOSED without {@code force}. A row marked reverted by
 * hand, a row un-reverted, or a row still standing that was edited keeps failing.
 */
class TamperRepairTests {
    private static final String ADMIN_KEY = "bwk_tamper_repair_admin_key_00000000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private ConfigurableApplicationContext current;

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private Exchange start(String name) {
        current = instances.start(name);
        AppInstances.awaitWriter(current);
        return instances.exchange(current, "TR-USD-PERP");
    }

    private void sql(String statement) throws SQLException {
        instances.update(statement);
    }

    private long query(String select) throws SQLException {
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(select)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private String text(String select) throws SQLException {
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(select)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String transition(String state, boolean force) {
        return "{\"state\":\"" + state + "\",\"reason\":\"reopening\",\"force\":" + force + "}";
    }

    /** A snapshot with no positions; then prices and a trade after it. Returns the snapshot's id. */
    private String tradeAfterASnapshot() {
        Exchange first = start("first");
        first.createMarket();
        String oracle = first.oracleKey();
        String alice = first.trader("alice", "100000");
        String dave = first.trader("dave", "1400");
        String snapshotId = first.api()
                .post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"before trading\"}")
                .assertStatus(201)
                .text("snapshotId");
        for (int i = 0; i < 3; i++) {
            first.price(oracle, "65000");
        }
        first.limit(alice, "SELL", "1", "65000");
        first.limit(dave, "BUY", "1", "65000");
        first.price(oracle, "65000");
        return snapshotId;
    }

    /** Stops, then edits the last oracle row (its price to 0) as if the instance had died before its shutdown snapshot. */
    private long stopAndTamper() throws SQLException {
        instances.stop(current);
        sql("DELETE FROM snapshots WHERE reason = 'shutdown'");
        long row = query("SELECT max(sequence) FROM journal WHERE command_type = 'PostOraclePrices'");
        sql("UPDATE journal SET command = jsonb_set(command, '{quotes,0,price}', '\"0\"') WHERE sequence = " + row);
        return row;
    }

    private static void assertClosedUnverified(Exchange x, String detail) {
        JsonNode status = x.status();
        assertThat(status.path("recovery").path("verified").asBoolean()).isFalse();
        assertThat(status.path("recovery").path("detail").asString()).contains(detail);
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        assertThat(x.api().get("/api/v1/admin/integrity", ADMIN_KEY).get("ok").asBoolean())
                .isFalse();
        x.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, transition("POST_ONLY", false))
                .assertProblem(409, "INVALID_TRANSITION");
    }

    /** The repair: start on the tampered journal (CLOSED), roll back to the snapshot before the edited row. */
    private JsonNode repair(String snapshotId, long tampered) {
        Exchange second = start("second");
        assertClosedUnverified(second, "journal row " + tampered + " does not match its hash chain");
        return second.api()
                .post(
                        "/api/v1/admin/rollback",
                        ADMIN_KEY,
                        "{\"snapshotId\":\"" + snapshotId + "\",\"reason\":\"revert the tampered row\"}")
                .assertStatus(200)
                .json();
    }

    @Test
    void aRollbackThatRevertedTheTamperedRowLetsTheExchangeLeaveClosedWithoutForceAndKeepsTheEvidence()
            throws SQLException {
        String snapshotId = tradeAfterASnapshot();
        long tampered = stopAndTamper();
        String storedHash = text("SELECT row_hash FROM journal WHERE sequence = " + tampered);

        JsonNode rolledBack = repair(snapshotId, tampered);
        Exchange x = instances.exchange(current, "TR-USD-PERP");

        assertThat(x.status().path("recovery").path("verified").asBoolean()).isTrue();
        JsonNode integrity = x.api()
                .get("/api/v1/admin/integrity", ADMIN_KEY)
                .assertStatus(200)
                .json();
        assertThat(integrity.path("ok").asBoolean()).as("%s", integrity).isTrue();
        JsonNode evidence = integrity.path("evidence");
        assertThat(evidence.size()).isOne();
        assertThat(evidence.get(0).path("sequence").asLong()).isEqualTo(tampered);
        assertThat(evidence.get(0).path("revertedBy").asLong())
                .isEqualTo(rolledBack.path("sequence").asLong());
        assertThat(evidence.get(0).path("storedHash").asString()).isEqualTo(storedHash);
        assertThat(evidence.get(0).path("recomputedHash").asString())
                .isNotEqualTo(storedHash)
                .hasSize(64);
        assertThat(evidence.get(0).path("detail").asString()).contains("reverted by the rollback");
        // Kept as found: the edited price is still in the row, which is marked reverted.
        assertThat(query("SELECT count(*) FROM journal WHERE reverted AND sequence = " + tampered
                        + " AND command #>> '{quotes,0,price}' = '0'"))
                .isOne();

        x.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, transition("POST_ONLY", false))
                .assertStatus(200);
        assertThat(x.status().path("state").asString()).isEqualTo("POST_ONLY");
    }

    @Test
    void markingTheTamperedRowRevertedByHandDoesNotLaunderIt() throws SQLException {
        tradeAfterASnapshot();
        long tampered = stopAndTamper();
        // No rollback: the edited row is marked reverted directly in the database (a row after it, the
        // shutdown's TakeSnapshot, stands; marking the journal's tail reverted only makes the next writer
        // collide with it and never start).
        sql("UPDATE journal SET reverted = TRUE WHERE sequence = " + tampered);

        Exchange x = start("second");

        assertClosedUnverified(x, "journal row " + tampered + " does not match its hash chain");
        assertThat(x.status().path("recovery").path("detail").asString())
                .contains("marked reverted, but no journaled rollback reverted them");
    }

    @Test
    void hidingACommandByMarkingItRevertedByHandIsDetected() throws SQLException {
        tradeAfterASnapshot();
        Exchange first = instances.exchange(current, "TR-USD-PERP");
        first.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"incident\"}")
                .assertStatus(200);
        instances.stop(current);
        // Someone who wants the exchange open again hides the CLOSED command and the snapshots after it.
        long closed = query("SELECT max(sequence) FROM journal WHERE command_type = 'ChangeTradingState'");
        sql("UPDATE snapshots SET reverted = TRUE WHERE sequence >= " + closed);
        sql("UPDATE journal SET reverted = TRUE WHERE sequence = " + closed);

        Exchange x = start("second");

        assertClosedUnverified(x, "marked reverted, but no journaled rollback reverted them");
    }

    @Test
    void afterTheRepairAnEditedStandingRowOrAnUnrevertedRowStillFails() throws SQLException {
        String snapshotId = tradeAfterASnapshot();
        long tampered = stopAndTamper();
        repair(snapshotId, tampered);
        instances.stop(current);
        sql("DELETE FROM snapshots WHERE reason = 'shutdown'");
        // The edited row counted again: it stands inside the range the rollback reverted.
        sql("UPDATE journal SET reverted = FALSE WHERE sequence = " + tampered);

        Exchange third = start("third");
        assertClosedUnverified(third, "journal row " + tampered + " does not match its hash chain");
        assertThat(third.status().path("recovery").path("detail").asString())
                .contains("is not marked reverted although the rollback at");
        instances.stop(current);

        sql("UPDATE journal SET reverted = TRUE WHERE sequence = " + tampered);
        sql("DELETE FROM snapshots WHERE reason = 'shutdown' OR sequence > " + tampered);
        // The RollBack row itself, which stands, edited: its reason changed.
        long rollBack = query("SELECT max(sequence) FROM journal WHERE command_type = 'RollBack'");
        sql("UPDATE journal SET command = jsonb_set(command, '{reason}', '\"nothing happened\"') WHERE sequence = "
                + rollBack);

        Exchange fourth = start("fourth");
        assertClosedUnverified(fourth, "journal row " + rollBack + " does not match its hash chain");
    }
}
