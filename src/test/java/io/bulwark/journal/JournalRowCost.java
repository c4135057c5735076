package io.bulwark.journal;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.event.Outcome;
import io.bulwark.testsupport.TestPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * Per-row cost of writing journal rows, in CPU time (not wall time, so the figures hold up on a loaded
 * machine): on the writing thread (encoding, hashing, binding) and in the PostgreSQL backend serving the
 * connection (read from /proc, so it must run on the database's machine). Deposits as W2 sends them, in
 * transactions of {@code rows} rows, the old batched INSERT against the binary COPY, alternating.
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.bulwark.journal.JournalRowCost -Dexec.args="100 300"
 * </pre>
 *
 * Arguments: rows per commit (default 100), commits per round (default 300).
 */
public final class JournalRowCost {
    private JournalRowCost() {}

    public static void main(String[] args) throws Exception {
        int perCommit = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String url = TestPostgres.createDatabase();
        Flyway.configure()
                .dataSource(url, TestPostgres.username(), TestPostgres.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        List<JournalEntry> rows = deposits(perCommit * commits);
        JournalCodec codec = new JournalCodec();
        // The journal writer's own driver settings (reWriteBatchedInserts: the batch goes as multi-row INSERTs)
        try (Connection c = GroupCommits.connect(url)) {
            int backend;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getInt(1);
            }
            boolean tables = args.length > 2;
            if (tables) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE j_noidx (LIKE journal INCLUDING DEFAULTS)");
                    s.execute("CREATE TABLE j_pk (LIKE journal INCLUDING DEFAULTS)");
                    s.execute("ALTER TABLE j_pk ADD PRIMARY KEY (sequence)");
                    s.execute("CREATE TABLE j_text (LIKE journal INCLUDING DEFAULTS)");
                    s.execute("ALTER TABLE j_text ALTER command TYPE text, ALTER events TYPE text");
                }
                c.commit();
                System.out.printf(
                        "bytes per row in the COPY stream: %d%n",
                        new JournalCopy(codec).encode(1, rows, "").length / rows.size());
            }
            for (int round = 0; round < 4; round++) {
                if (tables) {
                    for (String t : List.of("j_noidx", "j_pk", "j_text", "journal")) {
                        measure("COPY into " + t, rows, perCommit, backend, c, (conn, epoch, batch, hash) -> {
                            byte[] stream = new JournalCopy(codec).encode(epoch, batch, hash);
                            try {
                                conn.unwrap(org.postgresql.PGConnection.class)
                                        .getCopyAPI()
                                        .copyIn(
                                                JournalCopy.COPY.replace("COPY journal", "COPY " + t),
                                                new java.io.ByteArrayInputStream(stream));
                            } catch (java.io.IOException e) {
                                throw new SQLException(e);
                            }
                            return hash;
                        });
                    }
                    continue;
                }
                measure(
                        "encode+hash only",
                        rows,
                        perCommit,
                        backend,
                        c,
                        (conn, epoch, batch, hash) -> encodeOnly(codec, batch, hash));
                measure(
                        "batched INSERT  ",
                        rows,
                        perCommit,
                        backend,
                        c,
                        (conn, epoch, batch, hash) -> insert(codec, conn, batch, hash));
                measure("binary COPY     ", rows, perCommit, backend, c, new JournalCopy(codec)::write);
            }
        }
    }

    interface Writer {
        String write(Connection c, long epoch, List<JournalEntry> rows, String previous) throws SQLException;
    }

    private static String encodeOnly(JournalCodec codec, List<JournalEntry> rows, String previous) {
        return new JournalCopy(codec).encode(1, rows, previous).length > 0 ? previous : null;
    }

    private static String insert(JournalCodec codec, Connection c, List<JournalEntry> rows, String previous)
            throws SQLException {
        JournalRows journalRows = new JournalRows(codec);
        String chain = previous;
        try (PreparedStatement ps = c.prepareStatement(JournalRows.INSERT)) {
            for (JournalEntry e : rows) {
                chain = journalRows.bind(ps, 1, e.committed(), chain);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return chain;
    }

    private static void measure(
            String name, List<JournalEntry> rows, int perCommit, int backend, Connection c, Writer w) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE journal");
            s.execute("TRUNCATE " + (name.startsWith("COPY into ") ? name.substring(10) : "journal"));
        }
        c.commit();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long serverBefore = backendTicks(backend);
        long clientBefore = threads.getCurrentThreadCpuTime();
        long wallBefore = System.nanoTime();
        String chain = RowHash.GENESIS;
        for (int from = 0; from < rows.size(); from += perCommit) {
            chain = w.write(c, 1, rows.subList(from, from + perCommit), chain);
            c.commit();
        }
        long client = threads.getCurrentThreadCpuTime() - clientBefore;
        long wall = System.nanoTime() - wallBefore;
        long server = (backendTicks(backend) - serverBefore) * 10_000_000L; // USER_HZ 100
        System.out.printf(
                "%s: client CPU %.2f us/row, server CPU %.2f us/row, wall %.2f us/row (%d rows)%n",
                name, client / 1e3 / rows.size(), server / 1e3 / rows.size(), wall / 1e3 / rows.size(), rows.size());
    }

    private static long backendTicks(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    /** Deposits into 64 accounts with references like W2's, as the engine applied them. */
    private static List<JournalEntry> deposits(int n) {
        TradingFloor floor = new TradingFloor();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            accounts.add(floor.trader("bench-" + i).accountId);
        }
        List<JournalEntry> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Deposit d = new Deposit(accounts.get(i % 64), BigDecimal.ONE, "measured-" + (i % 64) + "-" + i / 64);
            Outcome.Applied a = floor.applied(d);
            rows.add(new JournalEntry(i + 1, floor.now, d, a.events(), "bench", new byte[0]));
        }
        return rows;
    }
}
