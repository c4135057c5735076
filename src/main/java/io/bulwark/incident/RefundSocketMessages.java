package io.bulwark.incident;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** {@code refund} on the account channel: an incident refund credited from the liquidator vault. */
@Component
class RefundSocketMessages implements SocketMessages {

    record RefundMessage(String incidentId, BigDecimal amount) {}

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof RefundPaid r) {
            out.toAccount(r.accountId(), "refund", new RefundMessage(r.incidentId(), r.amount()));
        }
    }
}
