package io.bulwark.candle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What one or more consecutive events add to one candle: the prices they saw in order, what they traded, and
 * the first and last event they are, as (sequence, index within the command). {@link CandleProjection} writes
 * it; the upsert folds it into the stored candle only when its first event comes after the candle's last.
 */
record CandleDelta(
        String market,
        PriceKind kind,
        CandleInterval interval,
        long openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades,
        long firstSequence,
        int firstIndex,
        long lastSequence,
        int lastIndex) {

    /** One trade of {@code size} at {@code price}; the quote volume is exact (price x size, no rounding). */
    static CandleDelta trade(
            String market,
            CandleInterval interval,
            long time,
            BigDecimal price,
            BigDecimal size,
            long sequence,
            int index) {
        return new CandleDelta(
                market,
                PriceKind.TRADE,
                interval,
                interval.openTime(time),
                price,
                price,
                price,
                price,
                size,
                price.multiply(size),
                1,
                sequence,
                index,
                sequence,
                index);
    }

    /** One sample of a mark or index price: no volume and no trades. */
    static CandleDelta sample(
            String market,
            PriceKind kind,
            CandleInterval interval,
            long time,
            BigDecimal price,
            long sequence,
            int index) {
        return new CandleDelta(
                market,
                kind,
                interval,
                interval.openTime(time),
                price,
                price,
                price,
                price,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                sequence,
                index,
                sequence,
                index);
    }

    /** This candle's events followed by {@code later}'s, which come after them in the journal. */
    CandleDelta then(CandleDelta later) {
        return new CandleDelta(
                market,
                kind,
                interval,
                openTime,
                open,
                high.max(later.high),
                low.min(later.low),
                later.close,
                volume.add(later.volume),
                quoteVolume.add(later.quoteVolume),
                trades + later.trades,
                firstSequence,
                firstIndex,
                later.lastSequence,
                later.lastIndex);
    }

    /** The candle's row key: one row per market, price kind, interval and open time. */
    Object key() {
        return java.util.List.of(market, kind, interval, openTime);
    }

    /** The parameters of {@link CandleProjection#UPSERT}, in its column order. */
    Object[] params() {
        return new Object[] {
            market,
            kind.code(),
            interval.code(),
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(openTime), ZoneOffset.UTC),
            open,
            high,
            low,
            close,
            volume,
            quoteVolume,
            trades,
            firstSequence,
            firstIndex,
            lastSequence,
            lastIndex
        };
    }

    static CandleDelta of(Object[] params) {
        return new CandleDelta(
                (String) params[0],
                PriceKind.of((String) params[1]).orElseThrow(),
                CandleInterval.of((String) params[2]).orElseThrow(),
                ((OffsetDateTime) params[3]).toInstant().toEpochMilli(),
                (BigDecimal) params[4],
                (BigDecimal) params[5],
                (BigDecimal) params[6],
                (BigDecimal) params[7],
                (BigDecimal) params[8],
                (BigDecimal) params[9],
                (Long) params[10],
                (Long) params[11],
                (Integer) params[12],
                (Long) params[13],
                (Integer) params[14]);
    }
}
