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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failover with PostgreSQL's own replication (issue 16 item 6, SPEC section 12 "Beyond one machine"): the
 * service runs on a multi-host URL with {@code targetServerType=primary} against a {@link PostgresPair} (a
 * primary with a synchronous standby). Under {@link OrderLoad}, the primary is killed ({@code kill -9}, every
 * server process) and, {@code fault.pg.promote-delay-seconds} later, the standby promoted. The same service
 * process must become the writer again under the next epoch, and every order a client saw acknowledged
 * must be on the promoted standby under the order id the client was given. Figures: target/fault/pg-failover.txt.
 */
class PgFailoverFaultTests {
    private static final String ADMIN_KEY = "bwk_fault_failover_admin_key_00000000000000000000";
    private static final String MARKET = "BTC-USD-PERP";
    private static final String DATABASE = "bulwark";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(180);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(120);

    private final FaultRun run = new FaultRun("pg-failover");
    private final int clients = FaultRun.intSetting("fault.pg.clients", 4);
    private final Duration loadBefore = FaultRun.secondsSetting("fault.pg.load-seconds", 10);
    private final Duration promoteDelay = FaultRun.secondsSetting("fault.pg.promote-delay-seconds", 2);
    /**
     * Above 0: the standby is stopped this long before the kill (COMMITs wait for it), the waiting COMMITs are
     * cancelled every 500 ms meanwhile (they then return committed on the primary alone), and it is started
     * again after the kill, before its promotion.
     */
    private final Duration standbyDown = FaultRun.secondsSetting("fault.pg.standby-down-seconds", 0);

    private final List<String> failures = new ArrayList<>();

    @Test
    void thePromotedStandbyHasEveryAcknowledgedOrderAndTheWriterComesBackUnderTheNextEpoch() throws Exception {
        try (PostgresPair pg = PostgresPair.create(DATABASE)) {
            String url = pg.multiHostUrl(DATABASE);
            ServiceProcess service =
                    ServiceProcess.start("pg-failover", ScratchPostgres.freePort(), url, pg.username(), ADMIN_KEY);
            try {
                awaitWriter(service, STARTUP_LIMIT, "first start", () -> true);
                long epoch = leaseEpoch(url, pg.username());
                run.print("service on %s, writer epoch %d, %d clients", url, epoch, clients);
                failOver(pg, service, epoch);
            } finally {
                service.kill();
                failures.forEach(f -> run.print("FAILURE %s", f));
                run.save();
            }
        }
        assertThat(failures).isEmpty();
    }

    private void failOver(PostgresPair pg, ServiceProcess service, long epoch) throws Exception {
        ApiClient api = service.api();
        String oracleKey = api.post("/api/v1/admin/keys", ADMIN_KEY, OracleFeed.KEY_REQUEST)
                .assertStatus(201)
                .text("apiKey");
        List<OrderLoad.Trader> traders = traders(api);
        try (OracleFeed feed = new OracleFeed(api, oracleKey, MARKET, "65000")) {
            awaitHealthyPrice(service);
            try (OrderLoad load = new OrderLoad(api, traders, MARKET, clients)) {
                loadAndFailOver(pg, service, epoch, load);
            }
        }
    }

    private void loadAndFailOver(PostgresPair pg, ServiceProcess service, long epoch, OrderLoad load) throws Exception {
        ApiClient api = service.api();
        FaultRun.sleep(loadBefore);
        String syncState = pg.standbySyncState();
        int ackedBeforeStandbyDown = load.acknowledged().size();
        long cancelled = 0;
        if (!standbyDown.isZero()) {
            pg.stopStandby();
            long restart = System.nanoTime() + standbyDown.toNanos();
            while (System.nanoTime() < restart) {
                FaultRun.sleep(Duration.ofMillis(500));
                cancelled += pg.cancelCommitsWaitingForStandby();
            }
        }
        int ackedBeforeKill = load.acknowledged().size();
        long killed = System.nanoTime();
        long postmaster = pg.killPrimary();
        if (!standbyDown.isZero()) {
            pg.startStandby();
            run.print(
                    "standby down %d s before the kill, %d commits waiting for it cancelled on the primary"
                            + " (pg_cancel_backend): %d orders acknowledged meanwhile",
                    standbyDown.toSeconds(), cancelled, ackedBeforeKill - ackedBeforeStandbyDown);
        }
        long noticed = awaitNotWriter(service, killed + promoteDelay.toNanos());
        FaultRun.sleep(Duration.ofNanos(Math.max(0, killed + promoteDelay.toNanos() - System.nanoTime())));
        long promoting = System.nanoTime();
        pg.promoteStandby();
        long promoted = System.nanoTime();
        String newPrimary = pg.standbyUrl(DATABASE);
        boolean back =
                awaitWriter(service, FAILOVER_LIMIT, "promotion", () -> leaseEpoch(newPrimary, pg.username()) > epoch);
        long writerAgain = System.nanoTime();
        long newEpoch = leaseEpoch(newPrimary, pg.username());
        // With the standby down, the old primary may have raised the epoch alone meanwhile (terms that could
        // not commit): the promoted one then starts from an epoch it never saw.
        if (back && (standbyDown.isZero() ? newEpoch != epoch + 1 : newEpoch <= epoch)) {
            failures.add("writer back under lease epoch " + newEpoch + ", expected " + (epoch + 1));
        }
        int ackedAtWriterAgain = load.acknowledged().size();
        FaultRun.sleep(Duration.ofSeconds(3)); // orders flow again on the new primary
        load.close();
        failures.addAll(load.violations());
        checkIntegrity(api);
        List<OrderLoad.Ack> acks = load.acknowledged();
        long lost = lostOrders(pg.standbyUrl(DATABASE), pg.username(), acks);
        long duplicates = duplicates(pg.standbyUrl(DATABASE), pg.username());
        if (duplicates > 0) {
            failures.add(duplicates + " clientOrderIds stored more than once");
        }
        run.print(
                "standby sync_state before the kill: %s; kill -9 of postmaster %d and its children after %d acks",
                syncState, postmaster, ackedBeforeKill);
        run.print(
                "figures: kill->service saw no writer %s, kill->promoted %d ms (promote itself %d ms),"
                        + " promoted->writer %d ms, kill->writer %d ms; lease epoch %d -> %d",
                noticed < 0 ? "not before the promotion" : millis(killed, noticed) + " ms",
                millis(killed, promoted),
                millis(promoting, promoted),
                millis(promoted, writerAgain),
                millis(killed, writerAgain),
                epoch,
                newEpoch);
        run.print(
                "figures: acknowledged=%d (%d before the kill, %d when the writer was back, %d after)"
                        + " lost=%d duplicates=%d in-doubt attempts retried=%d orders acked after a retry=%d"
                        + " refused=%d failures=%d",
                acks.size(),
                ackedBeforeKill,
                ackedAtWriterAgain,
                acks.size() - ackedAtWriterAgain,
                lost,
                duplicates,
                load.retries(),
                load.retriedOrders(),
                load.refused(),
                failures.size());
        if (acks.size() <= ackedAtWriterAgain) {
            failures.add("no order was acknowledged after the failover");
        }
    }

    private List<OrderLoad.Trader> traders(ApiClient api) {
        List<OrderLoad.Trader> traders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ApiClient.Response created = api.post(
                            "/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"failover-" + i + "\"}")
                    .assertStatus(201);
            String accountId = created.text("accountId");
            api.post(
                            "/api/v1/admin/accounts/" + accountId + "/deposits",
                            ADMIN_KEY,
                            "{\"amount\":\"100000000\",\"reference\":\"failover-funding-" + i + "\"}")
                    .assertStatus(201);
            traders.add(new OrderLoad.Trader(accountId, created.text("apiKey")));
        }
        return traders;
    }

    /** Polls the status until the role is WRITER and {@code newTerm} holds, with a verified recovery. */
    private boolean awaitWriter(ServiceProcess service, Duration limit, String after, BooleanSupplier newTerm) {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<JsonNode> status = Optional.empty();
        while (System.nanoTime() < deadline) {
            status = service.status();
            if (status.isPresent() && "WRITER".equals(status.get().path("role").asString()) && newTerm.getAsBoolean()) {
                if (!status.get().path("recovery").path("verified").asBoolean()) {
                    failures.add("recovery not verified after " + after + ": " + status.get());
                }
                return true;
            }
            FaultRun.sleep(Duration.ofMillis(50));
        }
        failures.add("no writer within " + limit + " after " + after + ": " + status);
        return false;
    }

    /** Orders are refused until the feed's first prices made the mark healthy: the load starts after that. */
    private static void awaitHealthyPrice(ServiceProcess service) {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> status = service.status();
            if (status.isPresent()) {
                for (JsonNode market : status.get().path("markets")) {
                    if (MARKET.equals(market.path("market").asString())
                            && market.path("priceHealthy").asBoolean()) {
                        return;
                    }
                }
            }
            FaultRun.sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(MARKET + " never had a healthy price");
    }

    /** When the service first stopped reporting WRITER (its term ended), or -1 if not before {@code until}. */
    private static long awaitNotWriter(ServiceProcess service, long until) {
        while (System.nanoTime() < until) {
            if (!service.role().map("WRITER"::equals).orElse(false)) {
                return System.nanoTime();
            }
            FaultRun.sleep(Duration.ofMillis(20));
        }
        return -1;
    }

    /**
     * The writer-lease fencing epoch in the database ({@code writer_lease}; the status endpoint's {@code epoch}
     * is the exchange state's, raised by rollbacks, not by a new writer term), or -1 while it cannot be read.
     */
    private static long leaseEpoch(String database, String user) {
        try (Connection c = DriverManager.getConnection(database, user, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT epoch FROM writer_lease WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private void checkIntegrity(ApiClient api) {
        try {
            ApiClient.Response report = api.get("/api/v1/admin/integrity", ADMIN_KEY);
            if (report.status() != 200 || !report.json().path("ok").asBoolean()) {
                failures.add("integrity after the failover: " + report.status() + " " + report.body());
            }
        } catch (RuntimeException e) {
            failures.add("integrity after the failover: " + e);
        }
    }

    /** Acknowledged orders missing from the promoted standby, or stored under another order id. */
    private long lostOrders(String database, String user, List<OrderLoad.Ack> acks) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database, user, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT account_id, client_order_id, order_id FROM orders WHERE client_order_id <> ''")) {
            while (rs.next()) {
                stored.merge(rs.getString(1) + "/" + rs.getString(2), rs.getString(3), (a, b) -> a + "," + b);
            }
        }
        long lost = 0;
        for (OrderLoad.Ack ack : acks) {
            String orderIds = stored.get(ack.accountId() + "/" + ack.clientOrderId());
            if (!ack.orderId().equals(orderIds)) {
                lost++;
                failures.add("acknowledged " + ack + " but the promoted standby has: " + orderIds);
            }
        }
        return lost;
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

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
