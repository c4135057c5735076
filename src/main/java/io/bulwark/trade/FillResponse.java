package io.bulwark.trade;

import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A fill as clients see it (SPEC section 10): one trade seen from one of its two orders. {@code fillId} is
 * the trade id with {@code -T} (taker) or {@code -M} (maker); {@code fee} is signed (negative: a rebate).
 */
public record FillResponse(
        String fillId,
        String tradeId,
        String orderId,
        String market,
        Side side,
        BigDecimal price,
        BigDecimal size,
        BigDecimal fee,
        Liquidity liquidity,
        long sequence,
        Instant time) {

    /** The taker's and the maker's fill of one trade, made at {@code sequence} and {@code timestamp} (epoch ms). */
    public static List<FillResponse> of(Traded t, long sequence, long timestamp) {
        Instant time = Instant.ofEpochMilli(timestamp);
        return List.of(
                new FillResponse(
                        t.tradeId() + "-T",
                        t.tradeId(),
                        t.takerOrderId(),
                        t.market(),
                        t.takerSide(),
                        t.price(),
                        t.size(),
                        t.takerFee(),
                        Liquidity.TAKER,
                        sequence,
                        time),
                new FillResponse(
                        t.tradeId() + "-M",
                        t.tradeId(),
                        t.makerOrderId(),
                        t.market(),
                        t.takerSide().opposite(),
                        t.price(),
                        t.size(),
                        t.makerFee(),
                        Liquidity.MAKER,
                        sequence,
                        time));
    }

    static FillResponse of(FillRow row) {
        return new FillResponse(
                row.fillId(),
                row.tradeId(),
                Long.toString(row.orderId()),
                row.market(),
                Side.valueOf(row.side()),
                row.price(),
                row.size(),
                row.fee(),
                Liquidity.valueOf(row.liquidity()),
                row.sequence(),
                row.time());
    }
}
