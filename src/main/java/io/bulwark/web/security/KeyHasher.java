package io.bulwark.web.security;

import io.bulwark.engine.account.HashScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Hashes API keys for storage: HMAC-SHA256 keyed with {@code bulwark.security.key-hash-secret} (env {@code
 * BULWARK_KEY_HASH_SECRET}), so a copy of the keys (the {@code api_keys} table, a snapshot, the journal) is
 * not enough to test guesses offline. Keys issued by builds before keyed hashes keep their plain SHA-256
 * ({@link #legacy}) until they are reissued; the journal rows that issued them hold that hash anyway.
 *
 * <p>An empty secret falls back to a fixed built-in pepper, with a warning: it is public, so it protects
 * nothing against someone who has read this source. Changing the secret makes every keyed key unusable.
 */
@Component
public class KeyHasher {
    private static final Logger log = LoggerFactory.getLogger(KeyHasher.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** Public by nature (it is in the source): only a stand-in until an operator sets a real secret. */
    static final String BUILT_IN_PEPPER = "bulwark-built-in-key-pepper-v1:set-BULWARK_KEY_HASH_SECRET";

    private final ThreadLocal<Mac> macs;

    public KeyHasher(@Value("${bulwark.security.key-hash-secret:}") String secret) {
        if (secret.isBlank()) {
            log.warn("bulwark.security.key-hash-secret (BULWARK_KEY_HASH_SECRET) is empty: API key hashes are keyed"
                    + " with a built-in pepper anyone can read in the source; set a long random secret");
        }
        SecretKeySpec key = new SecretKeySpec(
                (secret.isBlank() ? BUILT_IN_PEPPER : secret).getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
            }
        });
    }

    /** The scheme of {@link #keyed}, recorded with every key this build issues. */
    public HashScheme scheme() {
        return HashScheme.HMAC_SHA256;
    }

    /** Lower-case hex HMAC-SHA256 of the key's UTF-8 bytes under the server secret. */
    public String keyed(String apiKey) {
        return HexFormat.of().formatHex(macs.get().doFinal(apiKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The plain SHA-256 older builds stored. */
    public static String legacy(String apiKey) {
        return ApiKeySecret.hash(apiKey);
    }

    /** A new random key, hashed with {@link #keyed}. */
    public ApiKeySecret generate() {
        return of(ApiKeySecret.newSecret());
    }

    /** An operator-chosen secret (the bootstrap admin key) with a fresh id, hashed with {@link #keyed}. */
    public ApiKeySecret of(String secret) {
        return new ApiKeySecret(ApiKeySecret.newKeyId(), secret, keyed(secret));
    }
}
