package io.bulwark.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own under /tmp, on its own port, with the default durability settings
 * (fsync and synchronous_commit on): the fault runs crash it ({@code pg_ctl stop -m immediate}), which
 * must never happen to a server others use. As root, the binaries run as the {@code postgres} user.
 */
final class ScratchPostgres implements AutoCloseable {
    private final Path binaries = findBinaries();
    private final Path dataDirectory;
    private final int port;

    private ScratchPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static ScratchPostgres create() {
        try {
            Path dir = Files.createTempDirectory("bulwark-fault-pg-");
            ScratchPostgres pg = new ScratchPostgres(dir, freePort());
            if (isRoot()) {
                run(List.of("chown", "postgres:postgres", dir.toString()));
            }
            pg.pg("initdb", "-D", dir.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            pg.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stopQuietly));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String username() {
        return "postgres";
    }

    String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(adminUrl(), username(), "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    void start() {
        pg(
                "pg_ctl",
                "-D",
                dataDirectory.toString(),
                "-l",
                dataDirectory.resolve("server.log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                "-p " + port + " -k " + dataDirectory + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
    }

    /** A crash: every backend is killed at once, no checkpoint; the next start runs crash recovery. */
    void crash() {
        pg("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
    }

    private void stopQuietly() {
        try {
            pg("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // leaving a scratch directory behind under /tmp is harmless
            }
        }
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    static void run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL under /usr/lib/postgresql, or {@code PG_BIN}. */
    static Path findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries; set PG_BIN"));
        } catch (IOException e) {
            throw new UncheckedIOException("no /usr/lib/postgresql; set PG_BIN to PostgreSQL's bin directory", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
