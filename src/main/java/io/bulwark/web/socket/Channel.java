package io.bulwark.web.socket;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The channels a client may subscribe to (SPEC section 11). A new per-market channel is one line here
 * (its name and the {@code type} of its updates): subscriptions, numbering, snapshots (a
 * {@link SnapshotSource} bean named after it) and fan-out follow; its feature publishes to it by name
 * through {@link ChannelPublisher#toMarket}.
 */
enum Channel {
    STATUS("status", ""),
    ACCOUNT("account", ""),
    ORDERBOOK("orderbook", "update"),
    TRADES("trades", "trade"),
    PRICES("prices", "price"),
    TICKER("ticker", "ticker"),
    /** Per market and interval: subscriptions name an {@code interval} too (see {@link #perInterval}). */
    CANDLES("candles", "candle");

    private final String wireName;
    private final String updateType;

    /** @param updateType the {@code type} of a per-market channel's updates; empty: not per market */
    Channel(String wireName, String updateType) {
        this.wireName = wireName;
        this.updateType = updateType;
    }

    /** The name on the wire ({@code "orderbook"}). */
    String wireName() {
        return wireName;
    }

    /**
     * Whether a subscription names an {@code interval} besides the market: the channel keeps one feed per
     * {@code market|interval} ({@link Subscription#key}); the intervals it takes are its feature's
     * ({@link MarketChannel#takesIntervals}).
     */
    boolean perInterval() {
        return this == CANDLES;
    }

    /** Whether a subscription names a market. */
    boolean perMarket() {
        return !updateType.isEmpty();
    }

    /** The {@code type} of a per-market channel's updates ({@code "update"}); empty for the others. */
    String updateType() {
        return updateType;
    }

    /** The wire names, comma-separated, for error messages. */
    static String wireNames() {
        return Arrays.stream(values()).map(Channel::wireName).collect(Collectors.joining(", "));
    }

    static Optional<Channel> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
