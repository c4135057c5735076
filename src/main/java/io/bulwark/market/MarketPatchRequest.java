package io.bulwark.market;

import io.bulwark.engine.market.MarketPatch;
import java.math.BigDecimal;

/**
 * {@code PATCH /api/v1/admin/markets/{market}}: any subset of a market's parameters; an absent (or
 * null) field stays as it is. The name cannot change, so {@code market} is not a field here.
 */
record MarketPatchRequest(
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

    boolean isEmpty() {
        return toPatch().changesNothing();
    }

    MarketPatch toPatch() {
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
