package io.bulwark.candle;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Traded;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.MarketChannel;
import io.bulwark.web.socket.MarketChannels;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code candle} on the {@code candles} channel (SPEC section 11 v2), per market and interval: after a commit
 * whose trades changed a market's trade candle, the open candle as the {@code candles} read model holds it
 * ({@code closed} false); when a trade opens a new candle, first the one before it as it closed ({@code closed}
 * true). Read only for the intervals someone follows, and sent only when it differs from the last one sent, so
 * several commands of one commit that touch a candle send it once. Runs on the journal thread only.
 */
@Component
class CandleSocketMessages implements SocketMessages {

    /** The REST candle plus whether it is final. */
    record CandleMessage(
            Instant openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            boolean closed) {

        static CandleMessage of(CandleResponse c, boolean closed) {
            return new CandleMessage(
                    c.openTime(),
                    c.open(),
                    c.high(),
                    c.low(),
                    c.close(),
                    c.volume(),
                    c.quoteVolume(),
                    c.trades(),
                    closed);
        }
    }

    private final MarketChannel channel;
    private final JdbcTemplate jdbc;
    private final Set<String> traded = new LinkedHashSet<>();
    /** The last candle sent per {@code market|interval}. */
    private final Map<String, CandleMessage> sent = new HashMap<>();

    CandleSocketMessages(MarketChannels channels, JdbcTemplate jdbc) {
        this.channel = channels.candles();
        this.jdbc = jdbc;
        channel.takesIntervals(
                Arrays.stream(CandleInterval.values()).map(CandleInterval::code).toList());
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof Traded t) {
            traded.add(t.market());
        }
    }

    @Override
    public void commandDone(ChannelPublisher out) {
        try {
            for (String market : traded) {
                for (CandleInterval interval : CandleInterval.values()) {
                    publish(out, market, interval);
                }
            }
        } finally {
            traded.clear();
        }
    }

    private void publish(ChannelPublisher out, String market, CandleInterval interval) {
        String key = market + "|" + interval.code();
        if (!channel.hasSubscribers(key)) {
            sent.remove(key);
            return;
        }
        long openTime = interval.openTime(out.timestamp());
        CandleMessage last = sent.get(key);
        if (last != null && last.openTime().toEpochMilli() < openTime && !last.closed()) {
            candle(market, interval, last.openTime().toEpochMilli())
                    .ifPresent(c -> out.toMarket("candles", key, CandleMessage.of(c, true)));
        }
        candle(market, interval, openTime).map(c -> CandleMessage.of(c, false)).ifPresent(open -> {
            if (!open.equals(last)) {
                sent.put(key, open);
                out.toMarket("candles", key, open);
            }
        });
    }

    private Optional<CandleResponse> candle(String market, CandleInterval interval, long openTime) {
        return jdbc
                .query(
                        Candles.COLUMNS + " AND open_time = ?",
                        Candles::row,
                        market,
                        PriceKind.TRADE.code(),
                        interval.code(),
                        Timestamp.from(Instant.ofEpochMilli(openTime)))
                .stream()
                .findFirst();
    }
}
