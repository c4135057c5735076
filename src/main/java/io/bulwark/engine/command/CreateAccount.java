package io.bulwark.engine.command;

/** Opens a trading account together with its first TRADER key (only the key's hash travels here). */
public record CreateAccount(String name, String keyId, String keyHash) implements Command {}
