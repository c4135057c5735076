package io.bulwark.journal;

import static io.bulwark.journal.JournalHarness.applied;
import static io.bulwark.journal.JournalHarness.awaitProjected;
import static io.bulwark.journal.JournalHarness.awaitRole;
import static io.bulwark.journal.JournalHarness.openAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.state.TradingState;
import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The projector writes the read models off the commit path, exactly once: a row per journal row in {@code
 * projected} (its primary key refuses a repeat, which would stop the projector for good), and the real ledger
 * and account read models, compared with a projection of the same journal that never crashed.
 */
class ProjectorTests {
    private final JournalHarness db = new JournalHarness();

    @AfterEach
    void close() {
        db.close();
    }

    /** One row per command, inserted without ON CONFLICT: projecting a command twice fails the transaction. */
    private static final class Strict implements Projection {
        private final String perRow;

        /** @param millisPerRow how long the database is kept busy per command (a slow read model) */
        Strict(int millisPerRow) {
            this.perRow =
                    millisPerRow == 0 ? null : "DO $$ BEGIN PERFORM pg_sleep(" + millisPerRow / 1000.0 + "); END $$";
        }

        @Override
        public void project(Committed entry, SqlBatch batch) {
            batch.add(
                    "INSERT INTO projected (sequence, command_type) VALUES (?, ?)",
                    entry.sequence(),
                    JournalCodec.typeName(entry.command()));
            if (perRow != null) {
                batch.add(perRow);
            }
        }

        @Override
        public List<String> tables() {
            return List.of("projected");
        }
    }

    private static Projection real(String className) {
        try {
            var constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Projection) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Projection> projections(int millisPerRow) throws SQLException {
        db.execute("CREATE TABLE IF NOT EXISTS projected (sequence BIGINT PRIMARY KEY, command_type TEXT NOT NULL)");
        return List.of(
                new Strict(millisPerRow),
                real("io.bulwark.account.LedgerProjection"),
                real("io.bulwark.account.AccountProjection"));
    }

    private long watermark() throws SQLException {
        return db.count("SELECT sequence FROM projector_watermark WHERE id = 1");
    }

    /** Every journal row that stands has exactly its one projected row, and no other row is there. */
    private void assertProjectedExactlyOnce() throws SQLException {
        assertThat(db.count("SELECT count(*) FROM journal j WHERE NOT reverted"
                        + " AND NOT EXISTS (SELECT 1 FROM projected p WHERE p.sequence = j.sequence)"))
                .as("commands missing from the read model")
                .isZero();
        assertThat(db.count("SELECT count(*) FROM projected p WHERE NOT EXISTS"
                        + " (SELECT 1 FROM journal j WHERE j.sequence = p.sequence AND NOT j.reverted)"))
                .as("rows of commands that do not stand")
                .isZero();
        assertThat(watermark()).isEqualTo(db.count("SELECT max(sequence) FROM journal"));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.sql();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private List<String> readModels() throws SQLException {
        return Stream.of(
                        rows("SELECT * FROM balances ORDER BY account"),
                        rows("SELECT * FROM ledger_entries ORDER BY sequence, entry_index"),
                        rows("SELECT * FROM accounts ORDER BY account_id"),
                        rows("SELECT * FROM api_keys ORDER BY key_id"))
                .flatMap(List::stream)
                .toList();
    }

    private void terminate(String purpose) throws SQLException {
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bulwark-" + purpose
                + "'");
    }

    @Test
    void aCrashInTheMiddleNeitherLosesNorRepeatsAndEqualsARunWithoutCrash() throws Exception {
        List<Projection> projections = projections(1);
        EngineSupervisor writer = db.start("a", 0, projections);
        awaitRole(writer, NodeStatus.Role.WRITER);
        long firstEpoch = writer.nodeStatus().leaseEpoch();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(openAccount(writer, "acct" + i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        Thread.sleep(10);
                        writer.submit(
                                new Deposit(
                                        accounts.get((client + i) % 4), new BigDecimal("1.5"), "d-" + client + "-" + i),
                                "test");
                    } catch (RuntimeException e) {
                        // refused once the journal connection is gone
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        // The projector's connection dies twice mid-load (it reconnects and resumes from the watermark)...
        await().atMost(Duration.ofSeconds(30))
                .until(() -> writer.currentTerm().projector().watermark() > 40);
        terminate("projector");
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM journal") > 200);
        terminate("projector");
        // ... then, with the read model held up (so the projector is surely behind), the journal's: the writer
        // term ends, as in a crash.
        long crashedAt;
        try (Connection blocker = db.sql();
                Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE projected IN EXCLUSIVE MODE");
            long held = db.count("SELECT max(sequence) FROM journal");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.count("SELECT max(sequence) FROM journal") > held + 20);
            terminate("journal");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> writer.nodeStatus().leaseEpoch() > firstEpoch
                            || writer.nodeStatus().role() != NodeStatus.Role.WRITER);
            crashedAt = watermark();
            assertThat(crashedAt)
                    .as("the crash left the projector behind the journal")
                    .isLessThan(db.count("SELECT max(sequence) FROM journal"));
            blocker.commit();
        }
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }

        // The new term (this instance takes the lease again) resumes from the stored watermark.
        awaitRole(writer, NodeStatus.Role.WRITER);
        awaitProjected(writer);
        assertProjectedExactlyOnce();
        List<String> afterCrash = readModels();
        assertThat(afterCrash).isNotEmpty();
        assertThat(watermark()).isGreaterThan(crashedAt);
        writer.stop();

        // The same journal projected from the start, without a crash, gives the same read models.
        db.execute("TRUNCATE projected, balances, ledger_entries, accounts, api_keys");
        db.execute("UPDATE projector_watermark SET sequence = 0");
        EngineSupervisor again = db.start("b", 0, projections(0));
        awaitRole(again, NodeStatus.Role.WRITER);
        awaitProjected(again);
        assertProjectedExactlyOnce();
        assertThat(readModels()).isEqualTo(afterCrash);
    }

    @Test
    void aStuckProjectorRefusesHistoryReadsThenResumes() throws Exception {
        EngineSupervisor writer = db.start("a", 0, projections(0));
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        PGSimpleDataSource pool = new PGSimpleDataSource();
        pool.setUrl(db.url);
        pool.setUser(TestPostgres.username());
        pool.setPassword(TestPostgres.password());
        ReadModels readModels = new ReadModels(writer, pool, Duration.ofMillis(500));
        readModels.awaitCurrent();

        // Its table gone, the projector fails on every try: reads are refused, not answered stale.
        db.execute("ALTER TABLE projected RENAME TO projected_away");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "while-stuck"));
        assertThatThrownBy(readModels::awaitCurrent).isInstanceOf(ReadModelsBehindException.class);
        assertThat(writer.projectorLag()).isPositive();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> writer.currentTerm().projector().failingForNanos() > 0);

        db.execute("ALTER TABLE projected_away RENAME TO projected");
        readModels.awaitCurrent(Duration.ofSeconds(15));
        assertThat(writer.projectorLag()).isZero();
        assertProjectedExactlyOnce();
    }

    @Test
    void aRollbackStopsTheProjectorAndSetsTheWatermarkToTheRollBack() throws Exception {
        EngineSupervisor writer = db.start("a", 0, projections(0));
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "kept"));
        long snapshot = applied(writer, new TakeSnapshot("before")).sequence();
        for (int i = 0; i < 20; i++) {
            applied(writer, new Deposit(alice, BigDecimal.ONE, "reverted-" + i));
        }
        applied(
                writer,
                new ChangeTradingState(ChangeTradingState.EXCHANGE, TradingState.CLOSED, "drill", "test", false));

        RollbackResult result = writer.rollback("snap-" + snapshot, "drill", "test");

        awaitRole(writer, NodeStatus.Role.WRITER);
        assertThat(result.reverted()).hasSizeGreaterThanOrEqualTo(21);
        awaitProjected(writer);
        assertProjectedExactlyOnce();
        assertThat(db.count("SELECT count(*) FROM ledger_entries WHERE reference LIKE 'reverted-%'"))
                .isZero();
        // It goes on from there.
        long next = applied(writer, new Deposit(alice, BigDecimal.ONE, "after")).sequence();
        awaitProjected(writer);
        assertThat(watermark()).isGreaterThanOrEqualTo(next);
        assertProjectedExactlyOnce();
    }
}
