package io.bulwark.engine.event;

import java.math.BigDecimal;

/** One double-entry ledger movement, with both accounts' balances after it. */
public record Transferred(
        String from,
        String to,
        BigDecimal amount,
        TransferKind kind,
        String reference,
        BigDecimal fromBalance,
        BigDecimal toBalance)
        implements Event {}
