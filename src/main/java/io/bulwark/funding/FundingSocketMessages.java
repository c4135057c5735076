package io.bulwark.funding;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * {@code funding} on the account channel for each payment, {@code fundingHalted} on the status channel when
 * a market stops accruing. Not {@link FundingPaymentResponse}: the message has no {@code paymentId} (the
 * read model numbers payments). The mark price a settlement fixes goes to {@code prices} with the oracle's.
 */
@Component
class FundingSocketMessages implements SocketMessages {

    record FundingMessage(String market, BigDecimal positionSize, BigDecimal rate, BigDecimal amount) {}

    record FundingHaltMessage(String market, String reason) {}

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case FundingPaid f ->
                out.toAccount(
                        f.accountId(),
                        "funding",
                        new FundingMessage(f.market(), f.positionSize(), f.rate(), f.amount()));
            case FundingHalted h -> out.toStatus("fundingHalted", new FundingHaltMessage(h.market(), h.reason()));
            default -> {}
        }
    }
}
