package io.bulwark.trade;

import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.time.Instant;

/** A public trade: {@code takerSide} is the side of the order that took liquidity (BUY: the price was lifted). */
record TradeResponse(
        String tradeId, String market, BigDecimal price, BigDecimal size, Side takerSide, long sequence, Instant time) {

    /** The trade made at journal {@code sequence} and engine time {@code timestamp} (epoch ms). */
    static TradeResponse of(Traded t, long sequence, long timestamp) {
        return new TradeResponse(
                t.tradeId(), t.market(), t.price(), t.size(), t.takerSide(), sequence, Instant.ofEpochMilli(timestamp));
    }

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
