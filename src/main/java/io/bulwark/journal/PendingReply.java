package io.bulwark.journal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reply to one submission, and the one decision about it that two threads race for: the engine
 * claiming the submission to apply it, or its caller abandoning it after the reply timeout. Exactly one
 * of them wins (a compare-and-set): a claimed command is applied and its caller waits for the commit's
 * outcome; an abandoned one is never applied, so a caller that was told "timed out" was told the truth.
 */
final class PendingReply {
    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int ABANDONED = 2;

    private final CompletableFuture<Object> future = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final long deadlineNanos;
    private final boolean expires;

    private PendingReply(long deadlineNanos, boolean expires) {
        this.deadlineNanos = deadlineNanos;
        this.expires = expires;
    }

    /** A reply someone waits for until {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    static PendingReply until(long deadlineNanos) {
        return new PendingReply(deadlineNanos, true);
    }

    /** A reply nobody gives up on (the clock's Ticks, whose callers do not wait). */
    static PendingReply unbounded() {
        return new PendingReply(0, false);
    }

    CompletableFuture<Object> future() {
        return future;
    }

    /**
     * The engine's side: true if it may apply the submission now. False when the caller has abandoned it,
     * or its deadline has passed (then it is abandoned here, on the caller's behalf, with the same CAS).
     */
    boolean claim(long nowNanos) {
        if (expires && nowNanos - deadlineNanos >= 0 && abandon()) {
            return false;
        }
        return state.compareAndSet(WAITING, CLAIMED);
    }

    /** The caller's side (or the engine's, past the deadline): true if the submission will never be applied. */
    boolean abandon() {
        if (state.compareAndSet(WAITING, ABANDONED)) {
            future.completeExceptionally(new CommandTimedOutException());
            return true;
        }
        return state.get() == ABANDONED;
    }
}
