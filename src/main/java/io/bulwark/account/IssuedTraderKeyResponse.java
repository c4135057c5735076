package io.bulwark.account;

import io.bulwark.engine.account.Scope;
import java.time.Instant;
import java.util.List;

/** A new trader key: {@code apiKey} is the secret, shown in this answer only. */
record IssuedTraderKeyResponse(
        String keyId,
        String apiKey,
        String accountId,
        String label,
        List<Scope> scopes,
        List<String> allowedIps,
        Instant expiresAt,
        Instant createdAt) {

    static IssuedTraderKeyResponse of(TraderKeyResponse key, String accountId, String apiKey) {
        return new IssuedTraderKeyResponse(
                key.keyId(),
                apiKey,
                accountId,
                key.label(),
                key.scopes(),
                key.allowedIps(),
                key.expiresAt(),
                key.createdAt());
    }
}
