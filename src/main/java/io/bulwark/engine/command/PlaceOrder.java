package io.bulwark.engine.command;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;

/**
 * A new order. {@code price} is null for MARKET, STOP_MARKET and TAKE_PROFIT_MARKET;
 * {@code triggerPrice} is null for LIMIT and MARKET; {@code clientOrderId} is empty when not given.
 */
public record PlaceOrder(
        String accountId,
        String market,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal price,
        BigDecimal triggerPrice,
        BigDecimal size,
        boolean reduceOnly,
        String clientOrderId)
        implements Command {
    /** This order with canonical decimals, as the engine keeps them (see {@link Decimals#canonical}). */
    public PlaceOrder canonical() {
        return new PlaceOrder(
                accountId,
                market,
                side,
                type,
                timeInForce,
                Decimals.canonical(price),
                Decimals.canonical(triggerPrice),
                Decimals.canonical(size),
                reduceOnly,
                clientOrderId);
    }
}
