package io.bulwark.account;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** {@code balance} on the account channel of each trading account a transfer touches. */
@Component
class BalanceSocketMessages implements SocketMessages {

    /** {@code change} is signed: negative when money left. */
    record BalanceMessage(String balance, String change, String kind, String reference) {}

    @Override
    public Pass pass() {
        return Pass.LEDGER_AND_STATE;
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        if (event instanceof Transferred t) {
            balance(out, t.from(), t.fromBalance(), t.amount().negate(), t);
            balance(out, t.to(), t.toBalance(), t.amount(), t);
        }
    }

    private static void balance(
            ChannelPublisher out, String accountId, BigDecimal balance, BigDecimal change, Transferred t) {
        if (!Ledger.isSystemAccount(accountId)) {
            out.toAccount(
                    accountId,
                    "balance",
                    new BalanceMessage(
                            Decimals.plain(balance),
                            Decimals.plain(change),
                            t.kind().name(),
                            t.reference()));
        }
    }
}
