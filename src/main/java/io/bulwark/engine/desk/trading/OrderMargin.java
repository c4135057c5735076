package io.bulwark.engine.desk.trading;

import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.position.Portfolio;
import java.math.BigDecimal;

/**
 * Initial margin a live order holds: IMF × price × remaining size, exact (reduce-only orders hold
 * none). The price is the limit; for an untriggered market-type order, its trigger price.
 */
final class OrderMargin {

    BigDecimal required(Order order, MarketSpec spec) {
        if (order.reduceOnly) {
            return BigDecimal.ZERO;
        }
        BigDecimal price = order.price != null ? order.price : order.triggerPrice;
        if (price == null) {
            return BigDecimal.ZERO; // a market order never rests
        }
        return price.multiply(spec.stepSize())
                .multiply(BigDecimal.valueOf(order.remainingSteps()))
                .multiply(spec.initialMarginFraction());
    }

    /** Sets what a registered order holds to what it needs now, adjusting its account. */
    void rehold(Order order, MarketSpec spec, Portfolio portfolio, BigDecimal heldBefore) {
        BigDecimal now = required(order, spec);
        portfolio.adjustOrderMargin(now.subtract(heldBefore));
        order.heldMargin = now;
    }
}
