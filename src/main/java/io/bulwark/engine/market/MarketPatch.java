package io.bulwark.engine.market;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A partial change to a market's parameters: a null field is left as it is. The market name is not
 * changeable.
 *
 * <p>The components are the one list of market parameters besides {@link MarketSpec}'s: everything else
 * (applying a patch, the seed and request mapping, the snapshot, the {@code markets} row) goes through
 * them by name, so a new parameter is a component here and its {@code with…} method.
 */
public record MarketPatch(
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minSize,
        BigDecimal initialMarginFraction,
        BigDecimal maintenanceMarginFraction,
        BigDecimal makerFee,
        BigDecimal takerFee,
        BigDecimal liquidationFee,
        Long fundingIntervalSeconds,
        BigDecimal maxFundingRate,
        Integer priceBandBps,
        Integer postOnlyBandBps,
        Integer maxPriceJumpBps,
        Long maxPriceAgeSeconds,
        Long priceJumpWindowSeconds,
        Integer maxSourceDivergenceBps) {

    private static final RecordComponent[] PARAMETERS = MarketPatch.class.getRecordComponents();

    /** The patch that changes nothing; build others from it with the {@code with…} methods. */
    public static final MarketPatch NONE = build(name -> null);

    /** Whether this patch leaves every parameter as it is (not named {@code isEmpty}: Jackson would journal it). */
    public boolean changesNothing() {
        return equals(NONE);
    }

    public MarketSpec applyTo(MarketSpec s) {
        return applyTo(s, s.market());
    }

    /** {@link #applyTo(MarketSpec)} under another market name (see {@link MarketSpec#withMarket}). */
    MarketSpec applyTo(MarketSpec s, String market) {
        return orElse(of(s)).toSpec(market);
    }

    /** Every parameter of {@code spec}. */
    public static MarketPatch of(MarketSpec spec) {
        return build(name -> read(MarketSpec.class, spec, name));
    }

    /** The parameters named in {@code values}, by their component name; the others are null. */
    public static MarketPatch of(Map<String, ?> values) {
        return NONE.with(values);
    }

    /** This patch with the parameters named in {@code values} set (an unknown name is an error). */
    public MarketPatch with(Map<String, ?> values) {
        for (String name : values.keySet()) {
            component(name);
        }
        return build(name -> values.containsKey(name) ? values.get(name) : read(MarketPatch.class, this, name));
    }

    /** This patch with each parameter it leaves unset taken from {@code fallback}. */
    public MarketPatch orElse(MarketPatch fallback) {
        return build(name -> {
            Object value = read(MarketPatch.class, this, name);
            return value != null ? value : read(MarketPatch.class, fallback, name);
        });
    }

    /** The parameter named {@code name} (its component name), null when this patch leaves it unset. */
    public Object get(String name) {
        component(name);
        return read(MarketPatch.class, this, name);
    }

    /** The names of the parameters this patch leaves unset. */
    public List<String> unset() {
        return Arrays.stream(PARAMETERS)
                .map(RecordComponent::getName)
                .filter(name -> read(MarketPatch.class, this, name) == null)
                .toList();
    }

    /** The market {@code market} with these parameters; each must be set. */
    public MarketSpec toSpec(String market) {
        List<String> unset = unset();
        if (!unset.isEmpty()) {
            throw new IllegalStateException("market " + market + " has no " + String.join(", ", unset));
        }
        RecordComponent[] spec = MarketSpec.class.getRecordComponents();
        Object[] args = new Object[spec.length];
        Class<?>[] types = new Class<?>[spec.length];
        for (int i = 0; i < spec.length; i++) {
            types[i] = spec[i].getType();
            args[i] = i == 0 ? market : read(MarketPatch.class, this, spec[i].getName());
        }
        try {
            return MarketSpec.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public MarketPatch withTickSize(BigDecimal value) {
        return with("tickSize", value);
    }

    public MarketPatch withStepSize(BigDecimal value) {
        return with("stepSize", value);
    }

    public MarketPatch withMinSize(BigDecimal value) {
        return with("minSize", value);
    }

    public MarketPatch withInitialMarginFraction(BigDecimal value) {
        return with("initialMarginFraction", value);
    }

    public MarketPatch withMaintenanceMarginFraction(BigDecimal value) {
        return with("maintenanceMarginFraction", value);
    }

    public MarketPatch withMakerFee(BigDecimal value) {
        return with("makerFee", value);
    }

    public MarketPatch withTakerFee(BigDecimal value) {
        return with("takerFee", value);
    }

    public MarketPatch withLiquidationFee(BigDecimal value) {
        return with("liquidationFee", value);
    }

    public MarketPatch withFundingIntervalSeconds(Long value) {
        return with("fundingIntervalSeconds", value);
    }

    public MarketPatch withMaxFundingRate(BigDecimal value) {
        return with("maxFundingRate", value);
    }

    public MarketPatch withPriceBandBps(Integer value) {
        return with("priceBandBps", value);
    }

    public MarketPatch withPostOnlyBandBps(Integer value) {
        return with("postOnlyBandBps", value);
    }

    public MarketPatch withMaxPriceJumpBps(Integer value) {
        return with("maxPriceJumpBps", value);
    }

    public MarketPatch withMaxPriceAgeSeconds(Long value) {
        return with("maxPriceAgeSeconds", value);
    }

    public MarketPatch withPriceJumpWindowSeconds(Long value) {
        return with("priceJumpWindowSeconds", value);
    }

    public MarketPatch withMaxSourceDivergenceBps(Integer value) {
        return with("maxSourceDivergenceBps", value);
    }

    private MarketPatch with(String name, Object value) {
        component(name);
        return build(n -> n.equals(name) ? value : read(MarketPatch.class, this, n));
    }

    private static RecordComponent component(String name) {
        return Arrays.stream(PARAMETERS)
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no market parameter " + name));
    }

    /** A patch whose parameters are {@code value}'s answers, in declaration order. */
    private static MarketPatch build(Function<String, Object> value) {
        Object[] args = new Object[PARAMETERS.length];
        Class<?>[] types = new Class<?>[PARAMETERS.length];
        for (int i = 0; i < PARAMETERS.length; i++) {
            types[i] = PARAMETERS[i].getType();
            args[i] = value.apply(PARAMETERS[i].getName());
        }
        try {
            return MarketPatch.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <R extends Record> Object read(Class<R> type, R record, String name) {
        try {
            return type.getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
