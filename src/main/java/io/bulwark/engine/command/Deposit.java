package io.bulwark.engine.command;

import java.math.BigDecimal;

/** Credits collateral from EXTERNAL. Idempotent by {@code reference}. */
public record Deposit(String accountId, BigDecimal amount, String reference) implements Command {}
