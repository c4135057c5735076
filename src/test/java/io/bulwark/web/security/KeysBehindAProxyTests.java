package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.web.ApiClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole instance behind a trusted proxy (loopback) with its own key hash secret: a key's allowed
 * addresses apply to the client the proxy names, the stored hash is the HMAC under that secret, and the
 * key, its limits and its last use survive a restart (snapshot and journal), but not a changed secret.
 */
class KeysBehindAProxyTests {
    private static final String ADMIN = "proxy-tests-admin-key-0123456789";
    private static final String SECRET = "proxy-tests-key-hash-secret-0123456789";
    private static final String PROXY = "--bulwark.http.trusted-proxies=127.0.0.0/8,::1/128";

    private static ApiClient.Response account(ApiClient api, String key, String forwardedFor) {
        HttpRequest.Builder request = api.request("/api/v1/account", key);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return api.send(request.GET());
    }

    @Test
    void allowedAddressesApplyToTheClientTheProxyNamesAndKeysSurviveARestart() throws Exception {
        try (AppInstances apps = new AppInstances(ADMIN)) {
            ConfigurableApplicationContext app =
                    apps.start("proxy-1", PROXY, "--bulwark.security.key-hash-secret=" + SECRET);
            AppInstances.awaitWriter(app);
            ApiClient api = new ApiClient(AppInstances.port(app));
            ApiClient.Response created = api.post("/api/v1/admin/accounts", ADMIN, "{\"name\":\"office\"}")
                    .assertStatus(201);
            ApiClient.Response issued = api.post(
                            "/api/v1/keys",
                            created.text("apiKey"),
                            "{\"scopes\":[\"READ\"],\"allowedIps\":[\"198.51.100.0/24\"],\"label\":\"office\"}")
                    .assertStatus(201);
            String key = issued.text("apiKey");

            account(api, key, "198.51.100.7").assertStatus(200);
            account(api, key, "203.0.113.1").assertProblem(401, "UNAUTHENTICATED");
            account(api, key, null).assertProblem(401, "UNAUTHENTICATED");
            // The client writes the left part itself: the proxy appends the address it saw, which decides.
            account(api, key, "198.51.100.7, 203.0.113.1").assertProblem(401, "UNAUTHENTICATED");

            try (Connection c = apps.connect();
                    PreparedStatement s = c.prepareStatement("SELECT key_hash FROM api_keys WHERE key_id = ?")) {
                s.setString(1, issued.text("keyId"));
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1))
                            .isEqualTo(new KeyHasher(SECRET).keyed(key))
                            .isNotEqualTo(new KeyHasher("").keyed(key))
                            .isNotEqualTo(ApiKeySecret.hash(key));
                }
            }
            app.getBean(KeyUsage.class).flush();
            apps.stop(app);

            ConfigurableApplicationContext again =
                    apps.start("proxy-2", PROXY, "--bulwark.security.key-hash-secret=" + SECRET);
            AppInstances.awaitWriter(again);
            ApiClient after = new ApiClient(AppInstances.port(again));
            account(after, key, "198.51.100.7").assertStatus(200);
            account(after, key, "203.0.113.1").assertProblem(401, "UNAUTHENTICATED");
            var listed = after.send(after.request("/api/v1/keys", key)
                            .header("X-Forwarded-For", "198.51.100.7")
                            .GET())
                    .assertStatus(200)
                    .json()
                    .valueStream()
                    .filter(k -> k.path("keyId").asString().equals(issued.text("keyId")))
                    .findFirst()
                    .orElseThrow();
            assertThat(listed.path("label").asString()).isEqualTo("office");
            assertThat(listed.path("lastUsedAt").isNull())
                    .as("stored before the restart")
                    .isFalse();
            apps.stop(again);

            ConfigurableApplicationContext otherSecret = apps.start(
                    "proxy-3", PROXY, "--bulwark.security.key-hash-secret=another-key-hash-secret-0123456789abcdef");
            AppInstances.awaitWriter(otherSecret);
            account(new ApiClient(AppInstances.port(otherSecret)), key, "198.51.100.7")
                    .assertProblem(401, "UNAUTHENTICATED");
        }
    }
}
