package io.bulwark.engine.command;

import io.bulwark.engine.account.HashScheme;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.List;

/**
 * Issues a key. {@code source} binds an ORACLE key to the one oracle source it may post for; null for
 * other keys and in journal rows written before keys were bound to sources (the API requires it for every
 * new ORACLE key). {@code accountId} names the account of a TRADER key (SPEC section 10 v2: further keys
 * of an account); null for ADMIN and ORACLE keys. {@code scopes} (TRADER only), {@code allowedIps} (CIDR
 * blocks), {@code expiresAt} (epoch milliseconds) and {@code label} are the key's limits, null for none;
 * {@code hashScheme} says how {@code keyHash} was made: null in rows of builds before keyed hashes (plain
 * SHA-256, every scope, any address, no expiry: such rows replay to the events they gave).
 */
public record IssueApiKey(
        String keyId,
        Role role,
        String keyHash,
        String source,
        String accountId,
        List<Scope> scopes,
        List<String> allowedIps,
        Long expiresAt,
        String label,
        HashScheme hashScheme)
        implements Command {

    /** An ADMIN or ORACLE key hashed with plain SHA-256, as builds before keyed hashes issued them. */
    public IssueApiKey(String keyId, Role role, String keyHash, String source) {
        this(keyId, role, keyHash, source, null, null, null, null, null, null);
    }

    public IssueApiKey(String keyId, Role role, String keyHash) {
        this(keyId, role, keyHash, null);
    }
}
