package io.bulwark.trade;

import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.time.Instant;

/** A public trade: {@code takerSide} is the side of the order that took liquidity (BUY: the price was lifted). */
record TradeResponse(
        String tradeId, String market, BigDecimal price, BigDecimal size, Side takerSide, long sequence, Instant time) {

    static TradeResponse of(TradeRow row) {
        return new TradeResponse(
                row.tradeId(),
                row.market(),
                row.price(),
                row.size(),
                Side.valueOf(row.takerSide()),
                row.sequence(),
                row.time());
    }
}
