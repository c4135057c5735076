package io.bulwark.account;

/** A new trading account and its first TRADER key; {@code apiKey} is shown in this answer only. */
record AccountCreatedResponse(String accountId, String name, String apiKey, String keyId) {}
