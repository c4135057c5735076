package io.bulwark.engine.event;

/** The state after this command was serialized; {@code stateHash} is its SHA-256. */
public record SnapshotTaken(String stateHash, String reason) implements Event {}
