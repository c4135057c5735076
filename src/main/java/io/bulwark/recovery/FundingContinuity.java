package io.bulwark.recovery;

import io.bulwark.engine.EngineView.MarketView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Funding index continuity (SPEC section 9): per market, every settlement recorded in {@code
 * funding_rates} (commands not reverted by a rollback) starts from the index the previous one ended
 * at (the first from 0), moves by exactly rate × mark on a positive mark, and the last one ends at the index the engine holds now. A zeroed or reset index,
 * in memory or in a snapshot, breaks the chain.
 */
final class FundingContinuity {
    private final JdbcTemplate jdbc;

    FundingContinuity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    IntegrityReport.Check check(long sequence, List<MarketView> markets) {
        Map<String, BigDecimal> reached = new HashMap<>();
        List<String> problems = new ArrayList<>();
        jdbc.query(
                """
                SELECT f.market, f.sequence, f.rate, f.mark_price, f.previous_index, f.cumulative_index
                FROM funding_rates f JOIN journal j ON j.sequence = f.sequence
                WHERE f.sequence <= ? AND NOT j.reverted
                ORDER BY f.market, f.sequence
                """,
                rs -> {
                    String market = rs.getString(1);
                    long at = rs.getLong(2);
                    BigDecimal rate = rs.getBigDecimal(3);
                    BigDecimal mark = rs.getBigDecimal(4);
                    BigDecimal previous = rs.getBigDecimal(5);
                    BigDecimal next = rs.getBigDecimal(6);
                    BigDecimal expectedPrevious = reached.getOrDefault(market, BigDecimal.ZERO);
                    if (previous.compareTo(expectedPrevious) != 0) {
                        problems.add(market + " at " + at + ": settlement starts from " + previous.toPlainString()
                                + ", the previous one ended at " + expectedPrevious.toPlainString());
                    }
                    if (next.compareTo(previous.add(rate.multiply(mark))) != 0) {
                        problems.add(market + " at " + at + ": index " + next.toPlainString() + " is not "
                                + previous.toPlainString() + " + " + rate.toPlainString() + " x "
                                + mark.toPlainString());
                    }
                    if (mark.signum() <= 0) {
                        problems.add(market + " at " + at + ": settled on mark " + mark.toPlainString());
                    }
                    reached.put(market, next);
                },
                sequence);
        for (MarketView m : markets) {
            BigDecimal expected = reached.getOrDefault(m.spec().market(), BigDecimal.ZERO);
            BigDecimal live = m.funding().cumulativeIndex();
            if (live.compareTo(expected) != 0) {
                problems.add(m.spec().market() + ": engine index " + live.toPlainString()
                        + ", recorded settlements end at " + expected.toPlainString());
            }
        }
        return ReadModelChecks.check(
                "funding-index-continuity", problems, "every funding index follows from the previous one and its rate");
    }
}
