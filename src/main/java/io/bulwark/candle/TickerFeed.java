package io.bulwark.candle;

import io.bulwark.engine.PublicView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.event.Traded;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import io.bulwark.web.socket.MarketChannel;
import io.bulwark.web.socket.MarketChannels;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The {@code ticker} channel (SPEC section 11 v2): a market whose trades, book, prices or funding changed in a
 * commit is marked; every {@value #PERIOD_MILLIS} ms each marked market that has subscribers gets one ticker,
 * built then from the latest published view and candles. So a market sends at most 10 tickers a second,
 * changes in between are coalesced and the last one is always sent. The journal thread only marks markets;
 * the tickers are built and sent on this feed's own thread, its channel's one publisher.
 */
@Component
class TickerFeed implements JournalListener, SmartLifecycle {
    static final long PERIOD_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(TickerFeed.class);

    private final MarketChannel channel;
    private final ObjectProvider<Tickers> tickers;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    TickerFeed(MarketChannels channels, ObjectProvider<Tickers> tickers) {
        this.channel = channels.ticker();
        this.tickers = tickers;
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed committed : batch) {
            for (Event event : committed.events()) {
                market(event).ifPresent(changed::add);
            }
        }
    }

    /** The market whose ticker the event changes, if any. */
    private static Optional<String> market(Event event) {
        return switch (event) {
            case Traded t -> Optional.of(t.market());
            case OrderBookChanged b -> Optional.of(b.market());
            case OraclePriceAccepted p -> Optional.of(p.market());
            case OracleReanchored r -> Optional.of(r.market());
            case FundingSettled f -> Optional.of(f.market());
            case PositionChanged p -> Optional.of(p.market());
            default -> Optional.empty();
        };
    }

    void publishChanged() {
        for (String market : List.copyOf(changed)) {
            changed.remove(market);
            if (!channel.hasSubscribers(market)) {
                continue;
            }
            try {
                PublicView view = tickers.getObject().view();
                TickerResponse ticker = tickers.getObject().ticker(view, market);
                channel.publish(market, view.sequence(), view.clock(), ticker);
            } catch (RuntimeException e) {
                log.warn("No ticker for {} this time: {}", market, e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ticker-feed");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::publishChanged, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
