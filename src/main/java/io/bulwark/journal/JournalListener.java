package io.bulwark.journal;

import java.util.List;

/**
 * Hears of commands after their journal transaction committed, in sequence order, on the journal
 * thread. Implementations must be quick and must not block (hand work to your own bounded queue).
 */
public interface JournalListener {
    void onCommitted(List<Committed> batch);

    /**
     * Whether the callers wait for this listener: true for in-memory state a client may rely on as soon as
     * it is answered (a key issued is usable, a revoked key refused, once the reply says so). Such a
     * listener hears of a batch after its commit and before its replies leave; the others after.
     */
    default boolean beforeReplies() {
        return false;
    }

    /** Every listener has been told of every command up to {@code sequence} (after each batch). */
    default void onPublished(long sequence) {}

    /** The engine was (re)built from the journal; derived in-memory views should reload. */
    default void onRecovered(EngineGateway gateway) {}
}
