package io.bulwark.web.socket;

import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NotWriterException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A per-market channel ({@code orderbook}, {@code trades}, {@code prices}): publishers hand it one
 * payload per update; it numbers the updates per market and fans them out to that market's subscribers.
 *
 * <p>Each update reaches clients as {@code {"type":<update type>, "channel", "market", "sequence",
 * "journalSequence", "time", ...the payload's fields}}, where {@code sequence} counts this channel's
 * updates of that market (1, 2, 3, ... no gaps) and {@code journalSequence} is the journal sequence of the
 * command that caused it. A channel with a {@link SnapshotSource} first sends each new subscriber a
 * {@code snapshot} whose {@code sequence} is that of the last update it contains.
 */
public final class MarketChannel {
    private static final Logger log = LoggerFactory.getLogger(MarketChannel.class);

    private final Channel channel;
    private final String updateType;
    private final ServerMessages messages;
    private final Optional<SnapshotSource> snapshots;
    private final int maxHeld;
    private final ConcurrentHashMap<String, MarketFeed> feeds = new ConcurrentHashMap<>();
    private volatile long publishedThrough;
    private volatile List<String> intervals = List.of();

    MarketChannel(
            Channel channel,
            String updateType,
            ServerMessages messages,
            Optional<SnapshotSource> snapshots,
            int maxHeld) {
        this.channel = channel;
        this.updateType = updateType;
        this.messages = messages;
        this.snapshots = snapshots;
        this.maxHeld = maxHeld;
    }

    /**
     * The intervals a per-interval channel ({@code candles}) keeps, declared by its publisher, in the order
     * error messages list them; {@link #publish} then takes {@code market|interval} as the market.
     */
    public void takesIntervals(List<String> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    boolean takesInterval(String interval) {
        return intervals.contains(interval);
    }

    List<String> intervals() {
        return intervals;
    }

    /** The channel's name on the wire. */
    public String name() {
        return channel.wireName();
    }

    /** The {@code type} of this channel's update messages ({@code update}, {@code trade}, {@code price}). */
    public String updateType() {
        return updateType;
    }

    /**
     * Publishes one update of {@code market}. Call it after the command is durable, from a
     * {@code JournalListener} (the journal thread), in journal order; one publisher per channel. Never
     * blocks: a subscriber that cannot keep up is disconnected.
     *
     * @param journalSequence the journal sequence of the command that caused the update
     * @param timestamp that command's engine timestamp (epoch milliseconds), sent as {@code time}
     * @param payload a record (or map) that serializes to a JSON object; decimals as {@code BigDecimal}
     *     are written as strings
     * @return the update's per-market sequence
     */
    public long publish(String market, long journalSequence, long timestamp, Object payload) {
        return feed(market).publish(journalSequence, timestamp, payload);
    }

    /** The per-market sequence of the last update published for {@code market}; 0 before the first. */
    public long sequence(String market) {
        MarketFeed feed = feeds.get(market);
        return feed == null ? 0 : feed.sequence();
    }

    /** Subscribes a session; {@code ack} is queued before any message of the channel. */
    void subscribe(ClientSession session, String market, String ack) {
        MarketFeed feed = feed(market);
        if (snapshots.isEmpty()) {
            feed.addLive(session, ack);
            return;
        }
        feed.addFetching(session);
        MarketSnapshot snapshot;
        ObjectNode fields;
        try {
            snapshot = snapshots.get().snapshot(market);
            fields = messages.fields(snapshot.payload());
        } catch (RuntimeException e) {
            feed.remove(session);
            throw unavailable(market, e);
        }
        session.send(ack);
        feed.snapshotTaken(session, snapshot, fields, publishedThrough);
    }

    void unsubscribe(ClientSession session, String market) {
        MarketFeed feed = feeds.get(market);
        if (feed != null) {
            feed.remove(session);
        }
    }

    /** Every update up to {@code journalSequence} has been published: snapshots waiting for it can go. */
    void publishedThrough(long journalSequence) {
        if (journalSequence > publishedThrough) {
            publishedThrough = journalSequence;
            feeds.values().forEach(f -> f.publishedThrough(journalSequence));
        }
    }

    /** Whether anyone follows {@code market} here: a publisher may skip building updates nobody gets. */
    public boolean hasSubscribers(String market) {
        return subscriberCount(market) > 0;
    }

    int subscriberCount(String market) {
        MarketFeed feed = feeds.get(market);
        return feed == null ? 0 : feed.subscriberCount();
    }

    private MarketFeed feed(String market) {
        return feeds.computeIfAbsent(market, m -> new MarketFeed(channel, m, updateType, messages, maxHeld));
    }

    private ProtocolException unavailable(String market, RuntimeException e) {
        if (e instanceof NotWriterException || e instanceof EngineUnavailableException) {
            return new ProtocolException(ErrorCode.UNAVAILABLE, e.getMessage());
        }
        log.warn("No {} snapshot of {}", channel.wireName(), market, e);
        return new ProtocolException(
                ErrorCode.UNAVAILABLE,
                "the " + channel.wireName() + " snapshot of " + market + " could not be read; try again");
    }
}
