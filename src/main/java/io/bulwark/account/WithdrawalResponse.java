package io.bulwark.account;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A paid-out withdrawal: {@code balance} is the account's balance right after it, at {@code
 * sequence}; {@code time} is when the engine paid it. A repeat answers with the same fields.
 */
record WithdrawalResponse(
        String withdrawalId,
        String accountId,
        String reference,
        BigDecimal amount,
        BigDecimal balance,
        long sequence,
        Instant time) {}
