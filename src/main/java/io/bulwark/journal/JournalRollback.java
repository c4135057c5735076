package io.bulwark.journal;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.journal.RollbackRefusedException.Reason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one fenced transaction of a rollback, run while no writer term is running: the journal rows after
 * the snapshot and the snapshots taken after it are marked reverted (never deleted), the {@code RollBack}
 * command is applied to the state restored from the snapshot and journaled after the last row (so the
 * hash chain runs on through the reverted rows), and the read models are rebuilt. Either all of it
 * commits or none of it: a crash half-way leaves the journal as it was. The projector's watermark is moved to
 * the RollBack row in the same transaction (the writer term's {@link Projector} was stopped first).
 *
 * <p>The read models are rebuilt by emptying every projection's tables and projecting every command that
 * is not reverted again, in sequence order. That costs a read of the whole journal (seconds per million
 * commands) while the exchange is CLOSED, and is correct by construction: a read model is a function of
 * the events that stand.
 */
final class JournalRollback {
    private static final Logger log = LoggerFactory.getLogger(JournalRollback.class);
    private static final int PROJECTION_CHUNK = 2_000;

    private final JournalCodec codec;
    private final List<Projection> projections;
    private static final String ROLLBACK_REPORT = "the rollback's report and read models";
    private final JournalRows rows;

    JournalRollback(JournalCodec codec, List<Projection> projections) {
        this.codec = codec;
        this.rows = new JournalRows(codec);
        this.projections =
                projections.stream().filter(p -> !p.tables().isEmpty()).toList();
    }

    private record Snapshot(String id, long sequence, Engine engine) {}

    /** Refuses (nothing changed) unless the snapshot exists, is not reverted and its bytes match its hash. */
    static void checkSnapshot(Connection c, String snapshotId) throws SQLException {
        snapshot(c, snapshotId, false);
    }

    /**
     * @param liveStateEpoch the state epoch of the engine as the halted term left it; the new epoch is
     *     raised past it and past every epoch a rollback ever journaled (reverted rows included)
     */
    RollbackResult run(
            Connection c,
            long epoch,
            String snapshotId,
            String reason,
            String actor,
            long timestamp,
            long liveStateEpoch)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            JournalTransaction.checkEpoch(c, epoch);
            // Held until the commit: no projector writes read models or moves the watermark meanwhile.
            Projector.readWatermarkForUpdate(c);
            Snapshot snapshot = snapshot(c, snapshotId, true);
            long last = 0;
            String lastRowHash = RowHash.GENESIS;
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT sequence, row_hash FROM journal ORDER BY sequence DESC LIMIT 1")) {
                if (rs.next()) {
                    last = rs.getLong(1);
                    lastRowHash = rs.getString(2);
                }
            }
            List<Committed> reverted = rows.readAfter(c, snapshot.sequence(), Integer.MAX_VALUE, ROLLBACK_REPORT)
                    .standing();
            revert(c, snapshot.sequence());
            long highestEpoch = Math.max(liveStateEpoch, highestJournaledEpoch(c));
            Committed rolledBack = applyRollBack(snapshot, last + 1, timestamp, reason, actor, highestEpoch);
            insert(c, epoch, rolledBack, lastRowHash);
            rebuildReadModels(c);
            setWatermark(c, rolledBack.sequence());
            c.commit();
            log.warn(
                    "Rolled back to snapshot {} (sequence {}): {} commands reverted, RollBack journaled at {}",
                    snapshotId,
                    snapshot.sequence(),
                    reverted.size(),
                    rolledBack.sequence());
            return new RollbackResult(
                    snapshotId,
                    snapshot.sequence(),
                    rolledBack,
                    snapshot.engine().stateHash(),
                    reverted);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Snapshot snapshot(Connection c, String snapshotId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, state_hash, state FROM snapshots"
                + " WHERE snapshot_id = ? AND NOT reverted" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RollbackRefusedException(
                            Reason.SNAPSHOT_NOT_FOUND, "no snapshot " + snapshotId + " that is not reverted");
                }
                long sequence = rs.getLong(1);
                byte[] state = rs.getBytes(3);
                if (!CanonicalWriter.sha256(state).equals(rs.getString(2))) {
                    throw new RollbackRefusedException(
                            Reason.SNAPSHOT_CORRUPT, "snapshot " + snapshotId + " does not match its state hash");
                }
                try {
                    Engine engine = Engine.restore(state);
                    if (engine.lastSequence() != sequence) {
                        throw new RollbackRefusedException(
                                Reason.SNAPSHOT_CORRUPT, "snapshot " + snapshotId + " holds another sequence");
                    }
                    return new Snapshot(snapshotId, sequence, engine);
                } catch (RuntimeException e) {
                    if (e instanceof RollbackRefusedException refused) {
                        throw refused;
                    }
                    throw new RollbackRefusedException(
                            Reason.SNAPSHOT_CORRUPT,
                            "snapshot " + snapshotId + " cannot be decoded: " + e.getMessage());
                }
            }
        }
    }

    private static void revert(Connection c, long snapshotSequence) throws SQLException {
        try (PreparedStatement journal =
                        c.prepareStatement("UPDATE journal SET reverted = TRUE WHERE sequence > ? AND NOT reverted");
                PreparedStatement snapshots = c.prepareStatement(
                        "UPDATE snapshots SET reverted = TRUE WHERE sequence > ? AND NOT reverted")) {
            journal.setLong(1, snapshotSequence);
            journal.executeUpdate();
            snapshots.setLong(1, snapshotSequence);
            snapshots.executeUpdate();
        }
    }

    /**
     * The highest state epoch any journaled rollback ever reached, reverted rows included: a second
     * rollback to the same snapshot restores that snapshot's epoch, so the new one must come from here.
     */
    private static long highestJournaledEpoch(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX((e ->> 'epoch')::bigint), 0)"
                        + " FROM journal, jsonb_array_elements(events) e"
                        + " WHERE command_type = 'RollBack' AND e ->> '@type' = 'RolledBack'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Committed applyRollBack(
            Snapshot snapshot, long sequence, long timestamp, String reason, String actor, long highestEpoch) {
        RollBack command = new RollBack(snapshot.id(), snapshot.sequence(), reason, actor, highestEpoch);
        // replay() numbers the command after the last (reverted) row, exactly as recovery will.
        Outcome outcome = snapshot.engine().replay(sequence, timestamp, command);
        if (!(outcome instanceof Outcome.Applied applied)) {
            throw new IllegalStateException("RollBack did not apply: " + outcome);
        }
        return new Committed(applied.sequence(), applied.timestamp(), command, applied.events(), actor);
    }

    private void insert(Connection c, long epoch, Committed row, String previousRowHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(JournalRows.INSERT)) {
            rows.bind(ps, epoch, row, previousRowHash);
            ps.executeUpdate();
        }
    }

    /** The read models now hold every command that stands, through the RollBack row. */
    private static void setWatermark(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE projector_watermark SET sequence = ? WHERE id = 1")) {
            ps.setLong(1, sequence);
            ps.executeUpdate();
        }
    }

    private void rebuildReadModels(Connection c) throws SQLException {
        List<String> tables =
                projections.stream().flatMap(p -> p.tables().stream()).toList();
        if (!tables.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + String.join(", ", tables));
            }
        }
        long after = 0;
        while (true) {
            JournalRows.Page chunk = rows.readAfter(c, after, PROJECTION_CHUNK, ROLLBACK_REPORT);
            if (chunk.lastSequence() == after) {
                return;
            }
            SqlBatch batch = new SqlBatch();
            for (Committed row : chunk.standing()) {
                projections.forEach(p -> p.project(row, batch));
            }
            batch.execute(c);
            after = chunk.lastSequence();
        }
    }
}
