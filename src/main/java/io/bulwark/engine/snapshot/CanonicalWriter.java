package io.bulwark.engine.snapshot;

import io.bulwark.engine.money.Decimals;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Writes engine state in one canonical byte form: fixed field order, maps in key order, decimals in
 * their canonical text. Equal states give equal bytes, so the SHA-256 of the bytes is the state hash.
 */
public final class CanonicalWriter {
    /** The most bytes one string may take (its length is written as an unsigned 16-bit number). */
    private static final int MAX_STRING_BYTES = 65_535;

    // The byte form is exactly DataOutputStream's (writeLong, writeUTF), written straight into one growing
    // array: recorded snapshot hashes depend on every byte, so the format must never change.
    private byte[] buffer = new byte[1 << 16];
    private int size;

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
        return Arrays.copyOf(buffer, size);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
