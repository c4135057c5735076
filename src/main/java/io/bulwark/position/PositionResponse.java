package io.bulwark.position;

import io.bulwark.engine.risk.PositionView;
import java.math.BigDecimal;

/**
 * A position as clients see it (SPEC section 10): {@code size} signed (negative is short), valued at
 * {@code markPrice}; {@code liquidationPrice} is an estimate, null when no price would liquidate it.
 */
public record PositionResponse(
        String market,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal markPrice,
        BigDecimal unrealizedPnl,
        BigDecimal realizedPnl,
        BigDecimal liquidationPrice) {

    public static PositionResponse of(PositionView p) {
        return new PositionResponse(
                p.market(),
                p.size(),
                p.entryPrice(),
                p.markPrice(),
                p.unrealizedPnl(),
                p.realizedPnl(),
                p.liquidationPrice());
    }
}
