package io.bulwark.liquidation;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * {@code liquidation} on the liquidated account's channel; {@code circuitBreaker} on the status channel
 * when liquidations pause or resume. Not {@link LiquidationResponse}: the message is the trader's short
 * view, without the evidence (equity, requirement, index) the read model keeps.
 */
@Component
class LiquidationSocketMessages implements SocketMessages {

    record LiquidationMessage(
            String market,
            BigDecimal size,
            BigDecimal price,
            BigDecimal markPrice,
            BigDecimal fee,
            BigDecimal badDebt,
            boolean deleveraged) {}

    /** {@code market} null: every market (a resume of all, or a pause from an older build). */
    record BreakerMessage(boolean liquidationsPaused, String market, String reason) {}

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case Liquidated l ->
                out.toAccount(
                        l.accountId(),
                        "liquidation",
                        new LiquidationMessage(
                                l.market(), l.size(), l.price(), l.markPrice(), l.fee(), l.badDebt(), l.deleveraged()));
            case LiquidationsPaused p ->
                out.toStatus("circuitBreaker", new BreakerMessage(true, p.market(), p.reason()));
            case LiquidationsResumed r ->
                out.toStatus("circuitBreaker", new BreakerMessage(false, r.market(), "resumed by " + r.actor()));
            default -> {}
        }
    }
}
