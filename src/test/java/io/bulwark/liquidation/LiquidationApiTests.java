package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A liquidation over HTTP: the oracle moves the price, the trader and the admin see the record, the vault the fee. */
class LiquidationApiTests extends RiskApiTestBase {

    private BigDecimal vaultBalance() {
        return new BigDecimal(
                api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200).text("balance"));
    }

    @Test
    void aHealthyPriceDropLiquidatesWithTheFeeCappedByEquityAndTheVaultGetsIt() {
        Floor floor = leveragedFloor(riskMarket(30));
        BigDecimal vaultBefore = vaultBalance();

        // -1.5 %, within the 10 % jump limit: dave's equity 1367.5 - 1000 = 367.5 < maintenance 640
        healthyAt(floor.market(), "64000");

        List<JsonNode> mine = liquidations(floor.dave());
        assertThat(mine).singleElement().satisfies(l -> {
            assertThat(l.path("liquidationId").asString()).matches("[0-9]+-1");
            assertThat(l.path("accountId").asString()).isEqualTo(floor.dave().accountId());
            assertThat(l.path("market").asString()).isEqualTo(floor.market());
            assertThat(l.path("size").asString()).isEqualTo("1");
            assertThat(new BigDecimal(l.path("price").asString())).isEqualByComparingTo("64000");
            assertThat(new BigDecimal(l.path("markPrice").asString())).isEqualByComparingTo("64000");
            assertThat(new BigDecimal(l.path("indexPrice").asString())).isEqualByComparingTo("64000");
            assertThat(new BigDecimal(l.path("equityBefore").asString())).isEqualByComparingTo("367.5");
            assertThat(new BigDecimal(l.path("maintenanceRequirementBefore").asString()))
                    .isEqualByComparingTo("640");
            assertThat(new BigDecimal(l.path("fee").asString()))
                    .as("1 %% of 64000 is 640, capped by the 367.5 left")
                    .isEqualByComparingTo("367.5");
            assertThat(new BigDecimal(l.path("badDebt").asString())).isZero();
            assertThat(l.path("priceHealthy").asBoolean()).isTrue();
            assertThat(l.path("deleveraged").asBoolean()).isFalse();
            assertThat(l.path("sequence").isIntegralNumber()).isTrue();
            assertThat(l.path("time").asString()).endsWith("Z");
        });
        assertBalance(floor.dave(), "0");
        assertThat(liquidations(floor.alice())).isEmpty();
        assertThat(vaultBalance().subtract(vaultBefore)).isEqualByComparingTo("367.5");

        String id = mine.getFirst().path("liquidationId").asString();
        List<JsonNode> admin = api.get(
                        "/api/v1/admin/liquidations?account=" + floor.dave().accountId() + "&market=" + floor.market(),
                        ADMIN_KEY)
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
        assertThat(admin)
                .singleElement()
                .satisfies(l -> assertThat(l.path("liquidationId").asString()).isEqualTo(id));
        assertThat(api.get("/api/v1/admin/liquidations?limit=500", ADMIN_KEY)
                        .assertStatus(200)
                        .json()
                        .valueStream()
                        .map(l -> l.path("liquidationId").asString()))
                .contains(id);
        assertThat(api.get("/api/v1/admin/liquidations?market=" + floor.market() + "&before=" + id, ADMIN_KEY)
                        .assertStatus(200)
                        .json()
                        .size())
                .as("nothing before the first")
                .isZero();
        assertThat(metrics())
                .contains("bulwark_liquidations_total{deleveraged=\"false\",market=\"" + floor.market() + "\"}");
    }

    @Test
    void listingsRefuseBadInputAndOtherRoles() {
        Floor floor = new Floor(riskMarket(30), newFundedTrader("10"), newFundedTrader("10"));
        String key = floor.dave().apiKey();
        api.get("/api/v1/liquidations?limit=0", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/liquidations?limit=501", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/liquidations?limit=x", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/liquidations?before=1-x", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/liquidations?market=NOPE-USD-PERP", key).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/liquidations", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/liquidations", ADMIN_KEY).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/liquidations", key).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/liquidations?account=999999999", ADMIN_KEY).assertProblem(404, "ACCOUNT_NOT_FOUND");
        api.get("/api/v1/admin/liquidations?market=NOPE-USD-PERP", ADMIN_KEY).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/admin/liquidations?before=abc", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        postEmpty("/api/v1/admin/liquidations/resume", key).assertProblem(403, "FORBIDDEN");
        postEmpty("/api/v1/admin/liquidations/resume", ADMIN_KEY).assertProblem(409, "INVALID_TRANSITION");
        assertThat(liquidations(floor.dave())).isEmpty();
    }
}
