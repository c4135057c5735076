package io.bulwark.engine.account;

/**
 * An issued key: only the SHA-256 of the secret is kept. {@code accountId} is empty unless TRADER;
 * {@code source} is the oracle source an ORACLE key may post for, empty for every other key (and for an
 * ORACLE key issued before keys were bound to sources, which may post for none).
 */
public record ApiKey(String keyId, Role role, String accountId, String keyHash, boolean revoked, String source) {

    /** Whether this key may post prices in the name of {@code source} (SPEC section 6). */
    public boolean maySpeakFor(String source) {
        return role == Role.ORACLE && !revoked && !this.source.isEmpty() && this.source.equals(source);
    }
}
