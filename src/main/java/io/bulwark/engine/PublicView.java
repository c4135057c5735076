package io.bulwark.engine;

import io.bulwark.engine.EngineView.BookView;
import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.EngineView.StatusView;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What anyone may read, as of one sequence (SPEC section 10, v2 Limits): the exchange's status with every
 * market (state, prices, health, funding, open interest), each market's book to {@link #BOOK_DEPTH} levels
 * a side, and the maintenance windows not yet over. Immutable: the engine builds one after each batch of
 * commands ({@link Engine#publicView()}) and the journal publishes it once that batch is durable, so public
 * reads never wait in the engine's queue behind orders.
 */
public final class PublicView {
    /** Levels a side kept per market: the deepest book a public read may ask for. */
    public static final int BOOK_DEPTH = 500;

    private final long sequence;
    private final long clock;
    private final StatusView status;
    private final List<MaintenanceWindow> maintenanceWindows;
    private final Map<String, MarketView> markets;
    private final Map<String, BookDepth> books;
    private final BigDecimal liquidatorVaultBalance;

    PublicView(
            long sequence,
            long clock,
            StatusView status,
            List<MaintenanceWindow> maintenanceWindows,
            Map<String, BookDepth> books,
            BigDecimal liquidatorVaultBalance) {
        this.sequence = sequence;
        this.clock = clock;
        this.status = status;
        this.maintenanceWindows = List.copyOf(maintenanceWindows);
        Map<String, MarketView> byName = new TreeMap<>();
        status.markets().forEach(m -> byName.put(m.spec().market(), m));
        this.markets = Collections.unmodifiableMap(byName);
        this.books = Collections.unmodifiableMap(new TreeMap<>(books));
        this.liquidatorVaultBalance = liquidatorVaultBalance;
    }

    /** The last sequence this view contains (the engine's {@code lastSequence} when it was built). */
    public long sequence() {
        return sequence;
    }

    /** The engine time of that sequence, epoch milliseconds. */
    public long clock() {
        return clock;
    }

    public StatusView status() {
        return status;
    }

    /** Every market, in the engine's order. */
    public List<MarketView> markets() {
        return status.markets();
    }

    public Optional<MarketView> market(String market) {
        return Optional.ofNullable(markets.get(market));
    }

    /** The scheduled and active maintenance windows, oldest first. */
    public List<MaintenanceWindow> maintenanceWindows() {
        return maintenanceWindows;
    }

    /** The market's best {@code depth} levels a side (at most {@link #BOOK_DEPTH}), at this view's sequence. */
    public Optional<BookView> orderBook(String market, int depth) {
        int levels = Math.min(depth, BOOK_DEPTH);
        return Optional.ofNullable(books.get(market))
                .map(b -> new BookView(market, sequence, b.levels(Side.BUY, levels), b.levels(Side.SELL, levels)));
    }

    /** The liquidator vault's balance (the insurance fund, in the quote currency), for the operators' gauge. */
    public BigDecimal liquidatorVaultBalance() {
        return liquidatorVaultBalance;
    }

    Optional<BookDepth> book(String market) {
        return Optional.ofNullable(books.get(market));
    }
}
