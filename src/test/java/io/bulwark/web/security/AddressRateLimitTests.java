package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.testsupport.ManualClock;
import io.bulwark.web.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Requests without a valid key are limited per client address (20/s, burst 40), and every answer carries the
 * {@code RateLimit-*} headers. The test's loopback client is the trusted proxy: each test names its own client in
 * {@code X-Forwarded-For}, so it starts with a full bucket. The clock stands still unless a test moves it.
 */
@EdgeLimitsTest
class AddressRateLimitTests extends TradingApiTestBase {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final int BURST = EdgeLimitsTest.ANONYMOUS_BURST;

    @Autowired
    ManualClock clock;

    @BeforeEach
    void everyBucketFull() {
        clock.advance(Duration.ofMinutes(1));
    }

    /** A client address no other test uses. */
    private static String newClient() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    private ApiClient.Response get(String path, String key, String forwardedFor) {
        return api.send(
                api.request(path, key).header("X-Forwarded-For", forwardedFor).GET());
    }

    private static long header(ApiClient.Response response, String name) {
        return Long.parseLong(response.headers()
                .firstValue(name)
                .orElseThrow(
                        () -> new AssertionError("no " + name + " on " + response.status() + " " + response.body())));
    }

    private void exhaust(String client) {
        for (int i = 0; i < BURST; i++) {
            get("/api/v1/markets", null, client).assertStatus(200);
        }
        get("/api/v1/markets", null, client).assertProblem(429, "RATE_LIMITED");
    }

    @Test
    void theFortyFirstAnonymousRequestOfABurstIs429WithRetryAfter() {
        String client = newClient();
        for (int i = 1; i <= BURST; i++) {
            ApiClient.Response ok = get("/api/v1/markets", null, client).assertStatus(200);
            assertThat(header(ok, "RateLimit-Limit")).isEqualTo(BURST);
            assertThat(header(ok, "RateLimit-Remaining")).isEqualTo(BURST - i);
            // Seconds until the bucket is full again, at 20 tokens per second.
            assertThat(header(ok, "RateLimit-Reset")).isEqualTo((i + 19) / 20);
        }

        ApiClient.Response limited = get("/api/v1/markets", null, client).assertProblem(429, "RATE_LIMITED");
        assertThat(limited.json().path("detail").asString()).contains("address");
        assertThat(header(limited, "Retry-After")).isEqualTo(1);
        assertThat(header(limited, "RateLimit-Limit")).isEqualTo(BURST);
        assertThat(header(limited, "RateLimit-Remaining")).isZero();
        assertThat(header(limited, "RateLimit-Reset")).isEqualTo(2);

        // Retry-After is honest: a second later 20 tokens are back.
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < EdgeLimitsTest.ANONYMOUS_PER_SECOND; i++) {
            get("/api/v1/system/status", null, client).assertStatus(200);
        }
        get("/api/v1/system/status", null, client).assertProblem(429, "RATE_LIMITED");
    }

    @Test
    void anotherAddressBehindTheTrustedProxyHasItsOwnBucket() {
        exhaust(newClient());
        ApiClient.Response other = get("/api/v1/markets", null, newClient()).assertStatus(200);
        assertThat(header(other, "RateLimit-Remaining")).isEqualTo(BURST - 1);
    }

    @Test
    void entriesAClientForgesBeforeTheProxysOwnDoNotGetAFreshBucket() {
        String client = newClient();
        exhaust(client);
        // The client wrote "203.0.113.x" itself; the trusted proxy appended the address it saw.
        for (int i = 0; i < 5; i++) {
            get("/api/v1/markets", null, "203.0.113." + i + ", " + client).assertProblem(429, "RATE_LIMITED");
        }
    }

    @Test
    void aPeerThatIsNoTrustedProxyCannotForgeXForwardedFor() throws IOException {
        // 127.0.0.2 is loopback too, but only 127.0.0.1 is a trusted proxy: its header is ignored.
        for (int i = 1; i <= BURST; i++) {
            RawResponse ok = RawResponse.get(port, "127.0.0.2", "/api/v1/markets", "203.0.113." + i);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - i));
        }
        RawResponse limited = RawResponse.get(port, "127.0.0.2", "/api/v1/markets", "192.0.2.99");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void requestsThatEndIn401CountOnTheAddressAndCarryTheHeaders() {
        String client = newClient();
        for (int i = 1; i <= BURST; i++) {
            ApiClient.Response refused =
                    get("/api/v1/account", "bwk_unknown-key-" + i, client).assertProblem(401, "UNAUTHENTICATED");
            assertThat(header(refused, "RateLimit-Limit")).isEqualTo(BURST);
            assertThat(header(refused, "RateLimit-Remaining")).isEqualTo(BURST - i);
            assertThat(header(refused, "RateLimit-Reset")).isPositive();
        }
        // Guessing keys from one address stops at the address's limit.
        get("/api/v1/account", "bwk_unknown-key-x", client).assertProblem(429, "RATE_LIMITED");
        get("/api/v1/markets", null, client).assertProblem(429, "RATE_LIMITED");
    }

    @Test
    void aCreatedOrderAnd403CarryTheKeysFigures() {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("10000");

        ApiClient.Response created =
                place(trader, Ticket.limit(market, "BUY", "0.001", "64000")).assertStatus(201);
        assertThat(header(created, "RateLimit-Limit")).isEqualTo(400);
        assertThat(header(created, "RateLimit-Remaining")).isEqualTo(399);
        assertThat(header(created, "RateLimit-Reset")).isEqualTo(1);

        ApiClient.Response forbidden =
                api.get("/api/v1/admin/vault", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        assertThat(header(forbidden, "RateLimit-Remaining")).isEqualTo(398);
    }

    @Test
    void aKeyedClientIsLimitedByItsKeyNotByItsAddress() {
        Trader trader = newTrader();
        String client = newClient();
        exhaust(client);

        for (int i = 0; i < BURST * 2; i++) {
            ApiClient.Response keyed =
                    get("/api/v1/markets", trader.apiKey(), client).assertStatus(200);
            assertThat(header(keyed, "RateLimit-Limit")).isEqualTo(400);
        }
        // ...and its requests took nothing from another address's bucket either.
        String quiet = newClient();
        get("/api/v1/account", trader.apiKey(), quiet).assertStatus(200);
        assertThat(header(get("/api/v1/markets", null, quiet), "RateLimit-Remaining"))
                .isEqualTo(BURST - 1);
    }

    /** One HTTP/1.1 exchange over a socket bound to a chosen local address (java.net.http cannot bind one). */
    private record RawResponse(int status, Map<String, String> headers) {

        static RawResponse get(int port, String from, String path, String forwardedFor) throws IOException {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + forwardedFor
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return parse(socket.getInputStream());
            }
        }

        private static RawResponse parse(InputStream in) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = text.substring(0, text.indexOf("\r\n\r\n"));
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
