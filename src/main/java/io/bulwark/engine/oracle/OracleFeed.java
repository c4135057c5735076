package io.bulwark.engine.oracle;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One market's oracle state: each source's latest accepted price, the index (median of the fresh
 * ones) and the price health. Healthy means a fresh index and at least {@link #HEALTHY_AFTER}
 * consecutive accepted updates since the last anomaly and since the engine last started: a price
 * carried over a restart is never trusted until fresh ones confirm it.
 */
public final class OracleFeed {
    public static final int HEALTHY_AFTER = 3;
    /** Clock skew tolerated for a source's timestamp ahead of engine time. */
    public static final long FUTURE_TOLERANCE_MILLIS = 2_000;

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** A source's latest accepted price. */
    public record Quote(BigDecimal price, long timestamp) {}

    private final TreeMap<String, Quote> sources = new TreeMap<>();
    private BigDecimal index;
    private long consecutiveAccepted;
    private long quarantined;
    private long rejected;

    public BigDecimal index() {
        return index;
    }

    public long quarantined() {
        return quarantined;
    }

    public long rejected() {
        return rejected;
    }

    public long consecutiveAccepted() {
        return consecutiveAccepted;
    }

    /**
     * Checks and applies one update at engine time {@code now}. Returns the reason it was refused,
     * or empty when it was accepted (and the index recomputed).
     */
    public Optional<PriceRejection> offer(String source, String priceText, long timestamp, long now, MarketSpec spec) {
        Optional<PriceRejection> refusal = check(priceText, timestamp, now, spec);
        if (refusal.isPresent()) {
            consecutiveAccepted = 0;
            rejected++;
            if (refusal.get() == PriceRejection.PRICE_JUMP) {
                quarantined++;
            }
            return refusal;
        }
        if (!sources.isEmpty() && newestTimestamp() < now - spec.maxPriceAgeSeconds() * 1000) {
            // Every source had gone silent: a feed coming back is an anomaly, confirmed afresh.
            consecutiveAccepted = 0;
        }
        sources.put(source, new Quote(new BigDecimal(priceText), timestamp));
        consecutiveAccepted++;
        index = median(now, spec).orElse(index);
        return Optional.empty();
    }

    private Optional<PriceRejection> check(String text, long timestamp, long now, MarketSpec spec) {
        BigDecimal price;
        try {
            price = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Optional.of(PriceRejection.NOT_A_DECIMAL); // also NaN, Infinity, empty
        }
        if (price.signum() <= 0) {
            return Optional.of(PriceRejection.NOT_POSITIVE);
        }
        if (price.precision() - price.scale() > 18) {
            return Optional.of(PriceRejection.OUT_OF_RANGE);
        }
        if (!Decimals.isMultipleOf(price, spec.tickSize())) {
            return Optional.of(PriceRejection.OFF_TICK);
        }
        if (timestamp < now - spec.maxPriceAgeSeconds() * 1000) {
            return Optional.of(PriceRejection.STALE);
        }
        if (timestamp > now + FUTURE_TOLERANCE_MILLIS) {
            return Optional.of(PriceRejection.FUTURE);
        }
        if (index != null) {
            BigDecimal allowed =
                    index.multiply(BigDecimal.valueOf(spec.maxPriceJumpBps())).divide(BPS);
            if (price.subtract(index).abs().compareTo(allowed) > 0) {
                return Optional.of(PriceRejection.PRICE_JUMP);
            }
        }
        return Optional.empty();
    }

    /** The median of the fresh sources' latest prices (mean of the middle two when even). */
    private Optional<BigDecimal> median(long now, MarketSpec spec) {
        List<BigDecimal> fresh = new ArrayList<>();
        sources.values().forEach(q -> {
            if (q.timestamp() >= now - spec.maxPriceAgeSeconds() * 1000) {
                fresh.add(q.price());
            }
        });
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        fresh.sort(BigDecimal::compareTo);
        int mid = fresh.size() / 2;
        // Halving a sum of two decimals is exact: one more decimal digit at most.
        return Optional.of(
                fresh.size() % 2 == 1
                        ? fresh.get(mid)
                        : fresh.get(mid - 1).add(fresh.get(mid)).divide(BigDecimal.TWO));
    }

    /** Whether the index is fresh at {@code now} and confirmed by enough consecutive updates. */
    public boolean healthy(long now, MarketSpec spec) {
        return index != null
                && consecutiveAccepted >= HEALTHY_AFTER
                && newestTimestamp() >= now - spec.maxPriceAgeSeconds() * 1000;
    }

    private long newestTimestamp() {
        return sources.values().stream().mapToLong(Quote::timestamp).max().orElse(Long.MIN_VALUE);
    }

    /** A start or recovery: nothing carried over is trusted until fresh updates confirm it. */
    public void distrust() {
        consecutiveAccepted = 0;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeOptionalDecimal(index)
                .writeLong(consecutiveAccepted)
                .writeLong(quarantined)
                .writeLong(rejected);
        out.writeInt(sources.size());
        sources.forEach(
                (source, q) -> out.writeString(source).writeDecimal(q.price()).writeLong(q.timestamp()));
    }

    public static OracleFeed readFrom(CanonicalReader in) {
        OracleFeed feed = new OracleFeed();
        feed.index = in.readOptionalDecimal();
        feed.consecutiveAccepted = in.readLong();
        feed.quarantined = in.readLong();
        feed.rejected = in.readLong();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            feed.sources.put(in.readString(), new Quote(in.readDecimal(), in.readLong()));
        }
        return feed;
    }
}
