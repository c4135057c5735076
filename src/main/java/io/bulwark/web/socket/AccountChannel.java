package io.bulwark.web.socket;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private {@code account} channel: a session authenticated with a TRADER key hears only its own
 * account's messages (balances, orders, fills, positions, funding payments, liquidations, refunds: the
 * features write them, see {@link SocketMessages}). Each reaches subscribers as {@code {"type", "channel":"account", "accountId",
 * "sequence", "time", ...the payload's fields}}.
 */
public final class AccountChannel {
    private final ServerMessages messages;
    private final Map<String, Set<ClientSession>> subscribers = new ConcurrentHashMap<>();

    AccountChannel(ServerMessages messages) {
        this.messages = messages;
    }

    /**
     * Publishes one message to the sessions of {@code accountId}. Call it after the command is durable
     * (typically from a {@code JournalListener}); never blocks.
     *
     * @param type the message {@code type}, e.g. {@code "order"}, {@code "fill"}, {@code "position"}
     * @param journalSequence the journal sequence of the command that caused it, sent as {@code sequence}
     * @param timestamp that command's engine timestamp (epoch milliseconds), sent as {@code time}
     * @param payload a record (or map) that serializes to a JSON object
     */
    public synchronized void publish(
            String accountId, String type, long journalSequence, long timestamp, Object payload) {
        Set<ClientSession> sessions = subscribers.get(accountId);
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        String frame = messages.channelMessage(
                messages.envelope(type, Channel.ACCOUNT, "")
                        .put("accountId", accountId)
                        .put("sequence", journalSequence),
                timestamp,
                payload);
        for (ClientSession session : sessions) {
            // Checked on every message: a session whose key was revoked hears nothing more.
            if (session.tradesFor(accountId)) {
                session.send(frame);
            }
        }
    }

    /** Queues {@code ack}, then subscribes: under the publishers' lock, so no message falls between. */
    synchronized void add(String accountId, ClientSession session, String ack) {
        session.send(ack);
        subscribers.compute(accountId, (a, sessions) -> {
            Set<ClientSession> updated = sessions != null ? sessions : ConcurrentHashMap.newKeySet();
            updated.add(session);
            return updated;
        });
    }

    void remove(String accountId, ClientSession session) {
        subscribers.computeIfPresent(accountId, (a, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}
