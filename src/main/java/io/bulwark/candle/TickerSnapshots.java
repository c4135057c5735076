package io.bulwark.candle;

import io.bulwark.engine.PublicView;
import io.bulwark.web.socket.MarketSnapshot;
import io.bulwark.web.socket.SnapshotSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A new {@code ticker} subscriber first gets the market's current ticker as a {@code snapshot}. {@link Tickers}
 * comes lazily: it reads the engine, whose journal listeners include the channel this source serves.
 */
@Component
class TickerSnapshots implements SnapshotSource {
    private final ObjectProvider<Tickers> tickers;

    TickerSnapshots(ObjectProvider<Tickers> tickers) {
        this.tickers = tickers;
    }

    @Override
    public String channel() {
        return "ticker";
    }

    @Override
    public MarketSnapshot snapshot(String market) {
        PublicView view = tickers.getObject().view();
        return new MarketSnapshot(
                view.sequence(), view.clock(), tickers.getObject().ticker(view, market));
    }
}
