package io.bulwark.engine.event;

/**
 * The exchange state was rolled back to snapshot {@code snapshotId} (at {@code snapshotSequence}); the
 * commands after it are reverted and {@code epoch} is the new state epoch.
 */
public record RolledBack(String snapshotId, long snapshotSequence, long epoch, String reason, String actor)
        implements Event {}
