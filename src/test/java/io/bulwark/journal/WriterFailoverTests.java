package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole application instances on one database, driven over HTTP: one writer, one standby that
 * refuses work until the writer dies, and restarts that come back with the same state.
 */
class WriterFailoverTests {
    private static final String ADMIN_KEY = "bwk_failover_admin_key_000000000000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private final String database = instances.database();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private ConfigurableApplicationContext startInstance(String name) {
        return instances.start(name);
    }

    /** The state hash the first instance recorded live in its shutdown snapshot. */
    private String shutdownSnapshotHash() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(database, TestPostgres.username(), TestPostgres.password());
                var rs = c.createStatement()
                        .executeQuery(
                                "SELECT state_hash FROM snapshots WHERE reason = 'shutdown' ORDER BY sequence DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String base(ConfigurableApplicationContext app) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    private static EngineGateway gateway(ConfigurableApplicationContext app) {
        return app.getBean(EngineGateway.class);
    }

    private static void awaitWriter(ConfigurableApplicationContext app) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> gateway(app).nodeStatus().role() == NodeStatus.Role.WRITER);
    }

    private HttpResponse<String> call(String method, String url, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    @Test
    void theStandbyRefusesWorkUntilTheWriterDiesThenTakesOverWithTheSameState() throws Exception {
        ConfigurableApplicationContext a = startInstance("a");
        awaitWriter(a);
        ConfigurableApplicationContext b = startInstance("b");

        var account = call("POST", base(a) + "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"alice\"}");
        assertThat(account.statusCode()).isEqualTo(201);
        String accountId = field(account.body(), "accountId");
        String traderKey = field(account.body(), "apiKey");
        assertThat(call(
                                "POST",
                                base(a) + "/api/v1/admin/accounts/" + accountId + "/deposits",
                                ADMIN_KEY,
                                "{\"amount\":\"1500.25\",\"reference\":\"wire-1\"}")
                        .statusCode())
                .isEqualTo(201);

        var standbyStatus = call("GET", base(b) + "/api/v1/system/status", null, null);
        assertThat(standbyStatus.statusCode()).isEqualTo(200);
        assertThat(field(standbyStatus.body(), "role")).isEqualTo("STANDBY");
        var refused = call("GET", base(b) + "/api/v1/account", traderKey, null);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(field(refused.body(), "code")).isEqualTo("NOT_WRITER");
        assertThat(call("GET", base(b) + "/readyz", null, null).statusCode()).isEqualTo(503);
        assertThat(call("GET", base(a) + "/readyz", null, null).statusCode()).isEqualTo(200);

        a.close();
        long stopped = System.nanoTime();
        awaitWriter(b);
        assertThat((System.nanoTime() - stopped) / 1_000_000).as("takeover ms").isLessThan(10_000);

        var after = call("GET", base(b) + "/api/v1/account", traderKey, null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(field(after.body(), "balance")).isEqualTo("1500.25");
        assertThat(field(
                        call("GET", base(b) + "/api/v1/system/status", null, null)
                                .body(),
                        "role"))
                .isEqualTo("WRITER");
    }

    /**
     * A writer that has not proven its lease for longer than stale-after (frozen by SIGSTOP or a long pause,
     * so a standby may have evicted it meanwhile) stops claiming WRITER and refuses commands until its next
     * heartbeat succeeds. Here the heartbeat interval is longer than stale-after, so every gap shows it.
     */
    @Test
    void aWriterWhoseLeaseWentUnprovenStopsClaimingWriterUntilItsNextHeartbeat() throws Exception {
        ConfigurableApplicationContext a = instances.start(
                "slow-heartbeat", "--bulwark.lease.heartbeat-interval=4s", "--bulwark.lease.stale-after=1s");
        awaitWriter(a);

        await().atMost(Duration.ofSeconds(3))
                .until(() -> gateway(a).nodeStatus().role() == NodeStatus.Role.STANDBY);
        assertThat(field(
                        call("GET", base(a) + "/api/v1/system/status", null, null)
                                .body(),
                        "role"))
                .isEqualTo("STANDBY");
        var refused = call("POST", base(a) + "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"late\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(field(refused.body(), "code")).isEqualTo("NOT_WRITER");

        // the heartbeat at 4 s proves the lease again: the same term serves on
        awaitWriter(a);
        var accepted = call("POST", base(a) + "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"on-time\"}");
        assertThat(accepted.statusCode()).isEqualTo(201);
    }

    @Test
    void aRestartedInstanceComesBackWithTheSameStateHashAndBalances() throws Exception {
        ConfigurableApplicationContext first = startInstance("first");
        awaitWriter(first);
        var account = call("POST", base(first) + "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"bob\"}");
        String accountId = field(account.body(), "accountId");
        String traderKey = field(account.body(), "apiKey");
        call(
                "POST",
                base(first) + "/api/v1/admin/accounts/" + accountId + "/deposits",
                ADMIN_KEY,
                "{\"amount\":\"99.999999\",\"reference\":\"wire-2\"}");
        assertThat(call(
                                "POST",
                                base(first) + "/api/v1/withdrawals",
                                traderKey,
                                "{\"amount\":\"0.5\",\"reference\":\"wd-1\"}")
                        .statusCode())
                .isEqualTo(201);
        String balanceBefore = field(
                call("GET", base(first) + "/api/v1/account", traderKey, null).body(), "balance");
        first.close();

        ConfigurableApplicationContext second = startInstance("second");
        awaitWriter(second);
        NodeStatus.Recovery recovery = gateway(second).nodeStatus().recovery();
        assertThat(recovery.verified()).isTrue();
        assertThat(recovery.detail()).endsWith("state hash " + shutdownSnapshotHash());
        assertThat(field(
                        call("GET", base(second) + "/api/v1/account", traderKey, null)
                                .body(),
                        "balance"))
                .isEqualTo(balanceBefore)
                .isEqualTo("99.499999");
    }
}
