package io.bulwark.engine.account;

/** An issued key: only the SHA-256 of the secret is kept. {@code accountId} is empty unless TRADER. */
public record ApiKey(String keyId, Role role, String accountId, String keyHash, boolean revoked) {}
