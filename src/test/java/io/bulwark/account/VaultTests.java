package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/admin/vault}: the system accounts and the insurance fund's entries. */
class VaultTests extends HttpApiTestBase {

    @Test
    void showsTheSystemAccountsAndTheVaultsEntries() {
        ApiClient.Response before = api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200);
        String reference = reference();
        api.post(
                        "/api/v1/admin/accounts/LIQUIDATOR_VAULT/deposits",
                        ADMIN_KEY,
                        "{\"amount\":\"1000\",\"reference\":\"" + reference + "\"}")
                .assertStatus(201);
        Trader trader = newFundedTrader("250");

        ApiClient.Response after = api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200);
        assertThat(new BigDecimal(after.text("balance")))
                .isEqualByComparingTo(new BigDecimal(before.text("balance")).add(new BigDecimal("1000")));
        assertThat(new BigDecimal(after.text("external")))
                .isEqualByComparingTo(new BigDecimal(before.text("external")).subtract(new BigDecimal("1250")));
        assertThat(after.text("fees")).isNotNull();
        assertThat(after.get("entries").get(0).path("reference").asString()).isEqualTo(reference);
        assertThat(after.get("entries").get(0).path("amount").asString()).isEqualTo("1000");
        assertThat(after.get("entries").valueStream())
                .noneSatisfy(e -> assertThat(e.path("to").asString()).isEqualTo(trader.accountId()));
    }

    @Test
    void onlyAdminsSeeTheVault() {
        api.get("/api/v1/admin/vault", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/vault", newTrader().apiKey()).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/vault?limit=0", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
    }
}
