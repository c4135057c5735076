package io.bulwark.engine.order;

import java.math.BigDecimal;

/**
 * An order as clients see it, at one moment. {@code price} is null for MARKET (and for
 * STOP_MARKET/TAKE_PROFIT_MARKET); {@code triggerPrice} is null unless the type is triggered;
 * {@code averageFillPrice} is null until the first fill; {@code cancelReason} null unless CANCELLED;
 * {@code clientOrderId} is empty when none was given.
 */
public record OrderState(
        String orderId,
        String clientOrderId,
        String accountId,
        String market,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal price,
        BigDecimal triggerPrice,
        BigDecimal size,
        BigDecimal filledSize,
        BigDecimal averageFillPrice,
        boolean reduceOnly,
        OrderStatus status,
        CancelReason cancelReason,
        long createdAt,
        long updatedAt) {}
