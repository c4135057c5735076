package io.bulwark.market;

import io.bulwark.engine.market.MarketSpec;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/admin/markets}: every field of a market is required but the v2 oracle limits
 * ({@code priceJumpWindowSeconds}, {@code maxSourceDivergenceBps}), which default to {@code
 * bulwark.markets.defaults.*}; the rules are {@link MarketSpec}'s.
 */
record MarketRequest(
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

    /** The spec this asks for; the defaults fill in what it leaves out, as for a seeded market. */
    MarketSpec toSpec(MarketsProperties.Defaults defaults) {
        return new MarketsProperties.Seed(
                        market,
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
                        maxSourceDivergenceBps)
                .toSpec(defaults);
    }
}
