package io.bulwark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * One WebSocket client subscribed to a market's {@code orderbook} and {@code trades} channels. It counts
 * what it receives, checks each channel's sequence for gaps, and records the lag from the message's
 * {@code time} (when the engine applied the command; the message leaves only after the journal commit)
 * to its arrival here. Fields are picked out of the text without a full JSON parse, to keep the client
 * cheap beside a server on the same cores.
 */
final class MarketSubscriber implements WebSocket.Listener {
    private final String market;
    private final CountDownLatch subscribed;
    private final StringBuilder partial = new StringBuilder();
    private final Latencies lag = new Latencies();
    private volatile boolean measuring;
    private long messages;
    private long gaps;
    private long bookSequence = -1;
    private long tradeSequence = -1;
    private volatile String closed;

    MarketSubscriber(String market, CountDownLatch subscribed) {
        this.market = market;
        this.subscribed = subscribed;
    }

    static CompletableFuture<WebSocket> connect(HttpClient client, String wsUrl, MarketSubscriber subscriber) {
        return client.newWebSocketBuilder().buildAsync(URI.create(wsUrl), subscriber);
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.sendText("{\"op\":\"subscribe\",\"channel\":\"orderbook\",\"market\":\"" + market + "\"}", true)
                .thenCompose(s -> s.sendText(
                        "{\"op\":\"subscribe\",\"channel\":\"trades\",\"market\":\"" + market + "\"}", true));
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString(), System.currentTimeMillis());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    private void received(String message, long nowMillis) {
        String type = field(message, "type");
        if ("subscribed".equals(type)) {
            subscribed.countDown();
            return;
        }
        String channel = field(message, "channel");
        if (channel == null) {
            return;
        }
        long sequence = Long.parseLong(number(message, "sequence"));
        if (channel.equals("orderbook")) {
            if (!"snapshot".equals(type) && bookSequence >= 0 && sequence != bookSequence + 1) {
                gaps++;
            }
            bookSequence = sequence;
        } else if (channel.equals("trades")) {
            if (tradeSequence >= 0 && sequence != tradeSequence + 1) {
                gaps++;
            }
            tradeSequence = sequence;
        }
        if (measuring && !"snapshot".equals(type)) {
            messages++;
            lag.record((nowMillis - Instant.parse(field(message, "time")).toEpochMilli()) * 1_000_000);
        }
    }

    /** The string value of {@code "name":"..."}, or null. */
    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int start = json.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static String number(String json, String name) {
        String marker = "\"" + name + "\":";
        int start = json.indexOf(marker) + marker.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(start, end);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed = statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed = error.toString();
    }

    void measure(boolean on) {
        measuring = on;
    }

    /** Read after {@link #measure}(false) and a pause: the counters are the listener thread's. */
    long messages() {
        return messages;
    }

    long gaps() {
        return gaps;
    }

    Latencies lag() {
        return lag;
    }

    String closed() {
        return closed;
    }
}
