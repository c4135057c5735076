package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Soak (issue 12 item 4): the packaged service on a fresh PostgreSQL under {@link OrderChurn} for
 * {@code fault.soak.minutes}, with client order ids and silent oracle sources forgotten after
 * {@code fault.soak.retention-seconds} so the run sees the retention pass many times. It samples the heap
 * after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), the bytes of a snapshot taken through
 * {@code POST /admin/snapshots} and the journal's size. While orders flow the state holds the ids of the
 * last retention's orders (rate × retention); what must not grow with the orders placed is what is left
 * once the retention has passed, so the churn pauses for the retention after its warm-up ("start") and
 * at the end ("end"), and those two are compared. It fails when they differ by more than noise, when any
 * answer is a 5xx, or when a client order id is not forgotten after the retention (or is before it).
 * Figures: {@code target/fault/soak-<time>.txt}.
 */
class SoakFaultTests {
    private static final String ADMIN_KEY = "bwk_fault_soak_admin_key_00000000000000000000000";
    private static final String MARKET = "BTC-USD-PERP";
    /** A heap space's line of {@code GC.heap_info} (DefNew, Tenured; not Metaspace): its used kilobytes. */
    private static final Pattern USED = Pattern.compile("^\\S.*total \\d+K, used (\\d+)K");

    private final int minutes = FaultRun.intSetting("fault.soak.minutes", 30);
    private final int retentionSeconds = FaultRun.intSetting("fault.soak.retention-seconds", minutes <= 5 ? 30 : 120);
    private final int ordersPerSecond = FaultRun.intSetting("fault.soak.orders-per-second", 100);
    private final int traders = FaultRun.intSetting("fault.soak.traders", 4);
    private final FaultRun run =
            new FaultRun("soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    private final List<String> failures = new ArrayList<>();

    /** One measurement. */
    private record Sample(
            String label, long seconds, long orders, long snapshotBytes, long heapBytes, long journalBytes) {}

    @Test
    void theStateDoesNotGrowWithTheOrdersPlaced() throws Exception {
        Duration total = Duration.ofMinutes(minutes);
        Duration warmUp = Duration.ofSeconds(Math.max(retentionSeconds + 15, total.toSeconds() / 4));
        try (ScratchPostgres pg = ScratchPostgres.create()) {
            String database = pg.createDatabase("bulwark");
            ServiceProcess service = ServiceProcess.start(
                    "soak",
                    ScratchPostgres.freePort(),
                    database,
                    pg.username(),
                    ADMIN_KEY,
                    List.of(
                            "--bulwark.orders.client-order-id-retention-seconds=" + retentionSeconds,
                            "--bulwark.oracle-source-retention-seconds=" + retentionSeconds));
            ApiClient api = service.api();
            try {
                awaitWriter(service);
                run.print(
                        "%d min of churn, %d traders, %d orders/s asked, retention %d s (ids and oracle sources),"
                                + " first sample after %d s; service -Xmx384m SerialGC",
                        minutes, traders, ordersPerSecond, retentionSeconds, warmUp.toSeconds());
                String oracleKey = api.post("/api/v1/admin/keys", ADMIN_KEY, OracleFeed.KEY_REQUEST)
                        .assertStatus(201)
                        .text("apiKey");
                try (OracleFeed feed = new OracleFeed(api, oracleKey, MARKET, "65000")) {
                    FaultRun.sleep(Duration.ofSeconds(3)); // a healthy price first
                    soak(service, api, database, pg.username(), total, warmUp);
                }
            } finally {
                service.kill();
                failures.forEach(f -> run.print("FAILURE %s", f));
                run.save();
            }
        }
        assertThat(failures).isEmpty();
    }

    private void soak(
            ServiceProcess service, ApiClient api, String database, String user, Duration total, Duration warmUp)
            throws Exception {
        long started = System.nanoTime();
        Duration settle = Duration.ofSeconds(retentionSeconds + 3);
        List<Sample> samples = new ArrayList<>();
        samples.add(sample("empty", started, 0, service, api, database, user));
        Sample start;
        Sample end;
        try (OrderChurn churn = new OrderChurn(api, traders(api), MARKET, ordersPerSecond)) {
            FaultRun.sleep(warmUp);
            samples.add(sample("flow", started, churn.placed(), service, api, database, user));
            churn.pause();
            FaultRun.sleep(settle);
            start = sample("start", started, churn.placed(), service, api, database, user);
            churn.resume();
            long pausedSeconds = settle.toSeconds() + 1;
            long interval = Math.max(20, (total.toSeconds() - warmUp.toSeconds()) / 6);
            while (System.nanoTime() - started
                    < total.toNanos() + Duration.ofSeconds(pausedSeconds).toNanos()) {
                long left = total.toSeconds() + pausedSeconds - (System.nanoTime() - started) / 1_000_000_000L;
                FaultRun.sleep(Duration.ofSeconds(Math.max(1, Math.min(interval, left))));
                samples.add(sample("flow", started, churn.placed(), service, api, database, user));
            }
            checkRetention(api, churn);
            churn.close();
            FaultRun.sleep(settle);
            end = sample("end", started, churn.placed(), service, api, database, user);
            run.print("answers: %s; cancels %d", churn.answers(), churn.cancels());
            failures.addAll(churn.failures());
        }
        report(samples.getFirst(), start, end, samples.getLast());
        checkFlat(start, end);
        ApiClient.Response integrity = api.get("/api/v1/admin/integrity", ADMIN_KEY);
        if (!integrity.json().path("ok").asBoolean()) {
            failures.add("integrity after the soak: " + integrity.body());
        }
    }

    private List<OrderChurn.Trader> traders(ApiClient api) {
        List<OrderChurn.Trader> out = new ArrayList<>();
        for (int i = 0; i < traders; i++) {
            ApiClient.Response created = api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"soak-" + i + "\"}")
                    .assertStatus(201);
            api.post(
                            "/api/v1/admin/accounts/" + created.text("accountId") + "/deposits",
                            ADMIN_KEY,
                            "{\"amount\":\"100000000\",\"reference\":\"soak-funding-" + i + "\"}")
                    .assertStatus(201);
            out.add(new OrderChurn.Trader(created.text("accountId"), created.text("apiKey")));
        }
        return out;
    }

    private Sample sample(
            String label,
            long started,
            long orders,
            ServiceProcess service,
            ApiClient api,
            String database,
            String user)
            throws SQLException {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String snapshotId = api.post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"soak\"}")
                .assertStatus(201)
                .text("snapshotId");
        long snapshotBytes =
                query(database, user, "SELECT octet_length(state) FROM snapshots WHERE snapshot_id = ?", snapshotId);
        long journalBytes = query(database, user, "SELECT pg_total_relation_size('journal')", null);
        long heap = heapAfterGc(service.pid());
        Sample s = new Sample(label, seconds, orders, snapshotBytes, heap, journalBytes);
        run.print(
                "%-5s t=%4d s  orders=%8d  snapshot=%8d B  heap after GC=%6.1f MB  journal=%7.1f MB",
                label, seconds, orders, snapshotBytes, heap / 1048576.0, journalBytes / 1048576.0);
        return s;
    }

    private void report(Sample empty, Sample start, Sample end, Sample lastFlow) {
        long ordersBetween = end.orders() - start.orders();
        run.print(
                "figures: %d orders (%d between start and end); snapshot after the retention: %d B empty, %d B at"
                        + " start, %d B at end (%+.1f %%, %+.3f B/order), %d B while orders flowed; heap after GC"
                        + " %.1f MB at start, %.1f MB at end (%+.1f MB, %+.1f B/order); journal %.0f B/order up to"
                        + " the start, %.0f B/order after it",
                end.orders(),
                ordersBetween,
                empty.snapshotBytes(),
                start.snapshotBytes(),
                end.snapshotBytes(),
                100.0 * (end.snapshotBytes() - start.snapshotBytes()) / start.snapshotBytes(),
                (end.snapshotBytes() - start.snapshotBytes()) / (double) Math.max(1, ordersBetween),
                lastFlow.snapshotBytes(),
                start.heapBytes() / 1048576.0,
                end.heapBytes() / 1048576.0,
                (end.heapBytes() - start.heapBytes()) / 1048576.0,
                (end.heapBytes() - start.heapBytes()) / (double) Math.max(1, ordersBetween),
                (start.journalBytes() - empty.journalBytes()) / (double) Math.max(1, start.orders()),
                (end.journalBytes() - start.journalBytes()) / (double) Math.max(1, ordersBetween));
    }

    /**
     * Flat: after the retention, the snapshot within 10 % (live orders and positions come and go) and the
     * heap within 16 MB or 25 % (caches, buffers, compiled code), whichever is more, of the start's, over
     * thousands of orders.
     */
    private void checkFlat(Sample start, Sample end) {
        if (end.orders() - start.orders() < 1_000) {
            failures.add("too few orders after the first sample to judge: " + (end.orders() - start.orders()));
        }
        if (end.snapshotBytes() > start.snapshotBytes() * 1.10 + 1024) {
            failures.add("the snapshot grew from " + start.snapshotBytes() + " to " + end.snapshotBytes() + " bytes");
        }
        long allowed = Math.max(16L << 20, start.heapBytes() / 4);
        if (end.heapBytes() - start.heapBytes() > allowed) {
            failures.add("the heap after GC grew from " + start.heapBytes() + " to " + end.heapBytes() + " bytes");
        }
    }

    /**
     * End to end: an early order's clientOrderId (its order ended long ago) is forgotten, so the same request
     * places a new order (201); the latest one's is still remembered (200 with the original).
     */
    private void checkRetention(ApiClient api, OrderChurn churn) {
        long retention = Duration.ofSeconds(retentionSeconds + 5).toNanos();
        Optional<OrderChurn.Placed> early = churn.earliest().stream()
                .filter(p -> System.nanoTime() - p.acknowledgedAt() > retention)
                .findFirst();
        if (early.isEmpty()) {
            failures.add("no order older than the retention to send again");
        } else {
            ApiClient.Response again = api.post(
                    "/api/v1/orders", early.get().trader().apiKey(), early.get().body());
            run.print(
                    "an id forgotten after %d s: %s sent again answers %d (order %s, was %s)",
                    retentionSeconds,
                    early.get().clientOrderId(),
                    again.status(),
                    again.text("orderId"),
                    early.get().orderId());
            if (again.status() != 201) {
                failures.add("a client order id older than the retention was not forgotten: " + again.status() + " "
                        + again.body());
            }
        }
        OrderChurn.Placed latest = churn.latest();
        ApiClient.Response repeat = api.post("/api/v1/orders", latest.trader().apiKey(), latest.body());
        run.print("the latest id, sent again: %d (order %s)", repeat.status(), repeat.text("orderId"));
        if (repeat.status() != 200 || !repeat.text("orderId").equals(latest.orderId())) {
            failures.add("a client order id within the retention was not recognised: " + repeat.status() + " "
                    + repeat.body());
        }
    }

    private void awaitWriter(ServiceProcess service) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (service.role().filter("WRITER"::equals).isPresent()) {
                return;
            }
            FaultRun.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("the service did not become the writer; see target/fault/soak.log");
    }

    private static long query(String database, String user, String sql, String parameter) throws SQLException {
        try (Connection c = DriverManager.getConnection(database, user, "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A full GC in the service ({@code jcmd <pid> GC.run}), then the heap it left in use. */
    private static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        long usedKb = 0;
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            Matcher used = USED.matcher(line);
            if (used.find()) {
                usedKb += Long.parseLong(used.group(1));
            }
        }
        return usedKb * 1024;
    }

    private static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
