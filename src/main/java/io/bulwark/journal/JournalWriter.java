package io.bulwark.journal;

import io.bulwark.engine.PublicView;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit, pipelined over two connections: one thread ({@code bulwark-journal-write}) takes every batch
 * the engine produced since its last take and writes them in one transaction ({@link JournalTransaction}: the
 * fencing epoch check, the rows, everything but the COMMIT) while the transaction before it is still being
 * committed on the other connection; the journal thread ({@code bulwark-journal}) sends the COMMITs, one at a
 * time and in sequence order. A transaction is handed to it only once the one before it committed and was
 * answered, so a later transaction never commits when an earlier one did not. After each commit it hands the
 * committed entries to the {@link Projector} (which writes the read models off this path), and only then tells
 * the listeners the callers wait for ({@link JournalListener#beforeReplies()}), answers the callers and tells
 * the other listeners. A failed commit stops it for good (the transaction written behind it is rolled back and
 * refused): the engine must be rebuilt from the journal, never run ahead of it.
 */
final class JournalWriter {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

    /** A written, uncommitted transaction (none when its batches hold no entries) and the batches it answers. */
    private record Prepared(Connection connection, List<Batch> batches, List<JournalEntry> entries, long started) {}

    private final Connection first;
    private final Connection second;
    private final JournalTransaction transaction;
    private final Projector projector;
    private final CommitListeners listeners;
    private final JournalMetrics metrics;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(256);
    private final Thread thread;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("bulwark-journal").factory());
    /** The hash chain as written: it may run ahead of what is committed by one transaction. */
    private String lastRowHash;

    private volatile long lastCommittedSequence;
    private volatile PublicView publicView;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** {@code first} and {@code second}: the two journal connections, each a transaction at a time. */
    JournalWriter(
            Connection first,
            Connection second,
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
        this.first = first;
        this.second = second;
        this.transaction = new JournalTransaction(epoch, codec, projections, snapshotRetain);
        this.projector = projector;
        this.listeners = new CommitListeners(listeners);
        this.metrics = metrics;
        this.onFailure = onFailure;
        this.lastRowHash = recovered.lastRowHash();
        this.lastCommittedSequence = recovered.lastSequence();
        this.publicView = recoveredView;
        first.setAutoCommit(false);
        second.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("bulwark-journal-write").unstarted(this::run);
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
        List<Batch> taken = new ArrayList<>();
        Prepared written = null;
        Future<?> inFlight = null;
        Connection committing = null;
        try {
            while (true) {
                Batch next = queue.poll(50, TimeUnit.MILLISECONDS);
                // A commit that failed while nothing new came ends the term now, not at the next command.
                if (inFlight != null && inFlight.isDone()) {
                    awaitCommit(inFlight);
                    inFlight = null;
                    committing = null;
                }
                if (next == null) {
                    if (stopping) {
                        break;
                    }
                    continue;
                }
                taken.add(next);
                queue.drainTo(taken);
                written = prepare(committing == first ? second : first, taken);
                taken = new ArrayList<>();
                if (inFlight != null) {
                    awaitCommit(inFlight);
                }
                Prepared handed = written;
                inFlight = committer.submit(() -> commitAndAnswer(handed));
                committing = written.connection();
                written = null;
            }
            if (inFlight != null) {
                awaitCommit(inFlight);
            }
        } catch (Throwable e) {
            stop(e, taken, written, inFlight);
        } finally {
            committer.shutdown();
            close(first);
            close(second);
        }
    }

    /**
     * After a failure: refuses the batches not yet committed (their transaction was never sent a COMMIT) and
     * rolls back the one written, lets a commit still in flight end (answered if it committed), then refuses
     * everything queued and ends the term.
     */
    private void stop(Throwable e, List<Batch> taken, Prepared written, Future<?> inFlight) {
        failure = e;
        log.error("Journal commit failed; the engine stops and must recover from the journal", e);
        EngineUnavailableException refusal = new CommitFailedException(CommitFailedException.reason(e), e);
        if (written != null) {
            if (written.connection() != null) {
                JournalTransaction.rollback(written.connection(), e);
            }
            written.batches().forEach(b -> fail(b, refusal));
        }
        taken.forEach(b -> fail(b, refusal));
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (ExecutionException | RuntimeException ended) {
                log.debug("the commit in flight failed too", ended);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        failRemaining();
        onFailure.accept(e);
    }

    /** Waits for the commit in flight; throws what made it fail. */
    private static void awaitCommit(Future<?> inFlight) throws Throwable {
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Writes the batches' transaction on {@code connection}, continuing the hash chain; no COMMIT yet. */
    private Prepared prepare(Connection connection, List<Batch> batches) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        batches.forEach(b -> entries.addAll(b.entries()));
        long started = System.nanoTime();
        if (entries.isEmpty()) {
            return new Prepared(null, batches, entries, started);
        }
        lastRowHash = transaction.prepare(connection, entries, lastRowHash);
        return new Prepared(connection, batches, entries, started);
    }

    /** Committer thread: commits, then publishes and answers; on failure refuses the batches and throws. */
    private Void commitAndAnswer(Prepared prepared) throws SQLException {
        if (prepared.connection() != null) {
            commit(prepared);
            metrics.committed(prepared.entries().size(), System.nanoTime() - prepared.started());
        }
        try {
            publish(prepared.batches(), prepared.entries());
        } catch (RuntimeException e) {
            // Committed, but some callers may be unanswered: they hear "unknown", never a false "failed".
            prepared.batches().forEach(b -> fail(b, new OutcomeUnknownException("the journal writer failed", e)));
            throw e;
        }
        return null;
    }

    private static void commit(Prepared prepared) throws SQLException {
        Connection connection = prepared.connection();
        boolean sent = false;
        try {
            connection.clearWarnings();
            sent = true;
            connection.commit();
            SynchronousCommit.requireConfirmed(connection);
        } catch (SQLException | RuntimeException e) {
            JournalTransaction.rollback(connection, e);
            // Before its COMMIT was sent the transaction cannot have committed; during it, nobody can tell.
            EngineUnavailableException refusal = sent
                    ? new OutcomeUnknownException(
                            "the journal connection failed during the commit (" + CommitFailedException.reason(e) + ")",
                            e)
                    : new CommitFailedException(CommitFailedException.reason(e), e);
            prepared.batches().forEach(b -> fail(b, refusal));
            throw e;
        }
    }

    private void publish(List<Batch> batches, List<JournalEntry> entries) {
        long before = lastCommittedSequence;
        if (!entries.isEmpty()) {
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

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing journal connection", e);
        }
    }

    private static void fail(Batch batch, RuntimeException error) {
        batch.replies().forEach(r -> r.future().completeExceptionally(error));
    }
}
