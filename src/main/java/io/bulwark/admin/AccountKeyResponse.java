package io.bulwark.admin;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A key of the account as an operator sees it: never its secret or hash, the fields {@code GET /api/v1/keys}
 * shows its trader. Null when absent: {@code label}, {@code expiresAt}, {@code createdAt} (keys issued before
 * keys carried it), {@code lastUsedAt} (to the minute).
 */
record AccountKeyResponse(
        String keyId,
        String label,
        List<Scope> scopes,
        List<String> allowedIps,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt) {

    static AccountKeyResponse of(ApiKey key, Instant lastUsedAt) {
        KeyGrant g = key.grant();
        return new AccountKeyResponse(
                key.keyId(),
                g.label().isEmpty() ? null : g.label(),
                List.copyOf(g.scopes()),
                g.allowedIps(),
                g.expiresAt() == 0 ? null : Instant.ofEpochMilli(g.expiresAt()),
                g.createdAt() == 0 ? null : Instant.ofEpochMilli(g.createdAt()),
                lastUsedAt);
    }
}
