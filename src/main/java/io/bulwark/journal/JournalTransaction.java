package io.bulwark.journal;

import io.bulwark.engine.event.SnapshotTaken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one group commit's journal transaction up to its COMMIT, which the {@link JournalWriter} sends later,
 * in order: the fencing epoch check, the journal rows (their hash chain continuing from the transaction before
 * it, committed or not yet), the snapshot rows, the on-commit-path projections and the snapshot retention.
 *
 * <p>Not thread-safe: one per journal writer, used by its preparing thread only.
 */
final class JournalTransaction {
    private static final String INSERT_SNAPSHOT =
            "INSERT INTO snapshots (snapshot_id, sequence, state_hash, state, reason) VALUES (?, ?, ?, ?, ?)";

    private final long epoch;
    private final JournalCopy journalCopy;
    private final List<Projection> projections;
    private final int snapshotRetain;

    JournalTransaction(long epoch, JournalCodec codec, List<Projection> projections, int snapshotRetain) {
        this.epoch = epoch;
        this.journalCopy = new JournalCopy(codec);
        this.projections = projections.stream().filter(Projection::onCommitPath).toList();
        this.snapshotRetain = snapshotRetain;
    }

    /**
     * Writes {@code entries} in a transaction on {@code connection} (not in auto-commit) and leaves it open,
     * uncommitted; returns the last row's hash. When it throws, the transaction has been rolled back.
     */
    String prepare(Connection connection, List<JournalEntry> entries, String previousRowHash) throws SQLException {
        try {
            checkEpoch(connection, epoch);
            SqlBatch readModels = new SqlBatch();
            String chain = journalCopy.write(connection, epoch, entries, previousRowHash);
            for (JournalEntry e : entries) {
                Committed committed = e.committed();
                insertSnapshot(connection, e);
                for (Projection projection : projections) {
                    projection.project(committed, readModels);
                }
            }
            if (entries.stream().anyMatch(SnapshotRetention::automatic)) {
                SnapshotRetention.prune(connection, snapshotRetain);
            }
            readModels.execute(connection);
            return chain;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw e;
        }
    }

    static void checkEpoch(Connection connection, long epoch) throws SQLException {
        // FOR KEY SHARE: a takeover's epoch UPDATE (epoch is a key since V14's unique index, so that UPDATE
        // locks the row FOR UPDATE) waits for this transaction, and once it has happened this check sees the
        // new epoch: a fenced writer cannot commit anything after a takeover. The pipelined transactions both
        // hold it (shared locks), so the UPDATE waits for both. The heartbeat's UPDATE touches no key, so it
        // never waits for a journal transaction: with two overlapping transactions under sustained load a
        // share lock would almost always be held, and FOR SHARE would starve the heartbeat.
        try (PreparedStatement ps =
                        connection.prepareStatement("SELECT epoch FROM writer_lease WHERE id = 1 FOR KEY SHARE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long current = rs.getLong(1);
            if (current != epoch) {
                throw new FencedException("writer epoch " + epoch + " was superseded by " + current);
            }
        }
    }

    /** Rolls back what {@code connection} holds; a failure to do so is added to {@code cause}. */
    static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    private static void insertSnapshot(Connection connection, JournalEntry e) throws SQLException {
        if (e.snapshot().length == 0) {
            return;
        }
        SnapshotTaken taken = e.events().stream()
                .filter(SnapshotTaken.class::isInstance)
                .map(SnapshotTaken.class::cast)
                .findFirst()
                .orElseThrow();
        try (PreparedStatement ps = connection.prepareStatement(INSERT_SNAPSHOT)) {
            ps.setString(1, "snap-" + e.sequence());
            ps.setLong(2, e.sequence());
            ps.setString(3, taken.stateHash());
            ps.setBytes(4, e.snapshot());
            ps.setString(5, taken.reason());
            ps.executeUpdate();
        }
    }
}
