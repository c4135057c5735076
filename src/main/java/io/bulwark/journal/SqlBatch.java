package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects parameterised statements and runs them as JDBC batches, one per distinct SQL text, in the
 * order each text was first added. Rows of one statement run in the order they were added; rows of
 * different statements are not interleaved, so a projection must not rely on order across tables.
 *
 * <p>{@link #addLatest} is for read-model rows that hold the latest value of something (a balance,
 * an order's state): within one group commit only the last row per key is written. This keeps a hot
 * row (the EXTERNAL balance, touched by every deposit) to one write per commit instead of a long
 * chain of row versions inside one transaction.
 */
public final class SqlBatch {
    private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();
    private final Map<String, LinkedHashMap<Object, Object[]>> latest = new LinkedHashMap<>();

    public void add(String sql, Object... params) {
        statements.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
    }

    /** Adds a row that supersedes any row added earlier in this batch with the same SQL and key. */
    public void addLatest(String sql, Object key, Object... params) {
        latest.computeIfAbsent(sql, k -> new LinkedHashMap<>()).put(key, params);
    }

    public boolean isEmpty() {
        return statements.isEmpty() && latest.isEmpty();
    }

    void execute(Connection connection) throws SQLException {
        for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
            run(connection, statement.getKey(), statement.getValue());
        }
        for (Map.Entry<String, LinkedHashMap<Object, Object[]>> statement : latest.entrySet()) {
            run(connection, statement.getKey(), statement.getValue().values());
        }
    }

    private static void run(Connection connection, String sql, Collection<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] params : rows) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
