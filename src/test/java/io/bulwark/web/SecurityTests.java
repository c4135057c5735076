package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter;
import org.springframework.security.web.session.SessionManagementFilter;

/** Bearer keys, roles, and the public endpoints. */
class SecurityTests extends HttpApiTestBase {
    @Autowired
    private FilterChainProxy securityFilters;

    /** Stateless API keys: no session filter and no servlet API wrapper in any chain, no session (SecurityConfiguration). */
    @Test
    void noChainRunsTheSessionFilterOrTheServletApiWrapper() {
        List<SecurityFilterChain> chains = securityFilters.getFilterChains();
        assertThat(chains).hasSize(2);
        for (SecurityFilterChain chain : chains) {
            assertThat(chain.getFilters())
                    .noneMatch(f -> f instanceof SessionManagementFilter
                            || f instanceof SecurityContextHolderAwareRequestFilter);
        }
        ApiClient.Response refused = api.get("/api/v1/account", null);
        refused.assertStatus(401);
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void publicEndpointsNeedNoKey() {
        api.get("/api/v1/system/status", null).assertStatus(200);
        api.get("/api/v1/system/time", null).assertStatus(200);
        api.get("/api/v1/markets", null).assertStatus(200);
        api.get("/api/v1/markets/BTC-USD-PERP", null).assertStatus(200);
        api.get("/livez", null).assertStatus(200);
        api.get("/readyz", null).assertStatus(200);
        ApiClient management = new ApiClient(managementPort);
        management.get("/actuator/health", null).assertStatus(200);
        management.get("/actuator/health/liveness", null).assertStatus(200);
        management.get("/actuator/health/readiness", null).assertStatus(200);
        management.get("/actuator/info", null).assertStatus(200);
        assertThat(metrics()).contains("bulwark_");
    }

    @Test
    void theActuatorIsNotOnTheApiPort() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of(
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/info",
                "/actuator/env",
                "/actuator")) {
            assertThat(api.get(path, null).status()).as(path).isIn(401, 404);
            assertThat(api.get(path, ADMIN_KEY).status())
                    .as(path + " with the admin key")
                    .isEqualTo(404);
        }
        // Health says UP or DOWN on the API port, nothing more.
        assertThat(api.get("/readyz", null).body()).doesNotContain("engine", "components", "details");
    }

    /** No {@code bulwark.http.cors.allowed-origins} here (the default): no origin gets cross-origin access. */
    @Test
    void withNoAllowedOriginsAPreflightIsRefused403NotAsked401ForAKey() {
        ApiClient.Response preflight = api.send(api.request("/api/v1/orders", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST"));
        preflight.assertProblem(403, "CORS_REFUSED");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        ApiClient.Response read = api.send(api.request("/api/v1/markets", null)
                .header("Origin", "https://app.example.com")
                .GET());
        read.assertStatus(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void missingKeyIs401() {
        ApiClient.Response response = api.get("/api/v1/account", null).assertProblem(401, "UNAUTHENTICATED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        api.get("/api/v1/admin/keys", null).assertProblem(401, "UNAUTHENTICATED");
        api.post("/api/v1/withdrawals", null, "{\"amount\":\"1\",\"reference\":\"sec-1\"}")
                .assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void unknownOrMalformedKeyIs401() {
        api.get("/api/v1/account", "bwk_not-a-real-key").assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/keys", ADMIN_KEY + "x").assertProblem(401, "UNAUTHENTICATED");
        api.send(api.request("/api/v1/admin/keys", null)
                        .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                        .GET())
                .assertProblem(401, "UNAUTHENTICATED");
        api.send(api.request("/api/v1/admin/keys", null)
                        .header("Authorization", "Bearer ")
                        .GET())
                .assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/keys", "k".repeat(5000)).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void revokedKeyIs401() {
        Trader trader = newTrader();
        api.get("/api/v1/account", trader.apiKey()).assertStatus(200);
        api.delete("/api/v1/admin/keys/" + trader.keyId(), ADMIN_KEY).assertStatus(204);
        api.get("/api/v1/account", trader.apiKey()).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void traderKeyOnAdminPathsIs403() {
        Trader trader = newTrader();
        api.get("/api/v1/admin/keys", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/admin/accounts", trader.apiKey(), "{\"name\":\"x\"}").assertProblem(403, "FORBIDDEN");
        api.post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/deposits",
                        trader.apiKey(),
                        "{\"amount\":\"1000\",\"reference\":\"" + reference() + "\"}")
                .assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/vault", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        assertBalance(trader, "0");
    }

    @Test
    void adminAndOracleKeysHaveNoTraderAccount() {
        ApiClient.Response oracle =
                api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"feed\"}");
        oracle.assertStatus(201);
        api.get("/api/v1/account", oracle.text("apiKey")).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/keys", oracle.text("apiKey")).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/account", ADMIN_KEY).assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/withdrawals", ADMIN_KEY, "{\"amount\":\"1\",\"reference\":\"sec-1\"}")
                .assertProblem(403, "FORBIDDEN");
    }

    @Test
    void aTraderSeesOnlyItsOwnAccount() {
        Trader alice = newFundedTrader("100");
        Trader bob = newFundedTrader("250");
        ApiClient.Response aliceAccount = api.get("/api/v1/account", alice.apiKey());
        assertThat(aliceAccount.text("accountId")).isEqualTo(alice.accountId());
        assertThat(aliceAccount.text("balance")).isEqualTo("100");
        assertThat(api.get("/api/v1/account/ledger", alice.apiKey())
                        .json()
                        .valueStream()
                        .map(e -> e.path("to").asString()))
                .containsOnly(alice.accountId());
        // The account is the key's, never a parameter a client could change.
        ApiClient.Response probe = api.get("/api/v1/account?accountId=" + bob.accountId(), alice.apiKey());
        assertThat(probe.text("accountId")).isEqualTo(alice.accountId());
        api.get("/api/v1/account/" + bob.accountId(), alice.apiKey()).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void noSessionCookieIsEverSet() {
        Trader trader = newTrader();
        ApiClient.Response response = api.get("/api/v1/account", trader.apiKey());
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    /** The console's page and files are public, read only, under a strict CSP; nothing else becomes public. */
    @Test
    void theConsoleIsPublicUnderAStrictContentSecurityPolicy() {
        for (String path :
                List.of("/console", "/console/", "/console/index.html", "/console/app.js", "/console/console.css")) {
            ApiClient.Response page = api.get(path, null).assertStatus(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp)
                    .as(path)
                    .contains(
                            "default-src 'none'",
                            "script-src 'self'",
                            "style-src 'self'",
                            "frame-ancestors 'none'",
                            "require-trusted-types-for 'script'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(page.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        String html = api.get("/console", null).body();
        assertThat(html).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
        assertThat(html.split("<script", -1)).as("scripts, none inline").hasSize(2);
        assertThat(html).doesNotContain("style=", " onclick=", " onload=");
        assertThat(api.get("/console/app.js", null).contentType()).contains("javascript");

        assertThat(api.post("/console", null, "{}").status()).isIn(401, 403);
        assertThat(api.delete("/console/app.js", null).status()).isIn(401, 403);
        assertThat(api.get("/console/nothing-here.js", null).status()).isEqualTo(404);
        api.get("/consoles", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/console-admin", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/vault", null).assertProblem(401, "UNAUTHENTICATED");
    }

    /** Server data becomes text nodes only, and the key lives in session storage only (the browser test runs it). */
    @Test
    void theConsolesScriptsWriteNoMarkupAndKeepTheKeyInSessionStorageOnly() throws Exception {
        Path folder = Path.of("src/main/resources/static/console");
        List<Path> scripts;
        try (var files = Files.list(folder)) {
            scripts = files.filter(f -> f.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).isNotEmpty();
        for (Path script : scripts) {
            String code = Files.readString(script);
            assertThat(code)
                    .as(script.toString())
                    .doesNotContainPattern("\\.(innerHTML|outerHTML)\\s*=")
                    .doesNotContain("insertAdjacentHTML", "document.write", "eval(", "new Function")
                    .doesNotContain("localStorage.", "document.cookie", "indexedDB");
        }
    }
}
