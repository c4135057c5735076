package io.bulwark.journal;

import io.bulwark.engine.Engine;
import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one engine thread. It drains the inbox, stamps each command with the time and the engine gives
 * it the next sequence number, and hands everything to the journal writer as one batch. Replies leave
 * only through the journal writer, after the commit.
 */
final class Sequencer {
    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
    private static final int MAX_DRAIN = 4096;

    private sealed interface Submission {}

    private record CommandSubmission(Command command, String actor, PendingReply pending) implements Submission {}

    private record QuerySubmission(Function<EngineView, ?> query, PendingReply pending) implements Submission {}

    /** Commands applied one after another with nothing between them, answered together with their outcomes. */
    private record GroupSubmission(List<Command> commands, String actor, PendingReply pending) implements Submission {}

    private final Engine engine;
    private final JournalWriter writer;
    private final LongSupplier wallClock;
    private final long snapshotEveryCommands;
    private final PeriodicSnapshots snapshots;
    private final JournalMetrics metrics;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<Submission> inbox;
    private final Thread thread;
    private long commandsSinceSnapshot;
    private volatile boolean running = true;

    Sequencer(
            Engine engine,
            JournalWriter writer,
            LongSupplier wallClock,
            long snapshotEveryCommands,
            PeriodicSnapshots snapshots,
            int inboxCapacity,
            JournalMetrics metrics,
            Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
        this.engine = engine;
        this.writer = writer;
        this.wallClock = wallClock;
        this.snapshotEveryCommands = snapshotEveryCommands;
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.inbox = new ArrayBlockingQueue<>(inboxCapacity);
        this.thread = Thread.ofPlatform().name("bulwark-engine").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    int queued() {
        return inbox.size();
    }

    /** Queues {@code command}; the engine drops it instead of applying it once {@code pending} is abandoned. */
    PendingReply submit(Command command, String actor, PendingReply pending) {
        offer(new CommandSubmission(command, actor, pending), pending.future());
        return pending;
    }

    /**
     * Queues {@code commands} as one submission: the engine applies them in order, with no other command
     * between them, in the same journal batch, and completes {@code pending} with their outcomes in order.
     */
    PendingReply submitAll(List<Command> commands, String actor, PendingReply pending) {
        offer(new GroupSubmission(List.copyOf(commands), actor, pending), pending.future());
        return pending;
    }

    PendingReply query(Function<EngineView, ?> query, PendingReply pending) {
        offer(new QuerySubmission(query, pending), pending.future());
        return pending;
    }

    private void offer(Submission submission, CompletableFuture<Object> reply) {
        try {
            if (!running || !inbox.offer(submission, 1, TimeUnit.SECONDS)) {
                reply.completeExceptionally(new EngineUnavailableException(
                        running ? "the engine is overloaded; try again" : "the engine is stopped"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.completeExceptionally(new EngineUnavailableException("interrupted"));
        }
    }

    /** Stops taking submissions, processes what was already accepted, and waits for the thread. */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** The engine, once {@link #stop()} returned: its thread has ended, so reading it is safe. */
    EngineView engineAfterStop() {
        if (thread.isAlive()) {
            throw new IllegalStateException("the engine thread is still running");
        }
        return engine;
    }

    /** Refuses everything still queued: used when the journal failed and nothing more may apply. */
    void abort(Throwable cause) {
        running = false;
        List<Submission> rest = new ArrayList<>();
        inbox.drainTo(rest);
        EngineUnavailableException error = new EngineUnavailableException("the engine stopped", cause);
        rest.forEach(s -> reply(s).completeExceptionally(error));
    }

    private static CompletableFuture<Object> reply(Submission s) {
        return pending(s).future();
    }

    private static PendingReply pending(Submission s) {
        return switch (s) {
            case CommandSubmission c -> c.pending();
            case QuerySubmission q -> q.pending();
            case GroupSubmission g -> g.pending();
        };
    }

    private void run() {
        List<Submission> drained = new ArrayList<>();
        try {
            while (running || !inbox.isEmpty()) {
                Submission first = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                inbox.drainTo(drained, MAX_DRAIN - 1);
                writer.enqueue(process(drained));
                drained.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // An engine bug must not leave callers hanging or let the engine continue half-applied.
            log.error("The engine thread failed; refusing everything until recovery", e);
            EngineUnavailableException error = new EngineUnavailableException("engine failure", e);
            drained.forEach(s -> reply(s).completeExceptionally(error));
            abort(e);
            onFailure.accept(e);
        }
    }

    private Batch process(List<Submission> submissions) {
        List<JournalEntry> entries = new ArrayList<>();
        List<Batch.Reply> replies = new ArrayList<>(submissions.size());
        for (Submission submission : submissions) {
            // A submission whose caller gave up is dropped here, before anything applies it: never journaled.
            boolean claimed = pending(submission).claim(System.nanoTime());
            switch (submission) {
                case CommandSubmission c
                when claimed ->
                    replies.add(new Batch.Reply(c.pending().future(), apply(c.command(), c.actor(), entries)));
                case CommandSubmission c -> metrics.dropped(c.command());
                case QuerySubmission q
                when claimed -> replies.add(new Batch.Reply(q.pending().future(), runQuery(q)));
                case QuerySubmission q -> {}
                case GroupSubmission g
                when claimed ->
                    replies.add(new Batch.Reply(
                            g.pending().future(),
                            g.commands().stream()
                                    .map(c -> apply(c, g.actor(), entries))
                                    .toList()));
                case GroupSubmission g -> g.commands().forEach(metrics::dropped);
            }
        }
        // Periodic snapshots: only a cheap freeze here; the bytes, the hash, their journal record and the row
        // are made on the snapshot thread (PeriodicSnapshots). While one is in flight, try again next batch.
        if (snapshotEveryCommands > 0
                && commandsSinceSnapshot >= snapshotEveryCommands
                && snapshots.offer(engine::freeze)) {
            commandsSinceSnapshot = 0;
        }
        // Built here, on the engine thread that owns the state; published by the journal after the commit.
        return new Batch(entries, replies, entries.isEmpty() ? Optional.empty() : Optional.of(engine.publicView()));
    }

    private Outcome apply(Command command, String actor, List<JournalEntry> entries) {
        long timestamp = wallClock.getAsLong();
        if (!(command instanceof Tick) && engine.maintenanceDue(timestamp)) {
            // A maintenance window starts or ends first: journal that Tick before the command, so the
            // first command stamped at or after a window's start already finds the exchange CLOSED.
            apply(new Tick(), "system:maintenance-window", timestamp, entries);
        }
        return apply(command, actor, timestamp, entries);
    }

    private Outcome apply(Command command, String actor, long timestamp, List<JournalEntry> entries) {
        long started = System.nanoTime();
        Outcome outcome = engine.apply(command, timestamp);
        metrics.applied(command, outcome, System.nanoTime() - started);
        if (outcome instanceof Outcome.Applied applied) {
            byte[] snapshot = applied.snapshot(); // empty unless the command took a snapshot
            commandsSinceSnapshot = snapshot.length > 0 ? 0 : commandsSinceSnapshot + 1;
            entries.add(new JournalEntry(
                    applied.sequence(), applied.timestamp(), command, applied.events(), actor, snapshot));
        }
        return outcome;
    }

    private Object runQuery(QuerySubmission q) {
        try {
            return q.query().apply(engine);
        } catch (RuntimeException e) {
            return new QueryFailure(e);
        }
    }

    /** A query that threw: its caller gets the exception, the engine carries on. */
    record QueryFailure(RuntimeException error) {}
}
