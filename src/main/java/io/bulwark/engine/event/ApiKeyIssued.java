package io.bulwark.engine.event;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.HashScheme;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.List;

/**
 * A key was issued; {@code accountId} is empty for ADMIN and ORACLE keys; {@code source} is the oracle
 * source an ORACLE key is bound to (null when none, as in rows written before keys had one). The rest is
 * null for a key issued by a command of an older build (every scope, any address, no expiry, SHA-256):
 * {@code scopes} (TRADER keys), {@code allowedIps} (empty: any), {@code expiresAt} (epoch milliseconds, 0:
 * never), {@code label}, {@code createdAt} (engine time) and {@code hashScheme}.
 */
public record ApiKeyIssued(
        String keyId,
        Role role,
        String accountId,
        String keyHash,
        String source,
        List<Scope> scopes,
        List<String> allowedIps,
        Long expiresAt,
        String label,
        Long createdAt,
        HashScheme hashScheme)
        implements Event {

    /** As builds before scopes wrote it. */
    public ApiKeyIssued(String keyId, Role role, String accountId, String keyHash, String source) {
        this(keyId, role, accountId, keyHash, source, null, null, null, null, null, null);
    }

    /** The key this event issued, as the engine holds it. */
    public ApiKey key() {
        KeyGrant grant = hashScheme == null
                ? KeyGrant.LEGACY
                : new KeyGrant(
                        KeyGrant.scopesOf(scopes),
                        allowedIps == null ? List.of() : allowedIps,
                        expiresAt == null ? 0 : expiresAt,
                        label == null ? "" : label,
                        createdAt == null ? 0 : createdAt,
                        hashScheme);
        return new ApiKey(keyId, role, accountId, keyHash, false, source == null ? "" : source, grant);
    }
}
