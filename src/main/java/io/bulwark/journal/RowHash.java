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

    private final MessageDigest digest;

    RowHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String next(String previous, long sequence, long timestamp, String commandJson, String eventsJson, String actor) {
        String content =
                previous + '|' + sequence + '|' + timestamp + '|' + commandJson + '|' + eventsJson + '|' + actor;
        return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
