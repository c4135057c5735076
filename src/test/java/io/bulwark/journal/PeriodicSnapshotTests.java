package io.bulwark.journal;

import static io.bulwark.journal.JournalHarness.applied;
import static io.bulwark.journal.JournalHarness.awaitRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Periodic snapshots made off the engine thread (PeriodicSnapshots), against real PostgreSQL: each is a
 * snapshots row whose state hash a later, hash-chained RecordSnapshot journal row vouches for (no TakeSnapshot
 * row at its sequence); recovery starts from one, and refuses one whose bytes and hash were replaced.
 */
class PeriodicSnapshotTests {
    private final JournalHarness db = new JournalHarness();

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private String account(EngineSupervisor writer) {
        return ((AccountCreated) applied(writer, new CreateAccount("alice", "key_alice", "hash_alice"))
                        .events()
                        .getFirst())
                .accountId();
    }

    /**
     * Deposits {@code amount} at least 12 times, then one at a time until at least {@code atLeast} periodic
     * rows are stored (not a timing assertion: the snapshot thread works in the background, and while one
     * snapshot is in flight the engine only freezes the next after a later batch, so an idle engine would
     * wait for ever). Returns how many deposits it made.
     */
    private int depositUntilPeriodicRows(EngineSupervisor writer, String account, BigDecimal amount, int atLeast)
            throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int deposits = 0;
        while (deposits < 12
                || (db.count("SELECT count(*) FROM snapshots WHERE reason = 'periodic'") < atLeast
                        && System.nanoTime() < deadline)) {
            applied(writer, new Deposit(account, amount, "dep-" + deposits));
            deposits++;
            if (deposits >= 12) {
                Thread.sleep(20);
            }
        }
        return deposits;
    }

    @Test
    void aPeriodicSnapshotIsRecordedByALaterJournalRowAndRecoveryStartsFromIt() throws Exception {
        EngineSupervisor first = db.start("first", 3, List.of());
        awaitRole(first, NodeStatus.Role.WRITER);
        String alice = account(first);
        int deposits = depositUntilPeriodicRows(first, alice, new BigDecimal("1.5"), 2);
        assertThat(db.count("SELECT count(*) FROM snapshots WHERE reason = 'periodic'"))
                .isGreaterThanOrEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM snapshots s WHERE reason = 'periodic' AND NOT EXISTS ("
                        + " SELECT 1 FROM journal r WHERE r.command_type = 'RecordSnapshot'"
                        + " AND r.actor = 'system:snapshots' AND r.sequence > s.sequence"
                        + " AND (r.command ->> 'snapshotSequence')::bigint = s.sequence"
                        + " AND r.command ->> 'stateHash' = s.state_hash"
                        + " AND r.events -> 0 ->> 'stateHash' = s.state_hash)"))
                .as("periodic snapshots without their journal record")
                .isZero();
        assertThat(db.count("SELECT count(*) FROM snapshots s JOIN journal j ON j.sequence = s.sequence"
                        + " WHERE s.reason = 'periodic' AND j.command_type = 'TakeSnapshot'"))
                .as("periodic snapshots no longer take a journal row of their own")
                .isZero();
        String hashAtStop = JournalHarness.hash(first);
        first.stop();
        db.execute("DELETE FROM snapshots WHERE reason = 'shutdown'");
        long newestPeriodic = db.count("SELECT max(sequence) FROM snapshots WHERE reason = 'periodic'");

        EngineSupervisor second = db.startWriter("second");
        NodeStatus.Recovery recovery = second.nodeStatus().recovery();
        assertThat(recovery.verified()).as(recovery.detail()).isTrue();
        assertThat(recovery.detail()).contains("after snapshot at " + newestPeriodic);
        assertThat(JournalHarness.hash(second)).isNotEqualTo(hashAtStop); // StartEngine and the rest on top
        assertThat(second.<BigDecimal>query(v -> v.balance(alice)))
                .isEqualByComparingTo(new BigDecimal("1.5").multiply(BigDecimal.valueOf(deposits)));
    }

    @Test
    void aPeriodicSnapshotWhoseBytesAndHashWereReplacedIsPassedOver() throws Exception {
        EngineSupervisor first = db.start("first", 3, List.of());
        awaitRole(first, NodeStatus.Role.WRITER);
        String alice = account(first);
        int deposits = depositUntilPeriodicRows(first, alice, BigDecimal.ONE, 2);
        assertThat(db.count("SELECT count(*) FROM snapshots WHERE reason = 'periodic'"))
                .isGreaterThanOrEqualTo(2);
        first.stop();
        db.execute("DELETE FROM snapshots WHERE reason = 'shutdown'");
        // Self-consistent bytes and hash (an older snapshot's), edited in: only the journal's record tells.
        db.execute("UPDATE snapshots SET (state, state_hash) = (SELECT o.state, o.state_hash FROM snapshots o"
                + " WHERE o.reason = 'periodic' ORDER BY o.sequence LIMIT 1)"
                + " WHERE sequence = (SELECT max(sequence) FROM snapshots WHERE reason = 'periodic')");

        EngineSupervisor second = db.startWriter("second");
        NodeStatus.Recovery recovery = second.nodeStatus().recovery();
        assertThat(recovery.detail()).contains("not the one recorded live");
        assertThat(recovery.verified()).isFalse();
        assertThat(second.<BigDecimal>query(v -> v.balance(alice))).isEqualByComparingTo(BigDecimal.valueOf(deposits));
    }

    @Test
    void aPeriodicTakeSnapshotRowWrittenByAnOlderBuildIsStillAStartingPoint() throws Exception {
        EngineSupervisor first = db.start("first", 0, List.of());
        awaitRole(first, NodeStatus.Role.WRITER);
        String alice = account(first);
        for (int i = 0; i < 5; i++) {
            applied(first, new Deposit(alice, BigDecimal.ONE, "dep-" + i));
        }
        // What older builds journaled every N commands: a TakeSnapshot row of the snapshots actor.
        Outcome.Applied old =
                (Outcome.Applied) first.submit(new TakeSnapshot("periodic"), SnapshotRetention.PERIODIC_ACTOR);
        applied(first, new Deposit(alice, BigDecimal.ONE, "dep-after"));
        first.stop();
        db.execute("DELETE FROM snapshots WHERE reason = 'shutdown'");

        EngineSupervisor second = db.startWriter("second");
        NodeStatus.Recovery recovery = second.nodeStatus().recovery();
        assertThat(recovery.verified()).as(recovery.detail()).isTrue();
        assertThat(recovery.detail()).contains("after snapshot at " + old.sequence());
        assertThat(second.<BigDecimal>query(v -> v.balance(alice))).isEqualByComparingTo("6");
    }
}
