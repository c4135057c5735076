package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketMessage;

/** Housekeeping of the open sessions: server pings, silent clients, and a writer that became a standby. */
class SocketSessionsTests {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMetrics metrics = new SocketMetrics(registry);
    private final SocketProperties properties = new SocketProperties(
            16_384, 1_024, 64, 5, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(1), 20, 10, 20);
    private SocketSessions sessions;

    /** Counts pings and remembers how it was closed. */
    static final class Client implements OutboundQueue.Sink {
        final AtomicInteger pings = new AtomicInteger();
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

        @Override
        public void send(WebSocketMessage<?> message) {
            if (message instanceof PingMessage) {
                pings.incrementAndGet();
            }
        }

        @Override
        public void close(CloseStatus status) {
            closed.complete(status);
        }
    }

    private SocketSessions start(NodeStatus.Role role) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("gateway", new WriterOnlyHandshakeTests.NodeInRole(role));
        sessions = new SocketSessions(beans.getBeanProvider(EngineGateway.class), metrics, properties);
        sessions.start();
        return sessions;
    }

    private ClientSession open(String id, Client client) {
        ClientSession session =
                new ClientSession(id, new OutboundQueue(id, 16, client, metrics, Duration.ofSeconds(1)));
        sessions.add(session);
        return session;
    }

    @AfterEach
    void stop() {
        sessions.stop();
    }

    @Test
    void pingsEverySessionAndClosesOnesThatStopAnswering() {
        start(NodeStatus.Role.WRITER);
        Client answering = new Client();
        Client silent = new Client();
        ClientSession alive = open("alive", answering);
        open("silent", silent);

        // The live client answers every ping (a pong marks it heard) until the silent one is closed.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    alive.heard();
                    return silent.closed.isDone();
                });

        assertThat(answering.pings.get()).isGreaterThan(3);
        assertThat(alive.isOpen()).isTrue();
        CloseStatus status = silent.closed.join();
        assertThat(status.getCode()).isEqualTo(1008);
        assertThat(status.getReason()).contains("pong");
        assertThat(registry.get("bulwark.websocket.disconnects")
                        .tag("reason", "no_pong")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("bulwark.websocket.sessions").gauge().value()).isEqualTo(2);
    }

    @Test
    void closesEverySessionWhenThisInstanceIsNoLongerTheWriter() {
        start(NodeStatus.Role.STANDBY);
        Client client = new Client();
        ClientSession session = open("on-a-standby", client);

        // A live client (heard all along): only the role check may close it.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    session.heard();
                    return client.closed.isDone();
                });

        CloseStatus status = client.closed.join();
        assertThat(status.getCode()).isEqualTo(1012);
        assertThat(status.getReason()).contains("no longer the writer");
    }

    @Test
    void keepsSessionsWhileTheWriterRecoversUnderItsLeaseAsDuringARollback() {
        start(NodeStatus.Role.RECOVERING);
        Client client = new Client();
        ClientSession session = open("during-a-rollback", client);

        // Longer than the once-a-second role check; the client is heard all along.
        await().during(Duration.ofMillis(2_500))
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    session.heard();
                    return !client.closed.isDone();
                });

        assertThat(client.pings.get()).as("housekeeping ran").isPositive();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void closesEverySessionOnShutdown() {
        start(NodeStatus.Role.WRITER);
        Client client = new Client();
        open("s", client);

        sessions.stop();

        assertThat(client.closed.orTimeout(10, TimeUnit.SECONDS).join().getCode())
                .isEqualTo(1001);
    }
}
