package io.bulwark.web.socket;

import io.bulwark.engine.PublicView;
import io.bulwark.journal.EngineGateway;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Where a market channel gets the snapshot a new subscriber receives before its updates. Declare one as a
 * bean per channel that needs it (the {@code orderbook} channel does); {@link MarketChannels} picks it up.
 */
public interface SnapshotSource {

    /** The channel it serves: {@code "orderbook"}, {@code "trades"} or {@code "prices"}. */
    String channel();

    /** The market's current snapshot. Called on a WebSocket thread; it must not wait for the engine. */
    MarketSnapshot snapshot(String market);

    /**
     * A source that reads the {@link PublicView} the engine published after its last commit: {@code read}
     * gets the view and the market. The snapshot is stamped with the view's sequence and clock, so it lines
     * up exactly with the updates: the view is published before the updates of its commit, and a subscriber
     * is registered before the view is read, so every update it misses is in the snapshot.
     */
    static SnapshotSource fromView(
            String channel, Supplier<EngineGateway> gateway, BiFunction<PublicView, String, Object> read) {
        return new SnapshotSource() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public MarketSnapshot snapshot(String market) {
                PublicView view = gateway.get().publicView();
                return new MarketSnapshot(view.sequence(), view.clock(), read.apply(view, market));
            }
        };
    }
}
