package io.bulwark.trade;

import io.bulwark.journal.EngineGateway;
import io.bulwark.web.socket.MarketSnapshot;
import io.bulwark.web.socket.SnapshotSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A new {@code orderbook} subscriber first gets the book's top 100 levels per side, from the view the
 * engine published after its last commit. The gateway is looked up at subscription time: the engine's
 * listeners (the socket feed among them) are built before it.
 */
@Component
class OrderBookSnapshots implements SnapshotSource {
    private final SnapshotSource fromView;

    OrderBookSnapshots(ObjectProvider<EngineGateway> gateway) {
        this.fromView = SnapshotSource.fromView(
                "orderbook",
                gateway::getObject,
                (view, market) ->
                        view.orderBook(market, 100).map(OrderBookResponse::of).orElseThrow());
    }

    @Override
    public String channel() {
        return fromView.channel();
    }

    @Override
    public MarketSnapshot snapshot(String market) {
        return fromView.snapshot(market);
    }
}
