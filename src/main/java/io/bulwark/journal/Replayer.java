package io.bulwark.journal;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Checks and applies the rows the reading thread decoded, on a thread of its own: the reading thread
 * fetches and decodes the next rows meanwhile, so the per-row work (decode; re-encode to the canonical
 * text and check the hash chain; apply and compare) runs on two cores. The engine is touched by this
 * thread only, in sequence order, until {@link #finish} has returned.
 */
final class Replayer implements AutoCloseable {
    /** A decoded row, the stored hash of the row before it and its own. */
    record Item(
            long sequence,
            long ts,
            StoredRow.Decoded row,
            String actor,
            String previousHash,
            String storedHash,
            boolean reverted) {}

    private static final Item END = new Item(-1, 0, null, null, null, null, false);

    private final Engine engine;
    private final JournalCodec codec;
    private final RecoveryProblems problems;
    private final RowHash rowHash = new RowHash();
    private final RevertedRows revertedRows = new RevertedRows();
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(4096);
    private final Thread thread;
    private volatile RuntimeException failure;

    Replayer(Engine engine, JournalCodec codec, RecoveryProblems problems) {
        this.engine = engine;
        this.codec = codec;
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
            mark(
                    item,
                    "journal row " + sequence + " is unreadable: " + item.row().unreadable(),
                    null);
            return;
        }
        StoredRow.Canonical row = StoredRow.canonical(codec, item.row());
        String recomputed = rowHash.next(
                item.previousHash(), sequence, item.ts(), row.commandJson(), row.eventsJson(), item.actor());
        boolean holds = recomputed.equals(item.storedHash());
        if (holds && row.command() instanceof RollBack r) {
            revertedRows.rolledBack(sequence, r.snapshotSequence(), problems::note);
        }
        mark(
                item,
                holds
                        ? null
                        : "journal row " + sequence + " does not match its hash chain (edited after it was"
                                + " written): stored hash " + item.storedHash() + ", recomputed " + recomputed,
                recomputed);
        if (!item.reverted()) {
            applyAndCompare(sequence, item.ts(), row);
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
                problems.note(problem);
            }
            revertedRows.standing(item.sequence());
        }
    }

    private void applyAndCompare(long sequence, long ts, StoredRow.Canonical row) {
        Outcome outcome = engine.replay(sequence, ts, row.command());
        if (!(outcome instanceof Outcome.Applied applied)) {
            problems.note("journal row " + sequence + " (" + JournalCodec.typeName(row.command())
                    + ") no longer applies: " + outcome);
            return;
        }
        // Equal events (records of decimals, texts and numbers; no maps, sets or arrays) encode to equal
        // text, so the text is compared only when they differ: usually no encoding of the replayed events.
        if (!applied.events().equals(row.events())
                && !withoutTrailingZeros(codec.writeEvents(applied.events()))
                        .equals(withoutTrailingZeros(row.eventsJson()))) {
            problems.note("journal row " + sequence + " replays to different events than were recorded live");
        }
    }

    /**
     * The events' text with every decimal in canonical form ("3537.108800" -> "3537.1088", "62915.0" ->
     * "62915"). Builds before the engine kept its decimals canonical wrote some with the trailing zeros of
     * the arithmetic that made them (a cost basis, a funding index, an index price padded by its source);
     * this build writes the same values without them. A replay compares values, not their padding. (A
     * text field that looks like a decimal is compared the same way; the hash chain still guards every
     * byte of the row.)
     */
    static String withoutTrailingZeros(String eventsJson) {
        return PADDED_DECIMAL
                .matcher(eventsJson)
                .replaceAll(m ->
                        m.group(2).isEmpty() ? "\"" + m.group(1) + "\"" : "\"" + m.group(1) + "." + m.group(2) + "\"");
    }

    private static final Pattern PADDED_DECIMAL = Pattern.compile("\"(-?\\d+)\\.(\\d*?)0+\"");

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
        revertedRows.finish(problems::note);
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
