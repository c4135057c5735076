package io.bulwark.position;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * {@code position} on the account channel when a position changes. Not {@link PositionResponse}: the
 * event carries no mark price, so the message has no mark, unrealized PnL or liquidation price.
 */
@Component
class PositionSocketMessages implements SocketMessages {

    record PositionMessage(String market, BigDecimal size, BigDecimal entryPrice, BigDecimal realizedPnl) {}

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof PositionChanged p) {
            out.toAccount(
                    p.accountId(),
                    "position",
                    new PositionMessage(p.market(), p.size(), p.entryPrice(), p.realizedPnl()));
        }
    }
}
