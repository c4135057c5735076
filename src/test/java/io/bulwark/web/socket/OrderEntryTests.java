package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

/**
 * {@link OrderEntry}: a session's order ops run one at a time in the order they came, off the caller's thread, at
 * most {@value OrderEntry#MAX_IN_FLIGHT} in flight; one more is refused with {@code TOO_MANY_REQUESTS}.
 */
class OrderEntryTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SocketMetrics metrics = new SocketMetrics(new SimpleMeterRegistry());
    private final OutboundQueueTests.Drains sink = new OutboundQueueTests.Drains();
    private final ClientSession session =
            new ClientSession("s", new OutboundQueue("s", 1_000, sink, metrics, Duration.ofSeconds(1)));

    @Test
    void opsRunInOrderAndNoMoreThanTheLimitWait() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        OrderOps ops = (key, request) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new OrderOps.Result(200, Map.of("market", ((OrderOps.CancelAll) request).market()));
        };
        OrderEntry entry = new OrderEntry(() -> ops, JSON);

        for (int i = 1; i <= OrderEntry.MAX_IN_FLIGHT; i++) {
            entry.submit(session, new OrderOps.CancelAll("M" + i), IntNode.valueOf(i));
        }
        assertThatThrownBy(() -> entry.submit(session, new OrderOps.CancelAll("late"), IntNode.valueOf(0)))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == OrderEntry.MAX_IN_FLIGHT);
        List<String> markets = sink.received.stream()
                .map(JSON::readTree)
                .peek(m -> assertThat(m.path("type").asString()).isEqualTo("result"))
                .peek(m -> assertThat(m.path("body").path("market").asString())
                        .isEqualTo("M" + m.path("id").asInt()))
                .map(m -> m.path("body").path("market").asString())
                .toList();
        assertThat(markets).first().isEqualTo("M1");
        assertThat(markets).last().isEqualTo("M" + OrderEntry.MAX_IN_FLIGHT);
        assertThat(sink.received.stream()
                        .map(JSON::readTree)
                        .map(m -> m.path("id").asInt()))
                .isSorted();
        assertThat(most.get()).as("one op of a session at a time").isEqualTo(1);

        // Once the lane ran empty, the session may send again.
        entry.submit(session, new OrderOps.CancelAll("again"), IntNode.valueOf(99));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.received.size() == OrderEntry.MAX_IN_FLIGHT + 1);
    }

    @Test
    void anActionAfterOpsWaitsForTheRunningOpAndQueuedOpsOfAClosedSessionAreSkipped() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        OrderOps ops = (key, request) -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.add(((OrderOps.CancelAll) request).market());
            return new OrderOps.Result(200, Map.of());
        };
        OrderEntry entry = new OrderEntry(() -> ops, JSON);
        entry.submit(session, new OrderOps.CancelAll("running"), IntNode.valueOf(1));
        entry.submit(session, new OrderOps.CancelAll("waiting"), IntNode.valueOf(2));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        session.close(CloseStatus.NORMAL);
        entry.afterOps(session, () -> done.add("after"));
        assertThat(done).isEmpty();
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> done.size() == 2);
        assertThat(done).containsExactly("running", "after");

        // With nothing in flight, the action runs at once.
        entry.afterOps(session, () -> done.add("now"));
        assertThat(done).containsExactly("running", "after", "now");
    }
}
