package io.bulwark.engine.state;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What an account may keep live and how long the engine remembers what has ended (SPEC v2 sections 3
 * and 4): at most {@code maxOpenOrders} live orders per account and market, resting prices within
 * {@code restingBandBps} of the mark, client order ids forgotten {@code clientOrderIdRetentionSeconds}
 * after their order ended, oracle sources forgotten in a market after {@code oracleSourceRetentionSeconds}
 * of silence. Each is set by every StartEngine from configuration; null (absent in rows of older builds,
 * and before the first StartEngine) turns it off, which is how those builds behaved. Engine state: kept
 * in snapshots from format 5 (older formats restore everything off).
 */
public final class Limits {
    private Integer maxOpenOrders;
    private Integer restingBandBps;
    private Long clientOrderIdRetentionSeconds;
    private Long oracleSourceRetentionSeconds;

    /** Everything off. */
    public Limits() {}

    /** A StartEngine row's values; null turns a limit off. */
    public void use(
            Integer maxOpenOrders,
            Integer restingBandBps,
            Long clientOrderIdRetentionSeconds,
            Long oracleSourceRetentionSeconds) {
        this.maxOpenOrders = maxOpenOrders;
        this.restingBandBps = restingBandBps;
        this.clientOrderIdRetentionSeconds = clientOrderIdRetentionSeconds;
        this.oracleSourceRetentionSeconds = oracleSourceRetentionSeconds;
    }

    public OptionalInt maxOpenOrders() {
        return maxOpenOrders == null ? OptionalInt.empty() : OptionalInt.of(maxOpenOrders);
    }

    public OptionalInt restingBandBps() {
        return restingBandBps == null ? OptionalInt.empty() : OptionalInt.of(restingBandBps);
    }

    /** How long (engine ms) an ended order's client order id is remembered; empty: for ever. */
    public OptionalLong clientOrderIdRetentionMillis() {
        return millis(clientOrderIdRetentionSeconds);
    }

    /** How long (engine ms) a silent oracle source is remembered in a market; empty: for ever. */
    public OptionalLong oracleSourceRetentionMillis() {
        return millis(oracleSourceRetentionSeconds);
    }

    private static OptionalLong millis(Long seconds) {
        if (seconds == null) {
            return OptionalLong.empty();
        }
        // Saturates: a retention of centuries is "for ever", never an overflow on the engine thread.
        return OptionalLong.of(seconds >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000);
    }

    public void writeTo(CanonicalWriter out) {
        writeOptional(out, Optional.ofNullable(maxOpenOrders).map(Integer::longValue));
        writeOptional(out, Optional.ofNullable(restingBandBps).map(Integer::longValue));
        writeOptional(out, Optional.ofNullable(clientOrderIdRetentionSeconds));
        writeOptional(out, Optional.ofNullable(oracleSourceRetentionSeconds));
    }

    private static void writeOptional(CanonicalWriter out, Optional<Long> value) {
        out.writeBoolean(value.isPresent());
        value.ifPresent(out::writeLong);
    }

    /** Format 4 wrote them; an older snapshot was written by a build without them: all off. */
    public static Limits readFrom(CanonicalReader in) {
        Limits limits = new Limits();
        if (in.formatVersion() >= 5) {
            Long max = readOptional(in);
            Long band = readOptional(in);
            limits.use(
                    max == null ? null : Math.toIntExact(max),
                    band == null ? null : Math.toIntExact(band),
                    readOptional(in),
                    readOptional(in));
        }
        return limits;
    }

    private static Long readOptional(CanonicalReader in) {
        return in.readBoolean() ? in.readLong() : null;
    }
}
