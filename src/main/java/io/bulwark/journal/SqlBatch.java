package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects parameterised statements and runs them as JDBC batches, one per distinct SQL text, in the
 * order each text was first added. Rows of one statement run in the order they were added.
 */
public final class SqlBatch {
    private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();

    public void add(String sql, Object... params) {
        statements.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    void execute(Connection connection) throws SQLException {
        for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
            try (PreparedStatement ps = connection.prepareStatement(statement.getKey())) {
                for (Object[] params : statement.getValue()) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
