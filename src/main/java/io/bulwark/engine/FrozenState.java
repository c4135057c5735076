package io.bulwark.engine;

import io.bulwark.engine.snapshot.CanonicalWriter;

/**
 * The engine state at {@code sequence}, immutable: the small parts already written, the large growing ones
 * (the deposits) held as frozen persistent views. {@link #bytes()} gives exactly what {@link
 * Engine#serialize()} gave at that sequence, on any thread, while the engine carries on: nothing in it is
 * shared with anything the engine still changes.
 */
public record FrozenState(long sequence, CanonicalWriter.Frozen content) {
    /** The canonical bytes; their SHA-256 is the state hash at {@code sequence}. */
    public byte[] bytes() {
        return content.bytes();
    }
}
