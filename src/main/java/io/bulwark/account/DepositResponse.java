package io.bulwark.account;

import java.math.BigDecimal;

/** A credited deposit: {@code balance} is the account's balance right after it, at {@code sequence}. */
record DepositResponse(String accountId, BigDecimal amount, String reference, BigDecimal balance, long sequence) {}
