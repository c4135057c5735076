package io.bulwark.bench;

import io.bulwark.BulwarkApplication;
import io.bulwark.testsupport.TestPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W5 recovery: fills a fresh database with N journaled commands through the real sequencer and journal
 * (a child JVM, {@link JournalFill}), kills that JVM with SIGKILL once the journal holds them, then starts
 * Bulwark in a new JVM and times start to ready (status {@code WRITER}), with the recovery's own figures
 * (snapshot it started from, commands replayed and verified, milliseconds). Then stops that instance
 * gracefully (shutdown snapshot) and times one more start.
 *
 * <pre>
 * TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test ./mvnw -q test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath io.bulwark.bench.RecoveryBenchmark 1000000"
 * </pre>
 *
 * Arguments: commands (1,000,000), filling clients (64). It runs with exec:exec (not exec:java) because
 * it starts JVMs on its own class path. The database is a fresh one on TEST_DB_URL's server (else an
 * embedded PostgreSQL).
 */
public final class RecoveryBenchmark {
    static final String ADMIN_KEY = "bwk_recovery_benchmark_admin_key_000000000000";
    private static final Pattern RECOVERED = Pattern.compile("Recovery verified in (\\d+) ms: (.*)");
    private static final Pattern STARTED = Pattern.compile("Started BulwarkApplication in ([0-9.]+) seconds");

    private RecoveryBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("fill")) {
            JournalFill.run(args[1], args[2], args[3], Long.parseLong(args[4]), Integer.parseInt(args[5]));
            return;
        }
        long commands = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String url = TestPostgres.createDatabase();

        long fillStarted = System.nanoTime();
        Process filler = java(
                RecoveryBenchmark.class.getName(),
                "fill",
                url,
                TestPostgres.username(),
                TestPostgres.password(),
                Long.toString(commands),
                Integer.toString(clients));
        try (BufferedReader out = reader(filler)) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("FILLED")) {
                System.out.println("  " + line);
            }
            if (line == null) {
                throw new IllegalStateException("the filler ended before filling the journal");
            }
        }
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
        filler.destroyForcibly().waitFor();
        System.out.printf(
                "filled in %.0f s (JVM and Spring start included), then killed with SIGKILL; %s%n",
                fillSeconds, journalFigures(url));

        Process afterCrash = start(url, "W5 start after a crash (SIGKILL, no shutdown snapshot)");
        afterCrash.destroy(); // SIGTERM: graceful shutdown, which takes a snapshot
        afterCrash.waitFor(60, TimeUnit.SECONDS);
        Process afterStop = start(url, "W5 start after a graceful stop (shutdown snapshot)");
        afterStop.destroy();
        afterStop.waitFor(60, TimeUnit.SECONDS);
    }

    /** Starts Bulwark in a new JVM on the database and prints start-to-ready and the recovery's figures. */
    private static Process start(String url, String label) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        long started = System.nanoTime();
        Process server = java(
                BulwarkApplication.class.getName(),
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestPostgres.username(),
                "--spring.datasource.password=" + TestPostgres.password(),
                "--bulwark.embedded-db.enabled=false",
                "--bulwark.admin-key=" + ADMIN_KEY,
                "--bulwark.oracle.simulated=false",
                "--logging.level.root=WARN",
                "--logging.level.io.bulwark.journal=INFO",
                "--logging.level.org.springframework.boot.StartupInfoLogger=INFO",
                "--logging.level.io.bulwark.BulwarkApplication=INFO");
        AtomicReference<String> recovery = new AtomicReference<>("not reported");
        AtomicReference<String> spring = new AtomicReference<>("?");
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = reader(server)) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = RECOVERED.matcher(line);
                    if (m.find()) {
                        recovery.set("recovery " + m.group(1) + " ms: " + m.group(2));
                    } else if (line.contains("RECOVERY NOT VERIFIED")) {
                        recovery.set(line);
                    }
                    Matcher s = STARTED.matcher(line);
                    if (s.find()) {
                        spring.set(s.group(1) + " s");
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        BenchHttp http = new BenchHttp("http://127.0.0.1:" + port);
        long deadline = started + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            BenchHttp.Reply status = http.get("/api/v1/system/status", null);
            if (status.status() == 200 && "WRITER".equals(status.text("role"))) {
                break;
            }
            Thread.sleep(20);
        }
        double ready = (System.nanoTime() - started) / 1e9;
        Thread.sleep(200);
        System.out.printf(
                "%s: process start to ready (WRITER) %.2f s; Spring context %s; %s%n",
                label, ready, spring.get(), recovery.get());
        return server;
    }

    private static Process java(String mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command =
                new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String journalFigures(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
                Statement s = c.createStatement();
                ResultSet journal = s.executeQuery("SELECT count(*), max(sequence) FROM journal")) {
            journal.next();
            String figures =
                    String.format("journal: %,d rows up to sequence %,d", journal.getLong(1), journal.getLong(2));
            try (ResultSet snapshots = s.executeQuery("SELECT count(*), max(sequence) FROM snapshots")) {
                snapshots.next();
                return figures
                        + String.format(
                                "; %,d snapshots, the newest at %,d", snapshots.getLong(1), snapshots.getLong(2));
            }
        }
    }
}
