package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.ApiClient;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.KeyHasher;
import io.bulwark.web.security.KeyUsage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/keys} and {@code POST /api/v1/admin/accounts/{accountId}/keys} (SPEC section 10 v2), and
 * how a holder of one key would try to get more than it was given.
 */
class TraderKeyApiTests extends TradingApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeyHasher hasher;

    @Autowired
    KeyUsage usage;

    private record Key(String keyId, String secret) {}

    private Key issue(String apiKey, String body) {
        ApiClient.Response r = api.post("/api/v1/keys", apiKey, body).assertStatus(201);
        return new Key(r.text("keyId"), r.text("apiKey"));
    }

    private List<String> keyIds(String apiKey) {
        return api.get("/api/v1/keys", apiKey)
                .assertStatus(200)
                .json()
                .valueStream()
                .map(k -> k.path("keyId").asString())
                .toList();
    }

    @Test
    void aTraderIssuesListsAndRevokesItsOwnKeys() {
        Trader trader = newTrader();
        String expires = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        ApiClient.Response made = api.post(
                        "/api/v1/keys",
                        trader.apiKey(),
                        "{\"label\":\"market maker\",\"allowedIps\":[\"127.0.0.1\",\"::1/128\"],\"expiresAt\":\""
                                + expires + "\"}")
                .assertStatus(201);
        assertThat(made.text("apiKey")).matches("bwk_[A-Za-z0-9_-]{43}");
        assertThat(made.text("accountId")).isEqualTo(trader.accountId());
        assertThat(made.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("READ", "TRADE");

        api.get("/api/v1/account", made.text("apiKey")).assertStatus(200);
        ApiClient.Response list = api.get("/api/v1/keys", trader.apiKey()).assertStatus(200);
        assertThat(list.body()).doesNotContain("bwk_", "keyHash", "secret");
        JsonNode bot = list.json()
                .valueStream()
                .filter(k -> k.path("keyId").asString().equals(made.text("keyId")))
                .findFirst()
                .orElseThrow();
        assertThat(bot.path("label").asString()).isEqualTo("market maker");
        assertThat(bot.path("allowedIps").valueStream().map(JsonNode::asString))
                .containsExactly("127.0.0.1", "::1/128");
        assertThat(bot.path("expiresAt").asString()).isEqualTo(expires);
        assertThat(bot.path("createdAt").asString()).isNotEmpty();
        assertThat(bot.path("lastUsedAt").asString())
                .as("used a moment ago, to the minute")
                .endsWith(":00Z");
        assertThat(keyIds(trader.apiKey())).containsExactly(trader.keyId(), made.text("keyId"));

        api.delete("/api/v1/keys/" + made.text("keyId"), trader.apiKey()).assertStatus(204);
        api.get("/api/v1/account", made.text("apiKey")).assertProblem(401, "UNAUTHENTICATED");
        assertThat(keyIds(trader.apiKey())).containsExactly(trader.keyId());
        api.delete("/api/v1/keys/" + made.text("keyId"), trader.apiKey()).assertProblem(404, "KEY_NOT_FOUND");
    }

    @Test
    void aReadKeyCannotMakeItselfATradeKey() {
        Trader trader = newTrader();
        Key read = issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}");
        for (String body : List.of("{\"scopes\":[\"TRADE\"]}", "{\"scopes\":[\"READ\",\"WITHDRAW\"]}", "{}")) {
            api.post("/api/v1/keys", read.secret(), body).assertProblem(403, "SCOPE_REQUIRED");
        }
        api.post("/api/v1/keys", read.secret(), "{\"scopes\":[\"READ\"]}").assertStatus(201);
        assertThat(api.get("/api/v1/keys", read.secret()).json().valueStream())
                .allSatisfy(k -> assertThat(k.path("scopes").toString())
                        .isIn("[\"READ\"]", "[\"READ\",\"TRADE\",\"WITHDRAW\"]"));
    }

    @Test
    void aLeakedReadKeyCannotLockTheTradingBotOut() {
        Trader trader = newTrader();
        Key bot = issue(trader.apiKey(), "{\"scopes\":[\"READ\",\"TRADE\"]}");
        Key read = issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}");
        Key otherRead = issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}");

        api.delete("/api/v1/keys/" + bot.keyId(), read.secret()).assertProblem(403, "SCOPE_REQUIRED");
        api.delete("/api/v1/keys/" + trader.keyId(), read.secret()).assertProblem(403, "SCOPE_REQUIRED");
        api.get("/api/v1/orders", bot.secret()).assertStatus(200);

        // A key whose scopes it holds: yes; itself: yes.
        api.delete("/api/v1/keys/" + otherRead.keyId(), bot.secret()).assertStatus(204);
        api.delete("/api/v1/keys/" + read.keyId(), read.secret()).assertStatus(204);
        api.get("/api/v1/account", read.secret()).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void oneAccountsKeyNeverSeesNorRevokesAnothersKeys() {
        Trader alice = newTrader();
        Trader bob = newTrader();
        Key bobsBot = issue(bob.apiKey(), "{\"scopes\":[\"READ\"]}");

        assertThat(keyIds(alice.apiKey())).doesNotContain(bob.keyId(), bobsBot.keyId());
        api.delete("/api/v1/keys/" + bobsBot.keyId(), alice.apiKey()).assertProblem(404, "KEY_NOT_FOUND");
        api.delete("/api/v1/keys/" + bob.keyId(), alice.apiKey()).assertProblem(404, "KEY_NOT_FOUND");
        awaitReadModels();
        String adminKeyId = jdbc.queryForObject(
                "SELECT key_id FROM api_keys WHERE role = 'ADMIN' AND NOT revoked LIMIT 1", String.class);
        api.delete("/api/v1/keys/" + adminKeyId, alice.apiKey()).assertProblem(404, "KEY_NOT_FOUND");
        api.get("/api/v1/account", bobsBot.secret()).assertStatus(200);
        api.get("/api/v1/account", bob.apiKey()).assertStatus(200);
    }

    @Test
    void aTradeKeyCannotWithdraw() {
        Trader trader = newFundedTrader("1000");
        Key bot = issue(trader.apiKey(), "{\"scopes\":[\"TRADE\"]}");
        api.post("/api/v1/withdrawals", bot.secret(), "{\"amount\":\"1000\",\"reference\":\"steal-1\"}")
                .assertProblem(403, "SCOPE_REQUIRED")
                .assertStatus(403);
        assertThat(api.post("/api/v1/withdrawals", bot.secret(), "{\"amount\":\"1000\",\"reference\":\"steal-1\"}")
                        .text("detail"))
                .contains("WITHDRAW");
        assertBalance(trader, "1000");
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerIsIgnored() {
        Trader trader = newTrader();
        Key office = issue(trader.apiKey(), "{\"scopes\":[\"READ\"],\"allowedIps\":[\"203.0.113.0/24\"]}");
        ApiClient.Response refused = api.send(api.request("/api/v1/account", office.secret())
                .header("X-Forwarded-For", "203.0.113.9")
                .GET());
        refused.assertProblem(401, "UNAUTHENTICATED");
        assertThat(refused.text("detail")).contains("address").doesNotContain("203.0.113");
    }

    @Test
    void anAccountHoldsAtMostTwentyLiveKeys() {
        Trader trader = newTrader();
        String last = null;
        for (int i = 1; i < 20; i++) {
            last = issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}").keyId();
        }
        api.post("/api/v1/keys", trader.apiKey(), "{\"scopes\":[\"READ\"]}").assertProblem(409, "TOO_MANY_KEYS");
        api.post("/api/v1/admin/accounts/" + trader.accountId() + "/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertProblem(409, "TOO_MANY_KEYS");
        api.delete("/api/v1/keys/" + last, trader.apiKey()).assertStatus(204);
        issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"scopes\":[]}",
                "{\"scopes\":[\"ADMIN\"]}",
                "{\"scopes\":[\"read\"]}",
                "{\"scopes\":[null]}",
                "{\"scopes\":\"READ\"}",
                "{\"allowedIps\":[\"10.0.0.0/33\"]}",
                "{\"allowedIps\":[\"example.com\"]}",
                "{\"allowedIps\":[\"10.0.0.1/x\"]}",
                "{\"allowedIps\":[null]}",
                "{\"expiresAt\":\"2020-01-01T00:00:00Z\"}",
                "{\"expiresAt\":\"tomorrow\"}",
                "{\"expiresAt\":\"+1000000000-12-31T23:59:59Z\"}",
                "{\"expiresAt\":\"+20000-01-01T00:00:00Z\"}",
                "{\"expiresAt\":1893456000}",
                "{\"label\":\"\"}",
                "{\"label\":\"a\\u0000b\"}",
                "{\"accountId\":\"1\"}",
                "{\"role\":\"ADMIN\"}"
            })
    void refusesBadKeyRequests(String body) {
        Trader trader = newTrader();
        api.post("/api/v1/keys", trader.apiKey(), body).assertProblem(400, "VALIDATION_FAILED");
        assertThat(keyIds(trader.apiKey())).containsExactly(trader.keyId());
    }

    @Test
    void aBadAddressIsNamedInTheAnswer() {
        Trader trader = newTrader();
        assertThat(api.post("/api/v1/keys", trader.apiKey(), "{\"allowedIps\":[\"10.0.0.0/8\",\"10.1.2.3/40\"]}")
                        .assertProblem(400, "VALIDATION_FAILED")
                        .text("detail"))
                .contains("10.1.2.3/40");
    }

    @Test
    void anOperatorReissuesAKeyForAnAccountThatLostItsOwn() {
        Trader trader = newFundedTrader("10");
        api.delete("/api/v1/keys/" + trader.keyId(), trader.apiKey()).assertStatus(204);
        api.get("/api/v1/account", trader.apiKey()).assertProblem(401, "UNAUTHENTICATED");

        ApiClient.Response reissued = api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                        ADMIN_KEY,
                        "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"],\"label\":\"reissued\"}")
                .assertStatus(201);
        assertThat(api.get("/api/v1/account", reissued.text("apiKey"))
                        .assertStatus(200)
                        .text("balance"))
                .isEqualTo("10");
        api.post("/api/v1/admin/accounts/999999999/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
        api.post("/api/v1/admin/accounts/" + trader.accountId() + "/keys", ADMIN_KEY, "{}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                        reissued.text("apiKey"),
                        "{\"scopes\":[\"READ\"]}")
                .assertProblem(403, "FORBIDDEN");
    }

    @Test
    void storedHashesAreKeyedNotPlainSha256() {
        Trader trader = newTrader();
        Key key = issue(trader.apiKey(), "{\"scopes\":[\"READ\"]}");
        awaitReadModels();
        for (String[] k :
                List.of(new String[] {trader.keyId(), trader.apiKey()}, new String[] {key.keyId(), key.secret()})) {
            awaitReadModels();
            String stored = jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE key_id = ?", String.class, k[0]);
            assertThat(stored).isNotEqualTo(ApiKeySecret.hash(k[1])).isEqualTo(hasher.keyed(k[1]));
        }
        String journal =
                jdbc.queryForObject("SELECT string_agg(command::text || events::text, ' ') FROM journal", String.class);
        assertThat(journal).doesNotContain(ApiKeySecret.hash(key.secret()), key.secret());
    }

    @Test
    void aKeyIssuedInAnOlderBuildsRowStillWorksWithEveryScope() {
        // As an older build journaled it: no hash scheme, the plain SHA-256 of the secret.
        String secret = "bwk_legacy-" + UUID.randomUUID();
        Outcome outcome = gateway.submit(
                new CreateAccount("legacy-" + UUID.randomUUID(), ApiKeySecret.newKeyId(), ApiKeySecret.hash(secret)),
                "old build");
        String accountId = ((Outcome.Applied) outcome)
                .events().stream()
                        .filter(AccountCreated.class::isInstance)
                        .map(e -> ((AccountCreated) e).accountId())
                        .findFirst()
                        .orElseThrow();
        deposit(accountId, "5");

        assertThat(api.get("/api/v1/account", secret).assertStatus(200).text("accountId"))
                .isEqualTo(accountId);
        api.post("/api/v1/withdrawals", secret, "{\"amount\":\"1\",\"reference\":\"legacy-1\"}")
                .assertStatus(201);
        JsonNode listed =
                api.get("/api/v1/keys", secret).assertStatus(200).json().get(0);
        assertThat(listed.path("scopes").toString()).isEqualTo("[\"READ\",\"TRADE\",\"WITHDRAW\"]");
        assertThat(listed.path("createdAt").isNull())
                .as("older builds did not record it")
                .isTrue();
        // Its new keys are keyed.
        Key fresh = issue(secret, "{\"scopes\":[\"READ\"]}");
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE key_id = ?", String.class, fresh.keyId()))
                .isEqualTo(hasher.keyed(fresh.secret()));
    }

    @Test
    void lastUseIsStoredOffTheEnginePath() {
        Trader trader = newTrader();
        for (int i = 0; i < 5; i++) {
            api.get("/api/v1/account", trader.apiKey()).assertStatus(200);
        }
        usage.flush();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journal WHERE actor = ?", Long.class, trader.keyId()))
                .as("using a key journals nothing")
                .isZero();
        Instant stored = jdbc.queryForObject(
                        "SELECT last_used_at FROM api_key_usage WHERE key_id = ?",
                        java.sql.Timestamp.class,
                        trader.keyId())
                .toInstant();
        assertThat(stored).isEqualTo(stored.truncatedTo(ChronoUnit.MINUTES));
        assertThat(stored).isAfter(Instant.now().minus(2, ChronoUnit.MINUTES));
    }
}
