package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The private account channel: only after auth with a TRADER key, only that trader's own account. */
class AccountChannelTests extends SocketTestBase {

    @Test
    void sendsTheBalanceAfterADeposit() {
        Trader trader = newTrader();
        SocketClient client = connectAs(trader.apiKey());
        client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");

        deposit(trader.accountId(), "250.5");

        JsonNode balance = client.next("balance");
        assertThat(balance.path("channel").asString()).isEqualTo("account");
        assertThat(balance.path("accountId").asString()).isEqualTo(trader.accountId());
        assertThat(balance.path("balance").asString()).isEqualTo("250.5");
        assertThat(balance.path("change").asString()).isEqualTo("250.5");
        assertThat(balance.path("kind").asString()).isEqualTo("DEPOSIT");
        assertThat(balance.path("sequence").asLong()).isPositive();
        assertThat(balance.path("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        deposit(trader.accountId(), "0.5");
        JsonNode next = client.next("balance");
        assertThat(next.path("balance").asString()).isEqualTo("251");
        assertThat(next.path("sequence").asLong())
                .isGreaterThan(balance.path("sequence").asLong());
    }

    @Test
    void neverSendsAnotherAccountsEvents() {
        Trader alice = newTrader();
        Trader bob = newTrader();
        SocketClient aliceSocket = connectAs(alice.apiKey());
        aliceSocket.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");

        deposit(bob.accountId(), "99");
        deposit(alice.accountId(), "7");

        // Messages reach a session in order: had Bob's deposit been sent to Alice, it would come first.
        JsonNode first = aliceSocket.next("balance");
        assertThat(first.path("accountId").asString()).isEqualTo(alice.accountId());
        assertThat(first.path("balance").asString()).isEqualTo("7");
        assertThat(aliceSocket.poll(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void sendsNothingBeforeSubscribing() {
        Trader trader = newTrader();
        SocketClient client = connectAs(trader.apiKey());

        deposit(trader.accountId(), "1");

        assertThat(client.poll(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void refusesAnUnknownKey() {
        SocketClient client = connect();

        JsonNode error = client.ask("{\"op\":\"auth\",\"apiKey\":\"bwk_wrong\"}", "error");
        assertThat(error.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        JsonNode refused = client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error");
        assertThat(refused.path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void closesTheSessionAfterRepeatedAuthFailures() {
        SocketClient client = connect();
        for (int i = 0; i < 4; i++) {
            client.ask("{\"op\":\"auth\",\"apiKey\":\"bwk_guess-" + i + "\"}", "error");
        }

        client.send("{\"op\":\"auth\",\"apiKey\":\"bwk_guess-last\"}");

        assertThat(client.next("error").path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(client.awaitClosed().code()).isEqualTo(1008);
    }

    @Test
    void refusesTheAccountChannelToAnAdminKey() {
        SocketClient client = connect();
        JsonNode auth = client.ask("{\"op\":\"auth\",\"apiKey\":\"" + ADMIN_KEY + "\"}", "authenticated");
        assertThat(auth.path("role").asString()).isEqualTo("ADMIN");

        JsonNode refused = client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error");

        assertThat(refused.path("code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void tellsWhoTheKeyBelongsTo() {
        Trader trader = newTrader();

        JsonNode auth =
                connect().ask("{\"op\":\"auth\",\"apiKey\":\"" + trader.apiKey() + "\",\"id\":3}", "authenticated");

        assertThat(auth.path("accountId").asString()).isEqualTo(trader.accountId());
        assertThat(auth.path("keyId").asString()).isEqualTo(trader.keyId());
        assertThat(auth.path("role").asString()).isEqualTo("TRADER");
        assertThat(auth.path("id").asInt()).isEqualTo(3);
        assertThat(auth.toString()).doesNotContain(trader.apiKey());
    }

    @Test
    void aRevokedKeyStopsWorking() {
        Trader trader = newTrader();
        SocketClient client = connectAs(trader.apiKey());
        client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");

        api.delete("/api/v1/admin/keys/" + trader.keyId(), ADMIN_KEY).assertStatus(204);

        JsonNode revoked = client.next("error");
        assertThat(revoked.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(revoked.path("channel").asString()).isEqualTo("account");
        deposit(trader.accountId(), "5");
        assertThat(client.poll(Duration.ofMillis(500))).isEmpty();
        JsonNode again = client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error");
        assertThat(again.path("code").asString()).isEqualTo("UNAUTHENTICATED");
        JsonNode reauth = connect().ask("{\"op\":\"auth\",\"apiKey\":\"" + trader.apiKey() + "\"}", "error");
        assertThat(reauth.path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }
}
