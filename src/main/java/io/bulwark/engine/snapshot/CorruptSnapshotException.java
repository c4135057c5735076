package io.bulwark.engine.snapshot;

/** A snapshot's bytes do not decode to a state. */
public class CorruptSnapshotException extends RuntimeException {
    public CorruptSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
