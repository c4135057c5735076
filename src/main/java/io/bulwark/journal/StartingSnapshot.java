package io.bulwark.journal;

import io.bulwark.engine.Engine;
import io.bulwark.engine.event.SnapshotRecorded;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a recovery starts: the newest snapshot (not reverted by a rollback) at or before the wanted
 * sequence whose bytes match its recorded hash and whose hash the journal recorded live (in the row at its
 * sequence, or for a periodic snapshot in a later RecordSnapshot row); an empty engine
 * at sequence 0 when there is none. Every snapshot passed over is reported.
 */
record StartingSnapshot(Engine engine, long sequence) {

    private record Candidate(String id, long sequence, String stateHash) {}

    /**
     * The newest good snapshot. Candidates are listed without their bytes and loaded one at a time: the
     * newest is normally the one used, and every snapshot's state at once would be hundreds of megabytes.
     */
    static StartingSnapshot find(Connection c, long through, JournalCodec codec, RecoveryProblems problems)
            throws SQLException {
        for (Candidate candidate : candidates(c, through)) {
            Optional<Engine> engine = restore(c, candidate, codec, problems);
            if (engine.isPresent()) {
                return new StartingSnapshot(engine.get(), candidate.sequence());
            }
        }
        return new StartingSnapshot(new Engine(), 0);
    }

    private static List<Candidate> candidates(Connection c, long through) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, sequence, state_hash FROM snapshots"
                + " WHERE sequence <= ? AND NOT reverted ORDER BY sequence DESC")) {
            ps.setLong(1, through);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return candidates;
    }

    private static Optional<Engine> restore(
            Connection c, Candidate candidate, JournalCodec codec, RecoveryProblems problems) throws SQLException {
        String id = candidate.id();
        Optional<byte[]> state = state(c, id);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        if (!CanonicalWriter.sha256(state.get()).equals(candidate.stateHash())) {
            problems.note("snapshot " + id + " does not match its recorded state hash; an older one is used");
            return Optional.empty();
        }
        Optional<String> unrecorded = notRecorded(c, candidate.sequence(), candidate.stateHash(), codec);
        if (unrecorded.isPresent()) {
            problems.note("snapshot " + id + " " + unrecorded.get() + "; an older one is used");
            return Optional.empty();
        }
        try {
            Engine engine = Engine.restore(state.get());
            if (engine.lastSequence() == candidate.sequence()) {
                return Optional.of(engine);
            }
            problems.note(
                    "snapshot " + id + " holds sequence " + engine.lastSequence() + ", not " + candidate.sequence());
        } catch (RuntimeException e) {
            problems.note("snapshot " + id + " cannot be decoded: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<byte[]> state(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM snapshots WHERE snapshot_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * A snapshot's own hash proves only that its bytes were not damaged; bytes edited with the hash
     * recomputed look self-consistent. The hash must also be the one the SnapshotTaken event recorded
     * live, in the journal row at that sequence, whose place in the hash chain must hold.
     */
    private static Optional<String> notRecorded(Connection c, long sequence, String stateHash, JournalCodec codec)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, command, events, actor, row_hash FROM journal" + " WHERE sequence = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of("has no journal row at its sequence " + sequence);
                }
                Optional<StoredRow.Canonical> row =
                        StoredRow.parse(codec, sequence, rs.getString(2), rs.getString(3), new RecoveryProblems());
                if (row.isEmpty()) {
                    return Optional.of("has an unreadable journal row at " + sequence);
                }
                if (!chainHolds(c, sequence, rs, row.get())) {
                    return Optional.of("is recorded in journal row " + sequence
                            + ", which does not match its hash chain (edited after it was written)");
                }
                return recorded(row.get(), stateHash) || recordedLater(c, sequence, stateHash, codec)
                        ? Optional.empty()
                        : Optional.of("has state hash " + stateHash + ", not the one recorded live in journal row "
                                + sequence + " or by a later RecordSnapshot");
            }
        }
    }

    /**
     * A periodic snapshot, made off the engine thread: its hash is recorded by a later RecordSnapshot row
     * (SnapshotRecorded naming this sequence), whose place in the hash chain must hold. A reverted one still
     * counts: it recorded the hash of a state that was not reverted (the snapshot row itself is not).
     */
    private static boolean recordedLater(Connection c, long sequence, String stateHash, JournalCodec codec)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, command, events, actor, row_hash, sequence"
                + " FROM journal WHERE command_type = 'RecordSnapshot'"
                + " AND (command ->> 'snapshotSequence')::bigint = ? ORDER BY sequence")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(6);
                    Optional<StoredRow.Canonical> row =
                            StoredRow.parse(codec, at, rs.getString(2), rs.getString(3), new RecoveryProblems());
                    if (row.isPresent()
                            && chainHolds(c, at, rs, row.get())
                            && row.get().events().stream()
                                    .anyMatch(e -> e instanceof SnapshotRecorded r
                                            && r.snapshotSequence() == sequence
                                            && r.stateHash().equals(stateHash))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether the row, chained to the stored hash of the row before it, gives the hash stored with it. */
    private static boolean chainHolds(Connection c, long sequence, ResultSet rs, StoredRow.Canonical row)
            throws SQLException {
        String before = Recovery.rowHashBefore(c, sequence - 1);
        return new RowHash()
                .next(before, sequence, rs.getLong(1), row.commandJson(), row.eventsJson(), rs.getString(4))
                .equals(rs.getString(5));
    }

    private static boolean recorded(StoredRow.Canonical row, String stateHash) {
        return row.events().stream()
                .anyMatch(e -> e instanceof SnapshotTaken t && t.stateHash().equals(stateHash));
    }
}
