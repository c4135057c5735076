package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input at the WebSocket parser (issue 6): for {@code fault.fuzz.seconds}, mutated frames (see
 * {@link JsonFuzz}) at {@code /ws/v1}. After every frame a ping must still be answered by a pong (the
 * session survives), every error must carry a code and leak no exception, and a session may only be closed
 * for a frame over the size limit (1009).
 */
class SocketFuzzFaultTests extends HttpApiTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final FaultRun run = new FaultRun("socket-fuzz");
    private final Duration duration = FaultRun.secondsSetting("fault.fuzz.seconds", 600);

    @Test
    void noFrameKillsTheSessionOrLeaksAnError() throws Exception {
        Trader trader = newTrader();
        List<Iterator<String>> frames = List.of(
                JsonFuzz.bodies(
                        "{\"op\":\"subscribe\",\"channel\":\"orderbook\",\"market\":\"BTC-USD-PERP\",\"id\":1}"),
                JsonFuzz.bodies("{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"market\":\"BTC-USD-PERP\"}"),
                JsonFuzz.bodies("{\"op\":\"subscribe\",\"channel\":\"status\",\"id\":\"s\"}"),
                JsonFuzz.bodies("{\"op\":\"auth\",\"apiKey\":\"" + trader.apiKey() + "\",\"id\":2}"),
                JsonFuzz.bodies("{\"op\":\"subscribe\",\"channel\":\"account\"}"),
                JsonFuzz.bodies("{\"op\":\"ping\",\"id\":\"p\"}"));
        List<String> failures = new ArrayList<>();
        long cases = 0;
        long closes = 0;
        Session session = new Session(port);
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && failures.size() < 20) {
            String frame = frames.get((int) (cases % frames.size())).next();
            cases++;
            String probe = "probe-" + cases;
            String trouble = session.exchange(frame, probe);
            if (trouble != null) {
                if (!trouble.startsWith("closed 1009") && !(oversized(frame) && writeCutOff(trouble))) {
                    failures.add(RestFuzzFaultTests.abbreviate(frame) + " -> " + trouble);
                }
                closes++;
                session.close();
                session = new Session(port);
            }
        }
        session.close();
        run.print(
                "figures: %d s, %d frames, %d sessions closed for size, %d failures",
                duration.toSeconds(), cases, closes, failures.size());
        failures.forEach(f -> run.print("FAILURE %s", f));
        run.save();
        assertThat(failures).isEmpty();
    }

    /** Over the server's frame limit ({@code bulwark.socket.max-frame-bytes}, 16 KiB): closed with 1009. */
    private static boolean oversized(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8).length > 16_384;
    }

    /**
     * The server closed (1009) while this client was still writing the oversized frame: the JDK client's
     * write fails and it stops reading, so the close frame is never seen. Found under load in a 600 s run.
     */
    private static boolean writeCutOff(String trouble) {
        return trouble.contains("closed output") || trouble.contains("Broken pipe") || trouble.contains("reset");
    }

    /** One WebSocket connection; what the server sent, in order. */
    private static final class Session implements WebSocket.Listener {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final WebSocket socket;

        Session(int port) {
            socket = HTTP.newWebSocketBuilder()
                    .connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/v1"), this)
                    .join();
        }

        /** Sends the frame and a ping; null when the pong came back and every message before it was fine. */
        String exchange(String frame, String probe) throws InterruptedException {
            try {
                socket.sendText(frame, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                socket.sendText("{\"op\":\"ping\",\"id\":\"" + probe + "\"}", true)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                return closed.isDone() ? closed.getNow("") : "send failed: " + e;
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String message = received.poll(100, TimeUnit.MILLISECONDS);
                if (message == null) {
                    if (closed.isDone()) {
                        return closed.getNow("");
                    }
                    continue;
                }
                JsonNode json = JSON.readTree(message);
                String type = json.path("type").asString();
                if ("error".equals(type)
                        && (json.path("code").asString().isBlank()
                                || message.contains("Exception")
                                || message.contains("\tat "))) {
                    return "bad error message: " + message;
                }
                if ("pong".equals(type) && probe.equals(json.path("id").asString())) {
                    return null;
                }
            }
            return closed.isDone() ? closed.getNow("") : "no pong within " + WAIT;
        }

        void close() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }
}
