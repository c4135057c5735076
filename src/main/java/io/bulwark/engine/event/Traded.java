package io.bulwark.engine.event;

import io.bulwark.engine.order.Side;
import java.math.BigDecimal;

/** One match between a taker and a resting maker, at the maker's price. Fees are signed (negative = rebate). */
public record Traded(
        String tradeId,
        String market,
        BigDecimal price,
        BigDecimal size,
        Side takerSide,
        String takerOrderId,
        String takerAccountId,
        BigDecimal takerFee,
        String makerOrderId,
        String makerAccountId,
        BigDecimal makerFee)
        implements Event {}
