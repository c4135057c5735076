package io.bulwark.web.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/** WebSocket counters: messages sent and sessions the server closed, by reason. */
final class SocketMetrics {
    private final MeterRegistry registry;
    private final Counter sent;
    private final ConcurrentHashMap<String, Counter> disconnects = new ConcurrentHashMap<>();

    SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sent = Counter.builder("bulwark.websocket.messages.sent")
                .description("Messages written to WebSocket clients")
                .register(registry);
    }

    void sent() {
        sent.increment();
    }

    /** A session the server closed: slow_consumer, no_pong, auth_failures, not_writer, shutdown,
     * too_many_connections, too_many_operations. */
    void disconnected(String reason) {
        disconnects
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("bulwark.websocket.disconnects")
                                .description("WebSocket sessions closed by the server, by reason")
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    MeterRegistry registry() {
        return registry;
    }
}
