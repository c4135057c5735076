package io.bulwark.market;

import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The markets a new exchange starts with ({@code bulwark.markets.*}). Seeding happens once, when the
 * engine has no market at all; later changes go through {@code PATCH /api/v1/admin/markets/{market}}.
 *
 * @param seedOnFirstStart whether to create {@link #seed} on an empty exchange
 * @param defaults the values a market takes when its seed or request does not set them: {@link
 *     #SPEC_DEFAULTS} but for the ones configured
 * @param seed the markets to create; unset means BTC-, ETH- and SOL-USD-PERP as in SPEC section 3
 */
@ConfigurationProperties("bulwark.markets")
public record MarketsProperties(
        @DefaultValue("true") boolean seedOnFirstStart,
        @DefaultValue MarketPatch defaults,
        List<Seed> seed) {

    static final List<Seed> SPEC_MARKETS = List.of(
            Seed.of("BTC-USD-PERP", "0.1", "0.001", "0.02", "0.01"),
            Seed.of("ETH-USD-PERP", "0.01", "0.01", "0.05", "0.03"),
            Seed.of("SOL-USD-PERP", "0.001", "0.1", "0.10", "0.05"));

    /**
     * SPEC section 3's defaults; a parameter added later defaults to what its absence means ({@link
     * MarketSpec#ABSENT_MEANS}).
     */
    static final MarketPatch SPEC_DEFAULTS = MarketPatch.of(MarketSpec.ABSENT_MEANS)
            .withMakerFee(new BigDecimal("0.0002"))
            .withTakerFee(new BigDecimal("0.0005"))
            .withLiquidationFee(new BigDecimal("0.01"))
            .withFundingIntervalSeconds(3600L)
            .withMaxFundingRate(new BigDecimal("0.005"))
            .withPriceBandBps(500)
            .withPostOnlyBandBps(100)
            .withMaxPriceJumpBps(1000)
            .withMaxPriceAgeSeconds(30L);

    public MarketsProperties {
        defaults = (defaults == null ? MarketPatch.NONE : defaults).orElse(SPEC_DEFAULTS);
        seed = seed == null || seed.isEmpty() ? SPEC_MARKETS : List.copyOf(seed);
    }

    /** The full specification of every market to seed. */
    public List<MarketSpec> specs() {
        return seed.stream().map(s -> s.toSpec(defaults)).toList();
    }

    /**
     * One market to seed, and the body of {@code POST /api/v1/admin/markets}: the market's name and its
     * parameters, by {@link MarketPatch}'s names. A request must give every parameter marked {@code
     * NotNull}; a seed needs only the name, {@code tickSize}, {@code stepSize} and the two margin fractions
     * ({@code minSize} defaults to {@code stepSize}). Every other unset value comes from the defaults, and
     * the rules are {@link MarketSpec}'s. A parameter added later ({@link MarketSpec#ABSENT_MEANS}) is a
     * component here with no annotation.
     */
    public record Seed(
            @NotNull String market,
            @NotNull BigDecimal tickSize,
            @NotNull BigDecimal stepSize,
            @NotNull BigDecimal minSize,
            @NotNull BigDecimal initialMarginFraction,
            @NotNull BigDecimal maintenanceMarginFraction,
            @NotNull BigDecimal makerFee,
            @NotNull BigDecimal takerFee,
            @NotNull BigDecimal liquidationFee,
            @NotNull Long fundingIntervalSeconds,
            @NotNull BigDecimal maxFundingRate,
            @NotNull Integer priceBandBps,
            @NotNull Integer postOnlyBandBps,
            @NotNull Integer maxPriceJumpBps,
            @NotNull Long maxPriceAgeSeconds,
            Long priceJumpWindowSeconds,
            Integer maxSourceDivergenceBps) {

        static Seed of(String market, String tick, String step, String imf, String mmf) {
            return parse(Map.of(
                    "market", market,
                    "tickSize", new BigDecimal(tick),
                    "stepSize", new BigDecimal(step),
                    "initialMarginFraction", new BigDecimal(imf),
                    "maintenanceMarginFraction", new BigDecimal(mmf)));
        }

        /** The seed with the components named in {@code values}; the others are null. */
        private static Seed parse(Map<String, Object> values) {
            RecordComponent[] components = Seed.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = values.get(components[i].getName());
            }
            try {
                return Seed.class.getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The parameters this gives (every component but the name), by name. */
        MarketPatch parameters() {
            Map<String, Object> values = new TreeMap<>();
            for (RecordComponent c : Seed.class.getRecordComponents()) {
                if (!c.getName().equals("market")) {
                    try {
                        values.put(c.getName(), c.getAccessor().invoke(this));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return MarketPatch.of(values);
        }

        /** The full spec: this seed's values, {@code minSize} from {@code stepSize}, the rest from {@code defaults}. */
        MarketSpec toSpec(MarketPatch defaults) {
            if (market == null
                    || tickSize == null
                    || stepSize == null
                    || initialMarginFraction == null
                    || maintenanceMarginFraction == null) {
                throw new IllegalStateException("bulwark.markets.seed entry " + market
                        + " needs market, tick-size, step-size, initial-margin-fraction and"
                        + " maintenance-margin-fraction");
            }
            return parameters()
                    .orElse(MarketPatch.NONE.withMinSize(stepSize))
                    .orElse(defaults)
                    .toSpec(market);
        }
    }
}
