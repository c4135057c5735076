package io.bulwark.oracle;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code price} on the per-market {@code prices} channel: index, mark and health. A command that moves a
 * market's price several times (one oracle post with many quotes) sends only the last, after its other
 * trading messages; a funding settlement sends the mark it settled at ({@code indexPrice} null) at once.
 * Runs on the journal thread only, so the per-command map needs no lock.
 */
@Component
class PriceSocketMessages implements SocketMessages {

    record PriceMessage(BigDecimal indexPrice, BigDecimal markPrice, boolean priceHealthy) {}

    private final Map<String, PriceMessage> latest = new LinkedHashMap<>();

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case OraclePriceAccepted p ->
                latest.put(p.market(), new PriceMessage(p.indexPrice(), p.markPrice(), p.priceHealthy()));
            case OracleReanchored r ->
                latest.put(r.market(), new PriceMessage(r.toPrice(), r.markPrice(), r.priceHealthy()));
            case FundingSettled f -> out.toMarket("prices", f.market(), new PriceMessage(null, f.markPrice(), true));
            default -> {}
        }
    }

    @Override
    public void commandDone(ChannelPublisher out) {
        try {
            latest.forEach((market, price) -> out.toMarket("prices", market, price));
        } finally {
            latest.clear();
        }
    }
}
