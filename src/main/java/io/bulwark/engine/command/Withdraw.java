package io.bulwark.engine.command;

import java.math.BigDecimal;

/** Pays collateral out to EXTERNAL, up to the account's free collateral. */
public record Withdraw(String accountId, BigDecimal amount) implements Command {}
