package io.bulwark.engine.account;

/**
 * An issued key: only a hash of the secret is kept ({@link KeyGrant#hashScheme()} says which). {@code
 * accountId} is empty unless TRADER; {@code source} is the oracle source an ORACLE key may post for, empty
 * for every other key (and for an ORACLE key issued before keys were bound to sources, which may post for
 * none); {@code grant} holds the scopes, addresses, expiry and label (SPEC section 10 v2).
 */
public record ApiKey(
        String keyId, Role role, String accountId, String keyHash, boolean revoked, String source, KeyGrant grant) {

    /** A key as builds before scopes issued it: see {@link KeyGrant#LEGACY}. */
    public ApiKey(String keyId, Role role, String accountId, String keyHash, boolean revoked, String source) {
        this(keyId, role, accountId, keyHash, revoked, source, KeyGrant.LEGACY);
    }

    /** Whether this key may post prices in the name of {@code source} (SPEC section 6). */
    public boolean maySpeakFor(String source) {
        return role == Role.ORACLE && !revoked && !this.source.isEmpty() && this.source.equals(source);
    }

    public ApiKey revoke() {
        return new ApiKey(keyId, role, accountId, keyHash, true, source, grant);
    }
}
