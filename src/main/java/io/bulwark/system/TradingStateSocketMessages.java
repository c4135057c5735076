package io.bulwark.system;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.state.TradingState;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import org.springframework.stereotype.Component;

/** {@code state} on the status channel: the exchange, or one market, changed trading state. */
@Component
class TradingStateSocketMessages implements SocketMessages {

    /** {@code market} is null for the exchange as a whole. */
    record StateMessage(String market, TradingState from, TradingState to, String reason, boolean forced) {}

    @Override
    public Pass pass() {
        return Pass.LEDGER_AND_STATE;
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof TradingStateChanged s) {
            out.toStatus(
                    "state",
                    new StateMessage(
                            s.market().isEmpty() ? null : s.market(), s.from(), s.to(), s.reason(), s.forced()));
        }
    }
}
