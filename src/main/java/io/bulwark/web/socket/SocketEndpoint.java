package io.bulwark.web.socket;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * {@code /ws/v1}: plain JSON text frames. Each connection becomes a {@link ClientSession} with its own
 * bounded outbound queue; each frame is parsed strictly and answered, a bad one with an {@code error}
 * message (never a stack trace, never a close). Each frame from the client, text or binary, {@code ping} included,
 * takes a token from the session's bucket ({@code bulwark.websocket.operations-per-second}, {@code
 * operations-burst}); a session out of tokens is closed with 1008 and the frames after it are ignored. Pongs to
 * the server's pings do not count.
 */
final class SocketEndpoint extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(SocketEndpoint.class);
    /** Tomcat's per-session limit on one blocking write; other containers ignore it. */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final int MAX_BINARY_BYTES = 1024;

    private final SocketSessions sessions;
    private final ClientFrameParser parser;
    private final ClientRequests requests;
    private final ServerMessages messages;
    private final SocketMetrics metrics;
    private final SocketProperties properties;
    private final TimeMeter clock;
    private final CancelOnDisconnect cancelOnDisconnect;
    private final CloseStatus tooManyOperations;
    private final CloseStatus tooManyConnections;

    SocketEndpoint(
            SocketSessions sessions,
            ClientFrameParser parser,
            ClientRequests requests,
            ServerMessages messages,
            SocketMetrics metrics,
            SocketProperties properties,
            TimeMeter clock,
            CancelOnDisconnect cancelOnDisconnect) {
        this.sessions = sessions;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.parser = parser;
        this.requests = requests;
        this.messages = messages;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.tooManyOperations = CloseStatus.POLICY_VIOLATION.withReason("more than " + properties.operationsPerSecond()
                + " operations per second (burst " + properties.operationsBurst() + ")");
        this.tooManyConnections = CloseStatus.POLICY_VIOLATION.withReason(
                "more than " + properties.maxConnectionsPerAddress() + " connections from this address");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        socket.setTextMessageSizeLimit(properties.maxFrameBytes());
        socket.setBinaryMessageSizeLimit(MAX_BINARY_BYTES);
        RemoteEndpoint.Basic batching = null;
        if (socket instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session tomcat) {
            tomcat.getUserProperties()
                    .put(TOMCAT_SEND_TIMEOUT, properties.sendTimeout().toMillis());
            batching = batching(tomcat);
        }
        OutboundQueue outbound = new OutboundQueue(
                socket.getId(),
                properties.outboundQueueMessages(),
                new SocketSink(socket, batching),
                metrics,
                properties.sendTimeout());
        String network = (String) socket.getAttributes().getOrDefault(ConnectionsPerAddress.NETWORK, "");
        Bucket operations = Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.operationsBurst())
                        .refillGreedy(properties.operationsPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(clock)
                .build();
        ClientSession session = new ClientSession(
                socket.getId(), ClientAddressHandshake.of(socket), network, outbound, () -> operations.tryConsume(1));
        if (!sessions.add(session) && session.close(tooManyConnections)) {
            metrics.disconnected("too_many_connections");
        }
    }

    /** Whether a frame from the client is carried out: not once the session is closing or over its limit. */
    private boolean admitted(ClientSession session) {
        if (!session.isOpen()) {
            return false;
        }
        if (session.tookOperation()) {
            return true;
        }
        if (session.close(tooManyOperations)) {
            metrics.disconnected("too_many_operations");
        }
        return false;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        sessions.get(socket.getId()).ifPresent(session -> {
            session.heard();
            if (admitted(session)) {
                handle(session, message.getPayload());
            }
        });
    }

    private void handle(ClientSession session, String text) {
        JsonNode id = MissingNode.getInstance();
        try {
            JsonNode frame = parser.read(text);
            id = parser.id(frame);
            requests.handle(session, parser.op(frame), id);
        } catch (ProtocolException e) {
            session.send(messages.error(e.code(), e.getMessage(), id));
        } catch (RuntimeException e) {
            // The frame is not logged: it may hold an API key.
            log.warn("WebSocket request failed on session {}", session.id(), e);
            session.send(messages.error(ErrorCode.UNAVAILABLE, "the request could not be carried out; try again", id));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
        sessions.get(socket.getId()).ifPresent(session -> {
            session.heard();
            if (!admitted(session)) {
                return;
            }
            session.send(messages.error(
                    ErrorCode.BAD_REQUEST,
                    "binary frames are not supported; send JSON text",
                    MissingNode.getInstance()));
        });
    }

    @Override
    protected void handlePongMessage(WebSocketSession socket, PongMessage message) {
        sessions.get(socket.getId()).ifPresent(ClientSession::heard);
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.debug("WebSocket transport error on {}: {}", socket.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        sessions.remove(socket.getId()).ifPresent(session -> {
            session.close(status);
            requests.detachAll(session);
            // After an order op still running: an order it places is cancelled too.
            session.cancelOnDisconnect()
                    .ifPresent(k -> requests.afterOrderOps(
                            session, () -> cancelOnDisconnect.connectionClosed(k.accountId(), k.keyId())));
        });
    }

    /**
     * Frames are collected in the container's output buffer and written when it fills or the outbound
     * queue runs empty: under a fan-out burst, a few socket writes instead of one per message. Null (each
     * frame written at once) when the container refuses.
     */
    private static RemoteEndpoint.Basic batching(Session session) {
        try {
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            remote.setBatchingAllowed(true);
            return remote;
        } catch (IOException | RuntimeException e) {
            log.debug("No WebSocket write batching: {}", e.toString());
            return null;
        }
    }

    /** The socket as the outbound queue's sink; only the session's sender thread writes to it. */
    private record SocketSink(WebSocketSession socket, RemoteEndpoint.Basic batching) implements OutboundQueue.Sink {
        @Override
        public void send(WebSocketMessage<?> message) throws IOException {
            socket.sendMessage(message);
        }

        @Override
        public void flush() throws IOException {
            if (batching != null) {
                batching.flushBatch();
            }
        }

        @Override
        public void close(CloseStatus status) {
            try {
                socket.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing WebSocket {}: {}", socket.getId(), e.toString());
            }
        }
    }
}
