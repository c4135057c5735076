package io.bulwark.engine.event;

/**
 * The state after the earlier sequence {@code snapshotSequence} was serialized (off the engine thread) and
 * {@code stateHash} is its SHA-256; unlike {@link SnapshotTaken}, not the state after this command.
 */
public record SnapshotRecorded(long snapshotSequence, String stateHash, String reason) implements Event {}
