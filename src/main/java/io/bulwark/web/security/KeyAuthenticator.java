package io.bulwark.web.security;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.HashScheme;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether an API key may be used now, from this address: it must be known and not revoked (by its
 * keyed hash, or by the plain SHA-256 of a key issued before keyed hashes), not past its {@code expiresAt}
 * (the wall clock: authentication is not engine state) and used from one of its {@code allowedIps}. The
 * one check for REST ({@link BearerKeyFilter}) and WebSocket {@code auth}; an accepted use is noted in
 * {@link KeyUsage}.
 */
@Component
public class KeyAuthenticator {
    public static final int MAX_KEY_LENGTH = 256;
    static final String UNKNOWN = "the API key is malformed, unknown or revoked";
    static final String EXPIRED = "the API key has expired";
    static final String WRONG_ADDRESS = "the API key may not be used from this address";

    private final KeyDirectory directory;
    private final KeyHasher hasher;
    private final KeyUsage usage;

    public KeyAuthenticator(KeyDirectory directory, KeyHasher hasher, KeyUsage usage) {
        this.directory = directory;
        this.hasher = hasher;
        this.usage = usage;
    }

    /** Accepted with the key, or refused with a reason a client may see (nothing about the key's limits). */
    public sealed interface Verdict {}

    public record Accepted(ApiKey key) implements Verdict {}

    public record Refused(String reason) implements Verdict {}

    public Verdict authenticate(String apiKey, String clientAddress) {
        if (apiKey.isEmpty() || apiKey.length() > MAX_KEY_LENGTH) {
            return new Refused(UNKNOWN);
        }
        Optional<ApiKey> found = directory
                .findByHash(hasher.keyed(apiKey), hasher.scheme())
                .or(() -> directory.findByHash(KeyHasher.legacy(apiKey), HashScheme.SHA256));
        if (found.isEmpty()) {
            return new Refused(UNKNOWN);
        }
        ApiKey key = found.get();
        long now = System.currentTimeMillis();
        if (key.grant().expiredAt(now)) {
            return new Refused(EXPIRED);
        }
        if (!directory.allows(key.keyId(), clientAddress)) {
            return new Refused(WRONG_ADDRESS);
        }
        usage.used(key.keyId(), now);
        return new Accepted(key);
    }

    /** Whether a key accepted earlier (an open WebSocket session's) has been revoked since. */
    public boolean revoked(ApiKey key) {
        return directory
                .findByHash(key.keyHash(), key.grant().hashScheme())
                .filter(k -> k.keyId().equals(key.keyId()))
                .isEmpty();
    }

    /** Whether a key accepted earlier (an open WebSocket session's) has expired since. */
    public boolean expired(ApiKey key) {
        return key.grant().expiredAt(System.currentTimeMillis());
    }
}
