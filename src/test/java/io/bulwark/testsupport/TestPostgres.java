package io.bulwark.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of this test JVM, chosen once, in this order: the database named by {@code TEST_DB_URL}
 * (with {@code TEST_DB_USERNAME}, default {@code postgres}, and {@code TEST_DB_PASSWORD}, default empty), else a
 * Testcontainers {@code postgres:17-alpine} when a Docker engine answers, else an embedded PostgreSQL in a temporary
 * directory.
 *
 * <p>Every {@link #createDatabase()} makes a new database on that server: each Spring context and each application
 * instance a test starts needs its own, since two on one database fight over the writer lease.
 *
 * <p>At JVM exit, once no session uses them any more (Spring closes its contexts in a shutdown hook that runs
 * concurrently with this one), the databases are dropped from a {@code TEST_DB_URL} server and an embedded or
 * container server is stopped.
 *
 * <p>The embedded and container servers trade crash durability for speed (zonky's {@code synchronous_commit=off},
 * Testcontainers' {@code fsync=off}): tests stop and kill applications, never the database server. They allow 300
 * connections, since every cached Spring context keeps a pool open.
 */
public final class TestPostgres {

    private static final String IMAGE = "postgres:17-alpine";
    private static final String MAX_CONNECTIONS = "300";
    private static final Duration SESSIONS_END_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private static final AtomicInteger databaseCounter = new AtomicInteger();
    private static final List<String> createdDatabases = new CopyOnWriteArrayList<>();

    private TestPostgres() {}

    /** Creates a new, empty database and returns its JDBC URL. */
    public static String createDatabase() {
        Server server = Holder.SERVER;
        String name =
                server.namePrefix() + "_t_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
        try (Connection admin = server.adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + server.description(), e);
        }
        createdDatabases.add(name);
        return withDatabase(server.adminUrl(), name);
    }

    public static String username() {
        return Holder.SERVER.username();
    }

    public static String password() {
        return Holder.SERVER.password();
    }

    /**
     * @param namePrefix starts the names of the created databases; {@code [a-z0-9_]} only
     * @param release frees the server's resources at exit, given the names of the created databases
     */
    private record Server(
            String description,
            String adminUrl,
            String username,
            String password,
            String namePrefix,
            Consumer<List<String>> release) {

        Connection adminConnection() throws SQLException {
            return DriverManager.getConnection(adminUrl, username, password);
        }
    }

    private static final class Holder {
        static final Server SERVER = startServer();
    }

    private static Server startServer() {
        Server server = chooseServer();
        log.info("Tests use PostgreSQL from {}", server.description());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> releaseAtExit(server), "test-postgres-release"));
        return server;
    }

    private static Server chooseServer() {
        String url = System.getenv("TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return external(url.strip());
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            try {
                return container();
            } catch (RuntimeException e) {
                log.warn("Docker answers but the {} container did not start; using embedded PostgreSQL", IMAGE, e);
            }
        }
        return embedded();
    }

    private static Server external(String url) {
        String username = envOrDefault("TEST_DB_USERNAME", "postgres");
        String password = envOrDefault("TEST_DB_PASSWORD", "");
        return new Server(
                "TEST_DB_URL " + url, url, username, password, namePrefix(databaseOf(url)), TestPostgres::drop);
    }

    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=" + MAX_CONNECTIONS);
        container.start();
        return new Server(
                "a Testcontainers " + IMAGE + " container at " + container.getJdbcUrl(),
                container.getJdbcUrl(),
                container.getUsername(),
                container.getPassword(),
                "bulwark",
                databases -> container.stop());
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", MAX_CONNECTIONS)
                    .start();
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            return new Server("embedded PostgreSQL at " + url, url, "postgres", "", "bulwark", databases -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL for the tests", e);
        }
    }

    private static void releaseAtExit(Server server) {
        List<String> databases = List.copyOf(createdDatabases);
        try {
            awaitSessionsEnd(server, databases);
            server.release().accept(databases);
        } catch (RuntimeException | SQLException e) {
            log.warn("Could not release the test PostgreSQL ({})", server.description(), e);
        }
    }

    private static void awaitSessionsEnd(Server server, List<String> databases) throws SQLException {
        long deadline = System.nanoTime() + SESSIONS_END_TIMEOUT.toNanos();
        try (Connection admin = server.adminConnection();
                PreparedStatement sessions =
                        admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ANY (?)")) {
            sessions.setArray(1, admin.createArrayOf("text", databases.toArray()));
            while (countOf(sessions) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long countOf(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void drop(List<String> databases) {
        Server server = Holder.SERVER;
        try (Connection admin = server.adminConnection();
                Statement statement = admin.createStatement()) {
            for (String name : databases) {
                // FORCE (PostgreSQL 13+) ends sessions that outlived the wait
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the test databases " + databases, e);
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        Matcher url = matchJdbcUrl(jdbcUrl);
        return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
    }

    static String databaseOf(String jdbcUrl) {
        String database = matchJdbcUrl(jdbcUrl).group(2);
        return database == null ? "" : database;
    }

    private static Matcher matchJdbcUrl(String jdbcUrl) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        return url;
    }

    /** Databases made for a run on a shared server start with that run's database name, so its cleanup finds them. */
    static String namePrefix(String baseDatabase) {
        String prefix = baseDatabase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        prefix = prefix.length() > 32 ? prefix.substring(0, 32) : prefix;
        return prefix.isEmpty() || !Character.isLetter(prefix.charAt(0)) ? "bulwark" : prefix;
    }

    private static String envOrDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
