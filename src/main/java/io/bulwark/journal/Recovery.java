package io.bulwark.journal;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the engine: the newest snapshot (not reverted by a rollback) whose bytes match its recorded
 * hash, then every later journal row that is not reverted replayed in order. Verification is strict and never silent: each row's hash chain must
 * hold, and each replayed command must produce exactly the events recorded when it was live (which
 * includes the state hash of every snapshot taken on the way). Any disagreement is reported in
 * {@link NodeStatus.Recovery#detail()}; the caller keeps the exchange CLOSED.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);
    private static final int MAX_PROBLEMS = 20;

    private final JournalCodec codec;
    private final RowHash rowHash = new RowHash();

    Recovery(JournalCodec codec) {
        this.codec = codec;
    }

    private record StartingPoint(Engine engine, long sequence) {}

    RecoveredState recover(Connection c) throws SQLException {
        return recover(c, Long.MAX_VALUE);
    }

    /** Rebuilds the state as of {@code through}: the newest good snapshot at or before it, then replay. */
    RecoveredState recover(Connection c, long through) throws SQLException {
        long started = System.nanoTime();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        c.setAutoCommit(false);
        StartingPoint start = startingPoint(c, through, problems);
        Engine engine = start.engine();
        String chain = rowHashBefore(c, start.sequence());
        long replayed = 0;
        List<TamperEvidence> evidence;
        long lastSequence = start.sequence();
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, ts, command, events, actor, row_hash, reverted"
                + " FROM journal WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
            ps.setFetchSize(2000);
            ps.setLong(1, start.sequence());
            ps.setLong(2, through);
            try (ResultSet rs = ps.executeQuery();
                    Replayer replayer = new Replayer(engine, problems)) {
                while (rs.next()) {
                    long sequence = rs.getLong(1);
                    String stored = rs.getString(6);
                    boolean reverted = rs.getBoolean(7);
                    replayer.check(new Replayer.Item(
                            sequence,
                            rs.getLong(2),
                            decode(rs.getString(3), rs.getString(4)),
                            rs.getString(5),
                            chain,
                            stored,
                            reverted));
                    if (!reverted) {
                        replayed++;
                    }
                    // Each row is checked against the stored hash before it, so one edited row is reported once.
                    chain = stored;
                    lastSequence = sequence;
                }
                evidence = replayer.finish();
            }
        }
        c.commit();
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean verified = problems.isEmpty();
        String detail = verified
                ? "replayed " + replayed + " commands after snapshot at " + start.sequence() + "; state hash "
                        + engine.stateHash()
                : String.join("; ", problems);
        if (verified && !evidence.isEmpty()) {
            detail += "; evidence kept: "
                    + String.join(
                            "; ", evidence.stream().map(TamperEvidence::detail).toList());
            log.warn("Reverted journal rows were altered after they were written: {}", evidence);
        }
        if (verified) {
            log.info("Recovery verified in {} ms: {}", millis, detail);
        } else {
            log.error("RECOVERY NOT VERIFIED ({} problems): {}", problems.size(), detail);
        }
        return new RecoveredState(
                engine,
                lastSequence,
                chain,
                new NodeStatus.Recovery(verified, start.sequence(), replayed, millis, detail),
                evidence);
    }

    private record Row(Command command, String commandJson, List<Event> events, String eventsJson) {}

    /** A row's command and events, or why they cannot be read ({@code command} null). */
    private record Decoded(Command command, List<Event> events, String unreadable) {}

    private Decoded decode(String commandJson, String eventsJson) {
        try {
            return new Decoded(codec.readCommand(commandJson), codec.readEvents(eventsJson), null);
        } catch (RuntimeException e) {
            return new Decoded(null, null, e.getMessage());
        }
    }

    private Optional<Decoded> decode(long sequence, String commandJson, String eventsJson, List<String> problems) {
        Decoded decoded = decode(commandJson, eventsJson);
        if (decoded.command() == null) {
            note(problems, "journal row " + sequence + " is unreadable: " + decoded.unreadable());
            return Optional.empty();
        }
        return Optional.of(decoded);
    }

    /** Parses a row and re-serializes it to the canonical text the hash chain was computed over. */
    private Optional<Row> parse(long sequence, String commandJson, String eventsJson, List<String> problems) {
        return decode(sequence, commandJson, eventsJson, problems).map(this::canonical);
    }

    private Row canonical(Decoded d) {
        return new Row(d.command(), codec.writeCommand(d.command()), d.events(), codec.writeEvents(d.events()));
    }

    /** Whether the row's canonical text, chained to {@code previous}, gives the hash stored with it. */
    private boolean chainHolds(String previous, long sequence, long ts, Row r, String actor, String stored) {
        return rowHash.next(previous, sequence, ts, r.commandJson(), r.eventsJson(), actor)
                .equals(stored);
    }

    /**
     * Checks and applies the rows the reading thread decoded, on a thread of its own: the reading thread
     * fetches and decodes the next rows meanwhile, so the per-row work (decode; re-encode to the canonical
     * text and check the hash chain; apply and compare) runs on two cores. The engine is touched by this
     * thread only, in sequence order, until {@link #finish} has returned.
     */
    private final class Replayer implements AutoCloseable {
        /** A decoded row, the stored hash of the row before it and its own. */
        record Item(
                long sequence,
                long ts,
                Decoded row,
                String actor,
                String previousHash,
                String storedHash,
                boolean reverted) {}

        private static final Item END = new Item(-1, 0, null, null, null, null, false);

        private final Engine engine;
        private final List<String> problems;
        private final RevertedRows revertedRows = new RevertedRows();
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(4096);
        private final Thread thread;
        private volatile RuntimeException failure;

        Replayer(Engine engine, List<String> problems) {
            this.engine = engine;
            this.problems = problems;
            this.thread = Thread.ofPlatform().name("bulwark-replay").start(this::run);
        }

        private void run() {
            try {
                for (Item item = queue.take(); item != END; item = queue.take()) {
                    checkAndApply(item);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /**
         * A standing row must hold its place in the hash chain and replay to its recorded events. A reverted
         * row is not replayed; if it was altered, that is evidence once a journaled rollback is found to have
         * reverted it, and a problem otherwise (SPEC section 9, v2: rollback repairs tampering).
         */
        private void checkAndApply(Item item) {
            long sequence = item.sequence();
            if (item.row().command() == null) {
                String problem = "journal row " + sequence + " is unreadable: "
                        + item.row().unreadable();
                mark(item, problem, null);
                return;
            }
            Row row = canonical(item.row());
            String recomputed = rowHash.next(
                    item.previousHash(), sequence, item.ts(), row.commandJson(), row.eventsJson(), item.actor());
            boolean holds = recomputed.equals(item.storedHash());
            if (holds && row.command() instanceof RollBack r) {
                revertedRows.rolledBack(sequence, r.snapshotSequence(), p -> note(problems, p));
            }
            mark(
                    item,
                    holds
                            ? null
                            : "journal row " + sequence + " does not match its hash chain (edited after it was"
                                    + " written): stored hash " + item.storedHash() + ", recomputed " + recomputed,
                    recomputed);
            if (!item.reverted()) {
                applyAndCompare(engine, sequence, item.ts(), row, problems);
            }
        }

        /** Records the row as standing or reverted, with what is wrong with it ({@code problem}, or null). */
        private void mark(Item item, String problem, String recomputed) {
            if (item.reverted()) {
                if (problem != null) {
                    revertedRows.altered(item.sequence(), problem, item.storedHash(), recomputed);
                }
                revertedRows.reverted(item.sequence());
            } else {
                if (problem != null) {
                    note(problems, problem);
                }
                revertedRows.standing(item.sequence());
            }
        }

        void check(Item item) {
            put(item);
        }

        /**
         * Waits until every row handed over is applied; rethrows what the engine threw. Returns the altered rows
         * that journaled rollbacks reverted.
         */
        List<TamperEvidence> finish() {
            put(END);
            join();
            if (failure != null) {
                throw failure;
            }
            revertedRows.finish(p -> note(problems, p));
            return revertedRows.evidence();
        }

        private void put(Item item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (!thread.isAlive()) {
                        throw failure != null ? failure : new IllegalStateException("the replay thread stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
        }

        private void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying", e);
            }
        }

        /** After a failure on the reading side: stops the thread (the engine is thrown away). */
        @Override
        public void close() {
            thread.interrupt();
            join();
        }
    }

    private void applyAndCompare(Engine engine, long sequence, long ts, Row row, List<String> problems) {
        Outcome outcome = engine.replay(sequence, ts, row.command());
        if (!(outcome instanceof Outcome.Applied applied)) {
            note(
                    problems,
                    "journal row " + sequence + " (" + JournalCodec.typeName(row.command()) + ") no longer applies: "
                            + outcome);
            return;
        }
        // Equal events (records of decimals, texts and numbers; no maps, sets or arrays) encode to equal
        // text, so the text is compared only when they differ: usually no encoding of the replayed events.
        if (!applied.events().equals(row.events())
                && !codec.writeEvents(applied.events()).equals(row.eventsJson())) {
            note(problems, "journal row " + sequence + " replays to different events than were recorded live");
        }
    }

    private record Candidate(String id, long sequence, String stateHash) {}

    /**
     * The newest good snapshot. Candidates are listed without their bytes and loaded one at a time: the
     * newest is normally the one used, and every snapshot's state at once would be hundreds of megabytes.
     */
    private StartingPoint startingPoint(Connection c, long through, List<String> problems) throws SQLException {
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
        for (Candidate candidate : candidates) {
            Optional<Engine> engine = restore(c, candidate, problems);
            if (engine.isPresent()) {
                return new StartingPoint(engine.get(), candidate.sequence());
            }
        }
        return new StartingPoint(new Engine(), 0);
    }

    private Optional<Engine> restore(Connection c, Candidate candidate, List<String> problems) throws SQLException {
        String id = candidate.id();
        byte[] state;
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM snapshots WHERE snapshot_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                state = rs.getBytes(1);
            }
        }
        if (!CanonicalWriter.sha256(state).equals(candidate.stateHash())) {
            note(problems, "snapshot " + id + " does not match its recorded state hash; an older one is used");
            return Optional.empty();
        }
        Optional<String> unrecorded = snapshotNotRecorded(c, candidate.sequence(), candidate.stateHash());
        if (unrecorded.isPresent()) {
            note(problems, "snapshot " + id + " " + unrecorded.get() + "; an older one is used");
            return Optional.empty();
        }
        try {
            Engine engine = Engine.restore(state);
            if (engine.lastSequence() == candidate.sequence()) {
                return Optional.of(engine);
            }
            note(
                    problems,
                    "snapshot " + id + " holds sequence " + engine.lastSequence() + ", not " + candidate.sequence());
        } catch (RuntimeException e) {
            note(problems, "snapshot " + id + " cannot be decoded: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A snapshot's own hash proves only that its bytes were not damaged; bytes edited with the hash
     * recomputed look self-consistent. The hash must also be the one the SnapshotTaken event recorded
     * live, in the journal row at that sequence, whose place in the hash chain must hold.
     */
    private Optional<String> snapshotNotRecorded(Connection c, long sequence, String stateHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, command, events, actor, row_hash FROM journal" + " WHERE sequence = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of("has no journal row at its sequence " + sequence);
                }
                List<String> unreadable = new ArrayList<>();
                Optional<Row> row = parse(sequence, rs.getString(2), rs.getString(3), unreadable);
                if (row.isEmpty()) {
                    return Optional.of("has an unreadable journal row at " + sequence);
                }
                if (!chainHolds(
                        rowHashBefore(c, sequence - 1),
                        sequence,
                        rs.getLong(1),
                        row.get(),
                        rs.getString(4),
                        rs.getString(5))) {
                    return Optional.of("is recorded in journal row " + sequence
                            + ", which does not match its hash chain (edited after it was written)");
                }
                boolean recorded = row.get().events().stream()
                        .anyMatch(e ->
                                e instanceof SnapshotTaken t && t.stateHash().equals(stateHash));
                return recorded
                        ? Optional.empty()
                        : Optional.of("has state hash " + stateHash + ", not the one recorded live in journal row "
                                + sequence);
            }
        }
    }

    private static String rowHashBefore(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT row_hash FROM journal WHERE sequence <= ? ORDER BY sequence DESC LIMIT 1")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : RowHash.GENESIS;
            }
        }
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
