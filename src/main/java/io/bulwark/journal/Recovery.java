package io.bulwark.journal;

import io.bulwark.engine.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the engine: the newest snapshot (not reverted by a rollback) whose bytes match its recorded
 * hash ({@link StartingSnapshot}), then every later journal row that is not reverted replayed in order
 * ({@link Replayer}). Verification is strict and never silent: each row's hash chain must hold, and each
 * replayed command must produce exactly the events recorded when it was live (which includes the state
 * hash of every snapshot taken on the way). Any disagreement is reported in {@link
 * NodeStatus.Recovery#detail()}; the caller keeps the exchange CLOSED.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final JournalCodec codec;

    Recovery(JournalCodec codec) {
        this.codec = codec;
    }

    /** How far replay got: the last row read, its stored hash, the rows replayed and what was kept as evidence. */
    private record Replayed(long lastSequence, String chain, long replayed, List<TamperEvidence> evidence) {}

    RecoveredState recover(Connection c) throws SQLException {
        return recover(c, Long.MAX_VALUE);
    }

    /** Rebuilds the state as of {@code through}: the newest good snapshot at or before it, then replay. */
    RecoveredState recover(Connection c, long through) throws SQLException {
        long started = System.nanoTime();
        RecoveryProblems problems = new RecoveryProblems();
        c.setAutoCommit(false);
        StartingSnapshot start = StartingSnapshot.find(c, through, codec, problems);
        Replayed replayed = replay(c, start, through, problems);
        c.commit();
        long millis = (System.nanoTime() - started) / 1_000_000;
        String detail = report(start, replayed, problems, millis);
        return new RecoveredState(
                start.engine(),
                replayed.lastSequence(),
                replayed.chain(),
                new NodeStatus.Recovery(problems.none(), start.sequence(), replayed.replayed(), millis, detail),
                replayed.evidence());
    }

    /** Reads the rows after the snapshot on this thread while the {@link Replayer} applies them on its own. */
    private Replayed replay(Connection c, StartingSnapshot start, long through, RecoveryProblems problems)
            throws SQLException {
        String chain = rowHashBefore(c, start.sequence());
        long replayed = 0;
        long lastSequence = start.sequence();
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, ts, command, events, actor, row_hash, reverted"
                + " FROM journal WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
            ps.setFetchSize(2000);
            ps.setLong(1, start.sequence());
            ps.setLong(2, through);
            try (ResultSet rs = ps.executeQuery();
                    Replayer replayer = new Replayer(start.engine(), codec, problems)) {
                while (rs.next()) {
                    Replayer.Item item = item(rs, chain);
                    replayer.check(item);
                    replayed += item.reverted() ? 0 : 1;
                    // Each row is checked against the stored hash before it, so one edited row is reported once.
                    chain = item.storedHash();
                    lastSequence = item.sequence();
                }
                return new Replayed(lastSequence, chain, replayed, replayer.finish());
            }
        }
    }

    private Replayer.Item item(ResultSet rs, String previousHash) throws SQLException {
        return new Replayer.Item(
                rs.getLong(1),
                rs.getLong(2),
                StoredRow.decode(codec, rs.getString(3), rs.getString(4)),
                rs.getString(5),
                previousHash,
                rs.getString(6),
                rs.getBoolean(7));
    }

    /** The recovery's detail line, logged: what was replayed and kept, or what is wrong. */
    private static String report(StartingSnapshot start, Replayed replayed, RecoveryProblems problems, long millis) {
        Engine engine = start.engine();
        if (!problems.none()) {
            String detail = problems.joined();
            log.error("RECOVERY NOT VERIFIED ({} problems): {}", problems.count(), detail);
            return detail;
        }
        String detail = "replayed " + replayed.replayed() + " commands after snapshot at " + start.sequence()
                + "; state hash " + engine.stateHash();
        List<TamperEvidence> evidence = replayed.evidence();
        if (!evidence.isEmpty()) {
            detail += "; evidence kept: "
                    + String.join(
                            "; ", evidence.stream().map(TamperEvidence::detail).toList());
            log.warn("Reverted journal rows were altered after they were written: {}", evidence);
        }
        log.info("Recovery verified in {} ms: {}", millis, detail);
        return detail;
    }

    static String rowHashBefore(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT row_hash FROM journal WHERE sequence <= ? ORDER BY sequence DESC LIMIT 1")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : RowHash.GENESIS;
            }
        }
    }
}
