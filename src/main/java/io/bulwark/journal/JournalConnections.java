package io.bulwark.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the dedicated connections of the writer (lease holder, journal writer, recovery reader),
 * outside the pool: they live as long as this instance is the writer.
 */
public final class JournalConnections {
    private final String url;
    private final String username;
    private final String password;

    public JournalConnections(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public Connection open(String purpose) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "bulwark-" + purpose);
        // Journal batches become multi-row INSERTs: far fewer round trips per group commit.
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, props);
    }
}
