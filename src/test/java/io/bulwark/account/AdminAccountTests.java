package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/v1/admin/accounts}. */
class AdminAccountTests extends HttpApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void opensAnAccountWithItsTraderKey() {
        ApiClient.Response created = api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"Alice Ltd\"}")
                .assertStatus(201);
        String accountId = created.text("accountId");
        assertThat(accountId).matches("[0-9]+");
        assertThat(created.text("name")).isEqualTo("Alice Ltd");
        assertThat(created.text("apiKey")).matches("bwk_[A-Za-z0-9_-]{43}");
        assertThat(created.text("keyId")).matches("key_[0-9a-f]{16}");

        ApiClient.Response account =
                api.get("/api/v1/account", created.text("apiKey")).assertStatus(200);
        assertThat(account.text("accountId")).isEqualTo(accountId);
        assertThat(account.text("name")).isEqualTo("Alice Ltd");

        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT name FROM accounts WHERE account_id = ?", String.class, accountId))
                .isEqualTo("Alice Ltd");
        awaitReadModels();
        assertThat(jdbc.queryForMap("SELECT * FROM api_keys WHERE key_id = ?", created.text("keyId")))
                .containsEntry("role", "TRADER")
                .containsEntry("account_id", accountId)
                .containsEntry("revoked", false);
        // only the hash is stored
        awaitReadModels();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM api_keys WHERE key_hash = ?", Integer.class, created.text("apiKey")))
                .isZero();
    }

    @Test
    void eachAccountGetsItsOwnIdAndKey() {
        Trader a = newTrader();
        Trader b = newTrader();
        assertThat(a.accountId()).isNotEqualTo(b.accountId());
        assertThat(a.apiKey()).isNotEqualTo(b.apiKey());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\":null}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":42}",
                "{\"name\":[\"a\"]}",
                "{\"name\":\"tab\\there\"}",
                "{\"name\":\"nul\\u0000\"}",
                "{\"name\":\"lone\\ud800surrogate\"}",
                "{\"name\":\"a\",\"extra\":1}"
            })
    void refusesBadNames(String body) {
        awaitReadModels();
        Integer before = jdbc.queryForObject("SELECT count(*) FROM accounts", Integer.class);
        api.post("/api/v1/admin/accounts", ADMIN_KEY, body).assertProblem(400, "VALIDATION_FAILED");
        awaitReadModels();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void namesHaveAtMost64Characters() {
        api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + "n".repeat(64) + "\"}")
                .assertStatus(201);
        ApiClient.Response tooLong = api.post(
                        "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + "n".repeat(65) + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertThat(tooLong.text("detail")).startsWith("name:");
    }
}
