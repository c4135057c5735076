package io.bulwark.journal;

import io.bulwark.engine.FrozenState;
import io.bulwark.engine.command.RecordSnapshot;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic snapshots off the engine thread and off the commit path. The engine thread only freezes the
 * state ({@link io.bulwark.engine.Engine#freeze()}, cheap) at sequence N and hands it over; this thread
 * ({@code bulwark-snapshot}) makes the bytes and their SHA-256, journals {@link RecordSnapshot}(N, hash) as
 * an ordinary command (sequence M &gt; N; its acknowledgement means it and N are committed), and only then
 * stores the snapshot row in a transaction of its own, on its own connection, after checking the writer
 * epoch and that row N is not reverted (a rollback's UPDATE of the journal waits for that row lock, so it
 * marks this snapshot reverted too). A crash anywhere on the way leaves either no row (recovery starts from
 * an older snapshot and replays longer) or a whole row that a journaled record vouches for; never a half
 * one. One snapshot at a time: while one is in flight the engine does not freeze another.
 */
final class PeriodicSnapshots {
    private static final Logger log = LoggerFactory.getLogger(PeriodicSnapshots.class);
    static final String REASON = "periodic";
    private static final String INSERT =
            "INSERT INTO snapshots (snapshot_id, sequence, state_hash, state, reason) VALUES (?, ?, ?, ?, ?)";

    /** Opens the snapshot thread's own connection. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final long epoch;
    private final int retain;
    private final Function<RecordSnapshot, Outcome> journal;
    private final BlockingQueue<FrozenState> handoff = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final Thread thread;
    private Connection connection;
    private volatile boolean stopping;

    /** {@code journal} submits the record as a command and returns its committed outcome (or throws). */
    PeriodicSnapshots(Connections connections, long epoch, int retain, Function<RecordSnapshot, Outcome> journal) {
        this.connections = connections;
        this.epoch = epoch;
        this.retain = retain;
        this.journal = journal;
        this.thread = Thread.ofPlatform().name("bulwark-snapshot").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * The engine thread's side: freezes and hands over a snapshot, unless one is still in flight (then false:
     * the engine tries again after its next batch). The queue is the safe handoff of the frozen view.
     */
    boolean offer(Supplier<FrozenState> freeze) {
        if (stopping || !inFlight.compareAndSet(false, true)) {
            return false;
        }
        try {
            handoff.add(freeze.get());
            return true;
        } catch (RuntimeException e) {
            inFlight.set(false);
            throw e;
        }
    }

    /** Stops after the snapshot in flight, if any (at most a statement timeout later); waits for the thread. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join();
    }

    private void run() {
        try {
            while (!stopping) {
                FrozenState frozen = handoff.take();
                try {
                    write(frozen);
                } catch (SQLException | RuntimeException e) {
                    // A missing periodic snapshot only makes a later recovery replay longer.
                    log.warn("Periodic snapshot at {} not stored: {}", frozen.sequence(), e.toString());
                    closeConnection();
                } finally {
                    inFlight.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    private void write(FrozenState frozen) throws SQLException {
        long started = System.nanoTime();
        byte[] state = frozen.bytes();
        String hash = CanonicalWriter.sha256(state);
        long serialized = System.nanoTime();
        if (stopping) {
            return;
        }
        Outcome recorded = journal.apply(new RecordSnapshot(frozen.sequence(), hash, REASON));
        if (!(recorded instanceof Outcome.Applied)) {
            log.warn("Periodic snapshot at {} not recorded: {}", frozen.sequence(), recorded);
            return;
        }
        boolean stored = store(frozen.sequence(), hash, state);
        log.debug(
                "Periodic snapshot at {} ({} bytes): serialized and hashed in {} ms, recorded and {} in {} ms",
                frozen.sequence(),
                state.length,
                (serialized - started) / 1_000_000,
                stored ? "stored" : "not stored (reverted)",
                (System.nanoTime() - serialized) / 1_000_000);
    }

    private boolean store(long sequence, String hash, byte[] state) throws SQLException {
        Connection c = connection();
        try {
            JournalTransaction.checkEpoch(c, epoch);
            if (!standing(c, sequence)) {
                c.rollback();
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, "snap-" + sequence);
                ps.setLong(2, sequence);
                ps.setString(3, hash);
                ps.setBytes(4, state);
                ps.setString(5, REASON);
                ps.executeUpdate();
            }
            SnapshotRetention.prune(c, retain);
            c.clearWarnings();
            c.commit();
            SynchronousCommit.requireConfirmed(c);
            return true;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Whether journal row {@code sequence} exists and is not reverted, locked until this transaction ends: a
     * rollback marks the journal reverted before the snapshots, so it either comes first (seen here) or waits.
     */
    private static boolean standing(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reverted FROM journal WHERE sequence = ? FOR SHARE")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(1);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing snapshot connection", e);
            }
            connection = null;
        }
    }
}
