package io.bulwark.trade;

import io.bulwark.engine.EngineView.BookView;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order book at {@code sequence} (SPEC section 10): levels as {@code [price, size]} pairs of decimal
 * strings, best first (bids highest first, asks lowest first).
 */
record OrderBookResponse(String market, long sequence, List<List<BigDecimal>> bids, List<List<BigDecimal>> asks) {

    static OrderBookResponse of(BookView book) {
        return new OrderBookResponse(book.market(), book.sequence(), levels(book.bids()), levels(book.asks()));
    }

    /** The levels that changed at journal {@code sequence}; a size of 0 means the level is gone. */
    static OrderBookResponse of(OrderBookChanged changed, long sequence) {
        return new OrderBookResponse(changed.market(), sequence, levels(changed.bids()), levels(changed.asks()));
    }

    private static List<List<BigDecimal>> levels(List<PriceSize> levels) {
        return levels.stream().map(l -> List.of(l.price(), l.size())).toList();
    }
}
