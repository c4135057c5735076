package io.bulwark.engine.command;

public record RevokeApiKey(String keyId) implements Command {}
