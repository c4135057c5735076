package io.bulwark.oracle;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code price} on the per-market {@code prices} channel: index, mark, health and funding. A command that
 * moves a market's price several times (one oracle post with many quotes) sends only the last, after its
 * other trading messages; a funding settlement sends the mark it settled at ({@code indexPrice} null) and
 * its rate at once. {@code fundingRate} (the rate of the last settled interval, as the ticker and {@code GET
 * /markets/{market}} give it) and {@code nextFundingTime} come from the view the engine published after the
 * commit being sent. Runs on the journal thread only, so the per-command map needs no lock.
 */
@Component
class PriceSocketMessages implements SocketMessages {

    /** {@code nextFundingTime}: ISO-8601, null before the market's first funding interval is set. */
    record PriceMessage(
            BigDecimal indexPrice,
            BigDecimal markPrice,
            boolean priceHealthy,
            BigDecimal fundingRate,
            Instant nextFundingTime) {}

    private record Prices(BigDecimal indexPrice, BigDecimal markPrice, boolean priceHealthy) {}

    private final ObjectProvider<EngineGateway> gateway;
    private final Map<String, Prices> latest = new LinkedHashMap<>();

    /** The gateway is looked up when publishing: the engine's listeners (the socket feed) are built before it. */
    PriceSocketMessages(ObjectProvider<EngineGateway> gateway) {
        this.gateway = gateway;
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case OraclePriceAccepted p ->
                latest.put(p.market(), new Prices(p.indexPrice(), p.markPrice(), p.priceHealthy()));
            case OracleReanchored r -> latest.put(r.market(), new Prices(r.toPrice(), r.markPrice(), r.priceHealthy()));
            case FundingSettled f -> {
                Optional<EngineView.Funding> funding = funding(f.market());
                out.toMarket(
                        "prices",
                        f.market(),
                        new PriceMessage(
                                null,
                                f.markPrice(),
                                true,
                                f.rate(),
                                funding.flatMap(PriceSocketMessages::next).orElse(null)));
            }
            default -> {}
        }
    }

    @Override
    public void commandDone(ChannelPublisher out) {
        try {
            latest.forEach((market, price) -> {
                Optional<EngineView.Funding> funding = funding(market);
                out.toMarket(
                        "prices",
                        market,
                        new PriceMessage(
                                price.indexPrice(),
                                price.markPrice(),
                                price.priceHealthy(),
                                funding.map(EngineView.Funding::rate).orElse(BigDecimal.ZERO),
                                funding.flatMap(PriceSocketMessages::next).orElse(null)));
            });
        } finally {
            latest.clear();
        }
    }

    private Optional<EngineView.Funding> funding(String market) {
        return gateway.getObject().publicView().market(market).map(EngineView.MarketView::funding);
    }

    private static Optional<Instant> next(EngineView.Funding funding) {
        return funding.nextFundingTime() == 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(funding.nextFundingTime()));
    }
}
