package io.bulwark.account;

import java.math.BigDecimal;

/** A paid-out withdrawal: {@code balance} is the account's balance right after it, at {@code sequence}. */
record WithdrawalResponse(String withdrawalId, BigDecimal amount, BigDecimal balance, long sequence) {}
