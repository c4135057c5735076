package io.bulwark.engine.market;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The parameters of one USD-quoted perpetual market (SPEC section 3). Fractions and fees are plain
 * decimals (0.02 = 2 %); bands are basis points.
 *
 * <p>{@code priceJumpWindowSeconds} and {@code maxSourceDivergenceBps} (v2) are boxed only so that a
 * journal row or request without them reads as null: null means {@link #DEFAULT_PRICE_JUMP_WINDOW_SECONDS}
 * and {@link #DEFAULT_MAX_SOURCE_DIVERGENCE_BPS}, and a constructed spec never holds null.
 */
public record MarketSpec(
        String market,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minSize,
        BigDecimal initialMarginFraction,
        BigDecimal maintenanceMarginFraction,
        BigDecimal makerFee,
        BigDecimal takerFee,
        BigDecimal liquidationFee,
        long fundingIntervalSeconds,
        BigDecimal maxFundingRate,
        int priceBandBps,
        int postOnlyBandBps,
        int maxPriceJumpBps,
        long maxPriceAgeSeconds,
        Long priceJumpWindowSeconds,
        Integer maxSourceDivergenceBps) {

    /**
     * What a market created before v2 has, and what a journal row that omits the value means: never
     * change these (the journal codec leaves them out when equal, so old rows keep their exact text).
     */
    public static final long DEFAULT_PRICE_JUMP_WINDOW_SECONDS = 60;

    public static final int DEFAULT_MAX_SOURCE_DIVERGENCE_BPS = 200;

    /**
     * Each parameter added after the first build, by name, with the value its absence means (the defaults
     * above). The journal codec leaves a parameter out of a row while it holds this value; a new parameter
     * adds its entry here.
     */
    public static final Map<String, Object> ABSENT_MEANS = Map.of(
            "priceJumpWindowSeconds", DEFAULT_PRICE_JUMP_WINDOW_SECONDS,
            "maxSourceDivergenceBps", DEFAULT_MAX_SOURCE_DIVERGENCE_BPS);

    /**
     * The snapshot format ({@code Engine.FORMAT_VERSION}) that first wrote each parameter added after the
     * first build; an older snapshot reads without it, as the value in {@link #ABSENT_MEANS}.
     */
    static final Map<String, Integer> SNAPSHOT_FORMAT_SINCE = Map.of(
            "priceJumpWindowSeconds", 3,
            "maxSourceDivergenceBps", 3);

    public static final Pattern NAME = Pattern.compile("[A-Z0-9]{1,16}-USD-PERP");
    private static final int MAX_DECIMALS = 12;

    public MarketSpec {
        priceJumpWindowSeconds =
                priceJumpWindowSeconds == null ? DEFAULT_PRICE_JUMP_WINDOW_SECONDS : priceJumpWindowSeconds;
        maxSourceDivergenceBps =
                maxSourceDivergenceBps == null ? DEFAULT_MAX_SOURCE_DIVERGENCE_BPS : maxSourceDivergenceBps;
    }

    /** The same parameters under another market name. */
    public MarketSpec withMarket(String name) {
        return MarketPatch.NONE.applyTo(this, name);
    }

    /** These parameters with {@code patch}'s changes. */
    public MarketSpec with(MarketPatch patch) {
        return patch.applyTo(this);
    }

    /** Writes every parameter, the name first, in declaration order. */
    public void writeTo(CanonicalWriter out) {
        out.writeString(market);
        MarketPatch parameters = MarketPatch.of(this);
        for (RecordComponent p : MarketPatch.class.getRecordComponents()) {
            Object value = parameters.get(p.getName());
            switch (value) {
                case BigDecimal d -> out.writeDecimal(d);
                case Long l -> out.writeLong(l);
                case Integer i -> out.writeInt(i);
                default -> throw new IllegalStateException("no snapshot encoding for " + p.getName());
            }
        }
    }

    /** Reads what {@link #writeTo} wrote in {@code in}'s format: a parameter that format lacked is null. */
    public static MarketSpec readFrom(CanonicalReader in) {
        String market = in.readString();
        Map<String, Object> values = new TreeMap<>();
        for (RecordComponent p : MarketPatch.class.getRecordComponents()) {
            if (in.formatVersion() < SNAPSHOT_FORMAT_SINCE.getOrDefault(p.getName(), 0)) {
                continue;
            }
            values.put(p.getName(), read(in, p.getType()));
        }
        return MarketPatch.of(values).orElse(MarketPatch.of(ABSENT_MEANS)).toSpec(market);
    }

    private static Object read(CanonicalReader in, Class<?> type) {
        if (type == BigDecimal.class) {
            return in.readDecimal();
        }
        if (type == Long.class) {
            return in.readLong();
        }
        return in.readInt();
    }

    /** One rule a spec breaks: the field and what is wrong with it. */
    public record Violation(String field, String message) {}

    /** Every rule this spec breaks; empty when it is a valid market. */
    public List<Violation> violations() {
        List<Violation> out = new ArrayList<>();
        if (!NAME.matcher(market).matches()) {
            out.add(new Violation("market", "must look like BTC-USD-PERP (A-Z, 0-9, up to 16 chars, then -USD-PERP)"));
        }
        positive(out, "tickSize", tickSize);
        positive(out, "stepSize", stepSize);
        positive(out, "minSize", minSize);
        if (out.stream().noneMatch(v -> v.field().equals("minSize") || v.field().equals("stepSize"))
                && !Decimals.isMultipleOf(minSize, stepSize)) {
            out.add(new Violation("minSize", "must be a multiple of stepSize"));
        }
        if (tickSize.signum() > 0
                && stepSize.signum() > 0
                && decimals(tickSize) + decimals(stepSize) > Decimals.USD_SCALE) {
            // Keeps every notional (price x size) exact at the ledger's micro-dollar scale.
            out.add(new Violation(
                    "stepSize", "decimals of tickSize and stepSize together must not exceed " + Decimals.USD_SCALE));
        }
        fraction(out, "initialMarginFraction", initialMarginFraction, false);
        fraction(out, "maintenanceMarginFraction", maintenanceMarginFraction, false);
        if (maintenanceMarginFraction.compareTo(initialMarginFraction) >= 0) {
            out.add(new Violation("maintenanceMarginFraction", "must be below initialMarginFraction"));
        }
        fraction(out, "takerFee", takerFee, true);
        if (makerFee.abs().compareTo(takerFee) > 0) {
            // A maker rebate larger than the taker fee would make every trade pay out more than it collects.
            out.add(new Violation("makerFee", "must be between -takerFee and takerFee"));
        }
        fraction(out, "liquidationFee", liquidationFee, true);
        if (liquidationFee.compareTo(maintenanceMarginFraction) > 0) {
            out.add(new Violation("liquidationFee", "must not exceed maintenanceMarginFraction"));
        }
        range(out, "fundingIntervalSeconds", fundingIntervalSeconds, 60, 86_400);
        fraction(out, "maxFundingRate", maxFundingRate, true);
        range(out, "priceBandBps", priceBandBps, 1, 10_000);
        range(out, "postOnlyBandBps", postOnlyBandBps, 1, 10_000);
        range(out, "maxPriceJumpBps", maxPriceJumpBps, 1, 10_000);
        range(out, "maxPriceAgeSeconds", maxPriceAgeSeconds, 1, 3_600);
        range(out, "priceJumpWindowSeconds", priceJumpWindowSeconds, 1, 3_600);
        range(out, "maxSourceDivergenceBps", maxSourceDivergenceBps, 1, 10_000);
        for (var entry : List.of(
                new Object[] {"tickSize", tickSize},
                new Object[] {"stepSize", stepSize},
                new Object[] {"minSize", minSize},
                new Object[] {"makerFee", makerFee},
                new Object[] {"takerFee", takerFee},
                new Object[] {"liquidationFee", liquidationFee},
                new Object[] {"maxFundingRate", maxFundingRate})) {
            if (!Decimals.fitsScale((BigDecimal) entry[1], MAX_DECIMALS)) {
                out.add(new Violation((String) entry[0], "must have at most " + MAX_DECIMALS + " decimals"));
            }
        }
        return out;
    }

    private static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static void positive(List<Violation> out, String field, BigDecimal value) {
        if (value.signum() <= 0) {
            out.add(new Violation(field, "must be greater than 0"));
        }
    }

    private static void fraction(List<Violation> out, String field, BigDecimal value, boolean zeroAllowed) {
        boolean aboveMin = zeroAllowed ? value.signum() >= 0 : value.signum() > 0;
        if (!aboveMin || value.compareTo(BigDecimal.ONE) >= 0) {
            out.add(new Violation(
                    field, "must be " + (zeroAllowed ? "at least 0" : "greater than 0") + " and below 1"));
        }
    }

    private static void range(List<Violation> out, String field, long value, long min, long max) {
        if (value < min || value > max) {
            out.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }
}
