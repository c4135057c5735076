package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latest-value upserts of one group commit run as one multi-row statement and keep every value exact. */
class SqlBatchTests {
    private static final String UPSERT = """
            INSERT INTO latest AS l (id, name, amount, flag, at, updated_sequence)
            SELECT ?::bigint, ?::text, ?::numeric, ?::boolean, ?::timestamptz, ?::bigint
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, amount = EXCLUDED.amount, flag = EXCLUDED.flag, at = EXCLUDED.at,
                updated_sequence = EXCLUDED.updated_sequence
            WHERE l.updated_sequence <= EXCLUDED.updated_sequence
            """;
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 22, 7, 46, 13, 123_000_000, ZoneOffset.UTC);

    @Test
    void rewritesTheSelectOfCastsIntoOneUnnest() {
        assertThat(SqlBatch.unnestForm(UPSERT))
                .hasValueSatisfying(sql -> assertThat(sql)
                        .contains("SELECT bulwark_c1::bigint, bulwark_c2::text, bulwark_c3::numeric")
                        .contains("FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])")
                        .contains("ON CONFLICT (id) DO UPDATE SET"));
        assertThat(SqlBatch.unnestForm("INSERT INTO t (a) VALUES (?)")).isEmpty();
    }

    @Test
    void upsertsManyRowsInOneStatementExactlyAndNeverBackwards() throws Exception {
        try (Connection c = DriverManager.getConnection(
                TestPostgres.createDatabase(), TestPostgres.username(), TestPostgres.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE latest (id BIGINT PRIMARY KEY, name TEXT, amount NUMERIC NOT NULL,"
                        + " flag BOOLEAN NOT NULL, at TIMESTAMPTZ NOT NULL, updated_sequence BIGINT NOT NULL)");
                s.execute("INSERT INTO latest VALUES (3, 'newer', 9, true, now(), 100)");
            }
            SqlBatch batch = new SqlBatch();
            batch.addLatest(UPSERT, 1L, 1L, "first", new BigDecimal("1.500000"), true, AT, 10L);
            batch.addLatest(UPSERT, 2L, 2L, null, new BigDecimal("-0.000001"), false, AT, 11L);
            batch.addLatest(UPSERT, 1L, 1L, "first, later", new BigDecimal("65000.10"), false, AT, 12L);
            batch.addLatest(UPSERT, 3L, 3L, "older", BigDecimal.ONE, false, AT, 13L - 10);
            batch.execute(c);

            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, name, amount::text, flag, at = '" + AT
                            + "'::timestamptz, updated_sequence FROM latest ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getBoolean(4)
                            + "|" + rs.getBoolean(5) + "|" + rs.getLong(6));
                }
            }
            assertThat(rows)
                    .containsExactly(
                            "1|first, later|65000.10|false|true|12",
                            "2|null|-0.000001|false|true|11",
                            "3|newer|9|true|false|100");
        }
    }
}
