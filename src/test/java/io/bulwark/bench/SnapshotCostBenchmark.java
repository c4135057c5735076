package io.bulwark.bench;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Where a periodic snapshot's time goes at a W2-like state: 64 accounts and {@code deposits} credited
 * deposit references (W2 keeps every reference, SPEC). Times, per round, serialization, SHA-256 and the
 * INSERT of the bytes into a snapshots-like table in its own transaction (commit included), and the
 * engine thread's share since periodic snapshots left it: {@link Engine#freeze()}.
 *
 * <pre>
 * TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test ./mvnw -q -o test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.bulwark.bench.SnapshotCostBenchmark \
 *     -Dexec.args="1000000 5"
 * </pre>
 */
public final class SnapshotCostBenchmark {
    private SnapshotCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int deposits = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engine engine = new Engine();
        long ts = 1_000;
        for (int i = 0; i < 64; i++) {
            engine.apply(new CreateAccount("bench-" + i, "key_bench" + i, "hash_bench" + i), ts);
        }
        for (int n = 0; n < deposits; n++) {
            engine.apply(
                    new Deposit(Integer.toString(1 + n % 64), BigDecimal.ONE, "measured-" + (n % 64) + "-" + n / 64),
                    ts + n / 1000);
        }
        String url = TestPostgres.createDatabase();
        try (Connection c = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE snapshots (snapshot_id TEXT PRIMARY KEY, sequence BIGINT NOT NULL UNIQUE,"
                        + " state_hash TEXT NOT NULL, state BYTEA NOT NULL, reason TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            for (int r = 0; r < rounds; r++) {
                long f0 = System.nanoTime();
                var frozen = engine.freeze();
                long f1 = System.nanoTime();
                // What the engine thread did per periodic snapshot before: serialize() and sha256 (and it
                // carried the bytes into the journal commit); now it only freezes.
                long t0 = System.nanoTime();
                byte[] bytes = frozen.bytes();
                long t1 = System.nanoTime();
                String hash = CanonicalWriter.sha256(bytes);
                long t2 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO snapshots (snapshot_id, sequence, state_hash, state, reason) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, "snap-" + r);
                    ps.setLong(2, r);
                    ps.setString(3, hash);
                    ps.setBytes(4, bytes);
                    ps.setString(5, "periodic");
                    ps.executeUpdate();
                }
                c.commit();
                long t3 = System.nanoTime();
                System.out.printf(
                        "round %d: %,d deposits, %,d bytes: freeze %.3f ms, serialize %.1f ms, sha256 %.1f ms,"
                                + " insert+commit %.1f ms%n",
                        r, deposits, bytes.length, (f1 - f0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
        }
    }
}
