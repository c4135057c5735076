package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/** A session's outbound queue: producers never wait; a consumer that falls behind is disconnected. */
class OutboundQueueTests {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SocketMetrics metrics = new SocketMetrics(registry);

    /** A client that reads nothing: the first write never completes (until interrupted). */
    static final class NeverDrains implements OutboundQueue.Sink {
        final CountDownLatch writing = new CountDownLatch(1);
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

        @Override
        public void send(WebSocketMessage<?> message) throws InterruptedIOException {
            writing.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("write interrupted");
            }
        }

        @Override
        public void close(CloseStatus status) {
            closed.complete(status);
        }
    }

    /** A socket write that cannot complete before {@code open} counts down (or is interrupted). */
    static void writeBlockedUntil(CountDownLatch open) throws InterruptedIOException {
        try {
            open.await();
        } catch (InterruptedException e) {
            throw new InterruptedIOException();
        }
    }

    /** A client that reads everything. */
    static final class Drains implements OutboundQueue.Sink {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

        @Override
        public void send(WebSocketMessage<?> message) {
            if (message instanceof TextMessage text) {
                received.add(text.getPayload());
            }
        }

        @Override
        public void close(CloseStatus status) {
            closed.complete(status);
        }
    }

    @Test
    void deliversMessagesInOrderAndCountsThem() {
        Drains sink = new Drains();
        OutboundQueue queue = new OutboundQueue("in-order", 128, sink, metrics, Duration.ofSeconds(1));

        for (int i = 0; i < 100; i++) {
            assertThat(queue.offer(new TextMessage("m" + i))).isTrue();
        }

        await().until(() -> sink.received.size() == 100);
        assertThat(sink.received).first().isEqualTo("m0");
        assertThat(sink.received).last().isEqualTo("m99");
        assertThat(registry.get("bulwark.websocket.messages.sent").counter().count())
                .isEqualTo(100);
    }

    @Test
    void closesAConsumerThatNeverDrainsAsSlowWithoutEverBlockingTheProducer() throws InterruptedException {
        NeverDrains sink = new NeverDrains();
        OutboundQueue queue = new OutboundQueue("stuck", 8, sink, metrics, Duration.ofMillis(200));
        assertThat(queue.offer(new TextMessage("taken by the sender"))).isTrue();
        sink.writing.await();
        for (int i = 0; i < 8; i++) {
            assertThat(queue.offer(new TextMessage("queued " + i))).isTrue();
        }

        assertThat(queue.offer(new TextMessage("one too many"))).isFalse();

        assertThat(queue.isOpen()).isFalse();
        assertThat(queue.queued()).isLessThanOrEqualTo(1);
        assertThat(registry.get("bulwark.websocket.disconnects")
                        .tag("reason", "slow_consumer")
                        .counter()
                        .count())
                .isEqualTo(1);
        CloseStatus status = sink.closed.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(status.getCode()).isEqualTo(1008);
        assertThat(status.getReason()).contains("slow consumer");
    }

    @Test
    void neverBlocksTheProducerHoweverManyMessagesPileUp() {
        NeverDrains sink = new NeverDrains();
        OutboundQueue queue = new OutboundQueue("flood", 1024, sink, metrics, Duration.ofMillis(200));

        // A guard against a hang, not a benchmark: a blocking offer would never return.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100_000; i++) {
                queue.offer(new TextMessage("m" + i));
            }
        });

        assertThat(queue.isOpen()).isFalse();
        assertThat(registry.get("bulwark.websocket.disconnects")
                        .tag("reason", "slow_consumer")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void sendsWhatIsAlreadyQueuedBeforeAGracefulClose() throws InterruptedException {
        CountDownLatch open = new CountDownLatch(1);
        Drains received = new Drains();
        OutboundQueue.Sink gated = new OutboundQueue.Sink() {
            @Override
            public void send(WebSocketMessage<?> message) throws InterruptedIOException {
                writeBlockedUntil(open);
                received.send(message);
            }

            @Override
            public void close(CloseStatus status) {
                received.close(status);
            }
        };
        OutboundQueue queue = new OutboundQueue("graceful", 16, gated, metrics, Duration.ofSeconds(5));
        queue.offer(new TextMessage("error: too many failed auth attempts"));
        queue.offer(new TextMessage("second"));

        queue.close(CloseStatus.POLICY_VIOLATION);
        open.countDown();

        assertThat(received.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(CloseStatus.POLICY_VIOLATION);
        assertThat(received.received).containsExactly("error: too many failed auth attempts", "second");
    }

    @Test
    void closesWithTheGivenStatusOnceTheQueueIsClosed() {
        Drains sink = new Drains();
        OutboundQueue queue = new OutboundQueue("closing", 16, sink, metrics, Duration.ofSeconds(1));
        queue.offer(new TextMessage("before"));
        await().until(() -> sink.received.size() == 1);

        assertThat(queue.close(CloseStatus.GOING_AWAY)).isTrue();
        assertThat(queue.close(CloseStatus.NORMAL)).isFalse();

        assertThat(sink.closed.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(CloseStatus.GOING_AWAY);
        assertThat(queue.offer(new TextMessage("after"))).isFalse();
        assertThat(sink.received).containsExactly("before");
    }
    /** Messages waiting behind a slow write go out as one batch, flushed once the queue is empty. */
    @Test
    void flushesABurstOnceTheQueueRunsEmpty() {
        CountDownLatch open = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        OutboundQueue.Sink recording = new OutboundQueue.Sink() {
            @Override
            public void send(WebSocketMessage<?> message) throws InterruptedIOException {
                writeBlockedUntil(open);
                calls.add("send " + ((TextMessage) message).getPayload());
            }

            @Override
            public void flush() {
                calls.add("flush");
            }

            @Override
            public void close(CloseStatus status) {}
        };
        OutboundQueue queue = new OutboundQueue("burst", 16, recording, metrics, Duration.ofSeconds(1));
        queue.offer(new TextMessage("a"));
        await().until(() -> queue.queued() == 0); // the sender holds "a" in its write
        queue.offer(new TextMessage("b"));
        queue.offer(new TextMessage("c"));
        open.countDown();

        await().until(() -> calls.size() == 4);
        assertThat(calls).containsExactly("send a", "send b", "send c", "flush");
        queue.offer(new TextMessage("d"));
        await().until(() -> calls.size() == 6);
        assertThat(calls.subList(4, 6)).containsExactly("send d", "flush");
    }
}
