package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.ManualClock;
import io.bulwark.web.security.EdgeLimitsTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * At most 20 open connections per client address (the 21st handshake is refused with 429 before the upgrade)
 * and at most 10 frames per second per connection, burst 20 (past it: closed with 1008). The test's loopback
 * client is the trusted proxy, so each test names its own client address; the limits' clock stands still.
 */
@EdgeLimitsTest
class SocketLimitTests extends SocketTestBase {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private final List<SocketClient> opened = new ArrayList<>();

    @Autowired
    ManualClock clock;

    @BeforeEach
    void everyBucketFull() {
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void closeOpened() {
        opened.forEach(SocketClient::close);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> openSessions() == 0);
    }

    private static String newClient() {
        return "198.51.100." + (100 + CLIENTS.incrementAndGet());
    }

    private SocketClient open(String client) {
        SocketClient socket = SocketClient.connectAs(port, client);
        opened.add(socket);
        return socket;
    }

    @Test
    void theTwentyFirstConnectionFromOneAddressIsRefusedWith429() {
        String client = newClient();
        for (int i = 0; i < EdgeLimitsTest.CONNECTIONS; i++) {
            open(client).ask("{\"op\":\"ping\"}", "pong");
        }

        assertThat(SocketClient.refusedHandshake(port, client)).isEqualTo(429);
        // The same address written with padding is the same client.
        assertThat(SocketClient.refusedHandshake(port, client + "  ")).isEqualTo(429);

        // Another address is not affected, and a closed connection frees its place.
        open(newClient()).ask("{\"op\":\"ping\"}", "pong");
        opened.getFirst().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> openSessions() == EdgeLimitsTest.CONNECTIONS);
        open(client).ask("{\"op\":\"ping\"}", "pong");
    }

    @Test
    void addressesInOneIpv6Slash64ShareTheirLimit() {
        for (int i = 0; i < EdgeLimitsTest.CONNECTIONS; i++) {
            open("2001:db8:7:7::" + Integer.toHexString(i + 1)).ask("{\"op\":\"ping\"}", "pong");
        }
        assertThat(SocketClient.refusedHandshake(port, "2001:db8:7:7:ffff::1")).isEqualTo(429);
        open("2001:db8:7:8::1").ask("{\"op\":\"ping\"}", "pong");
    }

    @Test
    void fiftyOperationsAtOnceCloseTheConnectionWith1008AfterTheBurst() {
        SocketClient flooder = open(newClient());
        SocketClient bystander = open(newClient());
        for (int i = 0; i < 50; i++) {
            try {
                flooder.send("{\"op\":\"ping\",\"id\":" + i + "}");
            } catch (java.util.concurrent.CompletionException closedWhileSending) {
                // The server closes after the burst's next frame, possibly while later frames are still going out.
                assertThat(i).isGreaterThan(EdgeLimitsTest.OPERATIONS_BURST);
                break;
            }
        }

        SocketClient.Closed closed = flooder.awaitClosed();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("operations per second");
        // The burst was answered, nothing after it: pings count as operations.
        List<JsonNode> answered = flooder.drain();
        assertThat(answered).hasSize(EdgeLimitsTest.OPERATIONS_BURST);
        assertThat(answered).allMatch(m -> m.path("type").asString().equals("pong"));

        bystander.ask("{\"op\":\"ping\"}", "pong");
    }

    @Test
    void aConnectionWithinItsRateStaysOpen() {
        SocketClient socket = open(newClient());
        for (int i = 0; i < EdgeLimitsTest.OPERATIONS_BURST; i++) {
            socket.ask("{\"op\":\"ping\"}", "pong");
        }
        for (int second = 0; second < 3; second++) {
            clock.advance(Duration.ofSeconds(1));
            for (int i = 0; i < EdgeLimitsTest.OPERATIONS_PER_SECOND; i++) {
                socket.ask("{\"op\":\"ping\"}", "pong");
            }
        }
        assertThat(socket.isClosed()).isFalse();
    }
}
