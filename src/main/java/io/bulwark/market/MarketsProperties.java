package io.bulwark.market;

import io.bulwark.engine.market.MarketSpec;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The markets a new exchange starts with ({@code bulwark.markets.*}). Seeding happens once, when the
 * engine has no market at all; later changes go through {@code PATCH /api/v1/admin/markets/{market}}.
 *
 * @param seedOnFirstStart whether to create {@link #seed} on an empty exchange
 * @param defaults the values a seeded market takes when it does not set them itself
 * @param seed the markets to create; unset means BTC-, ETH- and SOL-USD-PERP as in SPEC section 3
 */
@ConfigurationProperties("bulwark.markets")
public record MarketsProperties(
        @DefaultValue("true") boolean seedOnFirstStart,
        @DefaultValue Defaults defaults,
        List<Seed> seed) {

    static final List<Seed> SPEC_MARKETS = List.of(
            Seed.of("BTC-USD-PERP", "0.1", "0.001", "0.02", "0.01"),
            Seed.of("ETH-USD-PERP", "0.01", "0.01", "0.05", "0.03"),
            Seed.of("SOL-USD-PERP", "0.001", "0.1", "0.10", "0.05"));

    public MarketsProperties {
        seed = seed == null || seed.isEmpty() ? SPEC_MARKETS : List.copyOf(seed);
    }

    /** The full specification of every market to seed. */
    public List<MarketSpec> specs() {
        return seed.stream().map(s -> s.toSpec(defaults)).toList();
    }

    /** Per-market defaults (SPEC section 3). */
    public record Defaults(
            @DefaultValue("0.0002") BigDecimal makerFee,
            @DefaultValue("0.0005") BigDecimal takerFee,
            @DefaultValue("0.01") BigDecimal liquidationFee,
            @DefaultValue("3600") long fundingIntervalSeconds,
            @DefaultValue("0.005") BigDecimal maxFundingRate,
            @DefaultValue("500") int priceBandBps,
            @DefaultValue("100") int postOnlyBandBps,
            @DefaultValue("1000") int maxPriceJumpBps,
            @DefaultValue("30") long maxPriceAgeSeconds,
            @DefaultValue("60") long priceJumpWindowSeconds,
            @DefaultValue("200") int maxSourceDivergenceBps) {}

    /**
     * One market to seed. {@code minSize} defaults to {@code stepSize}; every other unset value comes
     * from {@link Defaults}.
     */
    public record Seed(
            String market,
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

        static Seed of(String market, String tick, String step, String imf, String mmf) {
            return new Seed(
                    market,
                    new BigDecimal(tick),
                    new BigDecimal(step),
                    null,
                    new BigDecimal(imf),
                    new BigDecimal(mmf),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        MarketSpec toSpec(Defaults d) {
            if (market == null
                    || tickSize == null
                    || stepSize == null
                    || initialMarginFraction == null
                    || maintenanceMarginFraction == null) {
                throw new IllegalStateException("bulwark.markets.seed entry " + market
                        + " needs market, tick-size, step-size, initial-margin-fraction and"
                        + " maintenance-margin-fraction");
            }
            return new MarketSpec(
                    market,
                    tickSize,
                    stepSize,
                    or(minSize, stepSize),
                    initialMarginFraction,
                    maintenanceMarginFraction,
                    or(makerFee, d.makerFee()),
                    or(takerFee, d.takerFee()),
                    or(liquidationFee, d.liquidationFee()),
                    or(fundingIntervalSeconds, d.fundingIntervalSeconds()),
                    or(maxFundingRate, d.maxFundingRate()),
                    or(priceBandBps, d.priceBandBps()),
                    or(postOnlyBandBps, d.postOnlyBandBps()),
                    or(maxPriceJumpBps, d.maxPriceJumpBps()),
                    or(maxPriceAgeSeconds, d.maxPriceAgeSeconds()),
                    or(priceJumpWindowSeconds, d.priceJumpWindowSeconds()),
                    or(maxSourceDivergenceBps, d.maxSourceDivergenceBps()));
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
