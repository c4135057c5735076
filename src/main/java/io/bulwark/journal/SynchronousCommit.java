package io.bulwark.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * With a synchronous standby ({@code synchronous_standby_names}), a COMMIT returns once the standby has the
 * transaction too, except when its wait is cancelled (an operator's {@code pg_cancel_backend} on a commit that
 * looks stuck behind a stalled standby, or any other cancel request; {@code statement_timeout} does not end that
 * wait): then it returns anyway, committed on the primary alone, with only a warning ("canceling wait for
 * synchronous replication"). A failover could lose such a commit, so it must not be acknowledged.
 */
final class SynchronousCommit {
    private SynchronousCommit() {}

    /**
     * Throws when the COMMIT just sent on {@code connection} (whose warnings were cleared before it) came back
     * with a warning. Any warning counts, since the message is localized: the writer term ends, the callers hear
     * that the outcome is unknown, and the next term recovers whatever did commit.
     */
    static void requireConfirmed(Connection connection) throws SQLException {
        SQLWarning warning = connection.getWarnings();
        if (warning != null) {
            connection.clearWarnings();
            throw new SQLException(
                    "the COMMIT returned with a warning, so it may exist on the primary only: " + warning.getMessage(),
                    warning.getSQLState(),
                    warning);
        }
    }
}
