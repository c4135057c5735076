package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.bulwark.engine.EngineView;
import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import io.bulwark.web.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time limits (SPEC section 10, v2), through HTTP against real PostgreSQL: a command whose caller gave up is
 * dropped before the engine applies it, and a database that stops answering (a held lock, a paused backend)
 * gives the client a coded 503 instead of a hang, applies nothing, and the writer serves again afterwards
 * with the journal verified. Small limits, no timing assertions: the HTTP client's own 30 s timeout is the
 * "hang" the answers must come before.
 */
class TimeLimitTests {
    private static final String ADMIN_KEY = "bwk_time_limits_admin_key_000000000000000000000";
    private static final String MARKET = "TL-USD-PERP";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private ConfigurableApplicationContext app;
    private Exchange exchange;
    private String trader;

    @AfterEach
    void stopAll() {
        instances.close();
    }

    /**
     * One instance with short limits: the caller waits 2 s, a journal statement waits 4 s for a lock, a read
     * 6 s for the socket. No Ticks (the clock would put its own batches in the journal writer's way).
     */
    private void startTradingVenue() {
        app = instances.start(
                "tl",
                "--bulwark.engine.reply-timeout=2s",
                "--bulwark.journal.lock-timeout=4s",
                "--bulwark.journal.statement-timeout=5s",
                "--bulwark.journal.socket-timeout=6s",
                "--bulwark.tick-interval=1h");
        AppInstances.awaitWriter(app);
        exchange = instances.exchange(app, MARKET);
        exchange.createMarket();
        String oracle = exchange.oracleKey();
        for (int i = 0; i < 3; i++) {
            exchange.price(oracle, "65000");
        }
        trader = exchange.trader("tina", "100000");
    }

    private ApiClient.Response buy(String clientOrderId) {
        return exchange.api().post("/api/v1/orders", trader, """
                {"market":"%s","side":"BUY","type":"LIMIT","size":"0.01","price":"60000","clientOrderId":"%s"}""".formatted(MARKET, clientOrderId));
    }

    private long journalRowsNaming(String clientOrderId) throws SQLException {
        try (Connection c = instances.connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM journal WHERE command::text LIKE ?")) {
            ps.setString(1, "%\"" + clientOrderId + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Not applied: no journal row names it, and the same clientOrderId is new to the exchange (201, not 200). */
    private void assertNeverApplied(String clientOrderId) throws SQLException {
        assertThat(journalRowsNaming(clientOrderId)).isZero();
        assertThat(exchange.api()
                        .get("/api/v1/orders?market=" + MARKET, trader)
                        .assertStatus(200)
                        .body())
                .doesNotContain(clientOrderId);
        buy(clientOrderId).assertStatus(201);
        assertThat(journalRowsNaming(clientOrderId)).isOne();
    }

    /** The recovered writer: verified against the journal, every integrity check passing. */
    private void assertJournalConsistent() {
        var status = exchange.status();
        assertThat(status.path("recovery").path("verified").asBoolean())
                .as(status.toString())
                .isTrue();
        var integrity = exchange.api().get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200);
        assertThat(integrity.get("ok").asBoolean()).as(integrity.body()).isTrue();
    }

    @Test
    void aCommandQueuedBehindASlowOneWhoseCallerGaveUpIsDroppedAndNeverJournaled() throws Exception {
        startTradingVenue();
        CountDownLatch engineBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Stands for any slow work on the engine thread: it holds the thread until the test lets go.
        Thread.ofVirtual().start(() -> {
            try {
                app.getBean(EngineGateway.class).query((EngineView view) -> {
                    engineBusy.countDown();
                    awaitQuietly(release);
                    return view.lastSequence();
                });
            } catch (RuntimeException expected) {
                // this caller gave up long ago: what it hears does not matter here
            }
        });
        assertThat(engineBusy.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            var answer = buy("queued-behind").assertProblem(503, "COMMAND_TIMED_OUT");
            assertThat(answer.text("detail")).contains("NOT applied");
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        } finally {
            release.countDown();
        }
        // FIFO: once this later order is answered, the engine has passed the abandoned one.
        buy("after-the-slow-one").assertStatus(201);
        assertNeverApplied("queued-behind");
        assertJournalConsistent();
    }

    @Test
    void aHeldJournalLockFailsTheCommitWithACodedAnswerAndTheWriterRecoversAfterItsRelease() throws Exception {
        startTradingVenue();
        ApiClient.Response answer;
        try (Connection locker = instances.connect()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE journal IN ACCESS EXCLUSIVE MODE");
            }
            // The engine takes the order at once; its commit then waits for the lock past the caller's 2 s: the
            // caller may no longer give up (the order was applied in memory) and hears the commit's failure.
            answer = buy("behind-a-lock");
            locker.rollback();
        }
        answer.assertProblem(503, "COMMIT_FAILED");
        assertThat(answer.text("detail")).contains("NOT applied", "lock timeout");
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();

        exchange.api().awaitWriter(Duration.ofSeconds(60));
        assertNeverApplied("behind-a-lock");
        assertJournalConsistent();
    }

    @Test
    void aPausedJournalBackendEndsTheCommitAtTheSocketTimeoutAndTheWriterServesAgain() throws Exception {
        startTradingVenue();
        // Both: the writer writes a group commit on either connection (one commits while the other is written).
        List<Long> pids = journalBackendPids();
        String database = currentDatabase();
        for (long pid : pids) {
            assumeThat(localBackend(pid, database))
                    .as("the journal's PostgreSQL backend %d is a process of this machine that the test may pause", pid)
                    .isPresent();
        }
        ApiClient.Response answer;
        for (long pid : pids) {
            signal("STOP", pid);
        }
        try {
            answer = buy("paused-backend");
        } finally {
            for (long pid : pids) {
                signal("CONT", pid);
            }
        }
        answer.assertProblem(503, "COMMIT_FAILED");
        assertThat(answer.text("detail")).contains("NOT applied", "connection");

        exchange.api().awaitWriter(Duration.ofSeconds(60));
        assertNeverApplied("paused-backend");
        assertJournalConsistent();
    }

    private List<Long> journalBackendPids() throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name ="
                        + " 'bulwark-journal' AND datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        assertThat(pids).as("the two journal connections' backends").hasSize(2);
        return pids;
    }

    private String currentDatabase() throws SQLException {
        try (Connection c = instances.connect()) {
            return c.getCatalog();
        }
    }

    /**
     * The backend's process, when the server runs on this machine: its process title (Linux, {@code /proc}) is
     * that of a PostgreSQL backend of this test's database, so no other process is ever paused.
     */
    private static Optional<ProcessHandle> localBackend(long pid, String database) {
        Path title = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            String text = Files.readString(title).replace('\0', ' ');
            return text.startsWith("postgres: ") && text.contains(" " + database + " ")
                    ? ProcessHandle.of(pid)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
