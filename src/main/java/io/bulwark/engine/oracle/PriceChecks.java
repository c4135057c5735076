package io.bulwark.engine.oracle;

import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The rules on one price by itself, and the comparisons between prices the oracle feed makes. */
final class PriceChecks {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private PriceChecks() {}

    /**
     * Why an update is unusable whatever the index: not a decimal, not positive, absurdly large, off the
     * tick, older than maxPriceAgeSeconds or in the future; empty when it is a valid price.
     */
    static Optional<PriceRejection> invalid(String text, long timestamp, long now, MarketSpec spec) {
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
        if (timestamp > now + OracleFeed.FUTURE_TOLERANCE_MILLIS) {
            return Optional.of(PriceRejection.FUTURE);
        }
        return Optional.empty();
    }

    /** Whether {@code price} is further than {@code bps} basis points from {@code reference} (exact). */
    static boolean apart(BigDecimal reference, BigDecimal price, int bps) {
        return price.subtract(reference).abs().multiply(BPS).compareTo(reference.multiply(BigDecimal.valueOf(bps))) > 0;
    }

    /** Whether the highest of {@code prices} is further than {@code bps} basis points above the lowest. */
    static boolean spreadExceeds(List<BigDecimal> prices, int bps) {
        return !prices.isEmpty() && apart(Collections.min(prices), Collections.max(prices), bps);
    }

    /** The median (mean of the middle two when even); empty for no prices. */
    static Optional<BigDecimal> median(List<BigDecimal> prices) {
        if (prices.isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> sorted = new ArrayList<>(prices);
        sorted.sort(BigDecimal::compareTo);
        int mid = sorted.size() / 2;
        // Halving a sum of two decimals is exact: one more decimal digit at most.
        return Optional.of(
                sorted.size() % 2 == 1
                        ? sorted.get(mid)
                        : sorted.get(mid - 1).add(sorted.get(mid)).divide(BigDecimal.TWO));
    }
}
