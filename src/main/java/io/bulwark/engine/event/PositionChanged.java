package io.bulwark.engine.event;

import java.math.BigDecimal;

/** An account's position in a market after a command (signed size; zero when closed). */
public record PositionChanged(
        String accountId,
        String market,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal costBasis,
        BigDecimal realizedPnl)
        implements Event {}
