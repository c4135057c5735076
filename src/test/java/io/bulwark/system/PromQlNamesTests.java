package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlNamesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            bulwark_recovery_verified == 0                                                              | bulwark_recovery_verified
            max by (market) (bulwark_market_price_healthy{market=~"$market"})                          | bulwark_market_price_healthy
            (sum(bulwark_writer_role{role="WRITER"}) or vector(0)) < 1                                  | bulwark_writer_role
            histogram_quantile(0.99, sum by (le) (rate(bulwark_journal_commit_seconds_bucket[5m]))) > 0.05 | bulwark_journal_commit_seconds_bucket
            bulwark_liquidator_vault_balance < on() group_left() bulwark:liquidator_vault_floor         | bulwark:liquidator_vault_floor bulwark_liquidator_vault_balance
            sum(rate(a_sum[5m])) / sum(rate(a_count[5m] offset 1h))                                     | a_count a_sum
            """)
    void namesTheMetricsAnExpressionReads(String expr, String names) {
        assertThat(PromQlNames.of(expr)).containsExactly(names.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            label_values(bulwark_market_trading_state, market) | bulwark_market_trading_state
            up{job="bulwark"}                                  | up
            """)
    void namesTheMetricOfAVariableQuery(String query, String name) {
        assertThat(PromQlNames.ofVariableQuery(query)).containsExactly(name);
    }
}
