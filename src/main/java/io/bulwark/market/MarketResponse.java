package io.bulwark.market;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.oracle.PriceHealth;
import io.bulwark.engine.oracle.SourcePrice;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;

/**
 * A market as clients see it (SPEC section 10). {@code state} is the effective state (the stricter of
 * the exchange's and the market's own, which is {@code marketState}). Prices, funding and open interest
 * come from the oracle: {@code indexPrice} and {@code markPrice} are null until the market's first
 * accepted price; {@code fundingRate} is the rate of the last funding interval (0 before the first).
 * {@code priceHealth} says why the price is not healthy ({@code HEALTHY} when it is) and {@code
 * sourcePrices} are the fresh prices of the active oracle sources the index is the median of. The market's
 * parameters are {@link MarketSpec}'s fields, unwrapped into the top level.
 */
record MarketResponse(
        @JsonUnwrapped MarketSpec spec,
        TradingState state,
        TradingState marketState,
        BigDecimal indexPrice,
        BigDecimal markPrice,
        BigDecimal fundingRate,
        BigDecimal openInterest,
        boolean priceHealthy,
        PriceHealth priceHealth,
        List<SourcePrice> sourcePrices) {

    static MarketResponse of(MarketView view) {
        return new MarketResponse(
                view.spec(),
                view.effectiveState(),
                view.state(),
                view.indexPrice(),
                view.markPrice(),
                view.funding().rate(),
                view.openInterest(),
                view.priceHealthy(),
                view.oracle().health(),
                view.oracle().sourcePrices());
    }

    MarketResponse withSpec(MarketSpec applied) {
        return new MarketResponse(
                applied,
                state,
                marketState,
                indexPrice,
                markPrice,
                fundingRate,
                openInterest,
                priceHealthy,
                priceHealth,
                sourcePrices);
    }

    String market() {
        return spec.market();
    }
}
