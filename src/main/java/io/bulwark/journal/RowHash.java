package io.bulwark.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain over journal rows: each row's hash covers the previous row's hash and
 * this row's content, so an edit to any row breaks every hash after it.
 */
final class RowHash {
    static final String GENESIS = "";

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;

    RowHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The definition: SHA-256 over the UTF-8 of {@code previous|sequence|timestamp|command|events|actor}, in hex. */
    String next(String previous, long sequence, long timestamp, String commandJson, String eventsJson, String actor) {
        String content =
                previous + '|' + sequence + '|' + timestamp + '|' + commandJson + '|' + eventsJson + '|' + actor;
        return HEX.formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The same hash from the parts already in UTF-8 (the bytes a journal row is written with), without building
     * the joined text: a separator between parts never splits a character, so the UTF-8 of the joined text is
     * the parts' UTF-8 joined.
     */
    String next(
            String previous, long sequence, long timestamp, byte[] commandUtf8, byte[] eventsUtf8, byte[] actorUtf8) {
        digest.update(previous.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '|');
        digest.update(Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '|');
        digest.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '|');
        digest.update(commandUtf8);
        digest.update((byte) '|');
        digest.update(eventsUtf8);
        digest.update((byte) '|');
        digest.update(actorUtf8);
        return HEX.formatHex(digest.digest());
    }
}
