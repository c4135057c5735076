package io.bulwark.engine.snapshot;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Reads what {@link CanonicalWriter} wrote, in the same order. */
public final class CanonicalReader {
    private final byte[] data;
    private int position;
    private int formatVersion;

    public CanonicalReader(byte[] data) {
        this.data = data;
    }

    /**
     * The snapshot format version the engine read first; components whose layout grew in a later
     * version read their newer fields only when it is at least that version.
     */
    public int formatVersion() {
        return formatVersion;
    }

    public void formatVersion(int version) {
        this.formatVersion = version;
    }

    private void need(int bytes) {
        if (bytes > data.length - position) {
            throw new CorruptSnapshotException("truncated snapshot", null);
        }
    }

    public long readLong() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    public int readInt() {
        return Math.toIntExact(readLong());
    }

    public boolean readBoolean() {
        return readLong() != 0;
    }

    /** Modified UTF-8 with a 2-byte length, as {@link DataInputStream#readUTF}; ASCII without copying twice. */
    public String readString() {
        need(2);
        int length = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        need(2 + length);
        int start = position + 2;
        boolean ascii = true;
        for (int i = start; i < start + length && ascii; i++) {
            ascii = data[i] > 0; // 0x01-0x7F: one char each (NUL and the rest take two or three bytes)
        }
        if (ascii) {
            position = start + length;
            return new String(data, start, length, StandardCharsets.ISO_8859_1);
        }
        try {
            String text = new DataInputStream(new ByteArrayInputStream(data, position, 2 + length)).readUTF();
            position = start + length;
            return text;
        } catch (IOException e) {
            throw new CorruptSnapshotException("malformed string in snapshot", e);
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
        if (position != data.length) {
            throw new CorruptSnapshotException("trailing bytes after the snapshot", null);
        }
    }
}
