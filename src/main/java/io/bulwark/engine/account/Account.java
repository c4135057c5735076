package io.bulwark.engine.account;

public record Account(String accountId, String name, long createdAt) {}
