package io.bulwark.web.socket;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-market channels. Publishers take the one they feed: {@code orderbook()} (messages
 * {@code snapshot} and {@code update}), {@code trades()} ({@code trade}), {@code prices()} ({@code price}), {@code ticker()}
 * ({@code ticker}).
 * A {@link SnapshotSource} bean named after a channel gives that channel snapshots on subscribe.
 */
public final class MarketChannels {
    private final Map<Channel, MarketChannel> channels = new EnumMap<>(Channel.class);

    MarketChannels(ServerMessages messages, List<SnapshotSource> sources, int maxHeld) {
        Map<String, SnapshotSource> byChannel =
                sources.stream().collect(Collectors.toMap(SnapshotSource::channel, Function.identity()));
        for (Channel channel : Channel.values()) {
            if (channel.perMarket()) {
                add(channel, channel.updateType(), messages, byChannel, maxHeld);
            }
        }
        byChannel.keySet().stream()
                .filter(name ->
                        Channel.byWireName(name).map(c -> !c.perMarket()).orElse(true))
                .findFirst()
                .ifPresent(name -> {
                    throw new IllegalStateException("a SnapshotSource names '" + name + "', not a market channel");
                });
    }

    private void add(
            Channel channel,
            String updateType,
            ServerMessages messages,
            Map<String, SnapshotSource> sources,
            int maxHeld) {
        channels.put(
                channel,
                new MarketChannel(
                        channel, updateType, messages, Optional.ofNullable(sources.get(channel.wireName())), maxHeld));
    }

    public MarketChannel orderbook() {
        return channels.get(Channel.ORDERBOOK);
    }

    public MarketChannel trades() {
        return channels.get(Channel.TRADES);
    }

    public MarketChannel prices() {
        return channels.get(Channel.PRICES);
    }

    /** The market channel with that wire name ({@code "orderbook"}). */
    public MarketChannel named(String wireName) {
        return Channel.byWireName(wireName)
                .map(this::get)
                .orElseThrow(() -> new IllegalArgumentException("no market channel '" + wireName + "'"));
    }

    /**
     * {@code candles} (SPEC section 11 v2), per market and interval: publish to {@code market|interval}; its
     * publisher is {@code io.bulwark.candle.CandleSocketMessages}.
     */
    public MarketChannel candles() {
        return channels.get(Channel.CANDLES);
    }

    /** {@code ticker} (SPEC section 11 v2); its publisher is {@code io.bulwark.candle.TickerFeed}. */
    public MarketChannel ticker() {
        return channels.get(Channel.TICKER);
    }

    MarketChannel get(Channel channel) {
        MarketChannel found = channels.get(channel);
        if (found == null) {
            throw new IllegalArgumentException(channel + " is not a market channel");
        }
        return found;
    }

    void publishedThrough(long journalSequence) {
        channels.values().forEach(c -> c.publishedThrough(journalSequence));
    }
}
