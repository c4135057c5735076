package io.bulwark.engine.state;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.book.TriggerBook;
import io.bulwark.engine.funding.FundingState;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.oracle.OracleFeed;
import java.math.BigDecimal;

/** One market's live state. Grows with the book, prices and funding in later features. */
public final class Market {
    private MarketSpec spec;
    private TradingState state;
    private long stateSince;
    private final OrderBook book = new OrderBook();
    private final TriggerBook triggers = new TriggerBook();
    private BigDecimal lastTradePrice;
    private final OracleFeed oracle;
    /** Exponential moving average of the book's basis to the index, updated by premium samples. */
    private BigDecimal basisEma = BigDecimal.ZERO;
    /**
     * Whether the price was ever healthy (SPEC section 8): until then orders that need a price are
     * refused PRICE_UNAVAILABLE, however many updates moved the index. Engine state: kept in snapshots.
     */
    private boolean priceEverHealthy;

    private final FundingState funding;

    public Market(MarketSpec spec, TradingState state) {
        this(spec, state, new OracleFeed());
    }

    Market(MarketSpec spec, TradingState state, OracleFeed oracle) {
        this(spec, state, oracle, new FundingState());
    }

    Market(MarketSpec spec, TradingState state, OracleFeed oracle, FundingState funding) {
        this.spec = spec;
        this.state = state;
        this.oracle = oracle;
        this.funding = funding;
    }

    public FundingState funding() {
        return funding;
    }

    public void updateBasisEma(BigDecimal value) {
        basisEma = value;
    }

    /** Mid of the best bid and ask; null when the book is one-sided. */
    public BigDecimal bookMid() {
        var bid = book.best(io.bulwark.engine.order.Side.BUY);
        var ask = book.best(io.bulwark.engine.order.Side.SELL);
        if (bid == null || ask == null) {
            return null;
        }
        // The mid of two tick prices has at most one more decimal than the tick: exact.
        return price(bid.priceTicks()).add(price(ask.priceTicks())).divide(BigDecimal.TWO);
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

    public OracleFeed oracle() {
        return oracle;
    }

    public BigDecimal basisEma() {
        return basisEma;
    }

    /** The oracle index; null until the first accepted price. */
    public BigDecimal indexPrice() {
        return oracle.index();
    }

    /**
     * The mark price (SPEC section 5): median of the index, the index adjusted by the EMA of the
     * book's basis, and the book mid; the index when the book is one-sided; null without an index.
     */
    public BigDecimal markPrice() {
        BigDecimal index = oracle.index();
        if (index == null) {
            return null;
        }
        BigDecimal mid = bookMid();
        if (mid == null) {
            return index;
        }
        BigDecimal adjusted =
                index.add(index.multiply(basisEma)).setScale(index.scale() + 4, java.math.RoundingMode.HALF_EVEN);
        BigDecimal[] three = {index, adjusted, mid};
        java.util.Arrays.sort(three);
        return three[1].stripTrailingZeros();
    }

    /** Whether the price may drive triggers, liquidations and funding at engine time {@code now}. */
    public boolean priceHealthy(long now) {
        return oracle.healthy(now, spec);
    }

    /** Whether the market's price has been healthy at least once since the market was created. */
    public boolean priceEverHealthy() {
        return priceEverHealthy;
    }

    /** Remembers, after a command, that the price is healthy at {@code now}; once true it stays true. */
    public void confirmPriceHealth(long now) {
        if (!priceEverHealthy && priceHealthy(now)) {
            priceEverHealthy = true;
        }
    }

    void restorePriceEverHealthy(boolean value) {
        priceEverHealthy = value;
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

    /** When the market entered its current state (engine time, epoch ms). */
    public long stateSince() {
        return stateSince;
    }

    public void changeState(TradingState state, long since) {
        this.state = state;
        this.stateSince = since;
    }
}
