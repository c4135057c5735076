package io.bulwark.engine.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact-decimal conventions shared by the engine. */
public final class Decimals {
    /** Collateral (USD) is kept to the micro-dollar: every ledger amount has exactly this scale. */
    public static final int USD_SCALE = 6;

    private Decimals() {}

    /**
     * Brings an amount to the ledger scale. Inputs are validated to have at most {@link #USD_SCALE}
     * decimals before they reach the engine, so UNNECESSARY documents (and enforces) that this never
     * rounds.
     */
    public static BigDecimal usd(BigDecimal amount) {
        return amount.setScale(USD_SCALE, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal usd(String amount) {
        return usd(new BigDecimal(amount));
    }

    /** Whether {@code value} has at most {@code scale} decimals (trailing zeros ignored). */
    public static boolean fitsScale(BigDecimal value, int scale) {
        return value.stripTrailingZeros().scale() <= scale;
    }

    /** Whether {@code value} is a whole multiple of {@code increment} (increment > 0). */
    public static boolean isMultipleOf(BigDecimal value, BigDecimal increment) {
        return value.remainder(increment).signum() == 0;
    }

    /**
     * The canonical value of a decimal (no trailing zeros, scale >= 0), or null for null. The engine keeps
     * only canonical values: "65000.0" and "65000" must give the same events, or a replay after a snapshot
     * (which stores canonical text) would disagree with what was recorded live.
     */
    public static BigDecimal canonical(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The canonical text of a decimal: no exponent, no trailing zeros ("65000.5", "0.001", "100"). */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
