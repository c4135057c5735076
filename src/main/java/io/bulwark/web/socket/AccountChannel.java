package io.bulwark.web.socket;

import io.bulwark.engine.EngineView;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NotWriterException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The private {@code account} channel: a session authenticated with a TRADER key hears only its own
 * account's messages (balances, orders, fills, positions, funding payments, liquidations, refunds: the
 * features write them, see {@link SocketMessages}). Each reaches subscribers as {@code {"type",
 * "channel":"account", "accountId", "sequence", "time", ...the payload's fields}}, {@code sequence} being
 * the journal sequence of the command that caused it.
 *
 * <p>A subscriber first gets a {@code snapshot} (the {@link AccountSnapshotPart}s: account, positions,
 * open orders) with the journal sequence S it reflects, then exactly the messages of the commands after S.
 * The subscriber is registered, holding messages back, before the engine is asked for the snapshot: a
 * message published before that is of a command the snapshot already contains. Once the snapshot is read,
 * the held messages after S follow it, and from then on a message of a command up to S (committed before
 * the snapshot was read but published after) is dropped, never sent after the snapshot.
 */
public final class AccountChannel {
    private static final Logger log = LoggerFactory.getLogger(AccountChannel.class);

    private record Held(long journalSequence, String frame) {}

    /** One subscribed session: holding messages back until its snapshot is sent, then live. */
    private static final class Subscriber {
        private List<Held> held = new ArrayList<>();
        private long snapshotSequence;

        boolean live() {
            return held == null;
        }
    }

    private record Snapshot(long sequence, long timestamp, Map<String, Supplier<Object>> parts) {}

    private final ServerMessages messages;
    private final Supplier<EngineGateway> gateway;
    private final Supplier<List<AccountSnapshotPart>> parts;
    private final int maxHeld;
    /** Guarded by this. */
    private final Map<String, Map<ClientSession, Subscriber>> subscribers = new HashMap<>();

    /**
     * @param gateway looked up at subscription time, like {@code parts}: the engine's listeners (the socket feed
     *     among them) are built before it and the features' beans that read from it
     * @param maxHeld how many messages a subscriber may have held back while its snapshot is read
     */
    AccountChannel(
            ServerMessages messages,
            Supplier<EngineGateway> gateway,
            Supplier<List<AccountSnapshotPart>> parts,
            int maxHeld) {
        this.messages = messages;
        this.gateway = gateway;
        this.parts = parts;
        this.maxHeld = maxHeld;
    }

    /**
     * Publishes one message to the sessions of {@code accountId}. Call it after the command is durable
     * (typically from a {@code JournalListener}), in journal order; never blocks.
     *
     * @param type the message {@code type}, e.g. {@code "order"}, {@code "fill"}, {@code "position"}
     * @param journalSequence the journal sequence of the command that caused it, sent as {@code sequence}
     * @param timestamp that command's engine timestamp (epoch milliseconds), sent as {@code time}
     * @param payload a record (or map) that serializes to a JSON object
     */
    public synchronized void publish(
            String accountId, String type, long journalSequence, long timestamp, Object payload) {
        Map<ClientSession, Subscriber> sessions = subscribers.get(accountId);
        if (sessions == null) {
            return;
        }
        String frame = messages.channelMessage(
                messages.envelope(type, Channel.ACCOUNT, "")
                        .put("accountId", accountId)
                        .put("sequence", journalSequence),
                timestamp,
                payload);
        for (Iterator<Map.Entry<ClientSession, Subscriber>> i =
                        sessions.entrySet().iterator();
                i.hasNext(); ) {
            Map.Entry<ClientSession, Subscriber> entry = i.next();
            if (!deliver(entry.getKey(), entry.getValue(), accountId, journalSequence, frame)) {
                i.remove();
            }
        }
        if (sessions.isEmpty()) {
            subscribers.remove(accountId);
        }
    }

    /** Sends, holds back or drops one message; false when the subscriber is gone (closed, or too far behind). */
    private boolean deliver(
            ClientSession session, Subscriber subscriber, String accountId, long journalSequence, String frame) {
        if (!session.isOpen()) {
            return false;
        }
        // Checked on every message: a session whose key was revoked hears nothing more.
        if (!session.tradesFor(accountId)) {
            return true;
        }
        if (subscriber.live()) {
            if (journalSequence > subscriber.snapshotSequence) {
                session.send(frame);
            }
            return true;
        }
        if (subscriber.held.size() >= maxHeld) {
            session.overflow();
            return false;
        }
        subscriber.held.add(new Held(journalSequence, frame));
        return true;
    }

    /**
     * Subscribes a session to its account: {@code ack}, the {@code snapshot}, then every message after it.
     * Reads the snapshot from the engine (waiting in its queue like a REST read), on the caller's thread.
     *
     * @throws ProtocolException {@code UNAVAILABLE} when the snapshot cannot be read; then not subscribed
     */
    void subscribe(String accountId, ClientSession session, String ack) {
        synchronized (this) {
            subscribers.computeIfAbsent(accountId, a -> new LinkedHashMap<>()).put(session, new Subscriber());
        }
        String frame;
        long sequence;
        try {
            List<AccountSnapshotPart> all = parts.get();
            Snapshot snapshot = gateway.get().query(view -> read(view, accountId, all));
            Map<String, Object> fields = new LinkedHashMap<>();
            snapshot.parts().forEach((field, part) -> fields.put(field, part.get()));
            sequence = snapshot.sequence();
            frame = messages.channelMessage(
                    messages.envelope("snapshot", Channel.ACCOUNT, "")
                            .put("accountId", accountId)
                            .put("sequence", sequence),
                    snapshot.timestamp(),
                    fields);
        } catch (RuntimeException e) {
            remove(accountId, session);
            throw unavailable(e);
        }
        snapshotRead(accountId, session, ack, frame, sequence);
    }

    private static Snapshot read(EngineView view, String accountId, List<AccountSnapshotPart> parts) {
        Map<String, Supplier<Object>> read = new LinkedHashMap<>();
        parts.forEach(p -> read.put(p.field(), p.read(view, accountId)));
        return new Snapshot(view.lastSequence(), view.clock(), read);
    }

    /** Under the publishers' lock: ack, snapshot, the held messages after it; then live. */
    private synchronized void snapshotRead(
            String accountId, ClientSession session, String ack, String frame, long sequence) {
        Subscriber subscriber = subscribers.getOrDefault(accountId, Map.of()).get(session);
        if (subscriber == null || subscriber.live()) {
            return;
        }
        session.send(ack);
        session.send(frame);
        subscriber.held.stream().filter(h -> h.journalSequence() > sequence).forEach(h -> session.send(h.frame()));
        subscriber.held = null;
        subscriber.snapshotSequence = sequence;
    }

    synchronized void remove(String accountId, ClientSession session) {
        Map<ClientSession, Subscriber> sessions = subscribers.get(accountId);
        if (sessions != null) {
            sessions.remove(session);
            if (sessions.isEmpty()) {
                subscribers.remove(accountId);
            }
        }
    }

    private static ProtocolException unavailable(RuntimeException e) {
        if (e instanceof NotWriterException || e instanceof EngineUnavailableException) {
            return new ProtocolException(ErrorCode.UNAVAILABLE, e.getMessage());
        }
        log.warn("No account snapshot", e);
        return new ProtocolException(ErrorCode.UNAVAILABLE, "the account snapshot could not be read; try again");
    }
}
