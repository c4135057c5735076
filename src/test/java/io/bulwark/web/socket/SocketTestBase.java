package io.bulwark.web.socket;

import static org.awaitility.Awaitility.await;

import io.bulwark.web.HttpApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WebSocket tests share the HTTP tests' application. Each test closes the connections it opened and
 * waits until the server has let go of them, so the next one starts with no session open.
 */
abstract class SocketTestBase extends HttpApiTestBase {
    private final List<SocketClient> clients = new ArrayList<>();

    @Autowired
    protected MeterRegistry meters;

    protected SocketClient connect() {
        SocketClient client = SocketClient.connect(port);
        clients.add(client);
        return client;
    }

    /** A connection authenticated with {@code apiKey}. */
    protected SocketClient connectAs(String apiKey) {
        SocketClient client = connect();
        client.ask("{\"op\":\"auth\",\"apiKey\":\"" + apiKey + "\"}", "authenticated");
        return client;
    }

    protected double openSessions() {
        return meters.get("bulwark.websocket.sessions").gauge().value();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(SocketClient::close);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> openSessions() == 0);
    }
}
