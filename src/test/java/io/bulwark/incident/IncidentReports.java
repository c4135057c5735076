package io.bulwark.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase.Trader;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Reading incident reports in the HTTP tests. */
final class IncidentReports {
    private IncidentReports() {}

    /** The report's entry for {@code trader}'s liquidation. */
    static JsonNode liquidationOf(JsonNode report, Trader trader) {
        return report.path("liquidations")
                .valueStream()
                .filter(l -> l.path("accountId").asString().equals(trader.accountId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no liquidation of " + trader.accountId() + " in " + report));
    }

    /** {@code field} is a decimal string equal to {@code expected}. */
    static void assertDecimal(JsonNode node, String field, String expected) {
        assertThat(node.path(field).isString())
                .as("%s is a decimal string in %s", field, node)
                .isTrue();
        assertThat(new BigDecimal(node.path(field).asString())).as(field).isEqualByComparingTo(expected);
    }
}
