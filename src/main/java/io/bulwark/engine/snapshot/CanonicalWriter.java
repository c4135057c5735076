package io.bulwark.engine.snapshot;

import io.bulwark.engine.money.Decimals;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes engine state in one canonical byte form: fixed field order, maps in key order, decimals in
 * their canonical text. Equal states give equal bytes, so the SHA-256 of the bytes is the state hash.
 */
public final class CanonicalWriter {
    /** The most bytes one string may take (its length is written as an unsigned 16-bit number). */
    private static final int MAX_STRING_BYTES = 65_535;

    // The byte form is exactly DataOutputStream's (writeLong, writeUTF), written straight into one growing
    // array: recorded snapshot hashes depend on every byte, so the format must never change.
    private byte[] buffer;
    private int size;
    /** Bytes written before each {@link #later} part, and the parts: byte[] and Part, in order. */
    private final List<Object> pieces = new ArrayList<>();

    /**
     * A part of the state written into the bytes only when they are made ({@link Frozen#bytes()}), perhaps
     * on another thread: it must capture an immutable view of its data when it is created, never the live
     * state (see {@link PersistentSortedMap#freeze()}).
     */
    @FunctionalInterface
    public interface Part {
        void writeTo(CanonicalWriter out);
    }

    /**
     * What was written, with its {@link #later} parts still to write: immutable, so {@link #bytes()} may run
     * on any thread, any number of times, and always gives the same bytes as writing everything at once.
     */
    public static final class Frozen {
        private final List<Object> pieces;
        private final int knownBytes;

        private Frozen(List<Object> pieces, int knownBytes) {
            this.pieces = pieces;
            this.knownBytes = knownBytes;
        }

        public byte[] bytes() {
            CanonicalWriter out = new CanonicalWriter(knownBytes);
            for (Object piece : pieces) {
                if (piece instanceof byte[] chunk) {
                    out.ensure(chunk.length);
                    System.arraycopy(chunk, 0, out.buffer, out.size, chunk.length);
                    out.size += chunk.length;
                } else {
                    ((Part) piece).writeTo(out);
                }
            }
            return out.toByteArray();
        }
    }

    public CanonicalWriter() {
        this(1 << 16);
    }

    private CanonicalWriter(int capacity) {
        buffer = new byte[Math.max(capacity, 1 << 16)];
    }

    /** Writes {@code part} here when the bytes are made ({@link Frozen#bytes()}), not now. */
    public CanonicalWriter later(Part part) {
        pieces.add(Arrays.copyOf(buffer, size));
        pieces.add(part);
        size = 0;
        return this;
    }

    /** What was written so far, {@link #later} parts included: the writer is not used afterwards. */
    public Frozen freeze() {
        List<Object> all = new ArrayList<>(pieces);
        all.add(Arrays.copyOf(buffer, size));
        int known = all.stream()
                .filter(byte[].class::isInstance)
                .mapToInt(b -> ((byte[]) b).length)
                .sum();
        return new Frozen(List.copyOf(all), known);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    public CanonicalWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public CanonicalWriter writeInt(int value) {
        return writeLong(value);
    }

    public CanonicalWriter writeBoolean(boolean value) {
        return writeLong(value ? 1 : 0);
    }

    /** Java's modified UTF-8 with a 2-byte length, as {@link java.io.DataOutputStream#writeUTF}. */
    public CanonicalWriter writeString(String value) {
        int length = value.length();
        int encoded = length;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 0 || c >= 0x80) {
                encoded += c >= 0x800 ? 2 : 1;
            }
        }
        if (encoded > MAX_STRING_BYTES) {
            throw new UncheckedIOException(new UTFDataFormatException("string too long: " + encoded + " bytes"));
        }
        ensure(2 + encoded);
        buffer[size++] = (byte) (encoded >>> 8);
        buffer[size++] = (byte) encoded;
        if (encoded == length) {
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) value.charAt(i); // every char is 0x01-0x7F: one byte each
            }
            return this;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c != 0 && c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xC0 | (c >> 6));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buffer[size++] = (byte) (0xE0 | (c >> 12));
                buffer[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    public CanonicalWriter writeDecimal(BigDecimal value) {
        return writeString(Decimals.plain(value));
    }

    /** A decimal that may be absent (written as an empty string). */
    public CanonicalWriter writeOptionalDecimal(BigDecimal value) {
        return writeString(value == null ? "" : Decimals.plain(value));
    }

    public CanonicalWriter writeEnum(Enum<?> value) {
        return writeString(value.name());
    }

    public byte[] toByteArray() {
        return pieces.isEmpty() ? Arrays.copyOf(buffer, size) : freeze().bytes();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
