package io.bulwark.web.socket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One market of one market channel: its update counter and its subscribers. Every update gets the next
 * per-market {@code sequence} (1, 2, 3, ... with no gaps), so a client that sees a gap knows it missed
 * something and resubscribes.
 *
 * <p>A subscriber of a channel with snapshots first receives a {@code snapshot} carrying the sequence of
 * the last update it already contains, then exactly the updates after it. The snapshot is read from the
 * engine at some journal sequence J while updates keep being published; updates that arrive meanwhile
 * are held back. The snapshot is sent once every update up to J is known to be published: when an update
 * after J arrives for this market, or when the journal has published past J ({@link #publishedThrough}).
 * Held-back updates up to J are dropped (the snapshot has them), the rest follow the snapshot.
 */
final class MarketFeed {
    private enum State {
        FETCHING,
        AWAITING,
        LIVE
    }

    private record Update(long sequence, long journalSequence, String frame) {}

    private static final class Subscriber {
        private State state;
        private MarketSnapshot snapshot;
        private ObjectNode snapshotFields;
        private final List<Update> held = new ArrayList<>();

        Subscriber(State state) {
            this.state = state;
        }
    }

    private final Channel channel;
    private final String market;
    /** The interval of a per-interval channel's feed (its key is {@code market|interval}); else empty. */
    private final String interval;

    private final String updateType;
    private final ServerMessages messages;
    private final int maxHeld;
    private final Map<ClientSession, Subscriber> subscribers = new LinkedHashMap<>();
    private long sequence;
    private int awaiting;

    /** @param key the market, or {@code market|interval} on a per-interval channel */
    MarketFeed(Channel channel, String key, String updateType, ServerMessages messages, int maxHeld) {
        this.channel = channel;
        int bar = key.indexOf('|');
        this.market = bar < 0 ? key : key.substring(0, bar);
        this.interval = bar < 0 ? "" : key.substring(bar + 1);
        this.updateType = updateType;
        this.messages = messages;
        this.maxHeld = maxHeld;
    }

    synchronized long sequence() {
        return sequence;
    }

    /** Gives the update the next sequence and hands it to every subscriber; returns that sequence. */
    synchronized long publish(long journalSequence, long timestamp, Object payload) {
        if (subscribers.isEmpty()) {
            return ++sequence;
        }
        ObjectNode fields = messages.fields(payload);
        long next = ++sequence;
        String frame = messages.channelMessage(envelope(updateType, next, journalSequence), timestamp, fields);
        Update update = new Update(next, journalSequence, frame);
        subscribers.entrySet().removeIf(e -> !deliver(e.getKey(), e.getValue(), update));
        return next;
    }

    /** Sends or holds back one update; false when the subscriber is gone (closed, or too far behind). */
    private boolean deliver(ClientSession session, Subscriber subscriber, Update update) {
        if (!session.isOpen()) {
            forget(subscriber);
            return false;
        }
        if (subscriber.state == State.LIVE) {
            session.send(update.frame());
            return true;
        }
        if (subscriber.held.size() >= maxHeld) {
            session.overflow();
            forget(subscriber);
            return false;
        }
        subscriber.held.add(update);
        if (subscriber.state == State.AWAITING && update.journalSequence() > subscriber.snapshot.journalSequence()) {
            sendSnapshot(session, subscriber);
        }
        return true;
    }

    /**
     * A subscriber of a channel without snapshots: {@code ack} is queued, then every update from now on.
     * Both happen under the lock publishers take, so no update falls between them.
     */
    synchronized void addLive(ClientSession session, String ack) {
        session.send(ack);
        forget(subscribers.put(session, new Subscriber(State.LIVE)));
    }

    /** A subscriber whose snapshot is about to be read: updates are held back for it until it is sent. */
    synchronized void addFetching(ClientSession session) {
        forget(subscribers.put(session, new Subscriber(State.FETCHING)));
    }

    /** The snapshot for a fetching subscriber; {@code publishedThrough} as in {@link #publishedThrough}. */
    synchronized void snapshotTaken(
            ClientSession session, MarketSnapshot snapshot, ObjectNode fields, long publishedThrough) {
        Subscriber subscriber = subscribers.get(session);
        if (subscriber == null || subscriber.state != State.FETCHING) {
            return;
        }
        subscriber.snapshot = snapshot;
        subscriber.snapshotFields = fields;
        subscriber.state = State.AWAITING;
        awaiting++;
        boolean laterUpdateSeen =
                subscriber.held.stream().anyMatch(u -> u.journalSequence() > snapshot.journalSequence());
        if (publishedThrough >= snapshot.journalSequence() || laterUpdateSeen) {
            sendSnapshot(session, subscriber);
        }
    }

    /** Every update with a journal sequence up to {@code journalSequence} has been published. */
    synchronized void publishedThrough(long journalSequence) {
        if (awaiting == 0) {
            return;
        }
        subscribers.forEach((session, subscriber) -> {
            if (subscriber.state == State.AWAITING && subscriber.snapshot.journalSequence() <= journalSequence) {
                sendSnapshot(session, subscriber);
            }
        });
    }

    synchronized void remove(ClientSession session) {
        forget(subscribers.remove(session));
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }

    private void sendSnapshot(ClientSession session, Subscriber subscriber) {
        MarketSnapshot snapshot = subscriber.snapshot;
        long through = snapshot.journalSequence();
        List<Update> after = subscriber.held.stream()
                .filter(u -> u.journalSequence() > through)
                .toList();
        long snapshotSequence = after.isEmpty() ? sequence : after.getFirst().sequence() - 1;
        session.send(messages.channelMessage(
                envelope("snapshot", snapshotSequence, through), snapshot.timestamp(), subscriber.snapshotFields));
        after.forEach(u -> session.send(u.frame()));
        subscriber.held.clear();
        subscriber.snapshotFields = null;
        subscriber.state = State.LIVE;
        awaiting--;
    }

    private void forget(Subscriber subscriber) {
        if (subscriber != null && subscriber.state == State.AWAITING) {
            awaiting--;
        }
    }

    private ObjectNode envelope(String type, long marketSequence, long journalSequence) {
        ObjectNode envelope = messages.envelope(type, channel, market);
        if (!interval.isEmpty()) {
            envelope.put("interval", interval);
        }
        return envelope.put("sequence", marketSequence).put("journalSequence", journalSequence);
    }
}
