package io.bulwark.engine.market;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.book.TriggerBook;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;

/** One market's live state. Grows with the book, prices and funding in later features. */
public final class Market {
    private MarketSpec spec;
    private TradingState state;
    private final OrderBook book = new OrderBook();
    private final TriggerBook triggers = new TriggerBook();
    private BigDecimal lastTradePrice;

    public Market(MarketSpec spec, TradingState state) {
        this.spec = spec;
        this.state = state;
    }

    public MarketSpec spec() {
        return spec;
    }

    public TradingState state() {
        return state;
    }

    public OrderBook book() {
        return book;
    }

    public TriggerBook triggers() {
        return triggers;
    }

    /** Price of the latest trade; null before the first. */
    public BigDecimal lastTradePrice() {
        return lastTradePrice;
    }

    public void traded(BigDecimal price) {
        lastTradePrice = price;
    }

    /**
     * The mark price used for margin, bands and triggers; null while the market has no price. Until
     * the oracle feature lands this is the last trade price (the seam it replaces).
     */
    public BigDecimal markPrice() {
        return lastTradePrice;
    }

    /** Whether the market's price may drive triggers (the oracle feature adds freshness checks). */
    public boolean priceHealthy() {
        return markPrice() != null;
    }

    public long ticks(BigDecimal price) {
        return price.divide(spec.tickSize()).longValueExact();
    }

    public long steps(BigDecimal size) {
        return size.divide(spec.stepSize()).longValueExact();
    }

    public BigDecimal price(long ticks) {
        return spec.tickSize().multiply(BigDecimal.valueOf(ticks));
    }

    public BigDecimal size(long steps) {
        return spec.stepSize().multiply(BigDecimal.valueOf(steps));
    }

    void respec(MarketSpec spec) {
        this.spec = spec;
    }

    void changeState(TradingState state) {
        this.state = state;
    }
}
