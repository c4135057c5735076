package io.bulwark.recovery;

import io.bulwark.engine.EngineView.HeldPosition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model tables agree with the engine's memory at one sequence (SPEC section 9): balances and
 * positions. Rows written after that sequence are left out, so a check never races the journal.
 */
final class ReadModelChecks {
    private static final int MAX_DETAIL = 10;

    private final JdbcTemplate jdbc;

    ReadModelChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Balance rows written at or before the checked sequence must equal the engine's ledger. */
    IntegrityReport.Check balances(long sequence, Map<String, BigDecimal> ledger) {
        List<String> mismatches = new ArrayList<>();
        jdbc.query(
                "SELECT account, balance FROM balances WHERE updated_sequence <= ?",
                rs -> {
                    String account = rs.getString(1);
                    BigDecimal stored = rs.getBigDecimal(2);
                    BigDecimal engine = ledger.get(account);
                    if (engine == null || engine.compareTo(stored) != 0) {
                        mismatches.add(account + ": table " + stored.toPlainString() + ", engine "
                                + (engine == null ? "none" : engine.toPlainString()));
                    }
                },
                sequence);
        return check("read-models", mismatches, "balances agree with the engine");
    }

    /**
     * Every position row must equal the engine's position (size, cost basis, realized PnL), and every
     * open position in the engine must have its row.
     */
    IntegrityReport.Check positions(long sequence, List<HeldPosition> held) {
        Map<String, HeldPosition> engine = new HashMap<>();
        held.forEach(p -> engine.put(p.accountId() + " " + p.market(), p));
        List<String> mismatches = new ArrayList<>();
        jdbc.query("SELECT account_id, market, size, cost_basis, realized_pnl, updated_sequence FROM positions", rs -> {
            String key = rs.getString(1) + " " + rs.getString(2);
            BigDecimal size = rs.getBigDecimal(3);
            HeldPosition p = engine.remove(key);
            if (rs.getLong(6) > sequence) {
                // Written by a command after the checked state (trading goes on while the check
                // runs): not comparable, but it exists, so it is not missing either.
                return;
            }
            if (p == null) {
                if (size.signum() != 0) {
                    mismatches.add(key + ": table size " + size.toPlainString() + ", engine none");
                }
            } else if (p.size().compareTo(size) != 0
                    || p.costBasis().compareTo(rs.getBigDecimal(4)) != 0
                    || p.realizedPnl().compareTo(rs.getBigDecimal(5)) != 0) {
                mismatches.add(key + ": table size " + size.toPlainString() + " cost "
                        + rs.getBigDecimal(4).toPlainString() + ", engine size "
                        + p.size().toPlainString() + " cost "
                        + p.costBasis().toPlainString());
            }
        });
        engine.values().stream()
                .filter(p -> p.size().signum() != 0)
                .forEach(p -> mismatches.add(p.accountId() + " " + p.market() + ": engine size "
                        + p.size().toPlainString() + ", no table row"));
        return check("positions-read-model", mismatches, "positions agree with the engine");
    }

    static IntegrityReport.Check check(String name, List<String> problems, String okDetail) {
        return new IntegrityReport.Check(
                name,
                problems.isEmpty(),
                problems.isEmpty()
                        ? okDetail
                        : String.join("; ", problems.subList(0, Math.min(MAX_DETAIL, problems.size()))));
    }
}
