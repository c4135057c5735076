package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crashes under order flow (issue 6): while {@link OrderLoad} clients place and retry orders, the service
 * is killed ({@code kill -9}) {@code fault.crash.cycles} times and its PostgreSQL crashed ({@code pg_ctl stop
 * -m immediate}) as often, alternately. After every restart: the instance is the writer with a verified
 * recovery, every integrity check passes, every acknowledged order exists with the order id the client was
 * given, and no retried {@code clientOrderId} exists twice.
 */
class CrashFaultTests {
    private static final String ADMIN_KEY = "bwk_fault_crash_admin_key_0000000000000000000000";
    private static final String MARKET = "BTC-USD-PERP";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);

    private final FaultRun run = new FaultRun("crash");
    private final int cycles = FaultRun.intSetting("fault.crash.cycles", 20);
    private final int clients = FaultRun.intSetting("fault.crash.clients", 4);
    private final Duration loadBetweenCrashes = FaultRun.secondsSetting("fault.crash.load-seconds", 5);
    private final List<String> failures = new ArrayList<>();

    @Test
    void acknowledgedOrdersSurviveKilledServicesAndCrashedDatabases() throws Exception {
        try (ScratchPostgres pg = ScratchPostgres.create()) {
            String database = pg.createDatabase("bulwark");
            int port = ScratchPostgres.freePort();
            ServiceProcess service = ServiceProcess.start("crash-0", port, database, pg.username(), ADMIN_KEY);
            ApiClient api = service.api();
            try {
                awaitVerifiedWriter(service, "first start");
                String oracleKey = api.post("/api/v1/admin/keys", ADMIN_KEY, OracleFeed.KEY_REQUEST)
                        .assertStatus(201)
                        .text("apiKey");
                List<OrderLoad.Trader> traders = traders(api);
                try (OracleFeed feed = new OracleFeed(api, oracleKey, MARKET, "65000");
                        OrderLoad load = new OrderLoad(api, traders, MARKET, clients)) {
                    run.print(
                            "%d service kills + %d PostgreSQL crashes, %d clients, %d s of load between crashes",
                            cycles, cycles, clients, loadBetweenCrashes.toSeconds());
                    for (int round = 1; round <= 2 * cycles; round++) {
                        int before = load.acknowledged().size();
                        FaultRun.sleep(loadBetweenCrashes);
                        boolean killService = round % 2 == 1;
                        long crashed = System.nanoTime();
                        if (killService) {
                            service.kill();
                            service = ServiceProcess.start("crash-" + round, port, database, pg.username(), ADMIN_KEY);
                        } else {
                            pg.crash();
                            pg.start();
                        }
                        String what = killService ? "kill -9 service" : "crash PostgreSQL";
                        boolean up = awaitVerifiedWriter(service, what + " (round " + round + ")");
                        long recoveredMs = (System.nanoTime() - crashed) / 1_000_000;
                        checkIntegrity(api, round);
                        int checked = checkAcknowledgedOrders(database, pg.username(), load.acknowledged(), round);
                        run.print(
                                "round %d: %s, writer again after %d ms (%s), %d new acks, %d acked orders checked,"
                                        + " %d retries so far",
                                round,
                                what,
                                recoveredMs,
                                up ? "recovery verified" : "NOT recovered",
                                checked - before,
                                checked,
                                load.retries());
                    }
                    load.close();
                    int checked = checkAcknowledgedOrders(database, pg.username(), load.acknowledged(), 2 * cycles + 1);
                    failures.addAll(load.violations());
                    run.print(
                            "figures: rounds=%d acknowledged=%d checked=%d retried orders=%d retries=%d refused=%d"
                                    + " duplicates=%d failures=%d",
                            2 * cycles,
                            load.acknowledged().size(),
                            checked,
                            load.retriedOrders(),
                            load.retries(),
                            load.refused(),
                            duplicates(database, pg.username()),
                            failures.size());
                }
            } finally {
                service.kill();
                failures.forEach(f -> run.print("FAILURE %s", f));
                run.save();
            }
        }
        assertThat(failures).isEmpty();
    }

    private List<OrderLoad.Trader> traders(ApiClient api) {
        List<OrderLoad.Trader> traders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ApiClient.Response created = api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"crash-" + i + "\"}")
                    .assertStatus(201);
            String accountId = created.text("accountId");
            api.post(
                            "/api/v1/admin/accounts/" + accountId + "/deposits",
                            ADMIN_KEY,
                            "{\"amount\":\"100000000\",\"reference\":\"crash-funding-" + i + "\"}")
                    .assertStatus(201);
            traders.add(new OrderLoad.Trader(accountId, created.text("apiKey")));
        }
        return traders;
    }

    /** Waits for WRITER with a verified recovery; records a failure if it does not come. */
    private boolean awaitVerifiedWriter(ServiceProcess service, String after) {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        Optional<JsonNode> status = Optional.empty();
        while (System.nanoTime() < deadline) {
            status = service.status();
            if (status.isPresent() && "WRITER".equals(status.get().path("role").asString())) {
                if (!status.get().path("recovery").path("verified").asBoolean()) {
                    failures.add("recovery not verified after " + after + ": " + status.get());
                    return false;
                }
                return true;
            }
            FaultRun.sleep(Duration.ofMillis(100));
        }
        failures.add("no writer within " + RECOVERY_LIMIT + " after " + after + ": " + status);
        return false;
    }

    private void checkIntegrity(ApiClient api, int round) {
        try {
            ApiClient.Response report = api.get("/api/v1/admin/integrity", ADMIN_KEY);
            if (report.status() != 200 || !report.json().path("ok").asBoolean()) {
                failures.add("integrity after round " + round + ": " + report.status() + " " + report.body());
            }
        } catch (RuntimeException e) {
            failures.add("integrity after round " + round + ": " + e);
        }
    }

    /** Every acknowledged order is in the orders table (written in the journal transaction) under its id. */
    private int checkAcknowledgedOrders(String database, String user, List<OrderLoad.Ack> acks, int round)
            throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database, user, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT account_id, client_order_id, order_id FROM orders WHERE client_order_id <> ''")) {
            while (rs.next()) {
                stored.merge(rs.getString(1) + "/" + rs.getString(2), rs.getString(3), (a, b) -> a + "," + b);
            }
        }
        for (OrderLoad.Ack ack : acks) {
            String orderIds = stored.get(ack.accountId() + "/" + ack.clientOrderId());
            if (!ack.orderId().equals(orderIds)) {
                failures.add("round " + round + ": acknowledged " + ack + " but stored: " + orderIds);
            }
        }
        long duplicates = duplicates(database, user);
        if (duplicates > 0) {
            failures.add("round " + round + ": " + duplicates + " clientOrderIds stored more than once");
        }
        return acks.size();
    }

    private static long duplicates(String database, String user) throws SQLException {
        try (Connection c = DriverManager.getConnection(database, user, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM orders WHERE client_order_id <> ''"
                        + " GROUP BY account_id, client_order_id HAVING count(*) > 1) d")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
