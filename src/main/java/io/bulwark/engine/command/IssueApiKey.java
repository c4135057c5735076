package io.bulwark.engine.command;

import io.bulwark.engine.account.Role;

/**
 * Issues an ADMIN or ORACLE key; trader keys come with their account. {@code source} binds an ORACLE key
 * to the one oracle source it may post for; null for ADMIN keys and in journal rows written before keys
 * were bound to sources (the API requires it for every new ORACLE key).
 */
public record IssueApiKey(String keyId, Role role, String keyHash, String source) implements Command {

    public IssueApiKey(String keyId, Role role, String keyHash) {
        this(keyId, role, keyHash, null);
    }
}
