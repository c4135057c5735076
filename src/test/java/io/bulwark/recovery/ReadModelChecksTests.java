package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView.HeldPosition;
import io.bulwark.testsupport.TestPostgres;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The positions read-model check compares the engine at one sequence with the table while trading goes
 * on: a row rewritten by a later command is not comparable and not missing (the crash fault run saw
 * this race reported as "no table row" under load).
 */
class ReadModelChecksTests {
    private JdbcTemplate jdbc;
    private ReadModelChecks checks;

    @BeforeEach
    void positionsTable() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                TestPostgres.createDatabase(), TestPostgres.username(), TestPostgres.password()));
        jdbc.execute("""
                CREATE TABLE positions (account_id TEXT NOT NULL, market TEXT NOT NULL, size NUMERIC NOT NULL,
                    entry_price NUMERIC NOT NULL, cost_basis NUMERIC NOT NULL, realized_pnl NUMERIC NOT NULL,
                    updated_sequence BIGINT NOT NULL, PRIMARY KEY (account_id, market))""");
        checks = new ReadModelChecks(jdbc);
    }

    private void row(String account, String size, String cost, long sequence) {
        jdbc.update(
                "INSERT INTO positions VALUES (?, 'BTC-USD-PERP', ?, 0, ?, 0, ?)",
                account,
                new BigDecimal(size),
                new BigDecimal(cost),
                sequence);
    }

    private static HeldPosition held(String account, String size, String cost) {
        return new HeldPosition(account, "BTC-USD-PERP", new BigDecimal(size), new BigDecimal(cost), BigDecimal.ZERO);
    }

    @Test
    void aRowRewrittenAfterTheCheckedSequenceIsNeitherComparedNorMissing() {
        row("1", "0.2", "13000", 120); // the engine was checked at 100; the row moved on since
        assertThat(checks.positions(100, List.of(held("1", "0.1", "6500"))).ok())
                .isTrue();
    }

    @Test
    void aMissingRowOrADifferentRowAtTheCheckedSequenceFails() {
        row("1", "0.2", "13000", 90);
        IntegrityReport.Check check =
                checks.positions(100, List.of(held("1", "0.1", "6500"), held("2", "-0.1", "-6500")));
        assertThat(check.ok()).isFalse();
        assertThat(check.detail())
                .contains("1 BTC-USD-PERP: table size 0.2")
                .contains("2 BTC-USD-PERP: engine size -0.1, no table row");
    }

    @Test
    void equalRowsPass() {
        row("1", "0.1", "6500", 90);
        assertThat(checks.positions(100, List.of(held("1", "0.1", "6500"))).ok())
                .isTrue();
    }
}
