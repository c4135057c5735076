package io.bulwark.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two PostgreSQL servers of their own under /tmp, replicating as a production HA pair does: a primary
 * with {@code synchronous_commit=on} and {@code synchronous_standby_names} naming the standby, and a
 * standby made with {@code pg_basebackup -R} streaming from a physical replication slot. A commit on the
 * primary returns only once the standby has flushed it. {@link #killPrimary()} is the primary's machine
 * dying; {@link #promoteStandby()} what a failover manager (Patroni, RDS, an operator) does next. As root,
 * the binaries run as the {@code postgres} user.
 */
final class PostgresPair implements AutoCloseable {
    static final String STANDBY_NAME = "bulwark_standby";

    private final Path binaries = ScratchPostgres.findBinaries();
    private final Path directory;
    private final Path primary;
    private final Path standby;
    private final int primaryPort = ScratchPostgres.freePort();
    private final int standbyPort = ScratchPostgres.freePort();

    private PostgresPair(Path directory) {
        this.directory = directory;
        this.primary = directory.resolve("primary");
        this.standby = directory.resolve("standby");
    }

    /** Both servers running, the standby streaming synchronously, and {@code database} created. */
    static PostgresPair create(String database) {
        PostgresPair pair;
        try {
            pair = new PostgresPair(Files.createTempDirectory("bulwark-fault-pg-pair-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pair::stopQuietly));
        try {
            pair.build(database);
            return pair;
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void build(String database) {
        if (ScratchPostgres.isRoot()) {
            ScratchPostgres.run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        pg("initdb", "-D", primary.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        configure(
                primary,
                "wal_level = replica",
                "max_wal_senders = 5",
                "max_replication_slots = 5",
                "synchronous_commit = on");
        start(primary, primaryPort);
        execute(adminUrl(primaryPort), "SELECT pg_create_physical_replication_slot('" + STANDBY_NAME + "')");
        execute(adminUrl(primaryPort), "CREATE DATABASE " + database);
        pg(
                "pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(primaryPort),
                "-U",
                "postgres",
                "-D",
                standby.toString(),
                "-R",
                "-X",
                "stream",
                "-S",
                STANDBY_NAME,
                "--no-sync");
        // The copy carries the primary's settings: the standby names itself (cluster_name is the
        // application_name its WAL receiver reports) and, once promoted, waits for no standby of its own.
        configure(
                standby, "cluster_name = '" + STANDBY_NAME + "'", "synchronous_standby_names = ''", "hot_standby = on");
        start(standby, standbyPort);
        // Only now, or every commit (CREATE DATABASE included) would wait for a standby not there yet.
        execute(adminUrl(primaryPort), "ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
        execute(adminUrl(primaryPort), "SELECT pg_reload_conf()");
        awaitSynchronousStandby();
    }

    /** {@code jdbc:postgresql://primary,standby/database?targetServerType=primary}. */
    String multiHostUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + database
                + "?targetServerType=primary";
    }

    /** The standby's own address: the new primary once promoted. */
    String standbyUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + database;
    }

    String username() {
        return "postgres";
    }

    /**
     * {@code kill -9} of the primary's postmaster and, right after, of every server process it started: the
     * machine is gone, nothing is flushed or said goodbye to. Returns the postmaster's pid.
     */
    long killPrimary() {
        long postmaster = postmasterPid(primary);
        ProcessHandle server = ProcessHandle.of(postmaster)
                .orElseThrow(() -> new IllegalStateException("the primary's postmaster is not running"));
        // SIGKILL, one process after the other; a child that ended meanwhile (an autovacuum worker) is skipped
        Stream.concat(Stream.of(server), server.children()).toList().forEach(ProcessHandle::destroyForcibly);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < until) {
            FaultRun.sleep(Duration.ofMillis(20));
        }
        try {
            // so that no later pg_ctl signals whatever process reuses the pid
            Files.deleteIfExists(primary.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postmaster;
    }

    /**
     * {@code pg_ctl stop -m immediate} of the standby: it is gone (machine or network), and what the primary sends
     * meanwhile never reaches it.
     */
    void stopStandby() {
        pg("pg_ctl", "-D", standby.toString(), "-m", "immediate", "-w", "stop");
    }

    /** Starts the standby again: it recovers what it had flushed, then streams (or waits for a primary). */
    void startStandby() {
        start(standby, standbyPort);
    }

    /**
     * What an impatient operator does to commits "stuck" behind a missing standby: {@code pg_cancel_backend}
     * of every session waiting for it ({@code wait_event = 'SyncRep'}). PostgreSQL then returns each such
     * COMMIT as done on the primary alone, with a warning. Returns how many were cancelled.
     */
    long cancelCommitsWaitingForStandby() {
        try (Connection c = DriverManager.getConnection(adminUrl(primaryPort), username(), "");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity"
                                + " WHERE wait_event = 'SyncRep'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pg_ctl promote -w}: returns once the standby accepts writes. */
    void promoteStandby() {
        pg("pg_ctl", "-D", standby.toString(), "-w", "-t", "60", "promote");
    }

    /** The {@code sync_state} the primary reports for the standby ({@code sync} when commits wait for it). */
    String standbySyncState() {
        try (Connection c = DriverManager.getConnection(adminUrl(primaryPort), username(), "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT sync_state FROM pg_stat_replication WHERE application_name = '" + STANDBY_NAME + "'")) {
            return rs.next() ? rs.getString(1) : "absent";
        } catch (SQLException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private void awaitSynchronousStandby() {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String state = standbySyncState();
        while (!"sync".equals(state)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the standby never became synchronous: " + state);
            }
            FaultRun.sleep(Duration.ofMillis(100));
            state = standbySyncState();
        }
    }

    private void configure(Path dataDirectory, String... settings) {
        try {
            Files.writeString(
                    dataDirectory.resolve("postgresql.conf"),
                    "\n" + String.join("\n", settings) + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(Path dataDirectory, int port) {
        pg(
                "pg_ctl",
                "-D",
                dataDirectory.toString(),
                "-l",
                directory.resolve(dataDirectory.getFileName() + ".log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=200",
                "start");
    }

    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid: the server is not running", e);
        }
    }

    private static String adminUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, username(), "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void stopQuietly() {
        for (Path dataDirectory : List.of(primary, standby)) {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                try {
                    pg("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
                } catch (RuntimeException e) {
                    // killed already (its postmaster.pid outlives it) or never started
                }
            }
        }
    }

    /** Stops whatever still runs and removes both data directories. */
    @Override
    public void close() {
        stopQuietly();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leaving a scratch directory behind under /tmp is harmless
        }
    }

    private void pg(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (ScratchPostgres.isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(args));
        ScratchPostgres.run(command);
    }
}
