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
    private static final String MARKET = "TR-USD-PERP";

    @AfterEach
    void stopAll() {
        instances.close();
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
        Exchange first = instances.startWriter("first", MARKET);
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
        instances.stopLatest();
        instances.update("DELETE FROM snapshots WHERE reason = 'shutdown'");
        long row = query("SELECT max(sequence) FROM journal WHERE command_type = 'PostOraclePrices'");
        instances.update(
                "UPDATE journal SET command = jsonb_set(command, '{quotes,0,price}', '\"0\"') WHERE sequence = " + row);
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
        Exchange second = instances.startWriter("second", MARKET);
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
        Exchange x = instances.exchange(instances.latest(), MARKET);

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
        instances.update("UPDATE journal SET reverted = TRUE WHERE sequence = " + tampered);

        Exchange x = instances.startWriter("second", MARKET);

        assertClosedUnverified(x, "journal row " + tampered + " does not match its hash chain");
        assertThat(x.status().path("recovery").path("detail").asString())
                .contains("marked reverted, but no journaled rollback reverted them");
    }

    @Test
    void hidingACommandByMarkingItRevertedByHandIsDetected() throws SQLException {
        tradeAfterASnapshot();
        Exchange first = instances.exchange(instances.latest(), MARKET);
        first.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"incident\"}")
                .assertStatus(200);
        instances.stopLatest();
        // Someone who wants the exchange open again hides the CLOSED command and the snapshots after it.
        long closed = query("SELECT max(sequence) FROM journal WHERE command_type = 'ChangeTradingState'");
        instances.update("UPDATE snapshots SET reverted = TRUE WHERE sequence >= " + closed);
        instances.update("UPDATE journal SET reverted = TRUE WHERE sequence = " + closed);

        Exchange x = instances.startWriter("second", MARKET);

        assertClosedUnverified(x, "marked reverted, but no journaled rollback reverted them");
    }

    @Test
    void afterTheRepairAnEditedStandingRowOrAnUnrevertedRowStillFails() throws SQLException {
        String snapshotId = tradeAfterASnapshot();
        long tampered = stopAndTamper();
        repair(snapshotId, tampered);
        instances.stopLatest();
        instances.update("DELETE FROM snapshots WHERE reason = 'shutdown'");
        // The edited row counted again: it stands inside the range the rollback reverted.
        instances.update("UPDATE journal SET reverted = FALSE WHERE sequence = " + tampered);

        Exchange third = instances.startWriter("third", MARKET);
        assertClosedUnverified(third, "journal row " + tampered + " does not match its hash chain");
        assertThat(third.status().path("recovery").path("detail").asString())
                .contains("is not marked reverted although the rollback at");
        instances.stopLatest();

        instances.update("UPDATE journal SET reverted = TRUE WHERE sequence = " + tampered);
        instances.update("DELETE FROM snapshots WHERE reason = 'shutdown' OR sequence > " + tampered);
        // The RollBack row itself, which stands, edited: its reason changed.
        long rollBack = query("SELECT max(sequence) FROM journal WHERE command_type = 'RollBack'");
        instances.update(
                "UPDATE journal SET command = jsonb_set(command, '{reason}', '\"nothing happened\"') WHERE sequence = "
                        + rollBack);

        Exchange fourth = instances.startWriter("fourth", MARKET);
        assertClosedUnverified(fourth, "journal row " + rollBack + " does not match its hash chain");
    }
}
