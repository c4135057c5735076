package io.bulwark.engine.event;

import java.math.BigDecimal;

/** Auto-deleveraging closed {@code size} of an opposing trader's position at the bankrupt account's price. */
public record Deleveraged(String accountId, String market, BigDecimal size, BigDecimal price, String bankruptAccountId)
        implements Event {}
