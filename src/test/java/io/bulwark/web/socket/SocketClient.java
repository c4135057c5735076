package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client ({@code java.net.http}), as a trading UI would use {@code /ws/v1}. */
public final class SocketClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How the server closed the connection. */
    record Closed(int code, String reason) {}

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    /** Frames whose type (and channel) {@code asyncapi.yaml} does not name: {@link #close} fails on any. */
    private final List<String> undocumented = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SocketClient(WebSocket.Builder builder, int port) {
        this.socket = builder.buildAsync(uri(port), new Listener()).join();
    }

    public static SocketClient connect(int port) {
        return new SocketClient(HTTP.newWebSocketBuilder().connectTimeout(WAIT), port);
    }

    /** Connects through a trusted proxy (the test's) that names {@code client} in {@code X-Forwarded-For}. */
    static SocketClient connectAs(int port, String client) {
        return new SocketClient(forwarded(client), port);
    }

    /** The HTTP status of a handshake the server refused; fails when it was accepted. */
    static int refusedHandshake(int port, String client) {
        try {
            WebSocket socket = forwarded(client)
                    .buildAsync(uri(port), new WebSocket.Listener() {})
                    .join();
            socket.abort();
            throw new AssertionError("the handshake was accepted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static WebSocket.Builder forwarded(String client) {
        return HTTP.newWebSocketBuilder().connectTimeout(WAIT).header("X-Forwarded-For", client);
    }

    private static URI uri(int port) {
        return URI.create("ws://localhost:" + port + "/ws/v1");
    }

    public SocketClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    SocketClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    /** The next message; fails after {@link #WAIT}. */
    JsonNode next() {
        return poll(WAIT).orElseThrow(() -> new AssertionError("no message within " + WAIT));
    }

    /** The next message of this {@code type}, skipping others; fails after {@link #WAIT}. */
    public JsonNode next(String type) {
        return next(m -> type.equals(m.path("type").asString()), "a '" + type + "' message");
    }

    public JsonNode next(Predicate<JsonNode> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> message = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (message.isPresent() && wanted.test(message.get())) {
                return message.get();
            }
        }
        throw new AssertionError("no " + description + " within " + WAIT);
    }

    Optional<JsonNode> poll(Duration timeout) {
        try {
            return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} and returns the reply, asserting its type. */
    public JsonNode ask(String request, String expectedType) {
        send(request);
        JsonNode reply = next();
        assertThat(reply.path("type").asString())
                .as("reply to %s: %s", request, reply)
                .isEqualTo(expectedType);
        return reply;
    }

    Closed awaitClosed() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Every message received and not yet taken (after {@link #awaitClosed}: all the server sent). */
    List<JsonNode> drain() {
        List<JsonNode> messages = new ArrayList<>();
        received.drainTo(messages);
        return messages;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Closes the connection; fails when the server sent a message {@code asyncapi.yaml} does not document. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        assertThat(undocumented)
                .as("messages the server sent that asyncapi.yaml does not document")
                .isEmpty();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message = JSON.readTree(text.toString());
                if (!DocumentedMessages.documents(message)) {
                    undocumented.add(message.toString());
                }
                received.add(message);
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, error.toString()));
        }
    }
}
