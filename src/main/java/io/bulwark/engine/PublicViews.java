package io.bulwark.engine;

import io.bulwark.engine.EngineView.Funding;
import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.EngineView.OracleView;
import io.bulwark.engine.EngineView.StatusView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.event.RolledBack;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.MaintenanceWindows;
import io.bulwark.engine.oracle.OracleFeed;
import io.bulwark.engine.oracle.SourceView;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds each {@link PublicView} from the one before, on the engine thread. What is cheap is read again
 * every time (status, market parameters, prices, health as of the engine clock, funding); what is not is
 * carried over unless it moved: a book's depth is copied again only when its {@link
 * io.bulwark.engine.book.OrderBook#version()} changed, a market's open interest (a pass over every
 * portfolio) only when a command changed a position in it. Not state: nothing here is serialized.
 */
final class PublicViews {
    private final Markets markets;
    private final Portfolios portfolios;
    private final Ledger ledger;
    private final ExchangeStatus status;
    private final CircuitBreaker breaker;
    private final MaintenanceWindows windows;
    private final TreeSet<String> positionsMoved = new TreeSet<>();
    private Optional<PublicView> last = Optional.empty();

    PublicViews(
            Markets markets,
            Portfolios portfolios,
            Ledger ledger,
            ExchangeStatus status,
            CircuitBreaker breaker,
            MaintenanceWindows windows) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.ledger = ledger;
        this.status = status;
        this.breaker = breaker;
        this.windows = windows;
    }

    /** Remembers what an applied command moved that the next view cannot see for itself. */
    void note(List<Event> events) {
        for (Event e : events) {
            switch (e) {
                case PositionChanged p -> positionsMoved.add(p.market());
                // a rollback restarts the engine from a snapshot anyway; this keeps the rule local
                case RolledBack r -> last = Optional.empty();
                default -> {}
            }
        }
    }

    PublicView build(long sequence, long clock) {
        TradingState exchange = status.state();
        List<MarketView> views = new ArrayList<>();
        Map<String, BookDepth> books = new TreeMap<>();
        for (Market m : markets.all()) {
            String name = m.spec().market();
            Optional<PublicView> before = last;
            BigDecimal openInterest = before.filter(v -> !positionsMoved.contains(name))
                    .flatMap(v -> v.market(name))
                    .map(MarketView::openInterest)
                    .orElseGet(() -> openInterest(m));
            views.add(marketView(m, exchange, openInterest, clock));
            books.put(
                    name,
                    before.flatMap(v -> v.book(name))
                            .filter(b -> b.shows(m))
                            .orElseGet(() -> BookDepth.of(m, PublicView.BOOK_DEPTH)));
        }
        List<MaintenanceWindow> announced =
                windows.all().stream().filter(MaintenanceWindow::announced).toList();
        StatusView statusView = new StatusView(
                exchange, status.since(), status.reason(), status.epoch(), List.copyOf(views), breaker.pausedMarkets());
        PublicView view =
                new PublicView(sequence, clock, statusView, announced, books, ledger.balance(Ledger.LIQUIDATOR_VAULT));
        last = Optional.of(view);
        positionsMoved.clear();
        return view;
    }

    /** The total long size in the market, kept by {@link io.bulwark.engine.position.Portfolios} as positions move. */
    BigDecimal openInterest(Market m) {
        return m.size(portfolios.openInterestSteps(m.spec().market()));
    }

    /** A market as {@link EngineView} and the public view show it, at engine time {@code clock}. */
    static MarketView marketView(Market m, TradingState exchange, BigDecimal openInterest, long clock) {
        return new MarketView(
                m.spec(),
                m.state(),
                exchange.stricter(m.state()),
                m.indexPrice(),
                m.markPrice(),
                m.lastTradePrice(),
                openInterest,
                m.priceHealthy(clock),
                new Funding(
                        m.funding().lastRate(),
                        m.funding().cumulativeIndex(),
                        m.funding().intervalEnd(),
                        m.funding().haltReason()),
                new OracleView(
                        m.oracle().health(clock, m.spec()),
                        m.oracle().freshPrices(clock, m.spec()),
                        m.oracle().agreeingUpdates(),
                        m.oracle().lastReanchor(),
                        lastPriceTime(m.oracle())));
    }

    private static long lastPriceTime(OracleFeed oracle) {
        long newest = 0;
        for (SourceView source : oracle.sources()) {
            if (source.accepted() != null) {
                newest = Math.max(newest, source.accepted().timestamp());
            }
        }
        return newest;
    }
}
