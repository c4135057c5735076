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

    /** The patch that changes nothing. */
    public static final MarketPatch NONE = new MarketPatch(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    public MarketSpec applyTo(MarketSpec s) {
        return new MarketSpec(
                s.market(),
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

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
