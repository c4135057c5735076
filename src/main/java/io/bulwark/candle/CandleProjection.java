package io.bulwark.candle;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.Traded;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import io.bulwark.web.EventCursor;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code candles}: every {@link Traded} in the trade candles of its market, and the index and mark price
 * of every {@link OraclePriceAccepted} and {@link OracleReanchored} in the index and mark candles, each in all
 * six intervals, at the engine time of its command. Mark and index candles therefore sample those prices at
 * each oracle update: the mark also moves with the book between updates, and those moves are not in them.
 *
 * <p>A candle's events within one group commit are folded into one row ({@link SqlBatch#addMerged}), so a
 * commit writes each candle it touches once. The upsert adds a row only when its first event comes after the
 * last event the stored candle counts: events are projected in journal order, so a trade is counted exactly
 * once, even if a projection ran twice over the same commands.
 */
@Component
class CandleProjection implements Projection {
    static final String UPSERT = """
            INSERT INTO candles AS c (market, price_kind, interval_code, open_time, open_price, high_price, low_price,
                                      close_price, volume, quote_volume, trades, first_sequence, first_index,
                                      last_sequence, last_index)
            SELECT ?::text, ?::text, ?::text, ?::timestamptz, ?::numeric, ?::numeric, ?::numeric, ?::numeric,
                   ?::numeric, ?::numeric, ?::bigint, ?::bigint, ?::int, ?::bigint, ?::int
            ON CONFLICT (market, price_kind, interval_code, open_time) DO UPDATE SET
                high_price = GREATEST(c.high_price, EXCLUDED.high_price),
                low_price = LEAST(c.low_price, EXCLUDED.low_price),
                close_price = EXCLUDED.close_price,
                volume = c.volume + EXCLUDED.volume,
                quote_volume = c.quote_volume + EXCLUDED.quote_volume,
                trades = c.trades + EXCLUDED.trades,
                last_sequence = EXCLUDED.last_sequence,
                last_index = EXCLUDED.last_index
            WHERE (c.last_sequence, c.last_index) < (EXCLUDED.first_sequence, EXCLUDED.first_index)
            """;

    @Override
    public List<String> tables() {
        return List.of("candles");
    }

    /** The candle WebSocket feed reads the row of each commit on the journal thread, right after the commit. */
    @Override
    public boolean onCommitPath() {
        return true;
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        long time = entry.timestamp();
        long sequence = entry.sequence();
        int position = 0;
        for (Event event : entry.events()) {
            position++;
            switch (event) {
                case Traded t -> {
                    int index = EventCursor.indexOf(t.tradeId());
                    for (CandleInterval interval : CandleInterval.values()) {
                        add(batch, CandleDelta.trade(t.market(), interval, time, t.price(), t.size(), sequence, index));
                    }
                }
                case OraclePriceAccepted p ->
                    samples(batch, p.market(), p.indexPrice(), p.markPrice(), time, sequence, position);
                case OracleReanchored r ->
                    samples(batch, r.market(), r.toPrice(), r.markPrice(), time, sequence, position);
                default -> {}
            }
        }
    }

    private static void samples(
            SqlBatch batch, String market, BigDecimal index, BigDecimal mark, long time, long sequence, int position) {
        for (CandleInterval interval : CandleInterval.values()) {
            if (index != null) {
                add(batch, CandleDelta.sample(market, PriceKind.INDEX, interval, time, index, sequence, position));
            }
            if (mark != null) {
                add(batch, CandleDelta.sample(market, PriceKind.MARK, interval, time, mark, sequence, position));
            }
        }
    }

    private static void add(SqlBatch batch, CandleDelta delta) {
        batch.addMerged(
                UPSERT,
                delta.key(),
                (earlier, later) ->
                        CandleDelta.of(earlier).then(CandleDelta.of(later)).params(),
                delta.params());
    }
}
