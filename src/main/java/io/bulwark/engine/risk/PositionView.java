package io.bulwark.engine.risk;

import java.math.BigDecimal;

/**
 * A position as clients see it (SPEC section 10): signed size, entry and mark price, PnL and the
 * estimated liquidation price (null when no price would liquidate it, or without a mark).
 */
public record PositionView(
        String market,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal markPrice,
        BigDecimal unrealizedPnl,
        BigDecimal realizedPnl,
        BigDecimal liquidationPrice) {}
