package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the read models off the commit path: it tails the journal in sequence order on a thread and a
 * connection of its own. The journal writer hands it each group commit after the commit ({@link #committed});
 * it writes the read-model rows of one or more commits and advances the persisted watermark ({@code
 * projector_watermark}) in ONE transaction, so a crash can neither lose nor repeat a command: what is at or
 * below the watermark is in the read models, what is above it is not.
 *
 * <p>The writer never waits for it. Hand-offs go to a bounded queue; one that does not fit is dropped, and the
 * projector notices the gap (a hand-off that does not start right after its watermark, or a watermark behind
 * the writer's last commit while idle) and catches up by reading the journal rows after its watermark, decoded
 * as recovery decodes them. The same catch-up runs when a term starts and after a failure: a lost connection
 * is reopened and the watermark read again, so the projector resumes where its last transaction left off.
 *
 * <p>Each transaction first moves the watermark row from the value this projector last wrote ({@code UPDATE ...
 * WHERE sequence = ?}), which also locks it: should another projector (a fenced writer's, a rollback) have moved
 * it, nothing is written, the watermark is read again and the rows after it projected.
 */
final class Projector {
    private static final Logger log = LoggerFactory.getLogger(Projector.class);
    private static final int QUEUE_CAPACITY = 4096;
    /** Entries held in the queue at most: beyond this, the projector reads them back from the journal. */
    private static final int MAX_QUEUED_ENTRIES = 65_536;
    /** Hand-offs (group commits) written in one transaction at most. */
    private static final int MAX_HANDOFFS = 256;
    /** Journal rows read and written per transaction while catching up. */
    static final int CATCH_UP_CHUNK = 2_000;

    private static final String MOVE_WATERMARK =
            "UPDATE projector_watermark SET sequence = ? WHERE id = 1 AND sequence = ?";

    /** One group commit: its entries, and the last sequence committed before it. */
    private record Handoff(long after, List<Committed> entries) {}

    private final JournalConnections connections;
    private final JournalRows journal;
    private final List<Projection> projections;
    private final LongSupplier lastCommitted;
    private final BlockingQueue<Handoff> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicInteger queuedEntries = new AtomicInteger();
    private final Object progress = new Object();
    private final Thread thread;
    private Connection connection;
    private volatile long watermark = -1;
    private volatile boolean stopping;
    private volatile boolean aborted;
    private volatile Throwable lastFailure;
    private volatile long failingSinceNanos;
    /** When the projector last advanced, or last found itself caught up. */
    private volatile long progressNanos = System.nanoTime();

    /**
     * @param lastCommitted the journal writer's last committed sequence: the projector catches up to it when
     *     idle, which covers hand-offs that did not fit in the queue
     */
    Projector(
            JournalConnections connections,
            JournalCodec codec,
            List<Projection> projections,
            LongSupplier lastCommitted) {
        this.connections = connections;
        this.journal = new JournalRows(codec);
        this.projections = projections.stream().filter(p -> !p.onCommitPath()).toList();
        this.lastCommitted = lastCommitted;
        this.thread = Thread.ofPlatform().name("bulwark-projector").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Journal thread, after a commit (in order): hands its entries over. Never blocks; when the queue is full the hand-off
     * is dropped and the projector reads those rows from the journal instead.
     */
    void committed(long after, List<Committed> entries) {
        int size = entries.size();
        if (size == 0 || queuedEntries.get() + size > MAX_QUEUED_ENTRIES) {
            return;
        }
        queuedEntries.addAndGet(size);
        if (!queue.offer(new Handoff(after, entries))) {
            queuedEntries.addAndGet(-size);
        }
    }

    /** Every command at or below this sequence is in the read models; -1 until the watermark was first read. */
    long watermark() {
        return watermark;
    }

    /** How long the projector has been failing (0 while it is not). */
    long failingForNanos() {
        long since = failingSinceNanos;
        return since == 0 ? 0 : Math.max(1, System.nanoTime() - since);
    }

    /** How long since the projector last advanced its watermark or found itself caught up. */
    long sinceProgressNanos() {
        return System.nanoTime() - progressNanos;
    }

    /** The last failure, or null. */
    Throwable lastFailure() {
        return lastFailure;
    }

    /**
     * Waits until the watermark has reached {@code sequence}; false if it has not by {@code deadlineNanos}
     * ({@link System#nanoTime()}) or the projector stopped.
     */
    boolean awaitWatermark(long sequence, long deadlineNanos) throws InterruptedException {
        if (watermark >= sequence) {
            return true;
        }
        synchronized (progress) {
            while (watermark < sequence) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) {
                    return watermark >= sequence;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    boolean running() {
        return thread.isAlive();
    }

    /**
     * Projects what was handed over (the writer has stopped, so nothing more comes), then stops; gives up
     * after {@code maxWaitMillis} (a projector that cannot reach the database), which loses nothing: the next
     * term's projector resumes from the watermark.
     */
    void stopAfterDrain(long maxWaitMillis) throws InterruptedException {
        stopping = true;
        thread.join(maxWaitMillis);
        if (thread.isAlive()) {
            log.warn("The projector did not drain in {} ms (watermark {}); stopping it", maxWaitMillis, watermark);
            aborted = true;
            thread.interrupt();
            thread.join();
        }
    }

    /** Stops after the transaction under way, projecting nothing more (a rollback rebuilds the read models). */
    void stopNow() throws InterruptedException {
        stopping = true;
        aborted = true;
        thread.join();
    }

    private void run() {
        long backoff = 50;
        try {
            while (!aborted) {
                try {
                    if (connection == null) {
                        connect();
                    }
                    if (!step()) {
                        return;
                    }
                    backoff = 50;
                    if (failingSinceNanos != 0) {
                        log.info("The projector resumed at watermark {}", watermark);
                        failingSinceNanos = 0;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Exception | Error e) {
                    // pgjdbc may also throw an AssertionError (under -ea) for a connection killed mid-batch.
                    if (aborted || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    lastFailure = e;
                    if (failingSinceNanos == 0) {
                        failingSinceNanos = System.nanoTime();
                    }
                    log.error(
                            "Projector failed at watermark {}; it reconnects and resumes from the watermark",
                            watermark,
                            e);
                    closeConnection();
                    if (stopping && queue.isEmpty()) {
                        return; // the next term resumes from the watermark
                    }
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 2_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** One unit of work; false once stopping and nothing is left. */
    private boolean step() throws SQLException, InterruptedException {
        Handoff first = queue.poll(20, TimeUnit.MILLISECONDS);
        if (first == null) {
            if (watermark < lastCommitted.getAsLong()) {
                catchUp(); // hand-offs were dropped, or the term just started
                return true;
            }
            progressNanos = System.nanoTime();
            return !stopping;
        }
        List<Handoff> handoffs = new ArrayList<>();
        handoffs.add(first);
        queue.drainTo(handoffs, MAX_HANDOFFS - 1);
        List<Committed> entries = new ArrayList<>();
        long frontier = watermark;
        boolean gap = false;
        for (Handoff h : handoffs) {
            queuedEntries.addAndGet(-h.entries().size());
            long last = h.entries().getLast().sequence();
            if (gap || last <= frontier) {
                continue; // already projected (caught up from the journal), or after a gap: read from the journal
            }
            if (h.after() > frontier) {
                gap = true; // hand-offs were dropped, or the watermark moved elsewhere
                continue;
            }
            long from = frontier;
            h.entries().stream().filter(c -> c.sequence() > from).forEach(entries::add);
            frontier = last;
        }
        if (!entries.isEmpty()) {
            write(entries, frontier);
        }
        if (gap) {
            catchUp();
        }
        return true;
    }

    private void connect() throws SQLException {
        Connection c = connections.openTimeLimited("projector");
        try {
            c.setAutoCommit(false);
            long read = readWatermark(c);
            c.commit();
            connection = c;
            advance(read);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    static long readWatermark(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence FROM projector_watermark WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("projector_watermark has no row (migration V13 missing?)");
            }
            return rs.getLong(1);
        }
    }

    /** Reads the watermark and locks its row until the transaction ends (a rollback's). */
    static long readWatermarkForUpdate(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT sequence FROM projector_watermark WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("projector_watermark has no row (migration V13 missing?)");
            }
            return rs.getLong(1);
        }
    }

    /** Reads and projects the journal rows after the watermark, a chunk per transaction, until none is left. */
    private void catchUp() throws SQLException {
        while (!aborted) {
            long after = watermark;
            JournalRows.Page page = journal.readAfter(connection, after, CATCH_UP_CHUNK, "the read models");
            List<Committed> rows = page.standing();
            long last = page.lastSequence();
            int read = page.read();
            if (read == 0) {
                connection.commit();
                return;
            }
            write(rows, last);
            if (read < CATCH_UP_CHUNK) {
                return;
            }
        }
    }

    /** Projects {@code entries} and moves the watermark to {@code through}, in one transaction. */
    private void write(List<Committed> entries, long through) throws SQLException {
        long from = watermark;
        try {
            try (PreparedStatement ps = connection.prepareStatement(MOVE_WATERMARK)) {
                ps.setLong(1, through);
                ps.setLong(2, from);
                if (ps.executeUpdate() != 1) {
                    // Moved by someone else (a rollback, another writer's projector): start again from it.
                    long moved = readWatermark(connection);
                    connection.rollback();
                    log.warn("The projector watermark moved from {} to {} elsewhere; resuming from it", from, moved);
                    advance(moved);
                    return;
                }
            }
            SqlBatch batch = new SqlBatch();
            for (Committed entry : entries) {
                for (Projection projection : projections) {
                    projection.project(entry, batch);
                }
            }
            batch.execute(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        advance(through);
    }

    private void advance(long to) {
        watermark = to;
        progressNanos = System.nanoTime();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing projector connection", e);
            }
            connection = null;
        }
    }
}
