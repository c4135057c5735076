package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to write: a session-level Postgres advisory lock held on a dedicated connection, plus the
 * fencing {@code epoch} in {@code writer_lease}, raised on every takeover. The lock makes a second
 * writer impossible while this session lives; the epoch, checked in every journal transaction, makes
 * a writer that lost its session (paused, partitioned) unable to commit anything afterwards.
 *
 * <p>A holder whose heartbeat is older than {@code staleAfter} (a frozen process still holding its
 * session) has its backend terminated by the next candidate, which then takes the lock.
 */
public final class WriterLease implements AutoCloseable {
    /** Advisory-lock key: "BULWARK" folded into a bigint; any fixed value works. */
    static final long LOCK_KEY = 0x42554C5741524BL;

    private static final Logger log = LoggerFactory.getLogger(WriterLease.class);

    private final Connection connection;
    private final long epoch;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bulwark-lease").daemon().factory());
    private volatile long lastProvenNanos = System.nanoTime();
    private volatile Throwable lost;
    private Consumer<Throwable> onLost = e -> {};

    private WriterLease(Connection connection, long epoch) {
        this.connection = connection;
        this.epoch = epoch;
    }

    /**
     * Heartbeats every {@code interval} from now until {@link #close()}: through recovery and the start-up
     * integrity checks as well as the term itself, so a long recovery is never mistaken for a frozen writer
     * and evicted. The first failure means the lease is lost (fenced, or the lock session is gone):
     * heartbeats stop and the {@link #whenLost} callback runs.
     */
    void keepAlive(Duration interval) {
        long millis = interval.toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            heartbeat();
            lastProvenNanos = System.nanoTime();
        } catch (SQLException | RuntimeException e) {
            heartbeats.shutdown(); // no further beats: the lease is gone for good
            Consumer<Throwable> callback;
            synchronized (this) {
                lost = e;
                callback = onLost;
            }
            callback.accept(e);
        }
    }

    /** Runs {@code callback} when a heartbeat fails (at once if one already has); replaces any earlier one. */
    void whenLost(Consumer<Throwable> callback) {
        Throwable already;
        synchronized (this) {
            onLost = callback;
            already = lost;
        }
        if (already != null) {
            callback.accept(already);
        }
    }

    /** Why a heartbeat failed, if one has: the lease is gone then. */
    Optional<Throwable> lost() {
        return Optional.ofNullable(lost);
    }

    /**
     * True while the last successful heartbeat (or the acquisition) is younger than {@code staleAfter}: after
     * that, a standby may have evicted this writer (the process was paused, say), so it must not claim to be
     * the writer until a heartbeat proves the lease again. Its commits would be fenced anyway.
     */
    boolean provenWithin(Duration staleAfter) {
        return lost == null && System.nanoTime() - lastProvenNanos < staleAfter.toNanos();
    }

    public long epoch() {
        return epoch;
    }

    /** Takes the lease if it is free (or its holder is stale); otherwise empty. */
    public static Optional<WriterLease> tryAcquire(JournalConnections connections, String holder, Duration staleAfter)
            throws SQLException {
        Connection c = connections.openTimeLimited("lease");
        try {
            c.setAutoCommit(true);
            if (!queryBoolean(c, "SELECT pg_try_advisory_lock(?)", LOCK_KEY)) {
                evictStaleHolder(c, staleAfter);
                c.close();
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE writer_lease SET epoch = epoch + 1, holder = ?,"
                    + " holder_pid = pg_backend_pid(), acquired_at = now(), heartbeat_at = now()"
                    + " WHERE id = 1 RETURNING epoch")) {
                ps.setString(1, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long epoch = rs.getLong(1);
                    log.info("Writer lease acquired by {} with epoch {}", holder, epoch);
                    return Optional.of(new WriterLease(c, epoch));
                }
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void evictStaleHolder(Connection c, Duration staleAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT holder, holder_pid FROM writer_lease WHERE id = 1"
                + " AND holder_pid IS NOT NULL AND now() - heartbeat_at > make_interval(secs => ?)")) {
            ps.setDouble(1, staleAfter.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String holder = rs.getString(1);
                    int pid = rs.getInt(2);
                    boolean terminated = queryBoolean(c, "SELECT pg_terminate_backend(?::int)", pid);
                    terminateOpenLeaseTransactions(c);
                    log.warn(
                            "Writer {} missed heartbeats for over {} s; terminated its session (pid {}): {}",
                            holder,
                            staleAfter.toSeconds(),
                            pid,
                            terminated);
                }
            }
        }
    }

    /**
     * Ends the stale writer's other sessions with a transaction on {@code writer_lease} or {@code
     * projector_watermark}: a writer frozen in the middle of a journal transaction holds its {@code FOR KEY
     * SHARE} row lock, and the next writer's epoch UPDATE would wait for it for as long as the freeze lasts
     * (found by the writer-race fault test); one frozen in the middle of a projector transaction holds the
     * watermark row, and the next writer's projector (and the integrity check at its start, which waits for
     * the read models) would wait as long. Only a writer's journal, lease, projector and rollback sessions
     * lock those tables beyond reading them, and the candidate evicting has none yet.
     */
    private static void terminateOpenLeaseTransactions(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'relation'"
                        + " AND relation IN ('writer_lease'::regclass, 'projector_watermark'::regclass)"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND pid <> pg_backend_pid() AND mode <> 'AccessShareLock'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                log.warn(
                        "Terminated session {} of the stale writer holding writer_lease or projector_watermark locked",
                        rs.getInt(1));
            }
        }
    }

    /** Proves the lease is still ours; throws when fenced or when the lock session is gone. */
    public void heartbeat() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE writer_lease SET heartbeat_at = now() WHERE id = 1 AND epoch = ?")) {
            ps.setLong(1, epoch);
            if (ps.executeUpdate() != 1) {
                throw new FencedException("writer lease epoch " + epoch + " was superseded");
            }
        }
    }

    private static boolean queryBoolean(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Stops the heartbeats and ends the session, which releases the advisory lock. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the lease connection failed", e);
        }
    }
}
