package io.bulwark.position;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.JournalConnections;
import io.bulwark.web.HttpApiTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The positions upsert on a journal connection (pgjdbc {@code reWriteBatchedInserts=true}): one batch that
 * changes the same position several times, as a group commit does, keeps the last change and never fails.
 */
class PositionProjectionTests extends HttpApiTestBase {

    @Autowired
    JournalConnections connections;

    @Test
    void oneBatchCanChangeAPositionSeveralTimesAndTheLastChangeWins() throws Exception {
        try (Connection connection = connections.open("test")) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(PositionProjection.UPSERT)) {
                Object[][] rows = {
                    {
                        "acct-x",
                        "XM-USD-PERP",
                        new BigDecimal("1"),
                        new BigDecimal("100"),
                        new BigDecimal("100"),
                        new BigDecimal("0"),
                        10L
                    },
                    {
                        "acct-x",
                        "XM-USD-PERP",
                        new BigDecimal("2"),
                        new BigDecimal("101"),
                        new BigDecimal("202"),
                        new BigDecimal("0"),
                        11L
                    },
                    {
                        "acct-x",
                        "XM-USD-PERP",
                        new BigDecimal("0"),
                        new BigDecimal("0"),
                        new BigDecimal("0"),
                        new BigDecimal("-7.5"),
                        11L
                    },
                    {
                        "acct-y",
                        "XM-USD-PERP",
                        new BigDecimal("-3"),
                        new BigDecimal("99"),
                        new BigDecimal("-297"),
                        new BigDecimal("0"),
                        11L
                    }
                };
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        upsert.setObject(i + 1, row[i]);
                    }
                    upsert.addBatch();
                }
                upsert.executeBatch();
                // an older change arriving late never overwrites a newer one
                Object[] stale = {
                    "acct-x",
                    "XM-USD-PERP",
                    new BigDecimal("5"),
                    new BigDecimal("1"),
                    new BigDecimal("5"),
                    new BigDecimal("0"),
                    9L
                };
                for (int i = 0; i < stale.length; i++) {
                    upsert.setObject(i + 1, stale[i]);
                }
                upsert.executeUpdate();
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT size, realized_pnl, updated_sequence FROM positions WHERE account_id = 'acct-x'")) {
                var rs = read.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("0");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("-7.5");
                assertThat(rs.getLong(3)).isEqualTo(11);
            }
            connection.rollback();
        }
    }
}
