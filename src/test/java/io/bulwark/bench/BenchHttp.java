package io.bulwark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP/1.1 client for the load generators: one {@link HttpClient}, keep-alive connections. */
final class BenchHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient client;

    BenchHttp(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpClient client() {
        return client;
    }

    /** One answer: status and body ({@code status} 0 when the request failed before an answer). */
    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String text(String field) {
            return json().path(field).asString();
        }

        /** {@code 201}, or {@code 404 ORDER_NOT_FOUND} for a problem: how errors are tallied. */
        String outcome() {
            if (status == 0) {
                return "transport " + body;
            }
            if (status >= 300 && body.contains("\"code\"")) {
                return status + " " + json().path("code").asString();
            }
            return Integer.toString(status);
        }
    }

    Reply send(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, "interrupted");
        }
    }

    Reply get(String path, String key) {
        return send("GET", path, key, null);
    }

    Reply post(String path, String key, String body) {
        return send("POST", path, key, body);
    }

    /** Like {@link #post} but fails the benchmark unless the answer is {@code expected}. */
    Reply require(int expected, String method, String path, String key, String body) {
        Reply reply = send(method, path, key, body);
        if (reply.status() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + reply.status() + " " + reply.body() + ", not " + expected);
        }
        return reply;
    }
}
