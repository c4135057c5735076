package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/admin/keys}: issue, revoke, list. */
class AdminKeyTests extends HttpApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"{\"role\":\"ADMIN\"}", "{\"role\":\"ORACLE\",\"source\":\"feed-1\"}"})
    void issuesAdminAndOracleKeys(String body) {
        ApiClient.Response issued =
                api.post("/api/v1/admin/keys", ADMIN_KEY, body).assertStatus(201);
        String role = issued.text("role");
        assertThat(body).contains(role);
        assertThat(issued.text("source")).isEqualTo(role.equals("ORACLE") ? "feed-1" : null);
        assertThat(issued.text("apiKey")).matches("bwk_[A-Za-z0-9_-]{43}");
        assertThat(issued.text("keyId")).matches("key_[0-9a-f]{16}");
        int expected = role.equals("ADMIN") ? 200 : 403;
        assertThat(api.get("/api/v1/admin/keys", issued.text("apiKey")).status())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"role\":\"TRADER\"}",
                "{\"role\":\"ROOT\"}",
                "{\"role\":\"admin\"}",
                "{\"role\":1}",
                "{}",
                "{\"role\":null}",
                "{\"role\":\"ADMIN\",\"accountId\":\"1\"}",
                "{\"role\":\"ORACLE\"}",
                "{\"role\":\"ORACLE\",\"source\":null}",
                "{\"role\":\"ORACLE\",\"source\":\"\"}",
                "{\"role\":\"ORACLE\",\"source\":\"two words\"}",
                "{\"role\":\"ADMIN\",\"source\":\"feed-1\"}"
            })
    void refusesOtherRoles(String body) {
        api.post("/api/v1/admin/keys", ADMIN_KEY, body).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void revokesAKey() {
        ApiClient.Response issued = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ADMIN\"}");
        String key = issued.text("apiKey");
        api.get("/api/v1/admin/keys", key).assertStatus(200);
        ApiClient.Response revoked = api.delete("/api/v1/admin/keys/" + issued.text("keyId"), ADMIN_KEY)
                .assertStatus(204);
        assertThat(revoked.body()).isEmpty();
        api.get("/api/v1/admin/keys", key).assertProblem(401, "UNAUTHENTICATED");
        api.delete("/api/v1/admin/keys/" + issued.text("keyId"), ADMIN_KEY).assertProblem(404, "KEY_NOT_FOUND");
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        api.delete("/api/v1/admin/keys/key_0000000000000000", ADMIN_KEY).assertProblem(404, "KEY_NOT_FOUND");
    }

    @Test
    void listsKeysWithoutSecrets() {
        Trader trader = newTrader();
        ApiClient.Response list = api.get("/api/v1/admin/keys", ADMIN_KEY).assertStatus(200);
        JsonNode mine = list.json()
                .valueStream()
                .filter(k -> k.path("keyId").asString().equals(trader.keyId()))
                .findFirst()
                .orElseThrow();
        assertThat(mine.path("role").asString()).isEqualTo("TRADER");
        assertThat(mine.path("accountId").asString()).isEqualTo(trader.accountId());
        assertThat(mine.path("revoked").asBoolean()).isFalse();
        assertThat(list.json().valueStream()).anySatisfy(k -> {
            assertThat(k.path("role").asString()).isEqualTo("ADMIN");
            assertThat(k.path("accountId").isNull()).isTrue();
            assertThat(k.path("source").isNull()).isTrue();
        });
        String oracleKeyId = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"listed\"}")
                .assertStatus(201)
                .text("keyId");
        assertThat(api.get("/api/v1/admin/keys", ADMIN_KEY).json().valueStream())
                .filteredOn(k -> k.path("keyId").asString().equals(oracleKeyId))
                .singleElement()
                .satisfies(k -> assertThat(k.path("source").asString()).isEqualTo("listed"));
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT source FROM api_keys WHERE key_id = ?", String.class, oracleKeyId))
                .as("the read model keeps the binding")
                .isEqualTo("listed");
        assertThat(list.body()).doesNotContain(trader.apiKey(), ADMIN_KEY, "keyHash", "bwk_");
    }

    @Test
    void theLastAdminKeyCannotBeRevoked() {
        awaitReadModels();
        String bootstrapId = jdbc.queryForObject(
                "SELECT key_id FROM api_keys WHERE role = 'ADMIN' ORDER BY created_sequence LIMIT 1", String.class);
        api.get("/api/v1/admin/keys", ADMIN_KEY)
                .json()
                .valueStream()
                .filter(k -> k.path("role").asString().equals("ADMIN")
                        && !k.path("revoked").asBoolean())
                .map(k -> k.path("keyId").asString())
                .filter(id -> !id.equals(bootstrapId))
                .forEach(id -> api.delete("/api/v1/admin/keys/" + id, ADMIN_KEY).assertStatus(204));

        api.delete("/api/v1/admin/keys/" + bootstrapId, ADMIN_KEY).assertProblem(409, "LAST_ADMIN_KEY");
        api.get("/api/v1/admin/keys", ADMIN_KEY).assertStatus(200);
    }
}
