package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.RollbackRefusedException.Reason;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a rollback from an API thread to the election thread, which owns the writer terms: it checks
 * the request, halts the running term (keeping the lease), runs the {@link JournalRollback} transaction
 * under the same fencing epoch, tells the listeners, and lets the supervisor recover a new term from the
 * journal, which now ends with the RollBack row. One rollback at a time.
 */
final class Rollbacks {
    private static final Logger log = LoggerFactory.getLogger(Rollbacks.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    record Job(
            long leaseEpoch, String snapshotId, String reason, String actor, CompletableFuture<RollbackResult> done) {}

    private final JournalConnections connections;
    private final JournalRollback transaction;
    private final List<JournalListener> listeners;
    private CompletableFuture<Job> request = new CompletableFuture<>();

    Rollbacks(
            JournalConnections connections,
            JournalCodec codec,
            List<Projection> projections,
            List<JournalListener> listeners) {
        this.connections = connections;
        this.transaction = new JournalRollback(codec, projections);
        this.listeners = List.copyOf(listeners);
    }

    /** API thread: asks for a rollback under the writer term of {@code leaseEpoch} and waits for it. */
    RollbackResult request(long leaseEpoch, String snapshotId, String reason, String actor) {
        Job job = new Job(leaseEpoch, snapshotId, reason, actor, new CompletableFuture<>());
        synchronized (this) {
            if (!request.complete(job)) {
                throw new RollbackRefusedException(Reason.ROLLBACK_IN_PROGRESS, "another rollback is under way");
            }
        }
        try {
            return job.done().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EngineUnavailableException("rollback failed", e.getCause());
        } catch (TimeoutException e) {
            // Cancels it if the election thread has not begun it yet.
            job.done().completeExceptionally(e);
            throw new EngineUnavailableException("timed out waiting for the rollback; check GET /system/status");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted");
        }
    }

    /** Election thread: waits until the term ends (empty) or a rollback is asked for. */
    Optional<Job> awaitEndOrRequest(WriterTerm term) throws InterruptedException {
        while (true) {
            CompletableFuture<Job> pending;
            synchronized (this) {
                pending = request;
            }
            try {
                CompletableFuture.anyOf(term.ended(), pending).get();
            } catch (ExecutionException e) {
                // ended() never completes exceptionally; a request never does either
            }
            if (term.ended().isDone()) {
                return Optional.empty();
            }
            synchronized (this) {
                request = new CompletableFuture<>();
            }
            Job job = pending.join();
            if (job.leaseEpoch() != term.epoch()) {
                job.done().completeExceptionally(new EngineUnavailableException("the writer changed; try again"));
            } else if (!job.done().isDone()) {
                return Optional.of(job);
            }
        }
    }

    /**
     * Election thread: runs the job. Empty when it was refused before the term was touched (the term
     * serves on); otherwise the term is halted and the caller starts a new one. An error after the halt
     * propagates: the supervisor gives the lease up and the next writer recovers from the journal, in
     * which the rollback either committed completely or not at all.
     */
    Optional<RollbackResult> run(Job job, WriterTerm term, Runnable onHalting)
            throws SQLException, InterruptedException {
        try (Connection c = connections.open("rollback")) {
            try {
                requireClosed(term.query(v -> v.status().state()));
                JournalRollback.checkSnapshot(c, job.snapshotId());
            } catch (RuntimeException e) {
                job.done().completeExceptionally(e);
                return Optional.empty();
            }
            onHalting.run();
            try {
                EngineView stopped = term.haltKeepingLease();
                requireClosed(stopped.status().state());
                RollbackResult result = transaction.run(
                        c,
                        term.epoch(),
                        job.snapshotId(),
                        job.reason(),
                        job.actor(),
                        System.currentTimeMillis(),
                        stopped.status().epoch());
                publish(result.rolledBack());
                return Optional.of(result);
            } catch (RollbackRefusedException e) {
                // Refused after the halt (the state changed meanwhile): nothing was written; a new term resumes.
                job.done().completeExceptionally(e);
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException | InterruptedException e) {
            job.done()
                    .completeExceptionally(
                            new EngineUnavailableException("rollback failed; the writer recovers from the journal", e));
            throw e;
        }
    }

    /** Election thread, when the writer term ends: nobody is left to run a waiting rollback. */
    void failPending() {
        CompletableFuture<Job> pending;
        synchronized (this) {
            pending = request;
            request = new CompletableFuture<>();
        }
        pending.thenAccept(job ->
                job.done().completeExceptionally(new EngineUnavailableException("the writer term ended; try again")));
    }

    private static void requireClosed(TradingState state) {
        if (state != TradingState.CLOSED) {
            throw new RollbackRefusedException(
                    Reason.EXCHANGE_NOT_CLOSED, "a rollback needs the exchange CLOSED; it is " + state);
        }
    }

    private void publish(Committed rolledBack) {
        for (JournalListener listener : listeners) {
            try {
                listener.onCommitted(List.of(rolledBack));
            } catch (RuntimeException e) {
                log.error("Journal listener {} failed on the rollback at {}", listener, rolledBack.sequence(), e);
            }
        }
    }
}
