package io.bulwark.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the dedicated connections of the writer (lease holder, journal writer, recovery reader),
 * outside the pool: they live as long as this instance is the writer. The lease and journal connections,
 * which every acknowledged command waits on, carry the {@code bulwark.journal.*} time limits; recovery,
 * rollback and audit read or rewrite the whole journal in long statements and carry none.
 */
public final class JournalConnections {
    private final String url;
    private final String username;
    private final String password;
    private final JournalProperties.Journal limits;

    public JournalConnections(String url, String username, String password, JournalProperties.Journal limits) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.limits = limits;
    }

    public Connection open(String purpose) throws SQLException {
        return DriverManager.getConnection(url, properties(purpose));
    }

    /**
     * A connection that fails a statement instead of hanging when the database stops answering (a held lock, a
     * paused server): the writer term ends and the callers are told, as after any failed commit.
     */
    public Connection openTimeLimited(String purpose) throws SQLException {
        Properties props = properties(purpose);
        props.setProperty("socketTimeout", JournalProperties.Journal.seconds(limits.socketTimeout()));
        props.setProperty(
                "options", JournalProperties.Journal.options(limits.statementTimeout(), limits.lockTimeout()));
        return DriverManager.getConnection(url, props);
    }

    private Properties properties(String purpose) {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "bulwark-" + purpose);
        // Journal batches become multi-row INSERTs: far fewer round trips per group commit.
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return props;
    }
}
