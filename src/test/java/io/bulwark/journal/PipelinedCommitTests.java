package io.bulwark.journal;

import static io.bulwark.journal.JournalHarness.applied;
import static io.bulwark.journal.JournalHarness.assertRecoveredInANewTerm;
import static io.bulwark.journal.JournalHarness.awaitRole;
import static io.bulwark.journal.JournalHarness.balance;
import static io.bulwark.journal.JournalHarness.hash;
import static io.bulwark.journal.JournalHarness.openAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.event.Outcome;
import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined group commits against a real PostgreSQL: the journal writer writes the next transaction on one
 * connection while the one before it commits on the other, and still commits strictly in order, answers nothing
 * before its commit, commits nothing after a failed one, and commits nothing after a takeover.
 *
 * <p>A deferred constraint trigger on the journal holds the COMMIT of the transaction that journals the deposit
 * {@code held} (it waits at COMMIT for an advisory lock this test holds), so the test can act while one
 * transaction is committing and the next one is written. Long time limits keep the held COMMIT from timing out.
 */
class PipelinedCommitTests {
    private static final long HOLD_KEY = 4242;
    private static final JournalProperties.Journal PATIENT = new JournalProperties.Journal(
            Duration.ofSeconds(120),
            Duration.ofSeconds(90),
            Duration.ofSeconds(90),
            Duration.ofSeconds(35),
            Duration.ofSeconds(30));

    private final JournalHarness db = new JournalHarness();

    @AfterEach
    void stopAll() {
        db.close();
    }

    /**
     * Counts its commands in {@code commit_tally} and how many found there a sequence other than the one right
     * before theirs. Its UPDATE computes the new values from the row's latest version (after waiting for the
     * transaction that last updated it), as an on-commit-path projection must: the group commit before may not
     * have committed yet when this one is written.
     */
    private static Projection inOrderTally() {
        return new Projection() {
            @Override
            public void project(Committed entry, SqlBatch batch) {
                batch.add(
                        "UPDATE commit_tally SET commands = commands + 1, last_sequence = ?,"
                                + " out_of_order = out_of_order + CASE WHEN last_sequence = ? THEN 0 ELSE 1 END"
                                + " WHERE id = 1",
                        entry.sequence(),
                        entry.sequence() - 1);
            }

            @Override
            public boolean onCommitPath() {
                return true;
            }
        };
    }

    @Test
    void underConcurrentLoadEveryAcknowledgedCommandIsJournaledInOrderAndReplaysToTheLiveState() throws Exception {
        db.execute("CREATE TABLE commit_tally (id int PRIMARY KEY, commands bigint NOT NULL, last_sequence bigint"
                + " NOT NULL, out_of_order bigint NOT NULL)");
        db.execute("INSERT INTO commit_tally VALUES (1, 0, 0, 0)");
        EngineSupervisor writer = db.start("a", List.of(inOrderTally()), List.of(), 0, JournalHarness.LIMITS);
        awaitRole(writer, NodeStatus.Role.WRITER);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(openAccount(writer, "acct" + i));
        }
        ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                long previous = 0;
                for (int i = 0; i < 40; i++) {
                    var deposit = applied(
                            writer, new Deposit(accounts.get(client % 8), BigDecimal.ONE, "d-" + client + "-" + i));
                    assertThat(deposit.sequence()).isGreaterThan(previous);
                    previous = deposit.sequence();
                    acknowledged.add(new long[] {client, i, deposit.sequence()});
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }

        assertThat(acknowledged).hasSize(32 * 40);
        assertThat(journalSessions()).as("two journal connections").isEqualTo(2);
        long last = writer.nodeStatus().lastCommittedSequence();
        assertThat(db.count("SELECT count(*) FROM journal")).as("no gap").isEqualTo(last);
        assertThat(db.count("SELECT max(sequence) FROM journal")).isEqualTo(last);
        for (long[] ack : acknowledged) {
            assertThat(db.count("SELECT count(*) FROM journal WHERE sequence = " + ack[2]
                            + " AND command->>'reference' = 'd-" + ack[0] + "-" + ack[1] + "'"))
                    .as("acknowledged command %s at %d", ack[0] + "-" + ack[1], ack[2])
                    .isOne();
        }
        assertThat(db.count("SELECT out_of_order FROM commit_tally"))
                .as("every command's projection came after the one before it")
                .isZero();
        assertThat(db.count("SELECT last_sequence FROM commit_tally")).isEqualTo(last);
        assertThat(db.count("SELECT commands FROM commit_tally")).isEqualTo(last);
        for (String account : accounts) {
            assertThat(balance(writer, account)).isEqualByComparingTo("160");
        }

        JournalAudit.Replay replay = new JournalAudit(connections()).replayThrough(last);
        assertThat(replay.verified()).as(replay.detail()).isTrue();
        assertThat(replay.stateHash()).isEqualTo(hash(writer));
    }

    @Test
    void aCommitThatFailsWhileTheNextIsWrittenAnswersNeitherAndCommitsNothingAfterIt() throws Exception {
        EngineSupervisor writer = db.start("a", List.of(), List.of(), 0, PATIENT);
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "dep-1"));
        long epoch = writer.nodeStatus().leaseEpoch();
        long committedBefore = db.count("SELECT max(sequence) FROM journal");
        holdCommitsOf("held");

        CompletableFuture<Outcome> held;
        CompletableFuture<Outcome> behind;
        try (Connection holder = hold()) {
            held = submit(writer, new Deposit(alice, BigDecimal.ONE, "held"));
            int committing = awaitHeldCommit();
            behind = submit(writer, new Deposit(alice, new BigDecimal("2"), "behind"));
            awaitWrittenNotCommitted(committing);

            db.execute("SELECT pg_terminate_backend(" + committing + ")");
            assertThat(failure(held))
                    .as("its COMMIT was sent: nobody can tell whether it committed")
                    .isInstanceOf(OutcomeUnknownException.class);
            assertThat(failure(behind)).as("written but never sent a COMMIT").isInstanceOf(CommitFailedException.class);
        }

        assertThat(db.count("SELECT count(*) FROM journal WHERE command->>'reference' IN ('held', 'behind')"))
                .isZero();
        assertThat(db.count("SELECT max(sequence) FROM journal")).isEqualTo(committedBefore);
        assertRecoveredInANewTerm(writer, epoch, alice);
        assertThat(db.count("SELECT count(*) FROM journal")).isEqualTo(db.count("SELECT max(sequence) FROM journal"));
        JournalAudit.Replay replay = new JournalAudit(connections())
                .replayThrough(writer.nodeStatus().lastCommittedSequence());
        assertThat(replay.verified()).as(replay.detail()).isTrue();
        assertThat(replay.stateHash()).isEqualTo(hash(writer));
    }

    @Test
    void aTakeoverWaitsForTheCommittingAndTheWrittenTransactionAndNothingCommitsAfterIt() throws Exception {
        EngineSupervisor writer = db.start("a", List.of(), List.of(), 0, PATIENT);
        awaitRole(writer, NodeStatus.Role.WRITER);
        String alice = openAccount(writer, "alice");
        applied(writer, new Deposit(alice, BigDecimal.TEN, "dep-1"));
        long epoch = writer.nodeStatus().leaseEpoch();
        holdCommitsOf("held");

        CompletableFuture<Outcome> held;
        CompletableFuture<Outcome> behind;
        CompletableFuture<Long> seenByTakeover;
        try (Connection holder = hold()) {
            held = submit(writer, new Deposit(alice, BigDecimal.ONE, "held"));
            int committing = awaitHeldCommit();
            behind = submit(writer, new Deposit(alice, new BigDecimal("2"), "behind"));
            awaitWrittenNotCommitted(committing);
            seenByTakeover = CompletableFuture.supplyAsync(this::raiseEpoch);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                                    + " 'pipeline-takeover' AND wait_event_type = 'Lock'")
                            == 1);
        }

        // Both held the epoch FOR SHARE before the takeover: they commit, and the takeover's UPDATE only then.
        assertThat(held.get(60, TimeUnit.SECONDS)).isInstanceOf(Outcome.Applied.class);
        assertThat(behind.get(60, TimeUnit.SECONDS)).isInstanceOf(Outcome.Applied.class);
        assertThat(seenByTakeover.get(60, TimeUnit.SECONDS))
                .as("rows of held and behind committed when the epoch UPDATE went through")
                .isEqualTo(2);
        long rowsAtTakeover = db.count("SELECT count(*) FROM journal WHERE writer_epoch = " + epoch);
        assertThatThrownBy(() -> writer.submit(new Deposit(alice, BigDecimal.ONE, "late"), "test"))
                .isInstanceOfAny(EngineUnavailableException.class, NotWriterException.class);
        assertThat(db.count("SELECT count(*) FROM journal WHERE writer_epoch = " + epoch))
                .as("nothing of the fenced term committed after the epoch change")
                .isEqualTo(rowsAtTakeover);
        assertThat(db.count("SELECT count(*) FROM journal WHERE command->>'reference' = 'late'"))
                .isZero();
        awaitRole(writer, NodeStatus.Role.WRITER);
        assertThat(balance(writer, alice)).isEqualByComparingTo("13");
    }

    /** A deferred trigger: the COMMIT of a journal row naming {@code reference} waits for the advisory lock. */
    private void holdCommitsOf(String reference) throws Exception {
        db.execute("CREATE FUNCTION hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.command->>'reference' = '" + reference + "' THEN PERFORM pg_advisory_xact_lock(" + HOLD_KEY
                + "); END IF; RETURN NULL; END $$");
        db.execute("CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON journal DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION hold_commit()");
    }

    /** Holds the advisory lock until the connection closes. */
    private Connection hold() throws Exception {
        Connection holder = db.sql();
        try (Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + HOLD_KEY + ")");
        }
        return holder;
    }

    /** The journal session whose COMMIT waits for the held lock. */
    private int awaitHeldCommit() {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> (int) db.count("SELECT coalesce(max(pid), 0) FROM pg_stat_activity WHERE application_name"
                                + " = 'bulwark-journal' AND wait_event = 'advisory' AND query = 'COMMIT'"),
                        pid -> pid != 0);
    }

    /** Waits until the other journal session has written its transaction (the COPY done) and waits to commit. */
    private void awaitWrittenNotCommitted(int committing) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bulwark-journal'"
                                + " AND pid <> " + committing + " AND state = 'idle in transaction'"
                                + " AND query LIKE 'COPY journal%'")
                        == 1);
    }

    /** A takeover's first step on a connection of its own; returns the held rows it then sees committed. */
    private long raiseEpoch() {
        try (Connection c = db.sql();
                Statement s = c.createStatement()) {
            s.execute("SET application_name = 'pipeline-takeover'");
            c.setAutoCommit(false);
            s.execute("UPDATE writer_lease SET epoch = epoch + 1");
            try (ResultSet rs =
                    s.executeQuery("SELECT count(*) FROM journal WHERE command->>'reference' IN ('held', 'behind')")) {
                rs.next();
                long seen = rs.getLong(1);
                c.commit();
                return seen;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int journalSessions() throws Exception {
        return (int) db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'bulwark-journal'"
                + " AND datname = current_database()");
    }

    private JournalConnections connections() {
        return new JournalConnections(db.url, TestPostgres.username(), TestPostgres.password(), JournalHarness.LIMITS);
    }

    private static CompletableFuture<Outcome> submit(EngineSupervisor writer, Deposit deposit) {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(writer.submit(deposit, "test"));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static Throwable failure(CompletableFuture<Outcome> answer) throws Exception {
        try {
            Outcome outcome = answer.get(60, TimeUnit.SECONDS);
            throw new AssertionError("answered " + outcome);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
