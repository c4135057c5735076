package io.bulwark.web.socket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchange-wide {@code status} channel: trading state changes ({@code state}), and whatever else
 * operators announce: maintenance windows, circuit-breaker trips, funding halts, rollbacks. The features
 * write these messages ({@link SocketMessages}); the socket feed publishes them here.
 * Each message reaches subscribers as {@code {"type", "channel":"status", "sequence", "time", ...the
 * payload's fields}}.
 */
public final class StatusChannel {
    private final ServerMessages messages;
    private final Set<ClientSession> subscribers = ConcurrentHashMap.newKeySet();

    StatusChannel(ServerMessages messages) {
        this.messages = messages;
    }

    /**
     * Publishes one status message. Call it after the command is durable (typically from a
     * {@code JournalListener}); never blocks.
     *
     * @param type the message {@code type}, e.g. {@code "maintenance"}, {@code "circuitBreaker"},
     *     {@code "rollback"}
     * @param journalSequence the journal sequence of the command that caused it, sent as {@code sequence}
     * @param timestamp that command's engine timestamp (epoch milliseconds), sent as {@code time}
     * @param payload a record (or map) that serializes to a JSON object
     */
    public synchronized void publish(String type, long journalSequence, long timestamp, Object payload) {
        if (subscribers.isEmpty()) {
            return;
        }
        String frame = messages.channelMessage(
                messages.envelope(type, Channel.STATUS, "").put("sequence", journalSequence), timestamp, payload);
        for (ClientSession session : subscribers) {
            if (!session.send(frame) && !session.isOpen()) {
                subscribers.remove(session);
            }
        }
    }

    /** Queues {@code ack}, then subscribes: under the publishers' lock, so no message falls between. */
    synchronized void add(ClientSession session, String ack) {
        session.send(ack);
        subscribers.add(session);
    }

    void remove(ClientSession session) {
        subscribers.remove(session);
    }
}
