package io.bulwark.engine.market;

import java.math.BigDecimal;

/**
 * A partial change to a market's parameters: a null field is left as it is. The market name is not
 * changeable.
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

    /** The patch that changes nothing; build others from it with the {@code with…} methods. */
    public static final MarketPatch NONE = new MarketPatch(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Whether this patch leaves every parameter as it is (not named {@code isEmpty}: Jackson would journal it). */
    public boolean changesNothing() {
        return equals(NONE);
    }

    public MarketSpec applyTo(MarketSpec s) {
        return applyTo(s, s.market());
    }

    /** {@link #applyTo(MarketSpec)} under another market name (see {@link MarketSpec#withMarket}). */
    MarketSpec applyTo(MarketSpec s, String market) {
        return new MarketSpec(
                market,
                or(tickSize, s.tickSize()),
                or(stepSize, s.stepSize()),
                or(minSize, s.minSize()),
                or(initialMarginFraction, s.initialMarginFraction()),
                or(maintenanceMarginFraction, s.maintenanceMarginFraction()),
                or(makerFee, s.makerFee()),
                or(takerFee, s.takerFee()),
                or(liquidationFee, s.liquidationFee()),
                or(fundingIntervalSeconds, s.fundingIntervalSeconds()),
                or(maxFundingRate, s.maxFundingRate()),
                or(priceBandBps, s.priceBandBps()),
                or(postOnlyBandBps, s.postOnlyBandBps()),
                or(maxPriceJumpBps, s.maxPriceJumpBps()),
                or(maxPriceAgeSeconds, s.maxPriceAgeSeconds()),
                or(priceJumpWindowSeconds, s.priceJumpWindowSeconds()),
                or(maxSourceDivergenceBps, s.maxSourceDivergenceBps()));
    }

    public MarketPatch withTickSize(BigDecimal value) {
        return copy(d -> d.tickSize = value);
    }

    public MarketPatch withStepSize(BigDecimal value) {
        return copy(d -> d.stepSize = value);
    }

    public MarketPatch withMinSize(BigDecimal value) {
        return copy(d -> d.minSize = value);
    }

    public MarketPatch withInitialMarginFraction(BigDecimal value) {
        return copy(d -> d.initialMarginFraction = value);
    }

    public MarketPatch withMaintenanceMarginFraction(BigDecimal value) {
        return copy(d -> d.maintenanceMarginFraction = value);
    }

    public MarketPatch withMakerFee(BigDecimal value) {
        return copy(d -> d.makerFee = value);
    }

    public MarketPatch withTakerFee(BigDecimal value) {
        return copy(d -> d.takerFee = value);
    }

    public MarketPatch withLiquidationFee(BigDecimal value) {
        return copy(d -> d.liquidationFee = value);
    }

    public MarketPatch withFundingIntervalSeconds(Long value) {
        return copy(d -> d.fundingIntervalSeconds = value);
    }

    public MarketPatch withMaxFundingRate(BigDecimal value) {
        return copy(d -> d.maxFundingRate = value);
    }

    public MarketPatch withPriceBandBps(Integer value) {
        return copy(d -> d.priceBandBps = value);
    }

    public MarketPatch withPostOnlyBandBps(Integer value) {
        return copy(d -> d.postOnlyBandBps = value);
    }

    public MarketPatch withMaxPriceJumpBps(Integer value) {
        return copy(d -> d.maxPriceJumpBps = value);
    }

    public MarketPatch withMaxPriceAgeSeconds(Long value) {
        return copy(d -> d.maxPriceAgeSeconds = value);
    }

    public MarketPatch withPriceJumpWindowSeconds(Long value) {
        return copy(d -> d.priceJumpWindowSeconds = value);
    }

    public MarketPatch withMaxSourceDivergenceBps(Integer value) {
        return copy(d -> d.maxSourceDivergenceBps = value);
    }

    private MarketPatch copy(java.util.function.Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** A mutable copy, so each {@code with…} method names only its own field. */
    private static final class Draft {
        private BigDecimal tickSize;
        private BigDecimal stepSize;
        private BigDecimal minSize;
        private BigDecimal initialMarginFraction;
        private BigDecimal maintenanceMarginFraction;
        private BigDecimal makerFee;
        private BigDecimal takerFee;
        private BigDecimal liquidationFee;
        private Long fundingIntervalSeconds;
        private BigDecimal maxFundingRate;
        private Integer priceBandBps;
        private Integer postOnlyBandBps;
        private Integer maxPriceJumpBps;
        private Long maxPriceAgeSeconds;
        private Long priceJumpWindowSeconds;
        private Integer maxSourceDivergenceBps;

        Draft(MarketPatch p) {
            tickSize = p.tickSize;
            stepSize = p.stepSize;
            minSize = p.minSize;
            initialMarginFraction = p.initialMarginFraction;
            maintenanceMarginFraction = p.maintenanceMarginFraction;
            makerFee = p.makerFee;
            takerFee = p.takerFee;
            liquidationFee = p.liquidationFee;
            fundingIntervalSeconds = p.fundingIntervalSeconds;
            maxFundingRate = p.maxFundingRate;
            priceBandBps = p.priceBandBps;
            postOnlyBandBps = p.postOnlyBandBps;
            maxPriceJumpBps = p.maxPriceJumpBps;
            maxPriceAgeSeconds = p.maxPriceAgeSeconds;
            priceJumpWindowSeconds = p.priceJumpWindowSeconds;
            maxSourceDivergenceBps = p.maxSourceDivergenceBps;
        }

        MarketPatch build() {
            return new MarketPatch(
                    tickSize,
                    stepSize,
                    minSize,
                    initialMarginFraction,
                    maintenanceMarginFraction,
                    makerFee,
                    takerFee,
                    liquidationFee,
                    fundingIntervalSeconds,
                    maxFundingRate,
                    priceBandBps,
                    postOnlyBandBps,
                    maxPriceJumpBps,
                    maxPriceAgeSeconds,
                    priceJumpWindowSeconds,
                    maxSourceDivergenceBps);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
