package io.bulwark.web.socket;

import io.bulwark.engine.EngineView;
import io.bulwark.journal.EngineGateway;
import java.util.function.BiFunction;

/**
 * Where a market channel gets the snapshot a new subscriber receives before its updates. Declare one as a
 * bean per channel that needs it (the {@code orderbook} channel does); {@link MarketChannels} picks it up.
 */
public interface SnapshotSource {

    /** The channel it serves: {@code "orderbook"}, {@code "trades"} or {@code "prices"}. */
    String channel();

    /** The market's current snapshot. Called on a WebSocket thread; it may block briefly (an engine query). */
    MarketSnapshot snapshot(String market);

    /**
     * A source that reads the engine through {@link EngineGateway#query}: {@code read} runs on the engine
     * thread, must copy what it returns, and gets the view and the market. The snapshot is stamped with the
     * view's last sequence and clock, read in the same query, so it lines up exactly with the updates.
     */
    static SnapshotSource fromEngine(
            String channel, EngineGateway gateway, BiFunction<EngineView, String, Object> read) {
        return new SnapshotSource() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public MarketSnapshot snapshot(String market) {
                return gateway.query(
                        view -> new MarketSnapshot(view.lastSequence(), view.clock(), read.apply(view, market)));
            }
        };
    }
}
