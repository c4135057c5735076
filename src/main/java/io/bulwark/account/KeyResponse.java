package io.bulwark.account;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;

/**
 * A key as operators see it: never its secret or hash. {@code accountId} is null unless TRADER; {@code
 * source} is null unless the key is an ORACLE key bound to a source.
 */
record KeyResponse(String keyId, Role role, String accountId, String source, boolean revoked) {
    static KeyResponse of(ApiKey key) {
        return new KeyResponse(
                key.keyId(),
                key.role(),
                key.accountId().isEmpty() ? null : key.accountId(),
                key.source().isEmpty() ? null : key.source(),
                key.revoked());
    }
}
