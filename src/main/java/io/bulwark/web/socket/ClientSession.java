package io.bulwark.web.socket;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;

/**
 * One connected client: its outbound queue, its subscriptions and the key it authenticated with.
 * Messages are sent by offering them to the queue: callers never wait for the socket.
 */
final class ClientSession {
    private final String id;
    private final String network;
    /** The client's address at the handshake (ClientAddress), for the keys' allowed addresses. */
    private final String address;

    private final OutboundQueue outbound;
    private final BooleanSupplier operationAllowed;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Optional<ApiKey> key = Optional.empty();
    private volatile long lastHeardNanos = System.nanoTime();
    private int authFailures;
    /**
     * The key whose account's live orders are cancelled when this connection closes; empty if not asked for.
     * Kept when the key is revoked or expires: cancelling is what the trader asked for and only protects it.
     */
    private volatile Optional<ApiKey> cancelOnDisconnect = Optional.empty();

    /** A session with no address and no limit on its frames (tests of the channels). */
    ClientSession(String id, OutboundQueue outbound) {
        this(id, "", "", outbound, () -> true);
    }

    /**
     * @param address the client's address at the handshake (ClientAddress), for the keys' allowed addresses
     * @param network the client's address as the per-address limit counts it
     * @param operationAllowed takes a token for one frame from the client; false once it sent too many
     */
    ClientSession(String id, String address, String network, OutboundQueue outbound, BooleanSupplier operationAllowed) {
        this.id = id;
        this.address = address;
        this.network = network;
        this.outbound = outbound;
        this.operationAllowed = operationAllowed;
    }

    String address() {
        return address;
    }

    String id() {
        return id;
    }

    String network() {
        return network;
    }

    /** Counts one frame from the client; false when it is over its operations limit. Inbound thread only. */
    boolean tookOperation() {
        return operationAllowed.getAsBoolean();
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

    /** Asks for the account's live orders to be cancelled when this connection closes (SPEC section 11 v2). */
    void cancelOnDisconnect(ApiKey key) {
        this.cancelOnDisconnect = Optional.of(key);
    }

    /** The key whose account to cancel for when this connection closes, if the client asked for it. */
    Optional<ApiKey> cancelOnDisconnect() {
        return cancelOnDisconnect;
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
