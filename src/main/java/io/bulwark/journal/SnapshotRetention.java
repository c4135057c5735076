package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the stored snapshots (SPEC section 4, v2): the journal writer keeps the newest
 * {@code bulwark.snapshot-retain} automatic ones (periodic, and taken at graceful shutdown), in the same
 * transaction that stores a new one (the journal's for a shutdown snapshot, the snapshot thread's own for a
 * periodic one). Manual and pre-maintenance snapshots stay until an admin deletes them,
 * reverted ones stay as a rollback's evidence, and recovery's starting point is never pruned.
 */
final class SnapshotRetention {
    private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);

    /** Who journals the automatic snapshots: the sequencer every N commands, and the graceful shutdown. */
    static final String PERIODIC_ACTOR = "system:snapshots";

    static final String SHUTDOWN_ACTOR = "system:shutdown";

    /**
     * Automatic snapshots are told apart by the actor of their journal row (which the hash chain protects), not
     * by the free-text reason an admin may also write: the TakeSnapshot row at their sequence (shutdown, and
     * periodic ones written by older builds), or the later RecordSnapshot row of a periodic one made off the
     * engine thread (PeriodicSnapshots). Recovery's starting point is the newest snapshot, not
     * reverted, whose bytes match their hash: it is kept whatever its kind (none is pruned if none is intact).
     */
    private static final String PRUNE = """
            DELETE FROM snapshots WHERE sequence IN (
                SELECT s.sequence FROM snapshots s
                WHERE NOT s.reverted AND (
                    EXISTS (SELECT 1 FROM journal j WHERE j.sequence = s.sequence
                            AND j.command_type = 'TakeSnapshot' AND j.actor IN (?, ?))
                    OR EXISTS (SELECT 1 FROM journal j WHERE j.command_type = 'RecordSnapshot'
                            AND (j.command ->> 'snapshotSequence')::bigint = s.sequence AND j.actor = ?))
                ORDER BY s.sequence DESC OFFSET ?)
            AND sequence < (SELECT sequence FROM snapshots WHERE NOT reverted
                            AND encode(sha256(state), 'hex') = state_hash ORDER BY sequence DESC LIMIT 1)
            """;

    private SnapshotRetention() {}

    static boolean automatic(JournalEntry e) {
        return e.snapshot().length > 0
                && (e.actor().equals(PERIODIC_ACTOR) || e.actor().equals(SHUTDOWN_ACTOR));
    }

    /** Runs inside the journal transaction, after its rows are written. */
    static void prune(Connection connection, int retain) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(PRUNE)) {
            ps.setString(1, PERIODIC_ACTOR);
            ps.setString(2, SHUTDOWN_ACTOR);
            ps.setString(3, PERIODIC_ACTOR);
            ps.setInt(4, retain);
            int pruned = ps.executeUpdate();
            if (pruned > 0) {
                log.info("Pruned {} automatic snapshot(s) beyond the newest {}", pruned, retain);
            }
        }
    }
}
