package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/system/status}: public, on the writer. */
class StatusTests extends HttpApiTestBase {

    @Test
    void describesTheExchangeAndThisInstance() {
        ApiClient.Response status = api.get("/api/v1/system/status", null).assertStatus(200);
        assertThat(status.contentType()).startsWith("application/json");
        assertThat(status.text("role")).isEqualTo("WRITER");
        assertThat(status.text("state")).isEqualTo("OPEN");
        assertThat(status.get("epoch").asLong()).isEqualTo(1);
        assertThat(status.get("sequence").asLong()).isPositive();
        assertThat(status.get("liquidationsPaused").asBoolean()).isFalse();
        assertThat(status.get("maintenanceWindows").isArray()).isTrue();
        assertThat(status.get("recovery").path("verified").asBoolean()).isTrue();
        assertThat(status.get("recovery").has("detail")).isTrue();
        assertThat(status.get("markets").valueStream().map(m -> m.path("market").asString()))
                .contains("BTC-USD-PERP", "ETH-USD-PERP", "SOL-USD-PERP");
        assertThat(status.get("markets").valueStream()).allSatisfy(m -> {
            assertThat(m.path("state").asString()).isIn("OPEN", "POST_ONLY", "CLOSED");
            assertThat(m.path("priceHealthy").isBoolean()).isTrue();
        });
    }

    @Test
    void sequenceFollowsCommittedCommands() {
        long before = api.get("/api/v1/system/status", null).get("sequence").asLong();
        Trader trader = newTrader();
        deposit(trader.accountId(), "5");
        long after = api.get("/api/v1/system/status", null).get("sequence").asLong();
        assertThat(after).isGreaterThanOrEqualTo(before + 2);
    }
}
