package io.bulwark.engine;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A market's book to a bounded depth, copied as ticks and steps (two primitive arrays a side, so the engine
 * thread copies numbers and the reader makes the decimals). Immutable once built.
 */
final class BookDepth {
    private final MarketSpec spec;
    private final long version;
    private final long[] bidTicks;
    private final long[] bidSteps;
    private final long[] askTicks;
    private final long[] askSteps;

    private BookDepth(MarketSpec spec, long version, List<OrderBook.Level> bids, List<OrderBook.Level> asks) {
        this.spec = spec;
        this.version = version;
        this.bidTicks = new long[bids.size()];
        this.bidSteps = new long[bids.size()];
        this.askTicks = new long[asks.size()];
        this.askSteps = new long[asks.size()];
        copy(bids, bidTicks, bidSteps);
        copy(asks, askTicks, askSteps);
    }

    private static void copy(List<OrderBook.Level> levels, long[] ticks, long[] steps) {
        for (int i = 0; i < ticks.length; i++) {
            OrderBook.Level level = levels.get(i);
            ticks[i] = level.priceTicks();
            steps[i] = level.sizeSteps();
        }
    }

    static BookDepth of(Market market, int depth) {
        OrderBook book = market.book();
        return new BookDepth(market.spec(), book.version(), book.depth(Side.BUY, depth), book.depth(Side.SELL, depth));
    }

    /** Whether this copy still shows {@code market}'s book: nothing on it changed, nor its tick or step. */
    boolean shows(Market market) {
        return market.book().version() == version && market.spec().equals(spec);
    }

    /** The best {@code depth} levels of a side, best first, priced as the market prices them. */
    List<PriceSize> levels(Side side, int depth) {
        long[] ticks = side == Side.BUY ? bidTicks : askTicks;
        long[] steps = side == Side.BUY ? bidSteps : askSteps;
        int n = Math.min(depth, ticks.length);
        List<PriceSize> levels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            levels.add(new PriceSize(
                    spec.tickSize().multiply(BigDecimal.valueOf(ticks[i])),
                    spec.stepSize().multiply(BigDecimal.valueOf(steps[i]))));
        }
        return List.copyOf(levels);
    }
}
