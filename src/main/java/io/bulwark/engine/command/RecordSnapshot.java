package io.bulwark.engine.command;

/**
 * Records in the journal that the state after sequence {@code snapshotSequence} (an earlier one) was
 * serialized off the engine thread and has the SHA-256 {@code stateHash}: how a periodic snapshot is
 * journaled. It changes no state; its event says the same. Only the system journals it.
 */
public record RecordSnapshot(long snapshotSequence, String stateHash, String reason) implements Command {}
