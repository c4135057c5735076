package io.bulwark.engine.event;

import java.math.BigDecimal;
import java.util.List;

/**
 * The book levels a command changed, with their new total size (zero: the level is gone). Bids best
 * first, asks best first.
 */
public record OrderBookChanged(String market, List<PriceSize> bids, List<PriceSize> asks) implements Event {
    public record PriceSize(BigDecimal price, BigDecimal size) {}

    public OrderBookChanged {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
