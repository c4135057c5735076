package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * CORS through real HTTP and WebSocket clients, with two allowed origins configured. A browser sends {@code
 * Origin} itself; these tests send it as the browser would.
 */
@TestPropertySource(properties = "bulwark.http.cors.allowed-origins=https://app.example.com, http://localhost:3000")
class CorsTests extends HttpApiTestBase {
    static final String APP = "https://app.example.com";
    private static final HttpClient SOCKETS = HttpClient.newHttpClient();

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAKeyAndCountsOnNoBucket() {
        ApiClient.Response preflight = preflight("/api/v1/orders", APP, "POST", "authorization, content-type");

        preflight.assertStatus(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("POST", "DELETE", "PATCH");
        assertThat(header(preflight, "Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("600");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        // The rate limiter writes RateLimit-* on every request it sees: a preflight never reaches it.
        assertThat(preflight.headers().firstValue("RateLimit-Remaining")).isEmpty();
    }

    @Test
    void theActualRequestCarriesTheOriginAndExposesTheHeadersAClientReads() {
        Trader trader = newTrader();
        ApiClient.Response account = api.send(api.request("/api/v1/account", trader.apiKey())
                .header("Origin", "http://localhost:3000")
                .GET());

        account.assertStatus(200);
        assertThat(header(account, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(header(account, "Access-Control-Expose-Headers"))
                .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Location", "Bulwark-Sequence");
        assertThat(account.headers().allValues("Vary"))
                .anySatisfy(v -> assertThat(v).contains("Origin"));
        assertThat(account.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void anOriginMustMatchExactlyNoSuffixPrefixSchemeOrPortTricks() {
        for (String origin : List.of(
                "https://evil-app.example.com",
                "https://app.example.com.evil.com",
                "https://evilapp.example.com",
                "https://app.example.co",
                "http://app.example.com",
                "https://app.example.com:8443",
                "http://localhost:3001",
                "http://localhost",
                "null")) {
            ApiClient.Response preflight = preflight("/api/v1/orders", origin, "POST", "authorization");
            preflight.assertProblem(403, "CORS_REFUSED");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isEmpty();

            ApiClient.Response read = api.send(api.request("/api/v1/markets", null)
                    .header("Origin", origin)
                    .GET());
            // Served as without an Origin, but with no CORS header the browser keeps it from the page.
            read.assertStatus(200);
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(origin)
                    .isEmpty();
        }
    }

    @Test
    void aPreflightForAMethodOrHeaderTheApiDoesNotTakeIsRefused() {
        preflight("/api/v1/orders", APP, "TRACE", null).assertProblem(403, "CORS_REFUSED");
        preflight("/api/v1/orders", APP, "POST", "x-custom-header").assertProblem(403, "CORS_REFUSED");
    }

    @Test
    void theWebSocketHandshakeTakesTheAllowedOriginsAndBotsWithoutOne() {
        handshake(APP).abort();
        handshake("http://localhost:3000").abort();
        handshake(null).abort();
        for (String origin : List.of("https://evil.example.com", "https://app.example.com.evil.com", "null")) {
            assertThatThrownBy(() -> handshake(origin))
                    .as(origin)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        }
    }

    private ApiClient.Response preflight(String path, String origin, String method, String headers) {
        HttpRequest.Builder request = api.request(path, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return api.send(request);
    }

    private WebSocket handshake(String origin) {
        WebSocket.Builder builder = SOCKETS.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://localhost:" + port + "/ws/v1"), new WebSocket.Listener() {})
                .join();
    }

    private static String header(ApiClient.Response response, String name) {
        return response.headers()
                .firstValue(name)
                .orElseThrow(() -> new AssertionError(
                        "no " + name + " in " + response.headers().map()));
    }
}
