package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.testsupport.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/** A migrated database and engine supervisors (writer candidates) on it, without Spring. */
final class JournalHarness implements AutoCloseable {
    /** The default connection time limits (bulwark.journal.*). */
    static final JournalProperties.Journal LIMITS = new JournalProperties.Journal(
            Duration.ofSeconds(15),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            Duration.ofSeconds(35),
            Duration.ofSeconds(30));

    final String url = TestPostgres.createDatabase();
    private final List<EngineSupervisor> started = new ArrayList<>();

    JournalHarness() {
        Flyway.configure()
                .dataSource(url, TestPostgres.username(), TestPostgres.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    JournalProperties properties(long snapshotEvery, String name) {
        return properties(snapshotEvery, name, LIMITS);
    }

    private static JournalProperties properties(long snapshotEvery, String name, JournalProperties.Journal limits) {
        return new JournalProperties(
                snapshotEvery,
                Duration.ofHours(1), // no Tick noise: tests drive time themselves
                60,
                name,
                new JournalProperties.Lease(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(2)),
                new JournalProperties.LiquidationBreaker(10, 500, new java.math.BigDecimal("100000")),
                new JournalProperties.Maintenance(120),
                new JournalProperties.Engine(1024, Duration.ofSeconds(10)),
                limits,
                20,
                new JournalProperties.Orders(200, 5000, 86_400),
                86_400);
    }

    EngineSupervisor start(String name, long snapshotEvery, List<Projection> projections) {
        return start(name, snapshotEvery, projections, List.of());
    }

    EngineSupervisor start(
            String name, long snapshotEvery, List<Projection> projections, List<JournalListener> listeners) {
        return start(name, projections, listeners, snapshotEvery, LIMITS);
    }

    /** A writer candidate whose journal connections have the given time limits. */
    EngineSupervisor start(
            String name,
            List<Projection> projections,
            List<JournalListener> listeners,
            long snapshotEvery,
            JournalProperties.Journal limits) {
        JournalProperties named = properties(snapshotEvery, name, limits);
        EngineSupervisor supervisor = new EngineSupervisor(
                new JournalConnections(url, TestPostgres.username(), TestPostgres.password(), limits),
                named,
                projections,
                listeners,
                List.of(),
                new SimpleMeterRegistry());
        supervisor.start();
        started.add(supervisor);
        return supervisor;
    }

    EngineSupervisor startWriter(String name) {
        EngineSupervisor s = start(name, 0, List.of());
        awaitRole(s, NodeStatus.Role.WRITER);
        return s;
    }

    static void awaitRole(EngineSupervisor s, NodeStatus.Role role) {
        await().atMost(Duration.ofSeconds(15)).until(() -> s.nodeStatus().role() == role);
    }

    /** Waits until {@code s}'s projector has written the read models through its last commit. */
    static void awaitProjected(EngineSupervisor s) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            WriterTerm term = s.currentTerm();
            return term != null && term.projector().watermark() >= term.lastCommittedSequence();
        });
    }

    static Outcome.Applied applied(EngineGateway gateway, Command command) {
        return (Outcome.Applied) gateway.submit(command, "test");
    }

    /** Creates an account named {@code name} (key "key_" + name) and returns its id. */
    static String openAccount(EngineGateway gateway, String name) {
        var created = applied(gateway, new CreateAccount(name, "key_" + name, "hash_" + name));
        return ((AccountCreated) created.events().getFirst()).accountId();
    }

    static BigDecimal balance(EngineGateway gateway, String account) {
        return gateway.query(view -> view.balance(account));
    }

    /**
     * After a failed commit: the writer is back in a term newer than {@code epoch}, {@code account} holds the 10
     * committed before the failure (the engine did not run ahead of the journal), and a deposit of 1 goes through.
     */
    static void assertRecoveredInANewTerm(EngineSupervisor writer, long epoch, String account) {
        awaitRole(writer, NodeStatus.Role.WRITER);
        assertThat(writer.nodeStatus().leaseEpoch()).as("a new term").isGreaterThan(epoch);
        assertThat(balance(writer, account))
                .as("the engine did not run ahead of the journal")
                .isEqualByComparingTo("10");
        applied(writer, new Deposit(account, BigDecimal.ONE, "dep-2"));
        assertThat(balance(writer, account)).isEqualByComparingTo("11");
    }

    static String hash(EngineGateway gateway) {
        return gateway.query(EngineView::stateHash);
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
    }

    void execute(String sql) throws SQLException {
        try (Connection c = sql();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = sql();
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        started.forEach(EngineSupervisor::stop);
    }
}
