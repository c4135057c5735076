package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease heartbeats on its own from acquisition on (through recovery, before any term exists), and the
 * first failed heartbeat after a takeover marks it lost and tells whoever listens.
 */
class WriterLeaseTests {
    private static final Duration STALE_AFTER = Duration.ofSeconds(2);
    private final JournalHarness harness = new JournalHarness();
    private final JournalConnections connections = new JournalConnections(
            harness.url, TestPostgres.username(), TestPostgres.password(), JournalHarness.LIMITS);

    @AfterEach
    void close() {
        harness.close();
    }

    private long heartbeatAgeMillis(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (extract(epoch FROM now() - heartbeat_at) * 1000)::bigint"
                        + " FROM writer_lease WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void heartbeatsWithoutATermAndReportsTheLossAfterATakeover() throws Exception {
        WriterLease lease =
                WriterLease.tryAcquire(connections, "keeper", STALE_AFTER).orElseThrow();
        try (Connection c =
                DriverManager.getConnection(harness.url, TestPostgres.username(), TestPostgres.password())) {
            lease.keepAlive(Duration.ofMillis(100));
            Thread.sleep(600); // as long as a slow recovery, with no writer term around
            assertThat(heartbeatAgeMillis(c)).isLessThan(400);
            assertThat(lease.provenWithin(STALE_AFTER)).isTrue();
            assertThat(lease.lost()).isEmpty();

            CompletableFuture<Throwable> lost = new CompletableFuture<>();
            lease.whenLost(lost::complete);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE writer_lease SET epoch = epoch + 1 WHERE id = 1"); // a takeover
            }

            assertThat(lost.get(5, TimeUnit.SECONDS)).isInstanceOf(FencedException.class);
            assertThat(lease.lost()).isPresent();
            assertThat(lease.provenWithin(STALE_AFTER)).isFalse();
            CompletableFuture<Throwable> late = new CompletableFuture<>();
            lease.whenLost(late::complete); // a term begun after the loss hears of it at once
            assertThat(late.getNow(null)).isInstanceOf(FencedException.class);
        } finally {
            lease.close();
        }
    }

    /**
     * Pipelined commits keep up to two journal transactions holding the epoch check at once, so under sustained
     * load one almost always holds it: the heartbeat must not wait for them (it would starve), while a
     * takeover's epoch UPDATE must (fencing).
     */
    @Test
    void aHeartbeatDoesNotWaitForJournalTransactionsButATakeoverDoes() throws Exception {
        WriterLease lease =
                WriterLease.tryAcquire(connections, "keeper", STALE_AFTER).orElseThrow();
        try (Connection first = connections.openTimeLimited("journal");
                Connection second = connections.openTimeLimited("journal");
                Connection takeover =
                        DriverManager.getConnection(harness.url, TestPostgres.username(), TestPostgres.password())) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            JournalTransaction.checkEpoch(first, lease.epoch());
            JournalTransaction.checkEpoch(second, lease.epoch());

            lease.heartbeat(); // with FOR SHARE in the journal transactions this waited for both
            try (Statement s = takeover.createStatement()) {
                s.execute("SET lock_timeout = '300ms'");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE writer_lease SET epoch = epoch + 1 WHERE id = 1"))
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState())
                        .isEqualTo("55P03"); // lock_not_available: it waits for the journal transactions
                first.commit();
                second.commit();
                assertThat(s.executeUpdate("UPDATE writer_lease SET epoch = epoch + 1 WHERE id = 1"))
                        .isEqualTo(1);
            }
            assertThatThrownBy(() -> JournalTransaction.checkEpoch(first, lease.epoch()))
                    .isInstanceOf(FencedException.class);
            first.rollback();
        } finally {
            lease.close();
        }
    }

    @Test
    void aLeaseNotProvenWithinStaleAfterIsNotClaimed() throws Exception {
        WriterLease lease = WriterLease.tryAcquire(connections, "silent", Duration.ofMillis(300))
                .orElseThrow();
        try {
            assertThat(lease.provenWithin(Duration.ofMillis(300))).isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> !lease.provenWithin(Duration.ofMillis(300)));
            lease.keepAlive(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(2)).until(() -> lease.provenWithin(Duration.ofMillis(300)));
        } finally {
            lease.close();
        }
    }
}
