package io.bulwark.engine.command;

import io.bulwark.engine.account.Role;

/** Issues an ADMIN or ORACLE key; trader keys come with their account. */
public record IssueApiKey(String keyId, Role role, String keyHash) implements Command {}
