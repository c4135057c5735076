package io.bulwark.candle;

import java.util.Arrays;
import java.util.Optional;

/**
 * A candle's length (SPEC section 10 v2). Candles open on multiples of their length since the epoch, in UTC: a
 * {@code 4h} candle at 00:00, 04:00, ..., a {@code 1d} candle at midnight UTC.
 */
enum CandleInterval {
    ONE_MINUTE("1m", 60_000L),
    FIVE_MINUTES("5m", 5 * 60_000L),
    FIFTEEN_MINUTES("15m", 15 * 60_000L),
    ONE_HOUR("1h", 3_600_000L),
    FOUR_HOURS("4h", 4 * 3_600_000L),
    ONE_DAY("1d", 86_400_000L);

    private final String code;
    private final long millis;

    CandleInterval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    /** The name clients use ({@code 1m}, ..., {@code 1d}). */
    String code() {
        return code;
    }

    long millis() {
        return millis;
    }

    /** The open time (epoch ms) of the candle that holds {@code epochMillis}. */
    long openTime(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    static Optional<CandleInterval> of(String code) {
        return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
    }

    static String codes() {
        return String.join(
                ", ", Arrays.stream(values()).map(CandleInterval::code).toList());
    }
}
