package io.bulwark.web.socket;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * A session's outbound side: a bounded queue that producers (the journal thread among them) only ever
 * {@link #offer} to, and one virtual thread that drains it onto the socket, flushing when it runs empty.
 * A producer never waits: a session whose queue is full is a slow consumer and is closed (1008), its
 * queue dropped.
 *
 * <p>Closing is asynchronous too: the sender sends what is already queued (a slow consumer's queue is
 * dropped instead) and then closes the socket with the status given. A sender stuck in a write longer than {@code closeGrace} is interrupted, and
 * after another grace period the socket is closed without it.
 */
final class OutboundQueue {
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);
    /** Wakes the sender when the queue is closed while it waits for messages. */
    private static final WebSocketMessage<?> WAKE_UP = new PingMessage();

    /** Where messages go: the socket. {@code close} must not throw. */
    interface Sink {
        void send(WebSocketMessage<?> message) throws IOException;

        /** Writes out what {@link #send} may have batched; called whenever the queue runs empty. */
        default void flush() throws IOException {}

        void close(CloseStatus status);
    }

    private final BlockingQueue<WebSocketMessage<?>> queue;
    private final int capacity;
    private final Sink sink;
    private final SocketMetrics metrics;
    private final Duration closeGrace;
    private final AtomicReference<CloseStatus> closing = new AtomicReference<>();
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    private final Thread sender;

    OutboundQueue(String name, int capacity, Sink sink, SocketMetrics metrics, Duration closeGrace) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.sink = sink;
        this.metrics = metrics;
        this.closeGrace = closeGrace;
        this.sender = Thread.ofVirtual().name("ws-sender-" + name).start(this::drain);
    }

    /**
     * Queues a message without ever blocking. Returns false when the session is closing, or when the
     * queue is full: then the session is closed as a slow consumer.
     */
    boolean offer(WebSocketMessage<?> message) {
        if (closing.get() != null) {
            return false;
        }
        if (queue.offer(message)) {
            return true;
        }
        overflow();
        return false;
    }

    /** Closes the session as a slow consumer (1008), dropping what it has not taken yet, and counts it. */
    void overflow() {
        if (close(
                CloseStatus.POLICY_VIOLATION.withReason("slow consumer: more than " + capacity + " messages waiting"),
                true)) {
            metrics.disconnected("slow_consumer");
        }
    }

    /**
     * Starts closing with {@code status} once the messages already queued are sent; returns false if the
     * queue was already closing. Never blocks.
     */
    boolean close(CloseStatus status) {
        return close(status, false);
    }

    private boolean close(CloseStatus status, boolean dropQueued) {
        if (!closing.compareAndSet(null, status)) {
            return false;
        }
        if (dropQueued || !queue.offer(WAKE_UP)) {
            queue.clear();
            queue.offer(WAKE_UP);
        }
        Thread.ofVirtual().name(sender.getName() + "-closer").start(this::closeStuckSender);
        return true;
    }

    boolean isOpen() {
        return closing.get() == null;
    }

    int queued() {
        return queue.size();
    }

    /**
     * Sends while messages are waiting and flushes once the queue runs empty: a burst (one group commit
     * fanned out to this session) leaves in a few socket writes, a lone message at once.
     */
    private void drain() {
        try {
            WebSocketMessage<?> message = queue.take();
            while (message != WAKE_UP) {
                sink.send(message);
                if (message instanceof TextMessage) {
                    metrics.sent();
                }
                message = queue.poll();
                if (message == null) {
                    sink.flush();
                    message = queue.take();
                }
            }
            sink.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket send failed: {}", e.toString());
            closing.compareAndSet(null, CloseStatus.SESSION_NOT_RELIABLE.withReason("send failed"));
        } finally {
            closeSink();
        }
    }

    private void closeStuckSender() {
        try {
            if (!sender.join(closeGrace)) {
                sender.interrupt();
                if (!sender.join(closeGrace)) {
                    closeSink();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSink() {
        CloseStatus status = closing.updateAndGet(s -> s != null ? s : CloseStatus.NORMAL);
        if (sinkClosed.compareAndSet(false, true)) {
            sink.close(status);
        }
    }
}
