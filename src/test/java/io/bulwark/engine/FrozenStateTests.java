package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.RecordSnapshot;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.SnapshotRecorded;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A frozen state ({@link Engine#freeze()}) gives the bytes a synchronous snapshot gave at its sequence, also
 * when another thread makes them while the engine keeps applying commands (the periodic snapshots' case).
 */
class FrozenStateTests {
    private long ts = 1_000;

    private Outcome apply(Engine engine, io.bulwark.engine.command.Command command) {
        return engine.apply(command, ts++);
    }

    private Engine withDeposits(int count) {
        Engine engine = new Engine();
        for (int a = 0; a < 4; a++) {
            apply(engine, new CreateAccount("acct-" + a, "key_" + a, "hash_" + a));
        }
        for (int n = 0; n < count; n++) {
            apply(engine, new Deposit(Integer.toString(1 + n % 4), BigDecimal.ONE, "dep-" + (n * 7919 % count)));
        }
        return engine;
    }

    @Test
    void aFrozenStateGivesTheSynchronousSnapshotsBytesAfterTheEngineMovedOn() {
        Engine engine = withDeposits(5_000);
        byte[] synchronous = engine.serialize();
        FrozenState frozen = engine.freeze();
        assertThat(frozen.sequence()).isEqualTo(engine.lastSequence());
        for (int n = 0; n < 3_000; n++) {
            apply(engine, new Deposit("2", new BigDecimal("2.5"), "later-" + n));
        }
        apply(engine, new Withdraw("1", BigDecimal.TEN, "wd-1"));
        assertThat(frozen.bytes()).isEqualTo(synchronous);
        assertThat(Engine.restore(frozen.bytes()).stateHash()).isEqualTo(CanonicalWriter.sha256(synchronous));
        assertThat(engine.serialize()).isNotEqualTo(synchronous);
    }

    @Test
    void anotherThreadSerializesAFrozenStateWhileTheEngineKeepsApplying() throws Exception {
        Engine engine = withDeposits(20_000);
        List<String> expected = new ArrayList<>();
        List<Future<List<String>>> made = new ArrayList<>();
        ExecutorService snapshotThread = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 5; round++) {
                expected.add(engine.stateHash()); // the synchronous snapshot's hash at this sequence
                FrozenState frozen = engine.freeze();
                made.add(snapshotThread.submit(() -> {
                    List<String> hashes = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        hashes.add(CanonicalWriter.sha256(frozen.bytes()));
                    }
                    return hashes;
                }));
                // Meanwhile the engine inserts new deposit references (all over the key range), repeats old ones
                // and moves balances.
                for (int n = 0; n < 10_000; n++) {
                    apply(engine, new Deposit(Integer.toString(1 + n % 4), BigDecimal.ONE, "r" + round + "-" + n));
                    if (n % 100 == 0) {
                        apply(engine, new Deposit("1", BigDecimal.ONE, "dep-" + n));
                    }
                }
            }
            for (int round = 0; round < made.size(); round++) {
                assertThat(made.get(round).get()).containsOnly(expected.get(round));
            }
        } finally {
            snapshotThread.shutdownNow();
        }
    }

    @Test
    void recordingASnapshotNamesAnAppliedSequenceAndChangesNothingElse() {
        Engine engine = withDeposits(10);
        long sequence = engine.lastSequence();
        String hash = engine.stateHash();
        Outcome recorded = apply(engine, new RecordSnapshot(sequence, hash, "periodic"));
        assertThat(((Outcome.Applied) recorded).events())
                .containsExactly(new SnapshotRecorded(sequence, hash, "periodic"));
        assertThat(apply(engine, new RecordSnapshot(engine.lastSequence() + 1, hash, "periodic")))
                .isInstanceOf(Outcome.Rejected.class);
        Engine before = withDeposits(10);
        assertThat(engine.ledgerBalances()).isEqualTo(before.ledgerBalances());
    }
}
