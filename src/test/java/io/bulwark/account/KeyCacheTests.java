package io.bulwark.account;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;

/**
 * The API-key cache is kept by committed events alone, and hears of each commit before the commit's replies
 * leave: a key is usable the moment the 201 that issued it arrives, and refused the moment the 204 that
 * revoked it arrives, by every path that issues or revokes keys. Repeated, since a late cache would show
 * as an occasional 401 (or 200), not as a steady one.
 */
class KeyCacheTests extends HttpApiTestBase {
    private static final int ROUNDS = 10;

    @Test
    void aKeyIsUsableAsSoonAsThe201ThatIssuedIt() {
        for (int i = 0; i < ROUNDS; i++) {
            Trader trader = newTrader();
            api.get("/api/v1/account", trader.apiKey()).assertStatus(200);

            String own = api.post("/api/v1/keys", trader.apiKey(), "{}")
                    .assertStatus(201)
                    .text("apiKey");
            api.get("/api/v1/account", own).assertStatus(200);

            String operators = api.post(
                            "/api/v1/admin/accounts/" + trader.accountId() + "/keys",
                            ADMIN_KEY,
                            "{\"scopes\":[\"READ\"]}")
                    .assertStatus(201)
                    .text("apiKey");
            api.get("/api/v1/account", operators).assertStatus(200);

            String admin = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ADMIN\"}")
                    .assertStatus(201)
                    .text("apiKey");
            api.get("/api/v1/admin/keys", admin).assertStatus(200);
        }
    }

    @Test
    void aKeyIsRefusedAsSoonAsThe204ThatRevokedIt() {
        Trader trader = newTrader();
        for (int i = 0; i < ROUNDS; i++) {
            ApiClient.Response own =
                    api.post("/api/v1/keys", trader.apiKey(), "{}").assertStatus(201);
            api.delete("/api/v1/keys/" + own.text("keyId"), trader.apiKey()).assertStatus(204);
            api.get("/api/v1/account", own.text("apiKey")).assertStatus(401);

            ApiClient.Response admin = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ADMIN\"}")
                    .assertStatus(201);
            api.delete("/api/v1/admin/keys/" + admin.text("keyId"), ADMIN_KEY).assertStatus(204);
            api.get("/api/v1/admin/keys", admin.text("apiKey")).assertStatus(401);
        }
    }
}
