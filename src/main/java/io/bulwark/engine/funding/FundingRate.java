package io.bulwark.engine.funding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** The funding arithmetic of SPEC section 5, as pure functions. */
public final class FundingRate {
    /** Premiums, rates and the basis EMA are kept to 12 decimals, half-even (applied where noted). */
    public static final int RATE_SCALE = 12;
    /** The basis EMA weighs each new premium sample by 2 / (30 + 1): about a half-hour memory at 1 sample a minute. */
    static final BigDecimal EMA_ALPHA =
            new BigDecimal(2).divide(new BigDecimal(31), RATE_SCALE, RoundingMode.HALF_EVEN);

    private FundingRate() {}

    /** (mid − index) / index; zero when the book is one-sided (no mid). */
    public static BigDecimal premium(BigDecimal mid, BigDecimal index) {
        if (mid == null) {
            return BigDecimal.ZERO;
        }
        return mid.subtract(index).divide(index, RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal nextEma(BigDecimal ema, BigDecimal sample) {
        return ema.add(EMA_ALPHA.multiply(sample.subtract(ema))).setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** clamp(mean premium + interest, ±max); zero without samples. */
    public static BigDecimal rate(BigDecimal premiumSum, long samples, BigDecimal interest, BigDecimal maxRate) {
        if (samples == 0) {
            return BigDecimal.ZERO.setScale(RATE_SCALE);
        }
        BigDecimal mean = premiumSum.divide(BigDecimal.valueOf(samples), RATE_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal rate = mean.add(interest);
        return rate.max(maxRate.negate()).min(maxRate).setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * The write-time guard: a new cumulative index is stored only if it was computed on a healthy,
     * positive mark and moves the old one by at most maxFundingRate × mark (one rate-scale unit of
     * rounding allowed), and is not a reset. Returns why it must not be written, or empty.
     */
    public static Optional<String> guard(
            BigDecimal oldIndex, BigDecimal newIndex, BigDecimal mark, BigDecimal maxRate, boolean healthy) {
        if (!healthy) {
            return Optional.of("price unhealthy: funding is never computed on an untrusted price");
        }
        if (mark == null || mark.signum() <= 0) {
            return Optional.of("mark price " + mark + " is not positive");
        }
        BigDecimal allowed = maxRate.multiply(mark)
                .add(BigDecimal.ONE.movePointLeft(RATE_SCALE).multiply(mark));
        if (newIndex.subtract(oldIndex).abs().compareTo(allowed) > 0) {
            return Optional.of(
                    "index step " + newIndex.subtract(oldIndex).toPlainString() + " exceeds maxFundingRate x mark");
        }
        if (newIndex.signum() == 0 && oldIndex.signum() != 0) {
            return Optional.of("index reset to zero");
        }
        return Optional.empty();
    }
}
