package io.bulwark.order;

import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.web.EngineClient;
import io.bulwark.web.socket.CancelOnDisconnect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cancel-on-disconnect (SPEC section 11 v2): a WebSocket connection that asked for it closed, so every live
 * order of its account is cancelled with reason DISCONNECT, one journaled CancelOrders. Runs on the thread
 * that reports the close and waits for the commit, so a client that reconnects at once finds its orders
 * already cancelled. With nothing live it journals nothing. A failure (a standby, the engine stopping) is
 * logged: the connection is gone, there is no one to answer.
 */
@Component
class DisconnectCancels implements CancelOnDisconnect {
    private static final Logger log = LoggerFactory.getLogger(DisconnectCancels.class);

    private final EngineClient engine;

    DisconnectCancels(EngineClient engine) {
        this.engine = engine;
    }

    @Override
    public void connectionClosed(String accountId, String actor) {
        try {
            boolean anyLive =
                    engine.query(view -> !view.liveOrders(accountId, "").isEmpty());
            if (anyLive) {
                engine.apply(new CancelOrders(accountId, "", CancelReason.DISCONNECT), actor);
            }
        } catch (RuntimeException e) {
            log.warn("Cancel-on-disconnect for account {} failed: {}", accountId, e.toString());
        }
    }
}
