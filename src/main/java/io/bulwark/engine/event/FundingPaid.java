package io.bulwark.engine.event;

import java.math.BigDecimal;

/** An account's funding for one interval: {@code amount} > 0 was paid, < 0 was received. */
public record FundingPaid(String accountId, String market, BigDecimal positionSize, BigDecimal rate, BigDecimal amount)
        implements Event {}
