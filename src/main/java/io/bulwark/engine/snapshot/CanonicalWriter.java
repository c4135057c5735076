package io.bulwark.engine.snapshot;

import io.bulwark.engine.Decimals;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes engine state in one canonical byte form: fixed field order, maps in key order, decimals in
 * their canonical text. Equal states give equal bytes, so the SHA-256 of the bytes is the state hash.
 */
public final class CanonicalWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    private final DataOutputStream out = new DataOutputStream(bytes);

    public CanonicalWriter writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CanonicalWriter writeInt(int value) {
        return writeLong(value);
    }

    public CanonicalWriter writeBoolean(boolean value) {
        return writeLong(value ? 1 : 0);
    }

    public CanonicalWriter writeString(String value) {
        try {
            out.writeUTF(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return bytes.toByteArray();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
