package io.bulwark.account;

import io.bulwark.engine.account.Role;

/** A new key: {@code apiKey} is the secret, shown in this answer only. */
record IssuedKeyResponse(String keyId, Role role, String apiKey) {}
