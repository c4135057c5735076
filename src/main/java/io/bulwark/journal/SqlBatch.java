package io.bulwark.journal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** {@link #unnestForm} of each SQL text seen, empty for texts of another shape. */
    private static final Map<String, Optional<String>> UNNEST_FORMS = new ConcurrentHashMap<>();

    private static final Pattern UPSERT_SELECT =
            Pattern.compile("(?s)^(.*?\\bSELECT)\\s+(\\?::\\w+(?:\\s*,\\s*\\?::\\w+)*)\\s+(ON CONFLICT\\b.*)$");

    private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();
    private final Map<String, LinkedHashMap<Object, Object[]>> latest = new LinkedHashMap<>();

    public void add(String sql, Object... params) {
        statements.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
    }

    /** Adds a row that supersedes any row added earlier in this batch with the same SQL and key. */
    public void addLatest(String sql, Object key, Object... params) {
        latest.computeIfAbsent(sql, k -> new LinkedHashMap<>()).put(key, params);
    }

    /**
     * Adds a row that is folded into any row added earlier in this batch with the same SQL and key: {@code
     * merge} gets the earlier row's parameters and these, and returns the row's parameters (a candle that
     * several commands of one group commit trade in is written once, its trades summed).
     */
    public void addMerged(String sql, Object key, BinaryOperator<Object[]> merge, Object... params) {
        latest.computeIfAbsent(sql, k -> new LinkedHashMap<>()).merge(key, params, merge);
    }

    public boolean isEmpty() {
        return statements.isEmpty() && latest.isEmpty();
    }

    void execute(Connection connection) throws SQLException {
        for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
            run(connection, statement.getKey(), statement.getValue());
        }
        for (Map.Entry<String, LinkedHashMap<Object, Object[]>> statement : latest.entrySet()) {
            Collection<Object[]> rows = statement.getValue().values();
            Optional<String> multiRow = rows.size() > 1 ? unnestForm(statement.getKey()) : Optional.empty();
            if (multiRow.isPresent() && rows.stream().allMatch(SqlBatch::textable)) {
                runUnnest(connection, multiRow.get(), rows);
            } else {
                run(connection, statement.getKey(), rows);
            }
        }
    }

    /**
     * The one-statement form of an {@link #addLatest} upsert written as {@code INSERT ... SELECT ?::type, ...
     * ON CONFLICT ...}: {@code SELECT c1::type, ... FROM unnest(?::text[], ...) AS u(c1, ...)}, one text array
     * per column. A group commit then upserts all its latest rows (a balance per account touched, say) in one
     * statement instead of one statement each. Rows are unique per key, so no row is affected twice. Empty
     * when the SQL has another shape (then it runs row by row).
     */
    static Optional<String> unnestForm(String sql) {
        return UNNEST_FORMS.computeIfAbsent(sql, SqlBatch::rewrite);
    }

    private static Optional<String> rewrite(String sql) {
        Matcher m = UPSERT_SELECT.matcher(sql);
        if (!m.matches()) {
            return Optional.empty();
        }
        String[] types = m.group(2).split("\\s*,\\s*");
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < types.length; i++) {
            String name = "bulwark_c" + (i + 1);
            columns.add(name + "::" + types[i].substring(3));
            arrays.add("?::text[]");
            names.add(name);
        }
        return Optional.of(
                m.group(1) + " " + columns + " FROM unnest(" + arrays + ") AS bulwark_u(" + names + ") " + m.group(3));
    }

    /** Values whose text form PostgreSQL reads back exactly (decimals as plain text, instants in ISO-8601). */
    private static boolean textable(Object[] row) {
        for (Object value : row) {
            if (!(value == null
                    || value instanceof String
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Boolean
                    || value instanceof BigDecimal
                    || value instanceof OffsetDateTime)) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
    }

    private static void runUnnest(Connection connection, String sql, Collection<Object[]> rows) throws SQLException {
        int width = rows.iterator().next().length;
        String[][] columns = new String[width][rows.size()];
        int r = 0;
        for (Object[] row : rows) {
            for (int c = 0; c < width; c++) {
                columns[c][r] = text(row[c]);
            }
            r++;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int c = 0; c < width; c++) {
                ps.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            ps.executeUpdate();
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
