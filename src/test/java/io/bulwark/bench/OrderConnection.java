package io.bulwark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * One WebSocket order-entry client of {@link SocketOrderBenchmark}: authenticates with one trader key, then keeps
 * {@code depth} {@code order.place} ops of the same order in flight, sending the next one when a {@code result}
 * comes back. The server answers a session's ops in the order they were sent, so the answer with id {@code n}
 * is the one the client expects next; its latency runs from the moment the client handed the frame to its
 * socket. Answers are read without a JSON parser (the server writes {@code type, id, status, body} in that order),
 * to keep the client cheap beside a server on the same cores.
 */
final class OrderConnection implements WebSocket.Listener {
    private final String apiKey;
    private final String order;
    private final long[] sentAt;
    private final CountDownLatch authenticated;
    private final StringBuilder partial = new StringBuilder();
    private final Latencies latency = new Latencies();
    private final Map<String, Long> errors = new TreeMap<>();
    private CompletableFuture<WebSocket> sending;
    private volatile boolean measuring;
    private boolean stopping;
    private CountDownLatch drained;
    private long nextId;
    private long expectedId;
    private int inFlight;
    private long answered;
    /** Accepted orders answered FILLED (they met a resting order), and the others (they rested, as makers). */
    private long filled;

    private long resting;
    private volatile String authRefusal;
    private volatile String closed;

    OrderConnection(String apiKey, String order, int depth, CountDownLatch authenticated) {
        this.apiKey = apiKey;
        this.order = order;
        this.sentAt = new long[depth];
        this.authenticated = authenticated;
    }

    CompletableFuture<WebSocket> open(HttpClient client, URI wsUrl) {
        return client.newWebSocketBuilder().buildAsync(wsUrl, this);
    }

    @Override
    public void onOpen(WebSocket socket) {
        synchronized (this) {
            sending = CompletableFuture.completedFuture(socket);
        }
        send("{\"op\":\"auth\",\"id\":\"auth\",\"apiKey\":\"" + apiKey + "\"}");
        socket.request(1);
    }

    /** Fills the pipeline: {@code depth} orders. */
    synchronized void start() {
        for (int i = 0; i < sentAt.length; i++) {
            place();
        }
    }

    private void place() {
        long id = nextId++;
        sentAt[(int) (id % sentAt.length)] = System.nanoTime();
        inFlight++;
        send("{\"op\":\"order.place\",\"id\":" + id + ",\"order\":" + order + "}");
    }

    /** The JDK socket takes one send at a time: each waits for the one before it. */
    private synchronized void send(String frame) {
        sending = sending.thenCompose(ws -> ws.sendText(frame, true));
        sending.whenComplete((ws, error) -> {
            if (error != null && closed == null) {
                closed = "send failed: " + error;
            }
        });
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString(), System.nanoTime());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    private void received(String message, long now) {
        String type = string(message, "type");
        if ("authenticated".equals(type)) {
            authenticated.countDown();
            return;
        }
        if ("result".equals(type)) {
            answer(message, now, number(message, "status"));
            return;
        }
        if ("error".equals(type)) {
            if (!message.contains("\"id\":") || string(message, "id") != null) {
                // Not the answer to an order (those have integer ids): an auth refusal, a frame the server refused.
                if ("auth".equals(string(message, "id"))) {
                    authRefusal = message;
                    authenticated.countDown();
                }
                synchronized (this) {
                    errors.merge("error " + string(message, "code"), 1L, Long::sum);
                }
                return;
            }
            answer(message, now, -1);
        }
    }

    /** The answer to an order (a {@code result}, or an {@code error} with its id): counted, and the next one sent. */
    private synchronized void answer(String message, long now, long status) {
        long id = number(message, "id");
        if (id != expectedId) {
            errors.merge("answer out of order", 1L, Long::sum);
        }
        expectedId = id + 1;
        inFlight--;
        if (status != 201) {
            String code = status < 0 ? "error " + string(message, "code") : status + " " + string(message, "code");
            errors.merge(code, 1L, Long::sum);
        } else if (measuring) {
            answered++;
            latency.record(now - sentAt[(int) (id % sentAt.length)]);
            int body = message.indexOf("\"body\":");
            if ("FILLED".equals(string(message.substring(body), "status"))) {
                filled++;
            } else {
                resting++;
            }
        }
        if (!stopping) {
            place();
        } else if (inFlight == 0) {
            drained.countDown();
        }
    }

    /** The string value of the first {@code "name":"..."}, or null. */
    private static String string(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** The integer value of the first {@code "name":123}, or -1. */
    private static long number(String json, String name) {
        String marker = "\"" + name + "\":";
        int start = json.indexOf(marker);
        if (start < 0) {
            return -1;
        }
        start += marker.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(json, start, end, 10);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        if (closed == null) {
            closed = statusCode + " " + reason;
        }
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        if (closed == null) {
            closed = error.toString();
        }
    }

    void measure(boolean on) {
        measuring = on;
    }

    /** Sends no more orders; counts {@code latch} down once every order sent has its answer. */
    synchronized void stop(CountDownLatch latch) {
        stopping = true;
        drained = latch;
        if (inFlight == 0 || closed != null) {
            latch.countDown();
        }
    }

    synchronized void close() {
        sending.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }

    String authRefusal() {
        return authRefusal;
    }

    /** Read after {@link #stop}: the counters are this connection's. */
    synchronized long answered() {
        return answered;
    }

    synchronized long filled() {
        return filled;
    }

    synchronized long resting() {
        return resting;
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    synchronized Latencies latency() {
        return latency;
    }

    /** Why the connection closed before the end, or null. */
    String closed() {
        return closed;
    }
}
