package io.bulwark.order;

import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.trade.FillResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as clients see it (SPEC section 10), with its fills oldest first. Null: {@code clientOrderId}
 * when none was given, {@code price} for market-type orders, {@code triggerPrice} unless a stop or
 * take-profit, {@code averageFillPrice} before the first fill, {@code cancelReason} unless CANCELLED.
 */
public record OrderResponse(
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
        Instant createdAt,
        Instant updatedAt,
        List<FillResponse> fills) {

    static OrderResponse of(OrderState o, List<FillResponse> fills) {
        return new OrderResponse(
                o.orderId(),
                o.clientOrderId().isEmpty() ? null : o.clientOrderId(),
                o.accountId(),
                o.market(),
                o.side(),
                o.type(),
                o.timeInForce(),
                o.price(),
                o.triggerPrice(),
                o.size(),
                o.filledSize(),
                o.averageFillPrice(),
                o.reduceOnly(),
                o.status(),
                o.cancelReason(),
                Instant.ofEpochMilli(o.createdAt()),
                Instant.ofEpochMilli(o.updatedAt()),
                List.copyOf(fills));
    }

    static OrderResponse of(OrderRow r, List<FillResponse> fills) {
        return new OrderResponse(
                Long.toString(r.orderId()),
                r.clientOrderId().isEmpty() ? null : r.clientOrderId(),
                r.accountId(),
                r.market(),
                Side.valueOf(r.side()),
                OrderType.valueOf(r.type()),
                TimeInForce.valueOf(r.timeInForce()),
                r.price(),
                r.triggerPrice(),
                r.size(),
                r.filledSize(),
                r.averageFillPrice(),
                r.reduceOnly(),
                OrderStatus.valueOf(r.status()),
                r.cancelReason() == null ? null : CancelReason.valueOf(r.cancelReason()),
                r.createdAt(),
                r.updatedAt(),
                List.copyOf(fills));
    }
}
