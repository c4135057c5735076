package io.bulwark.incident;

import static io.bulwark.incident.IncidentReports.assertDecimal;
import static io.bulwark.incident.IncidentReports.liquidationOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.liquidation.RiskApiTestBase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Attack 5 of issue 11, "overlapping incidents refund twice" (SPEC section 9, v2: once per item, across
 * incidents). A feed every source repeats walks BTC-like prices down; dave (long 1 at 65000, 1367.5 left) is
 * liquidated at 63900 and erin (long 1 at 65000, 1967.5 left) at 63500. Audited against the operator's 65000,
 * dave's loss is 1367.5 (fee 267.5 + 1100 price loss) and erin's 1967.5 (fee 467.5 + 1500). Before the fix a
 * second incident over the same range paid dave again; now each loss is paid by the first incident paid.
 */
class OverlappingIncidentsTests extends RiskApiTestBase {

    private record Crash(String market, Trader dave, Trader erin, long from, long daveOnly, long to, long before) {}

    private Crash crash() {
        Floor floor = leveragedFloor(riskMarket(300));
        Trader erin = newFundedTrader("2000");
        trade(floor.alice(), erin, floor.market(), "1", "65000");
        assertBalance(erin, "1967.5");
        long before = System.currentTimeMillis() - 1;
        long from = lastSequence() + 1;
        moveTo(floor.market(), "63900");
        assertThat(liquidations(floor.dave())).hasSize(1);
        assertThat(liquidations(erin)).isEmpty();
        long daveOnly = lastSequence();
        moveTo(floor.market(), "63500");
        assertThat(liquidations(erin)).hasSize(1);
        assertBalance(floor.dave(), "0");
        assertBalance(erin, "0");
        deposit("LIQUIDATOR_VAULT", "10000").assertStatus(201);
        return new Crash(floor.market(), floor.dave(), erin, from, daveOnly, lastSequence(), before);
    }

    @Test
    void aSecondIncidentOverTheSameRangeListsTheLossAsAlreadyRefundedAndPaysNothing() {
        Crash c = crash();
        JsonNode first = audit(c, c.to());
        assertDecimal(first.path("totals"), "refund", "3335");
        String firstId = first.path("incidentId").asString();
        assertDecimal(pay(firstId), "total", "3335");
        BigDecimal vault = vaultBalance();

        JsonNode second = audit(c, c.to());

        JsonNode dave = liquidationOf(second, c.dave());
        assertThat(dave.path("verdict").asString()).isEqualTo("ALREADY_REFUNDED");
        assertThat(dave.path("refundedBy").asString()).isEqualTo(firstId);
        assertThat(dave.path("detail").asString())
                .contains("incident " + firstId)
                .contains("BOGUS");
        assertDecimal(dave, "refund", "0");
        assertDecimal(dave, "referencePrice", "65000");
        assertThat(liquidationOf(second, c.erin()).path("verdict").asString()).isEqualTo("ALREADY_REFUNDED");
        assertThat(second.path("accounts").size()).isZero();
        assertDecimal(second.path("totals"), "refund", "0");
        assertThat(second.path("totals").path("bogusLiquidations").asInt()).isZero();
        assertThat(second.path("totals").path("alreadyRefunded").asInt()).isEqualTo(2);
        JsonNode paid = pay(second.path("incidentId").asString());
        assertDecimal(paid, "total", "0");
        assertThat(paid.path("refunds").size()).isZero();
        assertBalance(c.dave(), "1367.5");
        assertBalance(c.erin(), "1967.5");
        assertThat(vaultBalance()).isEqualByComparingTo(vault);
        String csv = api.get(
                        "/api/v1/admin/incidents/" + second.path("incidentId").asString() + "/report.csv", ADMIN_KEY)
                .assertStatus(200)
                .body();
        assertThat(csv.lines().skip(1))
                .allSatisfy(line ->
                        assertThat(line).contains(",ALREADY_REFUNDED,0,").endsWith("," + firstId));
    }

    @Test
    void twoAuditsMadeBeforeEitherIsPaidPayEachLossOnce() {
        Crash c = crash();
        JsonNode first = audit(c, c.to());
        JsonNode second = audit(c, c.to());
        // Made before anything was paid, both reports propose the same refunds.
        assertDecimal(first.path("totals"), "refund", "3335");
        assertDecimal(second.path("totals"), "refund", "3335");
        BigDecimal vault = vaultBalance();

        JsonNode paidFirst = pay(first.path("incidentId").asString());
        JsonNode paidSecond = pay(second.path("incidentId").asString());

        assertDecimal(paidFirst, "total", "3335");
        assertThat(paidSecond.path("alreadyPaid").asBoolean()).isFalse();
        assertDecimal(paidSecond, "total", "0");
        assertThat(paidSecond.path("refunds").size()).isZero();
        assertBalance(c.dave(), "1367.5");
        assertBalance(c.erin(), "1967.5");
        assertThat(vaultBalance()).isEqualByComparingTo(vault.subtract(new BigDecimal("3335")));
        assertThat(api.get("/api/v1/refunds", c.dave().apiKey()).json().size()).isEqualTo(1);
    }

    @Test
    void aPartialOverlapPaysTheNewLossAndNotTheSharedOne() {
        Crash c = crash();
        JsonNode daveOnly = audit(c, c.daveOnly());
        JsonNode both = audit(c, c.to());
        assertThat(daveOnly.path("accounts").size()).isEqualTo(1);
        assertDecimal(both.path("totals"), "refund", "3335");
        BigDecimal vault = vaultBalance();

        assertDecimal(pay(daveOnly.path("incidentId").asString()), "total", "1367.5");
        JsonNode paid = pay(both.path("incidentId").asString());

        assertDecimal(paid, "total", "1967.5");
        assertThat(paid.path("refunds").size()).isEqualTo(1);
        assertThat(paid.path("refunds").get(0).path("accountId").asString())
                .isEqualTo(c.erin().accountId());
        assertBalance(c.dave(), "1367.5");
        assertBalance(c.erin(), "1967.5");
        assertThat(vaultBalance()).isEqualByComparingTo(vault.subtract(new BigDecimal("3335")));
        // A third look names who paid what.
        JsonNode third = audit(c, c.to());
        assertThat(liquidationOf(third, c.dave()).path("refundedBy").asString())
                .isEqualTo(daveOnly.path("incidentId").asString());
        assertThat(liquidationOf(third, c.erin()).path("refundedBy").asString())
                .isEqualTo(both.path("incidentId").asString());
        assertDecimal(third.path("totals"), "refund", "0");
    }

    /**
     * Every feed at {@code price}. Liquidations from other tests of this context within the last 60 s may trip
     * the exchange-wide breaker: then it is resumed (which clears its window) and the price posted again.
     */
    private void moveTo(String market, String price) {
        healthyAt(market, price);
        if (api.get("/api/v1/system/status", null).get("liquidationsPaused").asBoolean()) {
            postEmpty("/api/v1/admin/liquidations/resume", ADMIN_KEY).assertStatus(200);
            healthyAt(market, price);
        }
    }

    private JsonNode audit(Crash c, long to) {
        return api.post(
                        "/api/v1/admin/incidents",
                        ADMIN_KEY,
                        ("{\"fromSequence\":%d,\"toSequence\":%d,\"reason\":\"upstream feed\","
                                        + "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":%d,\"price\":\"65000\"}]}")
                                .formatted(c.from(), to, c.market(), c.before()))
                .assertStatus(201)
                .json();
    }

    private JsonNode pay(String incidentId) {
        return api.post("/api/v1/admin/incidents/" + incidentId + "/refunds", ADMIN_KEY, "")
                .assertStatus(200)
                .json();
    }

    private long lastSequence() {
        return api.get("/api/v1/system/status", null).get("sequence").asLong();
    }

    private BigDecimal vaultBalance() {
        return new BigDecimal(
                api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200).text("balance"));
    }
}
