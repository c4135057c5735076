package io.bulwark.engine.event;

public record ApiKeyRevoked(String keyId) implements Event {}
