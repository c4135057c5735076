package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The circuit breaker over HTTP, in a context of its own (its limits are set low): more accounts liquidated
 * in one market within 60 s than allowed pauses liquidations there until an admin resumes them.
 */
@TestPropertySource(
        properties = {
            "bulwark.liquidation-breaker.max-accounts=1",
            "bulwark.liquidation-breaker.max-open-interest-bps=10000"
        })
class LiquidationBreakerApiTests extends RiskApiTestBase {

    @Test
    void twoLiquidatedAccountsTripTheBreakerAndOnlyAnAdminResumes() {
        Floor floor = leveragedFloor(riskMarket(30));
        Trader erin = newFundedTrader("1400");
        trade(floor.alice(), erin, floor.market(), "1", "65000");

        healthyAt(floor.market(), "64000");

        assertThat(liquidations(floor.dave())).hasSize(1);
        assertThat(liquidations(erin)).hasSize(1);
        var status = api.get("/api/v1/system/status", null).assertStatus(200);
        assertThat(status.get("liquidationsPaused").asBoolean()).isTrue();
        assertThat(status.text("liquidationsPausedReason")).contains("2 accounts");
        assertThat(metrics())
                .contains("bulwark_liquidation_breaker_trips_total{market=\"" + floor.market() + "\"} 1.0")
                .contains("bulwark_liquidations_paused 1.0");

        String admin = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ADMIN\"}")
                .assertStatus(201)
                .text("apiKey");
        var resumed = postEmpty("/api/v1/admin/liquidations/resume", admin).assertStatus(200);
        assertThat(resumed.get("liquidationsPaused").asBoolean()).isFalse();
        assertThat(resumed.get("liquidationsPausedReason").isNull()).isTrue();
        assertThat(api.get("/api/v1/system/status", null)
                        .get("liquidationsPaused")
                        .asBoolean())
                .isFalse();
        assertThat(metrics()).contains("bulwark_liquidations_paused 0.0");
        postEmpty("/api/v1/admin/liquidations/resume", admin).assertProblem(409, "INVALID_TRANSITION");
    }
}
