package io.bulwark.journal;

import io.bulwark.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs projections over committed commands the way the journal writer does for one group commit: every command
 * through every projection into one {@link SqlBatch}, then that batch on the connection. For tests of a
 * projection outside the writer.
 */
public final class GroupCommits {
    private GroupCommits() {}

    /** A migrated database of its own, as a URL. */
    public static String migratedDatabase() {
        return new JournalHarness().url;
    }

    /** A connection to {@code url} with the journal writer's driver settings, in a transaction. */
    public static Connection connect(String url) throws SQLException {
        Connection c = new JournalConnections(
                        url, TestPostgres.username(), TestPostgres.password(), JournalHarness.LIMITS)
                .open("test");
        c.setAutoCommit(false);
        return c;
    }

    public static void project(Connection connection, List<Projection> projections, List<Committed> commit)
            throws SQLException {
        SqlBatch batch = new SqlBatch();
        for (Committed entry : commit) {
            projections.forEach(p -> p.project(entry, batch));
        }
        batch.execute(connection);
    }
}
