package io.bulwark.account;

import io.bulwark.engine.account.Role;

/**
 * A new key: {@code apiKey} is the secret, shown in this answer only; {@code source} is the oracle source
 * an ORACLE key is bound to (null for other keys).
 */
record IssuedKeyResponse(String keyId, Role role, String source, String apiKey) {}
