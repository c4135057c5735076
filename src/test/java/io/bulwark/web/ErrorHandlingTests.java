package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every failure is problem+json with a code; nothing a client sends yields a 500. */
class ErrorHandlingTests extends HttpApiTestBase {

    @Test
    void unknownPathIs404NotFound() {
        api.get("/api/v1/admin/no-such-thing", ADMIN_KEY).assertProblem(404, "NOT_FOUND");
        api.get("/no-such-page", ADMIN_KEY).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void unknownPathWithoutAKeyIs401NotAHint() {
        api.get("/api/v1/admin/no-such-thing", null).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void wrongMethodIs405() {
        ApiClient.Response response = api.send("/api/v1/admin/accounts", ADMIN_KEY, "PUT", "application/json", "{}")
                .assertProblem(405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(v -> assertThat(v).contains("POST"));
    }

    @Test
    void nonJsonContentTypeIs415() {
        api.send("/api/v1/admin/accounts", ADMIN_KEY, "POST", "text/plain", "name=x")
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        api.send("/api/v1/admin/accounts", ADMIN_KEY, "POST", null, "{\"name\":\"x\"}")
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedJsonIs400() {
        ApiClient.Response response =
                api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\": ").assertProblem(400, "VALIDATION_FAILED");
        assertThat(response.text("detail")).startsWith("malformed JSON");
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "not json at all").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "null").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "[]").assertProblem(400, "VALIDATION_FAILED");
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"a\"} trailing")
                .assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void unknownFieldIs400NamingIt() {
        ApiClient.Response response = api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"a\",\"nmae\":\"b\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertThat(response.text("detail")).contains("'nmae'");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
        api.post("/api/v1/admin/accounts", ADMIN_KEY, big).assertProblem(413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] big = ("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        api.postChunked("/api/v1/admin/accounts", ADMIN_KEY, big).assertProblem(413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        char[] padding = new char[60 * 1024];
        Arrays.fill(padding, ' ');
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"padded\"" + new String(padding) + "}")
                .assertStatus(201);
    }

    @Test
    void badQueryParameterIs400() {
        Trader trader = newTrader();
        api.get("/api/v1/account/ledger?limit=abc", trader.apiKey()).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/account/ledger?limit=0", trader.apiKey()).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/account/ledger?limit=501", trader.apiKey()).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/account/ledger?before=x", trader.apiKey()).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void problemsAreJsonEvenWhenTheClientAsksForHtml() {
        ApiClient.Response response = api.send(api.request("/api/v1/markets/NOPE-USD-PERP", null)
                .header("Accept", "text/html")
                .GET());
        assertThat(response.status()).isIn(404, 406);
        assertThat(response.body()).doesNotContain("<html", "Whitelabel");
    }

    @Test
    void errorsCarryTheRequestPathAsInstance() {
        ApiClient.Response response =
                api.get("/api/v1/markets/NOPE-USD-PERP", null).assertProblem(404, "UNKNOWN_MARKET");
        assertThat(response.text("instance")).isEqualTo("/api/v1/markets/NOPE-USD-PERP");
    }
}
