package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs the Flyway migrations at startup, before the engine exists, so that a schema upgrade can never
 * stall or race a writer (the step that failed in January):
 *
 * <ul>
 *   <li>a schema already at this build's version is only validated: an applied migration this build
 *       does not know (a newer version), an edited one (checksum mismatch) or a failed one refuses the
 *       start, with the reason, before anything is written;
 *   <li>pending migrations run only while this instance holds the writer lease's advisory lock, so
 *       never while another instance writes (a new version waits for the old writer to stop), and
 *       with {@code lock_timeout} set so DDL fails fast rather than queueing every reader behind it.
 * </ul>
 */
final class SchemaUpgrade implements FlywayMigrationStrategy {
    private static final Logger log = LoggerFactory.getLogger(SchemaUpgrade.class);
    private static final List<MigrationState> ACCEPTED = List.of(MigrationState.SUCCESS, MigrationState.BASELINE);

    private final JournalConnections connections;

    SchemaUpgrade(JournalConnections connections) {
        this.connections = connections;
    }

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        List<MigrationInfo> pending = Arrays.stream(all)
                .filter(m -> m.getState() == MigrationState.PENDING)
                .toList();
        List<String> foreign = Arrays.stream(all)
                .filter(m -> m.getState() != MigrationState.PENDING && !ACCEPTED.contains(m.getState()))
                .map(m -> "V" + m.getVersion() + " " + m.getDescription() + " is " + m.getState())
                .toList();
        if (!foreign.isEmpty()) {
            throw refusal(String.join("; ", foreign));
        }
        if (pending.isEmpty()) {
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                throw refusal(result.getAllErrorMessages());
            }
            log.info(
                    "Database schema is at this build's version {}",
                    flyway.info().current().getVersion());
            return;
        }
        try (Connection lock = connections.open("schema-upgrade")) {
            awaitWriterLock(lock);
            log.info(
                    "Migrating the database schema: {} pending migration(s), up to V{}",
                    pending.size(),
                    pending.getLast().getVersion());
            try {
                flyway.migrate(); // validateOnMigrate: an edited applied migration still refuses
            } catch (RuntimeException e) {
                throw refusal(e.getMessage());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the writer lease to migrate the schema: " + e.getMessage(), e);
        }
    }

    /** Waits for the writer lease's advisory lock; the lock ends with the connection. */
    private static void awaitWriterLock(Connection c) throws SQLException {
        for (int attempt = 0; !tryLock(c); attempt++) {
            if (attempt % 10 == 0) {
                log.warn("Another instance is the writer; the schema migration waits for it to stop");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to migrate the schema", e);
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, WriterLease.LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static IllegalStateException refusal(String why) {
        String message = "REFUSING TO START: the database schema does not match this build's migrations"
                + " (db-migrations/): " + why;
        log.error(message);
        return new IllegalStateException(message);
    }
}
