package io.bulwark.journal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal listeners a group commit tells: those the callers wait for ({@link
 * JournalListener#beforeReplies()}) before the replies, the others after them. A listener that fails is
 * logged and misses those sequences; it never fails the commit, which has already happened.
 */
final class CommitListeners {
    private static final Logger log = LoggerFactory.getLogger(CommitListeners.class);

    private final List<JournalListener> listeners;

    CommitListeners(List<JournalListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Tells the listeners the callers wait for ({@code beforeReplies}), or the others, of a commit. */
    void tell(List<Committed> committed, boolean beforeReplies) {
        if (committed.isEmpty()) {
            return;
        }
        for (JournalListener listener : listeners) {
            if (listener.beforeReplies() != beforeReplies) {
                continue;
            }
            try {
                listener.onCommitted(committed);
            } catch (RuntimeException e) {
                log.error(
                        "Journal listener {} failed; it missed sequences {}..{}",
                        listener,
                        committed.getFirst().sequence(),
                        committed.getLast().sequence(),
                        e);
            }
        }
    }

    /** Tells every listener that everything through {@code through} is committed and answered. */
    void published(long through) {
        for (JournalListener listener : listeners) {
            try {
                listener.onPublished(through);
            } catch (RuntimeException e) {
                log.error("Journal listener {} failed after sequence {}", listener, through, e);
            }
        }
    }
}
