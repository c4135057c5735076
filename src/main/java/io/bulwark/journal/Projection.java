package io.bulwark.journal;

/**
 * Writes a read model from committed events, inside the journal transaction: a read-model row exists
 * exactly when its command is durable.
 */
public interface Projection {
    void project(Committed entry, SqlBatch batch);
}
