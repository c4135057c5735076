package io.bulwark.journal;

import io.bulwark.engine.PublicView;
import io.bulwark.engine.event.SnapshotTaken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread takes every batch the engine produced since the last commit, writes them
 * in one transaction (after checking the fencing epoch inside it), commits, hands the committed entries to
 * the {@link Projector} (which writes the read models off this path), and only then tells the
 * listeners the callers wait for ({@link JournalListener#beforeReplies()}), answers the callers and
 * tells the other listeners. A failed commit stops it for good: the engine must be rebuilt
 * from the journal, never run ahead of it.
 */
final class JournalWriter {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    private static final String INSERT_SNAPSHOT =
            "INSERT INTO snapshots (snapshot_id, sequence, state_hash, state, reason) VALUES (?, ?, ?, ?, ?)";

    private final Connection connection;
    private final long epoch;
    private final List<Projection> projections;
    private final Projector projector;
    private final CommitListeners listeners;
    private final JournalMetrics metrics;
    private final int snapshotRetain;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(256);
    private final JournalCopy journalCopy;
    private final Thread thread;
    private String lastRowHash;
    private volatile long lastCommittedSequence;
    private volatile PublicView publicView;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private boolean commitSent;

    JournalWriter(
            Connection connection,
            long epoch,
            RecoveredState recovered,
            PublicView recoveredView,
            JournalCodec codec,
            List<Projection> projections,
            Projector projector,
            List<JournalListener> listeners,
            JournalMetrics metrics,
            int snapshotRetain,
            Consumer<Throwable> onFailure)
            throws SQLException {
        this.connection = connection;
        this.epoch = epoch;
        this.journalCopy = new JournalCopy(codec);
        this.projections = projections.stream().filter(Projection::onCommitPath).toList();
        this.projector = projector;
        this.listeners = new CommitListeners(listeners);
        this.metrics = metrics;
        this.snapshotRetain = snapshotRetain;
        this.onFailure = onFailure;
        this.lastRowHash = recovered.lastRowHash();
        this.lastCommittedSequence = recovered.lastSequence();
        this.publicView = recoveredView;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("bulwark-journal").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    long lastCommittedSequence() {
        return lastCommittedSequence;
    }

    /** The public view as of the last commit (at first, of the recovered state); never waits for the engine. */
    PublicView publicView() {
        return publicView;
    }

    int queued() {
        return queue.size();
    }

    /** Hands over a batch; blocks while the writer is far behind, which slows the engine down. */
    void enqueue(Batch batch) throws InterruptedException {
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (failure != null || !thread.isAlive()) {
                break;
            }
        }
        if (failure != null || !thread.isAlive()) {
            failRemaining();
        }
    }

    /** Commits what is queued, then stops; anything it could not commit is refused. */
    void stopAfterDrain() throws InterruptedException {
        stopping = true;
        thread.join();
        failRemaining();
    }

    private void failRemaining() {
        List<Batch> rest = new ArrayList<>();
        queue.drainTo(rest);
        EngineUnavailableException refusal = new CommitFailedException("the journal writer stopped", failure);
        rest.forEach(b -> fail(b, refusal));
    }

    private void run() {
        List<Batch> batches = new ArrayList<>();
        try {
            while (true) {
                Batch first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batches.add(first);
                queue.drainTo(batches);
                commitAndAnswer(batches);
                batches.clear();
            }
        } catch (Throwable e) {
            failure = e;
            log.error("Journal commit failed; the engine stops and must recover from the journal", e);
            // Before its COMMIT was sent the transaction cannot have committed; during it, nobody can tell.
            EngineUnavailableException refusal = commitSent
                    ? new OutcomeUnknownException(
                            "the journal connection failed during the commit (" + CommitFailedException.reason(e) + ")",
                            e)
                    : new CommitFailedException(CommitFailedException.reason(e), e);
            batches.forEach(b -> fail(b, refusal));
            failRemaining();
            onFailure.accept(e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing journal connection", e);
            }
        }
    }

    private void commitAndAnswer(List<Batch> batches) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        batches.forEach(b -> entries.addAll(b.entries()));
        long before = lastCommittedSequence;
        if (!entries.isEmpty()) {
            long started = System.nanoTime();
            commit(entries);
            metrics.committed(entries.size(), System.nanoTime() - started);
            lastCommittedSequence = entries.getLast().sequence();
            // Before the replies, so a client reads its acknowledged write in public reads too; before the
            // listeners, so a WebSocket snapshot is never older than an update already published.
            batches.reversed().stream()
                    .flatMap(b -> b.view().stream())
                    .findFirst()
                    .ifPresent(view -> publicView = view);
        }
        List<Committed> committed =
                entries.stream().map(JournalEntry::committed).toList();
        // The read models are written off the commit path; this never waits.
        projector.committed(before, committed);
        listeners.tell(committed, true);
        for (Batch batch : batches) {
            for (Batch.Reply reply : batch.replies()) {
                reply.future().complete(reply.value());
            }
        }
        listeners.tell(committed, false);
        if (!committed.isEmpty()) {
            listeners.published(committed.getLast().sequence());
        }
    }

    private void commit(List<JournalEntry> entries) throws SQLException {
        commitSent = false;
        try {
            checkEpoch(connection, epoch);
            SqlBatch readModels = new SqlBatch();
            String chain = journalCopy.write(connection, epoch, entries, lastRowHash);
            for (JournalEntry e : entries) {
                Committed committed = e.committed();
                insertSnapshot(e);
                for (Projection projection : projections) {
                    projection.project(committed, readModels);
                }
            }
            if (entries.stream().anyMatch(SnapshotRetention::automatic)) {
                SnapshotRetention.prune(connection, snapshotRetain);
            }
            readModels.execute(connection);
            connection.clearWarnings();
            commitSent = true;
            connection.commit();
            SynchronousCommit.requireConfirmed(connection);
            commitSent = false;
            lastRowHash = chain;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    static void checkEpoch(Connection connection, long epoch) throws SQLException {
        // FOR SHARE: a takeover's epoch UPDATE waits for this transaction, and once it has happened
        // this check sees the new epoch: a fenced writer cannot commit anything after a takeover.
        try (PreparedStatement ps =
                        connection.prepareStatement("SELECT epoch FROM writer_lease WHERE id = 1 FOR SHARE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long current = rs.getLong(1);
            if (current != epoch) {
                throw new FencedException("writer epoch " + epoch + " was superseded by " + current);
            }
        }
    }

    private void insertSnapshot(JournalEntry e) throws SQLException {
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

    private static void fail(Batch batch, RuntimeException error) {
        batch.replies().forEach(r -> r.future().completeExceptionally(error));
    }
}
