package io.bulwark.journal;

import java.util.List;

/**
 * Writes a read model from committed events. The {@link Projector} runs it after the journal commit, off the
 * commit path, and writes its rows together with the projector's watermark: a read-model row exists exactly
 * when its command is at or below the watermark. History reads wait for the watermark ({@link ReadModels}).
 */
public interface Projection {
    void project(Committed entry, SqlBatch batch);

    /**
     * True for a read model written inside the journal transaction instead, current as soon as its command is
     * committed: one that something reads on the journal thread right after the commit (the candle WebSocket
     * feed reads {@code candles}), where waiting for the projector is not allowed. Commits are pipelined: its
     * statements may run before the previous group commit's transaction has committed, whose rows are then
     * invisible to a plain read but locked. So it must write with upserts or UPDATEs that compute the new values
     * from the row (PostgreSQL waits for the lock and re-reads the latest version), never with values decided
     * from what a read or an UPDATE's WHERE saw of rows the previous commit may have touched.
     */
    default boolean onCommitPath() {
        return false;
    }

    /**
     * The tables this projection alone writes. A rollback empties them and projects every command that
     * is not reverted again, so they must be a function of the journal's events only. A projection that
     * names none is left out of that rebuild (and keeps rows of reverted commands): every read model
     * should name its tables.
     */
    default List<String> tables() {
        return List.of();
    }
}
