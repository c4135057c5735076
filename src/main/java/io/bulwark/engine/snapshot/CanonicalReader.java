package io.bulwark.engine.snapshot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;

/** Reads what {@link CanonicalWriter} wrote, in the same order. */
public final class CanonicalReader {
    private final DataInputStream in;

    public CanonicalReader(byte[] data) {
        this.in = new DataInputStream(new ByteArrayInputStream(data));
    }

    public long readLong() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw new CorruptSnapshotException("truncated snapshot", e);
        }
    }

    public int readInt() {
        return Math.toIntExact(readLong());
    }

    public boolean readBoolean() {
        return readLong() != 0;
    }

    public String readString() {
        try {
            return in.readUTF();
        } catch (IOException e) {
            throw new CorruptSnapshotException("truncated snapshot", e);
        }
    }

    public BigDecimal readDecimal() {
        String text = readString();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CorruptSnapshotException("not a decimal: " + text, e);
        }
    }

    /** A decimal written by {@code writeOptionalDecimal}; null when absent. */
    public BigDecimal readOptionalDecimal() {
        String text = readString();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new CorruptSnapshotException("not a decimal: " + text, e);
        }
    }

    public <E extends Enum<E>> E readEnum(Class<E> type) {
        String name = readString();
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new CorruptSnapshotException("unknown " + type.getSimpleName() + ": " + name, e);
        }
    }

    public void expectEnd() {
        try {
            if (in.available() != 0) {
                throw new CorruptSnapshotException("trailing bytes after the snapshot", null);
            }
        } catch (IOException e) {
            throw new CorruptSnapshotException("unreadable snapshot", e);
        }
    }
}
