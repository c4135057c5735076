package io.bulwark.candle;

import io.bulwark.engine.EngineView.BookView;
import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Tickers: the 24 h figures from the one-minute trade candles (so at one-minute granularity, see {@link
 * TickerResponse}), everything else from the view the engine publishes after each commit.
 */
@Service
class Tickers {
    static final long WINDOW_MILLIS = 86_400_000L;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final EngineClient engine;
    private final JdbcTemplate jdbc;

    Tickers(EngineClient engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** What the one-minute trade candles of the window add up to; the prices null when there are none. */
    record Window(
            BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal volume, BigDecimal quoteVolume, long trades) {}

    TickerResponse ticker(String market) {
        return ticker(engine.publicView(), market);
    }

    TickerResponse ticker(PublicView view, String market) {
        MarketView m =
                view.market(market).orElseThrow(() -> ApiException.notFound("UNKNOWN_MARKET", "no market " + market));
        return ticker(view, m);
    }

    /** The view the engine published after its last commit. */
    PublicView view() {
        return engine.publicView();
    }

    /** Every market's ticker, in the engine's market order. */
    List<TickerResponse> all() {
        PublicView view = engine.publicView();
        return view.markets().stream().map(m -> ticker(view, m)).toList();
    }

    /** The market's ticker as of {@code view}. */
    TickerResponse ticker(PublicView view, MarketView m) {
        String market = m.spec().market();
        Window w = window(market, view.clock());
        Optional<BookView> top = view.orderBook(market, 1);
        BigDecimal last = m.lastTradePrice();
        BigDecimal change = last == null || w.open() == null ? null : last.subtract(w.open());
        BigDecimal percent = change == null || w.open().signum() == 0
                ? null
                : change.multiply(HUNDRED).divide(w.open(), 2, RoundingMode.HALF_EVEN);
        long nextFunding = m.funding().nextFundingTime();
        return new TickerResponse(
                market,
                last,
                top.flatMap(b -> best(b.bids())).orElse(null),
                top.flatMap(b -> best(b.asks())).orElse(null),
                m.markPrice(),
                m.indexPrice(),
                m.funding().rate(),
                nextFunding == 0 ? null : Instant.ofEpochMilli(nextFunding),
                m.openInterest(),
                w.volume(),
                w.quoteVolume(),
                w.high(),
                w.low(),
                w.open(),
                change,
                percent,
                w.trades(),
                view.sequence(),
                Instant.ofEpochMilli(view.clock()));
    }

    private static Optional<BigDecimal> best(List<PriceSize> levels) {
        return levels.stream().findFirst().map(PriceSize::price);
    }

    /** The one-minute trade candles that opened in the 24 h before {@code now} (engine time, epoch ms). */
    Window window(String market, long now) {
        return jdbc.queryForObject(
                """
                SELECT (array_agg(open_price ORDER BY open_time))[1], max(high_price), min(low_price),
                       COALESCE(sum(volume), 0), COALESCE(sum(quote_volume), 0), COALESCE(sum(trades), 0)
                FROM candles
                WHERE market = ? AND price_kind = 'trade' AND interval_code = '1m' AND open_time > ?
                """,
                (rs, n) -> new Window(
                        rs.getBigDecimal(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getLong(6)),
                market,
                Timestamp.from(Instant.ofEpochMilli(now - WINDOW_MILLIS)));
    }
}
