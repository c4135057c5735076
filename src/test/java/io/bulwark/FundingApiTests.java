package io.bulwark.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.liquidation.RiskApiTestBase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The funding endpoints over HTTP. A funding interval is at least 60 s and ends on the wall clock, too slow to
 * wait for here: settlement itself is covered by the engine's FundingTests; these check the current state,
 * the empty histories, paging input, errors and the resume refusal.
 */
class FundingApiTests extends RiskApiTestBase {

    @Test
    void aNewMarketShowsItsCurrentFundingAndAnEmptyHistory() {
        String market = riskMarket(30);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !api.get("/api/v1/markets/" + market + "/funding", null)
                        .get("nextFundingTime")
                        .isNull());

        JsonNode funding = api.get("/api/v1/markets/" + market + "/funding", null)
                .assertStatus(200)
                .json();
        assertThat(funding.path("market").asString()).isEqualTo(market);
        assertThat(funding.path("rate").asString()).matches("0(\\.0+)?");
        assertThat(funding.path("cumulativeIndex").asString()).matches("0(\\.0+)?");
        assertThat(Instant.parse(funding.path("nextFundingTime").asString()))
                .as("the interval (3600 s) ends on the hour")
                .isAfter(Instant.now())
                .matches(t -> t.getEpochSecond() % 3600 == 0);
        assertThat(funding.path("halted").asBoolean()).isFalse();
        assertThat(funding.path("haltReason").isNull()).isTrue();
        assertThat(funding.path("history").isArray()).isTrue();
        assertThat(funding.path("history").size()).isZero();

        api.get("/api/v1/markets/" + market + "/funding?limit=1&before=99", null)
                .assertStatus(200);
    }

    @Test
    void fundingEndpointsRefuseBadInputUnknownMarketsAndOtherRoles() {
        String market = riskMarket(30);
        Trader trader = newFundedTrader("10");
        String key = trader.apiKey();

        assertThat(fundingPayments(trader)).isEmpty();
        api.get("/api/v1/funding-payments?market=" + market + "&limit=1&before=5-1", key)
                .assertStatus(200);
        api.get("/api/v1/funding-payments?market=NOPE-USD-PERP", key).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/funding-payments?before=x", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/funding-payments?limit=0", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/funding-payments", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/funding-payments", ADMIN_KEY).assertProblem(403, "FORBIDDEN");

        api.get("/api/v1/markets/NOPE-USD-PERP/funding", null).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/markets/" + market + "/funding?limit=501", null).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/" + market + "/funding?before=1-2", null).assertProblem(400, "VALIDATION_FAILED");

        String resume = "/api/v1/admin/markets/" + market + "/funding/resume";
        postEmpty(resume, ADMIN_KEY).assertProblem(409, "INVALID_TRANSITION");
        postEmpty("/api/v1/admin/markets/NOPE-USD-PERP/funding/resume", ADMIN_KEY)
                .assertProblem(404, "UNKNOWN_MARKET");
        postEmpty(resume, key).assertProblem(403, "FORBIDDEN");
        postEmpty(resume, null).assertProblem(401, "UNAUTHENTICATED");
    }
}
