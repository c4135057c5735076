package io.bulwark.account;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A trader key as {@code GET /api/v1/keys} shows it to its trader and {@code GET /api/v1/admin/accounts/{id}} to an
 * operator: never its secret or hash. {@code label}, {@code
 * expiresAt}, {@code createdAt} (unknown for keys issued before keys carried it) and {@code lastUsedAt}
 * (to the minute) are null when absent; {@code allowedIps} empty means any address.
 */
public record TraderKeyResponse(
        String keyId,
        String label,
        List<Scope> scopes,
        List<String> allowedIps,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt) {

    public static TraderKeyResponse of(ApiKey key, Instant lastUsedAt) {
        KeyGrant g = key.grant();
        return new TraderKeyResponse(
                key.keyId(),
                g.label().isEmpty() ? null : g.label(),
                List.copyOf(g.scopes()),
                g.allowedIps(),
                g.expiresAt() == 0 ? null : Instant.ofEpochMilli(g.expiresAt()),
                g.createdAt() == 0 ? null : Instant.ofEpochMilli(g.createdAt()),
                lastUsedAt);
    }
}
