package io.bulwark.engine.event;

public record AccountCreated(String accountId, String name) implements Event {}
