package io.bulwark.account;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.time.Instant;
import java.util.List;

/**
 * A key as operators see it: never its secret or hash. {@code accountId} and {@code scopes} are null
 * unless TRADER; {@code source} is null unless the key is an ORACLE key bound to a source; {@code label}
 * and {@code expiresAt} are null when the key has none.
 */
record KeyResponse(
        String keyId,
        Role role,
        String accountId,
        String source,
        boolean revoked,
        List<Scope> scopes,
        String label,
        Instant expiresAt) {
    static KeyResponse of(ApiKey key) {
        boolean trader = key.role() == Role.TRADER;
        return new KeyResponse(
                key.keyId(),
                key.role(),
                key.accountId().isEmpty() ? null : key.accountId(),
                key.source().isEmpty() ? null : key.source(),
                key.revoked(),
                trader ? List.copyOf(key.grant().scopes()) : null,
                key.grant().label().isEmpty() ? null : key.grant().label(),
                key.grant().expiresAt() == 0
                        ? null
                        : Instant.ofEpochMilli(key.grant().expiresAt()));
    }
}
