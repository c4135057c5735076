package io.bulwark.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A newly made API key: the secret handed to the client once, its hash (the only thing stored; made by
 * {@link KeyHasher}) and its public id. Keys are {@code bwk_} + 32 random bytes in base64url; ids are {@code
 * key_} + 16 hex characters. Randomness lives here, on the API side: the engine only ever sees ids and
 * hashes.
 */
public record ApiKeySecret(String keyId, String secret, String keyHash) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "bwk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String newKeyId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "key_" + HexFormat.of().formatHex(id);
    }

    /**
     * Lower-case hex SHA-256 of the key's UTF-8 bytes: what builds before keyed hashes stored (see {@link
     * KeyHasher#legacy}); never used for a new key.
     */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeySecret[keyId=" + keyId + ", secret=<hidden>]";
    }
}
