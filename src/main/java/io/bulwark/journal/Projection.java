package io.bulwark.journal;

import java.util.List;

/**
 * Writes a read model from committed events, inside the journal transaction: a read-model row exists
 * exactly when its command is durable.
 */
public interface Projection {
    void project(Committed entry, SqlBatch batch);

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
