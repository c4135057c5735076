package io.bulwark.engine.command;

import io.bulwark.engine.account.HashScheme;

/**
 * Opens a trading account together with its first TRADER key, which has every scope (only the key's hash
 * travels here). {@code hashScheme}: how the hash was made, null in rows of builds before keyed hashes
 * (plain SHA-256).
 */
public record CreateAccount(String name, String keyId, String keyHash, HashScheme hashScheme) implements Command {

    public CreateAccount(String name, String keyId, String keyHash) {
        this(name, keyId, keyHash, null);
    }
}
