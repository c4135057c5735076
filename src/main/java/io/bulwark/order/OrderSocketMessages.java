package io.bulwark.order;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.OrderState;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code order} on the owner's account channel, whenever an order is placed or changes. Not
 * {@link OrderResponse}: the message's {@code type} is the envelope's, so the order type travels as
 * {@code orderType}, and it carries no fills (they come as {@code fill} messages).
 */
@Component
class OrderSocketMessages implements SocketMessages {

    record OrderMessage(
            String orderId,
            String clientOrderId,
            String accountId,
            String market,
            String side,
            String orderType,
            String timeInForce,
            String price,
            String triggerPrice,
            String size,
            String filledSize,
            String averageFillPrice,
            boolean reduceOnly,
            String status,
            String cancelReason,
            String createdAt,
            String updatedAt) {

        static OrderMessage of(OrderState o) {
            return new OrderMessage(
                    o.orderId(),
                    o.clientOrderId().isEmpty() ? null : o.clientOrderId(),
                    o.accountId(),
                    o.market(),
                    o.side().name(),
                    o.type().name(),
                    o.timeInForce().name(),
                    text(o.price()),
                    text(o.triggerPrice()),
                    text(o.size()),
                    text(o.filledSize()),
                    text(o.averageFillPrice()),
                    o.reduceOnly(),
                    o.status().name(),
                    o.cancelReason() == null ? null : o.cancelReason().name(),
                    Instant.ofEpochMilli(o.createdAt()).toString(),
                    Instant.ofEpochMilli(o.updatedAt()).toString());
        }

        private static String text(BigDecimal value) {
            return value == null ? null : Decimals.plain(value);
        }
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case OrderPlaced o -> out.toAccount(o.order().accountId(), "order", OrderMessage.of(o.order()));
            case OrderUpdated o -> out.toAccount(o.order().accountId(), "order", OrderMessage.of(o.order()));
            default -> {}
        }
    }
}
