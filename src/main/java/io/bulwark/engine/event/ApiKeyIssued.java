package io.bulwark.engine.event;

import io.bulwark.engine.account.Role;

/** A key was issued; {@code accountId} is empty for ADMIN and ORACLE keys. */
public record ApiKeyIssued(String keyId, Role role, String accountId, String keyHash) implements Event {}
