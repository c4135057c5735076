package io.bulwark.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * An embedded PostgreSQL (zonky; as root it runs the server through {@code unshare -U}) over a data directory that
 * is kept between runs. At most one per data directory in a JVM, stopped at JVM exit after Spring has closed every
 * application context.
 */
final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final long ORPHAN_STOP_TIMEOUT_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** Guarded by the class: a second application run in the same JVM shares the server of the first. */
    private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

    private final Path dataDir;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresServer obtain(Path dataDir, int port) {
        EmbeddedPostgresServer server = running.get(dataDir);
        if (server != null) {
            return server;
        }
        server = start(dataDir, port);
        running.put(dataDir, server);
        try {
            // Spring runs its shutdown handlers one after another, only once every application context is closed:
            // the engine's last commits and the connection pools finish before the server stops. A JVM shutdown
            // hook of our own (or zonky's) would run concurrently with Spring's and could stop it under them.
            SpringApplication.getShutdownHandlers().add(server::stop);
        } catch (IllegalStateException shutdownInProgress) {
            server.stop();
            throw shutdownInProgress;
        }
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    void stop() {
        synchronized (EmbeddedPostgresServer.class) {
            running.remove(dataDir, this);
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped, data kept in {}", dataDir);
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL on {}", dataDir, e);
        }
    }

    private static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            refuseIfUsedByAnotherProcess(dataDir);
            stopOrphanedPostmaster(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    // zonky turns it off by default; acknowledged journal commits must survive a crash
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, postgres);
            log.info(
                    "Embedded PostgreSQL started: data directory {}, JDBC URL {} (user {}, no password);"
                            + " set SPRING_DATASOURCE_URL to use another database",
                    dataDir,
                    server.jdbcUrl(),
                    USER);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL on " + dataDir, e);
        }
    }

    /** Zonky holds a lock on a file in the data directory for as long as its server runs. */
    private static void refuseIfUsedByAnotherProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(dataDir
                        + " is in use by the embedded PostgreSQL of another running process (a second Bulwark?)."
                        + " Give this one its own bulwark.embedded-db.data-dir, or point both at one server"
                        + " with SPRING_DATASOURCE_URL.");
            }
        }
    }

    /**
     * A JVM killed without running its shutdown hooks (kill -9) leaves its postmaster running, holding the data
     * directory; nothing else uses it (the lock is free), so stop it. SIGTERM is PostgreSQL's smart shutdown, which
     * waits for open sessions: the dead JVM's sessions are already gone.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster =
                postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(EmbeddedPostgresServer::isPostgres);
        if (postmaster.isEmpty()) {
            return;
        }
        log.warn(
                "Stopping PostgreSQL (pid {}) left running on {} by an earlier run",
                postmaster.get().pid(),
                dataDir);
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(ORPHAN_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL (pid " + postmaster.get().pid() + ") on " + dataDir
                    + " did not stop; stop it by hand (are clients still connected?)");
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pid in a stale postmaster.pid may since have been given to an unrelated process. */
    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
    }
}
