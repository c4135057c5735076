package io.bulwark.testsupport;

import static org.awaitility.Awaitility.await;

import io.bulwark.BulwarkApplication;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole Bulwark instances started on one fresh database, as separate processes would be: for
 * failover and restart tests. Settings are command-line arguments, which outrank application.yml.
 */
public final class AppInstances implements AutoCloseable {
    private final String database = TestPostgres.createDatabase();
    private final String adminKey;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private ConfigurableApplicationContext latest;

    public AppInstances(String adminKey) {
        this.adminKey = adminKey;
    }

    public String database() {
        return database;
    }

    /** A plain connection to the instances' database, for tests that read or edit it behind their back. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(database, TestPostgres.username(), TestPostgres.password());
    }

    /** Runs one SQL statement on the instances' database; returns how many rows it changed. */
    public int update(String sql) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** Starts an instance named {@code name}; {@code extraArgs} are more {@code --key=value} settings. */
    public ConfigurableApplicationContext start(String name, String... extraArgs) {
        String[] args = Stream.concat(
                        Stream.of(
                                "--server.port=0",
                                "--spring.datasource.url=" + database,
                                "--spring.datasource.username=" + TestPostgres.username(),
                                "--spring.datasource.password=" + TestPostgres.password(),
                                "--bulwark.embedded-db.enabled=false",
                                "--bulwark.admin-key=" + adminKey,
                                "--bulwark.oracle.simulated=false",
                                "--bulwark.instance-name=" + name,
                                "--bulwark.lease.poll-interval=200ms"),
                        Stream.of(extraArgs))
                .toArray(String[]::new);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(BulwarkApplication.class).run(args);
        started.add(app);
        return app;
    }

    /**
     * Starts an instance named {@code name}, waits until it is the writer and returns a client's view of it
     * for {@code market}; {@link #latest()} is that instance from then on.
     */
    public Exchange startWriter(String name, String market) {
        latest = start(name);
        awaitWriter(latest);
        return exchange(latest, market);
    }

    /** The instance the last {@link #startWriter} started. */
    public ConfigurableApplicationContext latest() {
        return latest;
    }

    /** Stops {@link #latest()} gracefully. */
    public void stopLatest() {
        stop(latest);
    }

    public static void awaitWriter(ConfigurableApplicationContext app) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> app.getBean(EngineGateway.class).nodeStatus().role() == NodeStatus.Role.WRITER);
    }

    public static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** A client's view of instance {@code app} with the admin key, for a market named {@code market}. */
    public Exchange exchange(ConfigurableApplicationContext app, String market) {
        return new Exchange(new ApiClient(port(app)), adminKey, market);
    }

    /** Stops one instance gracefully (it takes its shutdown snapshot and releases the writer lease). */
    public void stop(ConfigurableApplicationContext app) {
        started.remove(app);
        app.close();
    }

    @Override
    public void close() {
        started.forEach(ConfigurableApplicationContext::close);
    }
}
