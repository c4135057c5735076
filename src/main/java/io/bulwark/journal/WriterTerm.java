package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stretch of time during which this instance is the writer: the lease, the engine thread, the
 * journal writer and the Tick clock. It ends on a failed commit, a lost lease, an engine failure or
 * shutdown, and is never restarted: a new term begins with a new lease and a new recovery.
 */
final class WriterTerm {
    private static final Logger log = LoggerFactory.getLogger(WriterTerm.class);
    private static final long PROJECTOR_DRAIN_MILLIS = 10_000;

    private final WriterLease lease;
    private final JournalWriter writer;
    private final Projector projector;
    private final Sequencer sequencer;
    private final PeriodicSnapshots snapshots;
    private final JournalProperties properties;
    private final CompletableFuture<Throwable> ended = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService clocks = Executors.newScheduledThreadPool(
            1, Thread.ofPlatform().name("bulwark-clock").daemon().factory());

    WriterTerm(
            WriterLease lease,
            JournalWriter writer,
            Projector projector,
            Sequencer sequencer,
            PeriodicSnapshots snapshots,
            JournalProperties properties) {
        this.lease = lease;
        this.writer = writer;
        this.projector = projector;
        this.sequencer = sequencer;
        this.snapshots = snapshots;
        this.properties = properties;
        lease.whenLost(this::end);
    }

    long epoch() {
        return lease.epoch();
    }

    long lastCommittedSequence() {
        return writer.lastCommittedSequence();
    }

    /** The read models' projector of this term. */
    Projector projector() {
        return projector;
    }

    /** The public view as of the last commit: never waits in the engine's queue. */
    PublicView publicView() {
        return writer.publicView();
    }

    int queued() {
        return sequencer.queued() + writer.queued();
    }

    void startEngine() {
        projector.start();
        writer.start();
        sequencer.start();
        snapshots.start();
    }

    /** Starts the Tick clock: only once the term is fully ready (the lease heartbeats on its own). */
    void startClocks() {
        long tick = properties.tickInterval().toMillis();
        clocks.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        sequencer
                .submit(new Tick(), "system:clock", PendingReply.unbounded())
                .future()
                .exceptionally(e -> {
                    log.debug("Tick not applied: {}", e.getMessage());
                    return null;
                });
    }

    /** See {@link WriterLease#provenWithin}: false while this writer may already have been evicted. */
    boolean leaseConfirmed() {
        return lease.provenWithin(properties.lease().staleAfter());
    }

    Outcome submit(Command command, String actor) {
        return (Outcome) await(sequencer.submit(command, actor, PendingReply.until(deadline())));
    }

    @SuppressWarnings("unchecked")
    List<Outcome> submitAll(List<Command> commands, String actor) {
        return (List<Outcome>) await(sequencer.submitAll(commands, actor, PendingReply.until(deadline())));
    }

    @SuppressWarnings("unchecked")
    <T> T query(Function<EngineView, T> query) {
        Object result = await(sequencer.query(query, PendingReply.until(deadline())));
        if (result instanceof Sequencer.QueryFailure failure) {
            throw failure.error();
        }
        return (T) result;
    }

    private long deadline() {
        return System.nanoTime() + properties.engine().replyTimeout().toNanos();
    }

    /**
     * Waits for the reply until the reply timeout; then either abandons the submission (the engine had not
     * reached it, so it never will: {@link CommandTimedOutException}) or, when the engine claimed it first,
     * waits on for the commit's outcome: until the journal answers or the term ends, at most the socket
     * timeout longer (a commit never waits on the database longer than that).
     */
    private Object await(PendingReply pending) {
        try {
            try {
                return pending.future().get(properties.engine().replyTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (pending.abandon()) {
                    throw new CommandTimedOutException();
                }
                return awaitClaimed(pending);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EngineUnavailableException("engine failure", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending.abandon()) {
                throw new EngineUnavailableException("interrupted before the engine reached this request; not applied");
            }
            throw new OutcomeUnknownException("interrupted while waiting for the journal", e);
        }
    }

    private Object awaitClaimed(PendingReply pending) throws ExecutionException, InterruptedException {
        long until = System.nanoTime() + properties.journal().socketTimeout().toNanos();
        try {
            CompletableFuture.anyOf(pending.future(), ended).get(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            // Once the term has ended, closing it answers every claimed command (committed or refused).
            return pending.future().get(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OutcomeUnknownException("the journal did not answer in time", e);
        }
    }

    /** Ends the term; {@code cause} is null for a clean shutdown. */
    void end(Throwable cause) {
        if (ended.complete(cause) && cause != null) {
            log.error("Writer term (epoch {}) ends: {}", lease.epoch(), cause.toString());
        }
    }

    /** Completes when the term ends, with the cause (null for a clean end). */
    CompletableFuture<Throwable> ended() {
        return ended;
    }

    /**
     * Stops the clocks, the engine and the journal cleanly (what was accepted is applied and committed,
     * no shutdown snapshot) but keeps the lease, for a rollback that continues under the same epoch.
     * Returns the engine as it stopped (its thread has ended), or throws if the journal failed on the way.
     */
    EngineView haltKeepingLease() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            throw new EngineUnavailableException("the writer term has already ended");
        }
        clocks.shutdownNow();
        snapshots.stop();
        sequencer.stop();
        writer.stopAfterDrain();
        // The rollback rewrites the read models and the watermark: nothing more may be projected meanwhile.
        projector.stopNow();
        Throwable cause = ended.getNow(null);
        if (cause != null) {
            throw new EngineUnavailableException("the writer term failed while stopping", cause);
        }
        return sequencer.engineAfterStop();
    }

    /** True once halted or closed. */
    boolean stopped() {
        return closed.get();
    }

    /**
     * Takes everything down. After a failure nothing queued may apply; on a clean end the engine
     * drains its inbox and the journal commits it first.
     */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clocks.shutdownNow();
        Throwable cause = ended.getNow(null);
        try {
            if (cause != null) {
                sequencer.abort(cause);
            }
            snapshots.stop();
            sequencer.stop();
            writer.stopAfterDrain();
            // What was committed is projected now if it can be; otherwise the next writer resumes from the watermark.
            if (cause != null) {
                projector.stopNow();
            } else {
                projector.stopAfterDrain(PROJECTOR_DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lease.close();
        }
    }
}
