package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** A real HTTP client for the API, as a trading UI would use it. */
public final class ApiClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    public ApiClient(int port) {
        this("http://localhost:" + port);
    }

    /** A client of the instance at {@code baseUrl} (scheme, host and port, no trailing slash). */
    public ApiClient(String baseUrl) {
        this.base = baseUrl;
    }

    /** One answer: status, headers, raw body and the body parsed as JSON (MissingNode when it is not JSON). */
    public record Response(int status, HttpHeaders headers, String body, JsonNode json) {
        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public JsonNode get(String field) {
            return json.path(field);
        }

        public String text(String field) {
            JsonNode node = json.path(field);
            return node.isNull() || node.isMissingNode() ? null : node.asString();
        }

        /** Asserts an RFC 9457 problem with this status and code, and no internals. */
        public Response assertProblem(int expectedStatus, String code) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            assertThat(text("code")).as("code of %s", body).isEqualTo(code);
            assertThat(json.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.has("title")).isTrue();
            assertThat(body)
                    .doesNotContain("\"trace\"", "\"exception\"", "Exception", "\tat ", "java.", "tools.jackson");
            return this;
        }

        public Response assertStatus(int expected) {
            assertThat(status).as("status of %s", body).isEqualTo(expected);
            return this;
        }
    }

    public Response get(String path, String key) {
        return send(request(path, key).GET());
    }

    public Response post(String path, String key, String json) {
        return send(path, key, "POST", "application/json", json);
    }

    public Response put(String path, String key, String json) {
        return send(path, key, "PUT", "application/json", json);
    }

    public Response patch(String path, String key, String json) {
        return send(path, key, "PATCH", "application/json", json);
    }

    public Response delete(String path, String key) {
        return send(request(path, key).DELETE());
    }

    public Response send(String path, String key, String method, String contentType, String body) {
        HttpRequest.Builder request = request(path, key).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Sends a body without a Content-Length (chunked), as a streaming client would. */
    public Response postChunked(String path, String key, byte[] body) {
        return send(request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * Waits until this instance is the writer (the engine recovers and seeds after the context starts; a
     * separately started service may not even listen yet).
     */
    public void awaitWriter(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String seen;
            try {
                Response status = get("/api/v1/system/status", null);
                if (status.status() == 200 && "WRITER".equals(status.text("role"))) {
                    return;
                }
                seen = status.body();
            } catch (UncheckedIOException e) {
                seen = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instance at " + base + " did not become the writer: " + seen);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
