package io.bulwark.web.socket;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * The open sessions, and their housekeeping on one small scheduler thread: a ping to every session each
 * {@code pingInterval}, closing those that went silent, and closing every session once this instance is
 * no longer the writer (clients reconnect, through the load balancer, to the new writer).
 */
final class SocketSessions implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SocketSessions.class);
    private static final CloseStatus NOT_WRITER =
            CloseStatus.SERVICE_RESTARTED.withReason("this instance is no longer the writer; reconnect");
    private static final CloseStatus SHUTDOWN = CloseStatus.GOING_AWAY.withReason("the server is shutting down");
    private static final CloseStatus SILENT = CloseStatus.POLICY_VIOLATION.withReason("no pong to the server's pings");

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    /** Open sessions per client network; an entry goes when its last session does. */
    private final Map<String, Integer> perNetwork = new ConcurrentHashMap<>();

    private final int maxPerNetwork;
    private final ObjectProvider<EngineGateway> gateway;
    private final SocketMetrics metrics;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private volatile ScheduledExecutorService scheduler;

    /** The gateway is looked up lazily: the engine's listeners (this feed among them) are built before it. */
    SocketSessions(ObjectProvider<EngineGateway> gateway, SocketMetrics metrics, SocketProperties properties) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.pingInterval = properties.pingInterval();
        this.pongTimeout = properties.pongTimeout();
        this.maxPerNetwork = properties.maxConnectionsPerAddress();
        Gauge.builder("bulwark.websocket.sessions", sessions, Map::size)
                .description("Open WebSocket sessions")
                .register(metrics.registry());
    }

    /**
     * Registers a session; false when its network already had the most sessions allowed (handshakes that raced
     * past {@link #full}): the caller closes it, and {@link #remove} still counts it out.
     */
    boolean add(ClientSession session) {
        sessions.put(session.id(), session);
        return perNetwork.merge(session.network(), 1, Integer::sum) <= maxPerNetwork;
    }

    /** Whether {@code network} holds as many open sessions as it may. */
    boolean full(String network) {
        return perNetwork.getOrDefault(network, 0) >= maxPerNetwork;
    }

    Optional<ClientSession> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    Optional<ClientSession> remove(String id) {
        ClientSession removed = sessions.remove(id);
        if (removed != null) {
            perNetwork.computeIfPresent(removed.network(), (network, open) -> open == 1 ? null : open - 1);
        }
        return Optional.ofNullable(removed);
    }

    Collection<ClientSession> all() {
        return sessions.values();
    }

    private void pingAll() {
        long silentSince = System.nanoTime() - pongTimeout.toNanos();
        for (ClientSession session : sessions.values()) {
            if (session.lastHeardNanos() - silentSince < 0) {
                disconnect(session, SILENT, "no_pong");
            } else {
                session.ping();
            }
        }
    }

    /**
     * Only a standby has lost the writer lease. RECOVERING keeps the sessions: it is also the role while a
     * rollback runs under the same lease, and closing then would cut subscribers off from the very
     * {@code rollback} message that tells them to re-read their state.
     */
    private void closeUnlessWriter() {
        if (!sessions.isEmpty() && gateway.getObject().nodeStatus().role() == NodeStatus.Role.STANDBY) {
            sessions.values().forEach(s -> disconnect(s, NOT_WRITER, "not_writer"));
        }
    }

    private void disconnect(ClientSession session, CloseStatus status, String reason) {
        if (session.close(status)) {
            metrics.disconnected(reason);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bulwark-websocket").daemon().factory());
        long ping = pingInterval.toMillis();
        started.scheduleAtFixedRate(guarded(this::pingAll), ping, ping, TimeUnit.MILLISECONDS);
        started.scheduleWithFixedDelay(guarded(this::closeUnlessWriter), 1, 1, TimeUnit.SECONDS);
        scheduler = started;
    }

    /** A periodic task that survives its own failure (a scheduled task that throws is never run again). */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("WebSocket housekeeping failed", e);
            }
        };
    }

    /** Graceful shutdown: every client is told, with 1001, before the web server stops. */
    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
        sessions.values().forEach(s -> disconnect(s, SHUTDOWN, "shutdown"));
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
