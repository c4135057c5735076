package io.bulwark.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.liquidation.RiskApiTestBase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, item 2, over HTTP as the attacker and the operator would do it (SPEC section 6, v2): one ORACLE key
 * tries to walk the index under invented source names and in bursts; a genuine move is re-anchored when every
 * source agrees, and by hand; a source is quarantined; one feed of two walks away and liquidates nobody.
 */
class OracleAttackTests extends RiskApiTestBase {
    private static final List<String> NAMES = List.of("mallory", "feed-b", "feed-c", "feed-d", "feed-e");

    @Test
    void oneKeyUnderFiveSourceNamesAndInBurstsNeverWalksTheIndexPastTheWindowedLimit() {
        String market = riskMarket(300);
        healthyAt(market, "65000", "mallory", "mallory", "mallory");
        // 30 items in one request, 6 for each name, each name's price 3 % below its last one.
        List<String> items = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            items.add(quote(market, NAMES.get(i % 5), "\"" + walk(i / 5 + 1) + "\"", now));
        }

        List<JsonNode> results = api.post(
                        "/api/v1/oracle/prices",
                        oracleKeys().key("mallory"),
                        "{\"prices\":[" + String.join(",", items) + "]}")
                .assertStatus(200)
                .get("results")
                .valueStream()
                .toList();

        assertThat(results).hasSize(30);
        for (int i = 0; i < 30; i++) {
            JsonNode r = results.get(i);
            if (i % 5 != 0) {
                assertThat(r.path("reason").asString()).as("item %d", i).isEqualTo("SOURCE_NOT_ALLOWED");
            } else {
                // -3 %, -5.9 %, -8.7 % from 65000 are within the limit; -11.5 % and beyond are not.
                assertThat(r.path("accepted").asBoolean()).as("item %d", i).isEqualTo(i < 15);
                if (i >= 15) {
                    assertThat(r.path("reason").asString()).isEqualTo("PRICE_JUMP");
                }
            }
        }
        assertIndexAtLeast(market, "58500");
        for (int burst = 0; burst < 10; burst++) {
            postPrices(quote(market, "mallory", "\"" + walk(7 + burst) + "\"", System.currentTimeMillis()));
            assertIndexAtLeast(market, "58500");
        }
        JsonNode shown = api.get("/api/v1/markets/" + market, null).json();
        assertThat(new BigDecimal(shown.path("indexPrice").asString())).isEqualByComparingTo(walk(3));
        assertThat(shown.path("priceHealthy").asBoolean()).isFalse();
        JsonNode sources = marketOracle(market);
        assertThat(sources.path("sources")
                        .valueStream()
                        .map(s -> s.path("source").asString()))
                .as("the invented names were never recorded")
                .containsExactly("mallory");
        assertThat(sources.at("/sources/0/rejections").asLong()).isEqualTo(13);
        assertThat(sources.path("reanchorVotes").asInt())
                .as("a lone source's refused jumps are no vote")
                .isZero();
        assertThat(metrics().lines())
                .anyMatch(l ->
                        l.startsWith("bulwark_oracle_rejected_total{") && l.contains("reason=\"SOURCE_NOT_ALLOWED\""));
    }

    @Test
    void aRealMoveReanchorsOnceAllSourcesAgreeAndOperatorsQuarantineAndReanchorByHand() {
        String market = riskMarket(300);
        healthyAt(market, "65000", "a", "b", "a");
        assertThat(reasons(post(market, "a", "57000"), post(market, "b", "57000"), post(market, "a", "57000")))
                .containsExactly("PRICE_JUMP", "PRICE_JUMP", "PRICE_JUMP");
        assertThat(post(market, "b", "57000").path("accepted").asBoolean())
                .as("the third update on which both agree re-anchors")
                .isTrue();
        JsonNode status = marketStatus(market);
        assertThat(status.path("priceHealthy").asBoolean()).isTrue();
        assertThat(status.at("/lastReanchor/cause").asString()).isEqualTo("AGREEMENT");
        assertThat(new BigDecimal(status.at("/lastReanchor/fromPrice").asString()))
                .isEqualByComparingTo("65000");
        assertThat(new BigDecimal(status.at("/lastReanchor/toPrice").asString()))
                .isEqualByComparingTo("57000");
        assertThat(metrics().lines())
                .anyMatch(l -> l.startsWith("bulwark_oracle_reanchored_total{")
                        && l.contains("cause=\"AGREEMENT\"")
                        && l.contains("market=\"" + market + "\""));

        // A third source joins and walks away: the sources disagree, the price is unhealthy.
        post(market, "c", "56000");
        post(market, "c", "55000");
        status = marketStatus(market);
        assertThat(status.path("priceHealth").asString()).isEqualTo("SOURCES_DIVERGE");
        assertThat(status.path("sourcePrices")
                        .valueStream()
                        .map(p -> p.path("source").asString()))
                .containsExactly("a", "b", "c");
        JsonNode quarantined = api.put(
                        "/api/v1/admin/oracle/sources/c",
                        ADMIN_KEY,
                        "{\"state\":\"QUARANTINED\",\"reason\":\"diverges from every venue\"}")
                .assertStatus(200)
                .json();
        assertThat(quarantined.path("from").asString()).isEqualTo("ACTIVE");
        assertThat(quarantined.path("to").asString()).isEqualTo("QUARANTINED");
        assertThat(quarantined.path("recomputed").size())
                .as("the median of three did not follow c")
                .isZero();
        assertThat(post(market, "c", "55000").path("reason").asString()).isEqualTo("SOURCE_QUARANTINED");
        healthyAt(market, "57000", "a", "b", "a");
        JsonNode c = marketOracle(market)
                .path("sources")
                .valueStream()
                .filter(s -> s.path("source").asString().equals("c"))
                .findFirst()
                .orElseThrow();
        assertThat(c.path("state").asString()).isEqualTo("QUARANTINED");
        assertThat(c.path("lastPrice").isNull())
                .as("its prices stopped counting")
                .isTrue();
        assertThat(new BigDecimal(c.path("lastOfferedPrice").asString())).isEqualByComparingTo("55000");
        api.put("/api/v1/admin/oracle/sources/c", ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"again\"}")
                .assertProblem(409, "INVALID_TRANSITION");

        // Both honest feeds jump again, once each: an operator re-anchors without waiting for 3 updates.
        post(market, "a", "51000");
        post(market, "b", "51200");
        JsonNode reanchored = api.post(
                        "/api/v1/admin/markets/" + market + "/oracle/reanchor",
                        ADMIN_KEY,
                        "{\"reason\":\"every venue trades at 51100\"}")
                .assertStatus(200)
                .json();
        assertThat(reanchored.path("cause").asString()).isEqualTo("ADMIN");
        assertThat(new BigDecimal(reanchored.path("toPrice").asString())).isEqualByComparingTo("51100");
        assertThat(reanchored.path("priceHealthy").asBoolean())
                .as("until 3 updates confirm it")
                .isFalse();
        assertThat(reanchored.path("reason").asString()).isEqualTo("every venue trades at 51100");
        healthyAt(market, "51100", "a", "b", "a");
        api.put("/api/v1/admin/oracle/sources/c", ADMIN_KEY, "{\"state\":\"ACTIVE\",\"reason\":\"vendor fixed it\"}")
                .assertStatus(200);
        assertThat(post(market, "c", "51100").path("accepted").asBoolean()).isTrue();
    }

    @Test
    void theOperatorEndpointsRefuseWhatTheyCannotDo() {
        String market = riskMarket(300);
        String reanchor = "/api/v1/admin/markets/" + market + "/oracle/reanchor";
        api.post(reanchor, ADMIN_KEY, "{\"reason\":\"r\"}").assertProblem(409, "NO_FRESH_SOURCE");
        api.post("/api/v1/admin/markets/NOPE-USD-PERP/oracle/reanchor", ADMIN_KEY, "{\"reason\":\"r\"}")
                .assertProblem(404, "UNKNOWN_MARKET");
        api.post(reanchor, ADMIN_KEY, "{\"reason\":\" \"}").assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/oracle/sources/x", ADMIN_KEY, "{\"state\":\"GONE\",\"reason\":\"r\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/oracle/sources/x", ADMIN_KEY, "{\"state\":\"QUARANTINED\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/oracle/sources/two%20words", ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"r\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/oracle/sources/never-quarantined", ADMIN_KEY, "{\"state\":\"ACTIVE\",\"reason\":\"r\"}")
                .assertProblem(409, "INVALID_TRANSITION");
        String oracle = oracleKeys().key("a");
        api.put("/api/v1/admin/oracle/sources/a", oracle, "{\"state\":\"QUARANTINED\",\"reason\":\"r\"}")
                .assertProblem(403, "FORBIDDEN");
        api.post(reanchor, oracle, "{\"reason\":\"r\"}").assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/oracle/sources", oracle).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/oracle/sources", null).assertProblem(401, "UNAUTHENTICATED");
    }

    @Test
    void oneOfTwoFeedsWalkingDownThreePercentAStepLiquidatesNobody() {
        String market = riskMarket(300);
        Floor floor = leveragedFloor(market, "honest", "evil", "honest");
        for (int step = 1; step <= 3; step++) {
            // 63050, 61158.5, 59323.7: the mean of two is 64025 at the first step, where dave was liquidated
            // before sources that disagree made the price unhealthy.
            assertThat(post(market, "evil", walk(step)).path("accepted").asBoolean())
                    .isTrue();
            assertThat(liquidations(floor.dave())).as("after step %d", step).isEmpty();
        }
        JsonNode status = marketStatus(market);
        assertThat(status.path("priceHealthy").asBoolean()).isFalse();
        assertThat(status.path("priceHealth").asString()).isEqualTo("SOURCES_DIVERGE");
        assertThat(status.path("sourcePrices")
                        .valueStream()
                        .map(p -> p.path("price").asString()))
                .containsExactly(walk(3), "65000");
        JsonNode shown = api.get("/api/v1/markets/" + market, null).json();
        assertThat(shown.path("priceHealth").asString()).isEqualTo("SOURCES_DIVERGE");
        assertThat(new BigDecimal(shown.path("indexPrice").asString())).isLessThan(new BigDecimal("64275"));

        api.put("/api/v1/admin/oracle/sources/evil", ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"walks away\"}")
                .assertStatus(200);
        healthyAt(market, "65000", "honest", "honest", "honest");
        assertThat(liquidations(floor.dave())).isEmpty();
    }

    /** 65000 less 3 % {@code steps} times, each step on the 0.1 tick (rounded down). */
    private static String walk(int steps) {
        BigDecimal price = new BigDecimal("65000");
        for (int i = 0; i < steps; i++) {
            price = price.multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.DOWN);
        }
        return price.stripTrailingZeros().toPlainString();
    }

    private JsonNode post(String market, String source, String price) {
        return postPrices(quote(market, source, "\"" + price + "\"", System.currentTimeMillis()))
                .getFirst();
    }

    private static List<String> reasons(JsonNode... results) {
        return java.util.Arrays.stream(results)
                .map(r -> r.path("reason").asString())
                .toList();
    }

    private void assertIndexAtLeast(String market, String floor) {
        BigDecimal index = new BigDecimal(api.get("/api/v1/markets/" + market, null)
                .json()
                .path("indexPrice")
                .asString());
        assertThat(index).isGreaterThanOrEqualTo(new BigDecimal(floor));
    }

    private JsonNode marketStatus(String market) {
        return api.get("/api/v1/system/status", null)
                .json()
                .path("markets")
                .valueStream()
                .filter(m -> m.path("market").asString().equals(market))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode marketOracle(String market) {
        return api.get("/api/v1/admin/oracle/sources", ADMIN_KEY)
                .assertStatus(200)
                .json()
                .path("markets")
                .valueStream()
                .filter(m -> m.path("market").asString().equals(market))
                .findFirst()
                .orElseThrow();
    }
}
