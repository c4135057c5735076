package io.bulwark.web.socket;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;

/**
 * One connected client: its outbound queue, its subscriptions and the key it authenticated with.
 * Messages are sent by offering them to the queue: callers never wait for the socket.
 */
final class ClientSession {
    private final String id;
    /** The client's address at the handshake (ClientAddress), for the keys' allowed addresses. */
    private final String address;

    private final OutboundQueue outbound;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Optional<ApiKey> key = Optional.empty();
    private volatile long lastHeardNanos = System.nanoTime();
    private int authFailures;

    ClientSession(String id, OutboundQueue outbound) {
        this(id, "", outbound);
    }

    ClientSession(String id, String address, OutboundQueue outbound) {
        this.id = id;
        this.address = address;
        this.outbound = outbound;
    }

    String address() {
        return address;
    }

    String id() {
        return id;
    }

    /** Queues a JSON message; false if the session is closing (a full queue closes it). */
    boolean send(String json) {
        return outbound.offer(new TextMessage(json));
    }

    void ping() {
        outbound.offer(new PingMessage());
    }

    /** Closes the session as a slow consumer: it could not take its messages as fast as they came. */
    void overflow() {
        outbound.overflow();
    }

    /** Starts closing the session; false if it was already closing. Never blocks. */
    boolean close(CloseStatus status) {
        return outbound.close(status);
    }

    boolean isOpen() {
        return outbound.isOpen();
    }

    /** Anything arrived from the client: a frame or a pong. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    Optional<ApiKey> key() {
        return key;
    }

    void authenticate(ApiKey key) {
        this.key = Optional.of(key);
    }

    void forgetKey() {
        this.key = Optional.empty();
    }

    /**
     * Whether this session is authenticated with a TRADER key of {@code accountId} that may read it: one with
     * the READ scope that has not expired since the session authenticated.
     */
    boolean tradesFor(String accountId) {
        return key.filter(k -> k.role() == Role.TRADER
                        && k.accountId().equals(accountId)
                        && k.grant().has(Scope.READ)
                        && !k.grant().expiredAt(System.currentTimeMillis()))
                .isPresent();
    }

    /** Counts a failed {@code auth}; returns how many there have been. Inbound thread only. */
    int authFailed() {
        return ++authFailures;
    }

    Set<Subscription> subscriptions() {
        return subscriptions;
    }
}
