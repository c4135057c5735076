package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every connection the service opens carries the bulwark.journal.* limits (defaults here), as PostgreSQL sees them. */
class ConnectionTimeLimitsTests extends HttpApiTestBase {
    @Autowired
    DataSource pool;

    @Autowired
    JournalConnections journalConnections;

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theLeaseAndJournalConnectionsWaitAtMostTheirLockStatementAndSocketLimits() throws SQLException {
        try (Connection c = journalConnections.openTimeLimited("limits-test")) {
            assertThat(setting(c, "lock_timeout")).isEqualTo("2s");
            assertThat(setting(c, "statement_timeout")).isEqualTo("5s");
            assertThat(c.getNetworkTimeout()).isEqualTo(15_000);
        }
    }

    @Test
    void recoveryAndRollbackConnectionsHaveNoneForTheirLongStatements() throws SQLException {
        try (Connection c = journalConnections.open("recovery")) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("0");
            assertThat(c.getNetworkTimeout()).isZero();
        }
    }

    @Test
    void thePooledConnectionsHaveTheirOwnLimits() throws SQLException {
        try (Connection c = pool.getConnection()) {
            assertThat(setting(c, "statement_timeout")).isEqualTo("30s");
            assertThat(setting(c, "lock_timeout")).isEqualTo("30s");
            assertThat(c.getNetworkTimeout()).isEqualTo(35_000);
        }
    }
}
