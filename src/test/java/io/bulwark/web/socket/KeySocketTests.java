package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WebSocket {@code auth} applies the REST rules for keys (SPEC section 10 v2): revoked, expired and
 * wrong-address keys are refused, and the {@code account} channel needs READ, also after the key expires.
 */
class KeySocketTests extends SocketTestBase {

    private String key(Trader trader, String body) {
        return api.post("/api/v1/admin/accounts/" + trader.accountId() + "/keys", ADMIN_KEY, body)
                .assertStatus(201)
                .text("apiKey");
    }

    private static JsonNode auth(SocketClient client, String apiKey, String expectedType) {
        return client.ask("{\"op\":\"auth\",\"apiKey\":\"" + apiKey + "\"}", expectedType);
    }

    @Test
    void aKeyFromAnotherAddressIsRefused() {
        Trader trader = newTrader();
        String office = key(trader, "{\"scopes\":[\"READ\"],\"allowedIps\":[\"203.0.113.0/24\"]}");
        JsonNode error = auth(connect(), office, "error");
        assertThat(error.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asString()).contains("address");

        String here = key(trader, "{\"scopes\":[\"READ\"],\"allowedIps\":[\"127.0.0.0/8\",\"::1/128\"]}");
        auth(connect(), here, "authenticated");
    }

    @Test
    void theAccountChannelNeedsRead() {
        Trader trader = newTrader();
        SocketClient client = connect();
        auth(client, key(trader, "{\"scopes\":[\"TRADE\"]}"), "authenticated");
        JsonNode refused = client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error");
        assertThat(refused.path("code").asString()).isEqualTo("SCOPE_REQUIRED");
    }

    @Test
    void anExpiredKeyIsRefusedAndAnOpenSessionStopsHearingTheAccount() {
        Trader trader = newTrader();
        String shortLived = key(
                trader,
                "{\"scopes\":[\"READ\"],\"expiresAt\":\"%s\"}"
                        .formatted(Instant.now().plusMillis(2500)));
        SocketClient open = connect();
        auth(open, shortLived, "authenticated");
        open.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");
        deposit(trader.accountId(), "1");
        assertThat(open.next("balance").path("balance").asString()).isEqualTo("1");

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> api.get("/api/v1/account", shortLived).assertProblem(401, "UNAUTHENTICATED"));

        JsonNode error = auth(connect(), shortLived, "error");
        assertThat(error.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.path("message").asString()).contains("expired");

        deposit(trader.accountId(), "2");
        // Messages reach a session in order: a later subscribe's answer comes after any balance that was sent.
        JsonNode resubscribe = open.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error");
        assertThat(resubscribe.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(resubscribe.path("message").asString()).contains("expired");
    }

    @Test
    void aRevokedKeyIsRefused() {
        Trader trader = newTrader();
        var issued = api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertStatus(201);
        api.delete("/api/v1/keys/" + issued.text("keyId"), trader.apiKey()).assertStatus(204);
        assertThat(auth(connect(), issued.text("apiKey"), "error").path("code").asString())
                .isEqualTo("UNAUTHENTICATED");
    }
}
