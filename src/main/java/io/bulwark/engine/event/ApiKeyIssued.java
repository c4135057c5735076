package io.bulwark.engine.event;

import io.bulwark.engine.account.Role;

/**
 * A key was issued; {@code accountId} is empty for ADMIN and ORACLE keys; {@code source} is the oracle
 * source an ORACLE key is bound to (null when none, as in rows written before keys had one).
 */
public record ApiKeyIssued(String keyId, Role role, String accountId, String keyHash, String source) implements Event {}
