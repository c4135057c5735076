package io.bulwark.journal;

import static io.bulwark.journal.JournalHarness.applied;
import static io.bulwark.journal.JournalHarness.assertRecoveredInANewTerm;
import static io.bulwark.journal.JournalHarness.awaitRole;
import static io.bulwark.journal.JournalHarness.balance;
import static io.bulwark.journal.JournalHarness.hash;
import static io.bulwark.journal.JournalHarness.openAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sequencer, group-commit journal and recovery against a real PostgreSQL. */
class JournalTests {
    private final JournalHarness db = new JournalHarness();

    @AfterEach
    void stopAll() {
        db.close();
    }

    @Test
    void everyAcknowledgedCommandIsInTheJournalWithItsEvents() throws Exception {
        EngineSupervisor writer = db.startWriter("a");
        String alice = openAccount(writer, "alice");
        var deposit = applied(writer, new Deposit(alice, new BigDecimal("250.5"), "dep-1"));

        assertThat(db.count("SELECT count(*) FROM journal")).isEqualTo(deposit.sequence());
        assertThat(db.count("SELECT count(*) FROM journal WHERE command_type = 'Deposit' AND sequence = "
                        + deposit.sequence() + " AND events->0->>'@type' = 'Transferred'"
                        + " AND events->0->>'amount' = '250.500000'"))
                .isEqualTo(1);
        assertThat(writer.nodeStatus().lastCommittedSequence()).isEqualTo(deposit.sequence());
    }

    @Test
    void submitAllAppliesCommandsInOrderOneAfterAnotherInOneCommit() throws Exception {
        EngineSupervisor writer = db.startWriter("a");
        String alice = openAccount(writer, "alice");

        List<Outcome> outcomes = writer.submitAll(
                List.of(
                        new Deposit(alice, new BigDecimal("10"), "dep-1"),
                        new Withdraw(alice, new BigDecimal("1000"), "wd-too-much"),
                        new Deposit(alice, new BigDecimal("10"), "dep-1"),
                        new Deposit(alice, new BigDecimal("5"), "dep-2")),
                "test");

        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0)).isInstanceOf(Outcome.Applied.class);
        assertThat(outcomes.get(1)).isInstanceOf(Outcome.Rejected.class);
        assertThat(outcomes.get(2)).isInstanceOf(Outcome.AlreadyApplied.class);
        long first = ((Outcome.Applied) outcomes.get(0)).sequence();
        assertThat(((Outcome.Applied) outcomes.get(3)).sequence()).isEqualTo(first + 1);
        assertThat(balance(writer, alice)).isEqualByComparingTo("15");
        assertThat(db.count("SELECT count(DISTINCT xmin::text) FROM journal WHERE sequence IN (" + first + ", "
                        + (first + 1) + ")"))
                .as("one journal transaction")
                .isEqualTo(1);
    }

    @Test
    void aRestartRecoversTheSameStateHashAndBalances() throws Exception {
        EngineSupervisor first = db.start("first", 3, List.of());
        awaitRole(first, NodeStatus.Role.WRITER);
        String alice = openAccount(first, "alice");
        String bob = openAccount(first, "bob");
        for (int i = 0; i < 10; i++) {
            applied(first, new Deposit(i % 2 == 0 ? alice : bob, new BigDecimal("10.25"), "dep-" + i));
        }
        applied(first, new Withdraw(alice, new BigDecimal("7.125"), "wd-1"));
        first.stop();
        String hashAtShutdown = latestSnapshotHash();

        EngineSupervisor second = db.startWriter("second");
        assertThat(second.nodeStatus().recovery().detail()).endsWith("state hash " + hashAtShutdown);
        assertThat(balance(second, alice)).isEqualByComparingTo("44.125");
        assertThat(balance(second, bob)).isEqualByComparingTo("51.25");
        assertThat(second.nodeStatus().recovery().verified()).isTrue();
        assertThat(second.nodeStatus().recovery().replayedCommands())
                .as("recovered from the shutdown snapshot")
                .isZero();
    }

    private String latestSnapshotHash() throws Exception {
        try (var c = db.sql();
                var rs = c.createStatement()
                        .executeQuery("SELECT state_hash FROM snapshots ORDER BY sequence DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aCrashWithoutShutdownSnapshotReplaysTheJournal() throws Exception {
        EngineSupervisor first = db.start("first", 4, List.of());
        awaitRole(first, NodeStatus.Role.WRITER);
        String alice = openAccount(first, "alice");
        for (int i = 0; i < 9; i++) {
            applied(first, new Deposit(alice, new BigDecimal("1.000001"), "dep-" + i));
        }
        first.stop();
        String hashAtShutdown = latestSnapshotHash(); // recorded live by the shutdown snapshot
        db.execute("DELETE FROM snapshots WHERE reason = 'shutdown'");

        EngineSupervisor second = db.startWriter("second");
        assertThat(second.nodeStatus().recovery().detail()).endsWith("state hash " + hashAtShutdown);
        assertThat(second.nodeStatus().recovery().verified()).isTrue();
        assertThat(second.nodeStatus().recovery().replayedCommands()).isPositive();
        assertThat(second.<TradingState>query(view -> view.status().state())).isEqualTo(TradingState.OPEN);
    }

    @Test
    void exactlyOneOfTwoInstancesWritesAndTheStandbyTakesOverWhenTheWriterDies() {
        EngineSupervisor a = db.startWriter("a");
        EngineSupervisor b = db.start("b", 0, List.of());
        String alice = openAccount(a, "alice");
        applied(a, new Deposit(alice, BigDecimal.TEN, "dep-1"));

        assertThat(b.nodeStatus().role()).isEqualTo(NodeStatus.Role.STANDBY);
        assertThatThrownBy(() -> b.submit(new Deposit(alice, BigDecimal.ONE, "dep-2"), "test"))
                .isInstanceOf(NotWriterException.class);
        String hashBefore = hash(a);
        long epochA = a.nodeStatus().leaseEpoch();

        a.stop();
        long started = System.nanoTime();
        awaitRole(b, NodeStatus.Role.WRITER);
        assertThat((System.nanoTime() - started) / 1_000_000).as("takeover ms").isLessThan(10_000);
        assertThat(b.nodeStatus().leaseEpoch()).isGreaterThan(epochA);
        assertThat(balance(b, alice)).isEqualByComparingTo("10");
        assertThat(hash(b)).isNotEqualTo(hashBefore); // it holds a's shutdown snapshot on top
        assertThat(b.query(EngineView::lastSequence)).isEqualTo(hashedSequence(b));
    }

    private long hashedSequence(EngineSupervisor s) {
        return s.nodeStatus().lastCommittedSequence();
    }

    @Test
    void aFencedWriterCommitsNothingAfterATakeover() throws Exception {
        EngineSupervisor a = db.startWriter("a");
        String alice = openAccount(a, "alice");
        applied(a, new Deposit(alice, BigDecimal.TEN, "dep-1"));
        long rows = db.count("SELECT count(*) FROM journal");

        db.execute("UPDATE writer_lease SET epoch = epoch + 1"); // what a takeover does first
        assertThatThrownBy(() -> a.submit(new Deposit(alice, BigDecimal.ONE, "dep-late"), "test"))
                .isInstanceOfAny(EngineUnavailableException.class, NotWriterException.class);

        assertThat(db.count("SELECT count(*) FROM journal")).isEqualTo(rows);
        awaitRole(a, NodeStatus.Role.WRITER); // it re-elects itself with a fresh epoch and a recovery
        assertThat(balance(a, alice)).isEqualByComparingTo("10");
    }

    @Test
    void aWriterThatStoppedHeartbeatingIsEvicted() throws Exception {
        try (var frozen = db.sql();
                var lock = frozen.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, WriterLease.LOCK_KEY);
            lock.execute();
            try (var mark = frozen.createStatement()) {
                mark.execute("UPDATE writer_lease SET epoch = 7, holder = 'frozen', holder_pid = pg_backend_pid(),"
                        + " heartbeat_at = now() - interval '1 hour'");
            }

            EngineSupervisor b = db.start("b", 0, List.of());
            awaitRole(b, NodeStatus.Role.WRITER);
            assertThat(b.nodeStatus().leaseEpoch()).isEqualTo(8);
            assertThat(frozen.isValid(2))
                    .as("the frozen writer's session was terminated")
                    .isFalse();
        }
    }

    @Test
    void aFailedCommitStopsTheEngineWithoutAcknowledgingAndRecoversFromTheJournal() throws Exception {
        Projection poison = new Projection() {
            @Override
            public void project(Committed entry, SqlBatch batch) {
                entry.events().forEach(e -> {
                    if (e instanceof io.bulwark.engine.event.Transferred t
                            && t.reference().equals("poison")) {
                        batch.add("INSERT INTO no_such_table VALUES (1)");
                    }
                });
            }

            @Override
            public boolean onCommitPath() {
                return true; // its statement fails the journal transaction itself
            }
        };
        EngineSupervisor writer = db.start("a", 0, List.of(poison));
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "dep-1"));
        long epoch = writer.nodeStatus().leaseEpoch();

        assertThatThrownBy(() -> writer.submit(new Deposit(alice, BigDecimal.ONE, "poison"), "test"))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(db.count("SELECT count(*) FROM journal WHERE command->>'reference' = 'poison'"))
                .isZero();
        assertRecoveredInANewTerm(writer, epoch, alice);
    }

    @Test
    void aCommitWhoseJournalCopyFailsPartWayStoresNoneOfItsRowsAndAcknowledgesNothing() throws Exception {
        EngineSupervisor writer = db.start("a", 0, List.of());
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "dep-1"));
        long epoch = writer.nodeStatus().leaseEpoch();
        // The second of three rows in one COPY is refused by the database, after the first went in.
        db.execute("CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.command->>'reference' = 'poison' THEN RAISE EXCEPTION 'poisoned row'; END IF;"
                + " RETURN NEW; END $$");
        db.execute(
                "CREATE TRIGGER refuse_poison BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION refuse_poison()");

        assertThatThrownBy(() -> writer.submitAll(
                        List.of(
                                new Deposit(alice, BigDecimal.ONE, "before-poison"),
                                new Deposit(alice, BigDecimal.ONE, "poison"),
                                new Deposit(alice, BigDecimal.ONE, "after-poison")),
                        "test"))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(db.count("SELECT count(*) FROM journal WHERE command->>'reference' LIKE '%poison'"))
                .as("no row of that commit")
                .isZero();
        db.execute("DROP TRIGGER refuse_poison ON journal");
        assertRecoveredInANewTerm(writer, epoch, alice);
    }

    @Test
    void anEditedJournalRowIsDetectedAndTheExchangeStaysClosed() throws Exception {
        EngineSupervisor first = db.startWriter("first");
        String alice = openAccount(first, "alice");
        var deposit = applied(first, new Deposit(alice, new BigDecimal("100"), "dep-1"));
        first.stop();
        db.execute("DELETE FROM snapshots");
        db.execute("UPDATE journal SET events = jsonb_set(events, '{0,amount}', '\"0\"') WHERE sequence = "
                + deposit.sequence());

        EngineSupervisor second = db.startWriter("second");
        NodeStatus.Recovery recovery = second.nodeStatus().recovery();
        assertThat(recovery.verified()).isFalse();
        assertThat(recovery.detail()).contains("journal row " + deposit.sequence());
        assertThat(second.<TradingState>query(view -> view.status().state())).isEqualTo(TradingState.CLOSED);
        assertThat(second.<String>query(view -> view.status().reason())).startsWith("recovery could not be verified");
        assertThat(balance(second, alice))
                .as("the command, not the edited event, is the truth")
                .isEqualByComparingTo("100");
        assertThat(db.count("SELECT count(*) FROM trading_state_changes")).isZero(); // no projections here
    }

    /**
     * An edit that also recomputes the hash chain (someone with the code and write access) passes the chain
     * check, but the command no longer produces the recorded events: recovery says so and stays CLOSED.
     */
    @Test
    void anEditWithARecomputedHashChainStillFailsTheReplayComparison() throws Exception {
        EngineSupervisor first = db.startWriter("first");
        String alice = openAccount(first, "alice");
        var deposit = applied(first, new Deposit(alice, new BigDecimal("100"), "dep-1"));
        applied(first, new Deposit(alice, new BigDecimal("1"), "dep-2"));
        first.stop();
        db.execute("DELETE FROM snapshots");
        db.execute("UPDATE journal SET events = jsonb_set(events, '{0,amount}', '\"0\"') WHERE sequence = "
                + deposit.sequence());
        rechainFrom(deposit.sequence());

        EngineSupervisor second = db.startWriter("second");
        NodeStatus.Recovery recovery = second.nodeStatus().recovery();
        assertThat(recovery.verified()).isFalse();
        assertThat(recovery.detail())
                .isEqualTo(
                        "journal row " + deposit.sequence() + " replays to different events than were recorded live");
        assertThat(second.<TradingState>query(view -> view.status().state())).isEqualTo(TradingState.CLOSED);
        assertThat(balance(second, alice)).isEqualByComparingTo("101");
    }

    /** Recomputes row_hash from {@code sequence} on, over the rows as they now are. */
    private void rechainFrom(long sequence) throws Exception {
        JournalCodec codec = new JournalCodec();
        RowHash rowHash = new RowHash();
        try (Connection c = DriverManager.getConnection(db.url, TestPostgres.username(), TestPostgres.password());
                Statement s = c.createStatement()) {
            String previous;
            try (ResultSet rs = s.executeQuery(
                    "SELECT row_hash FROM journal WHERE sequence < " + sequence + " ORDER BY sequence DESC LIMIT 1")) {
                previous = rs.next() ? rs.getString(1) : RowHash.GENESIS;
            }
            List<String> updates = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT sequence, ts, command::text, events::text, actor FROM journal"
                    + " WHERE sequence >= " + sequence + " ORDER BY sequence")) {
                while (rs.next()) {
                    previous = rowHash.next(
                            previous,
                            rs.getLong(1),
                            rs.getLong(2),
                            codec.writeCommand(codec.readCommand(rs.getString(3))),
                            codec.writeEvents(codec.readEvents(rs.getString(4))),
                            rs.getString(5));
                    updates.add("UPDATE journal SET row_hash = '" + previous + "' WHERE sequence = " + rs.getLong(1));
                }
            }
            for (String update : updates) {
                s.executeUpdate(update);
            }
        }
    }

    @Test
    void aCorruptSnapshotIsNeverLoaded() throws Exception {
        EngineSupervisor first = db.startWriter("first");
        String alice = openAccount(first, "alice");
        applied(first, new Deposit(alice, new BigDecimal("5"), "dep-1"));
        String hashBefore = hash(first);
        first.stop();
        db.execute("UPDATE snapshots SET state = overlay(state placing '\\x00'::bytea from 20 for 1)");

        EngineSupervisor second = db.startWriter("second");
        assertThat(second.nodeStatus().recovery().detail()).contains("does not match its recorded state hash");
        assertThat(second.<TradingState>query(view -> view.status().state())).isEqualTo(TradingState.CLOSED);
        assertThat(balance(second, alice)).isEqualByComparingTo("5");
        assertThat(hashBefore).isNotBlank();
    }
}
