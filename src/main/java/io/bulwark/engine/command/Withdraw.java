package io.bulwark.engine.command;

import java.math.BigDecimal;

/**
 * Pays collateral out to EXTERNAL, up to the account's withdrawable collateral. Idempotent by
 * {@code reference} within the account (SPEC section 10 v2). {@code reference} is null only in
 * journal rows written before references existed: such a row keeps its old meaning, a withdrawal
 * that no repeat is recognised against.
 */
public record Withdraw(String accountId, BigDecimal amount, String reference) implements Command {}
