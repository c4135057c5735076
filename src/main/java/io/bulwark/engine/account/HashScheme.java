package io.bulwark.engine.account;

/**
 * How a key's stored hash was made from its secret. {@code SHA256}: plain SHA-256, as every build before
 * keyed hashes stored it (a journal row without a scheme means this); {@code HMAC_SHA256}: keyed with the
 * server's secret, so a copy of the keys (or of the journal) is not enough to test guesses.
 */
public enum HashScheme {
    SHA256,
    HMAC_SHA256
}
