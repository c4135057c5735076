package io.bulwark.incident;

import static io.bulwark.incident.IncidentReports.assertDecimal;
import static io.bulwark.incident.IncidentReports.liquidationOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.liquidation.RiskApiTestBase;
import io.bulwark.web.ApiClient;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Incident audit and refunds over HTTP and WebSocket (SPEC section 9): two compromised oracle sources out of
 * three, each posting with its own key, walk the index (their median) down within the jump limit and close
 * enough to the honest source that the sources still count as agreeing, and liquidate two accounts that the
 * honest feed would have left alone, while a third is liquidated by a real move. Expected amounts are worked
 * out here from the scenario's numbers, not read back from the audit.
 */
class IncidentApiTests extends RiskApiTestBase {

    /** Runs the scenario of {@link IncidentScenario} on a market of its own. */
    IncidentScenario compromisedFeedScenario() {
        String market = riskMarket(300);
        long now = System.currentTimeMillis();
        allAccepted(postPrices(
                quote(market, "honest", "\"65000\"", now),
                quote(market, "evil-1", "\"65000\"", now),
                quote(market, "evil-2", "\"65000\"", now),
                quote(market, "honest", "\"65000\"", now)));
        Trader whaleLong = newFundedTrader("1000000");
        Trader whaleShort = newFundedTrader("1000000");
        trade(whaleShort, whaleLong, market, "200", "65000");
        Trader alice = newFundedTrader("100000");
        Trader frank = newFundedTrader("1400");
        Trader dave = newFundedTrader("1700");
        Trader erin = newFundedTrader("2300");
        trade(alice, frank, market, "1", "65000");
        trade(alice, dave, market, "1", "65000");
        trade(alice, erin, market, "1", "65000");
        assertBalance(frank, "1367.5");
        assertBalance(dave, "1667.5");
        assertBalance(erin, "2267.5");
        long from = lastSequence() + 1;
        long crashTime = System.currentTimeMillis();

        allAccepted(postPrices(
                quote(market, "honest", "\"64200\"", crashTime),
                quote(market, "evil-1", "\"64200\"", crashTime),
                quote(market, "evil-2", "\"64200\"", crashTime)));
        assertThat(liquidations(frank)).hasSize(1);
        assertThat(liquidations(dave)).isEmpty();
        evilAt(market, "63900"); // 47 bps below the honest 64200: the sources agree
        assertThat(liquidations(dave)).hasSize(1);
        assertThat(liquidations(erin)).isEmpty();
        evilAt(market, "63300"); // 142 bps below: still within maxSourceDivergenceBps (200)
        assertThat(api.get("/api/v1/markets/" + market, null)
                        .get("priceHealthy")
                        .asBoolean())
                .isTrue();
        assertThat(liquidations(erin)).hasSize(1);
        return new IncidentScenario(market, frank, dave, erin, from, lastSequence(), crashTime);
    }

    /** Both compromised sources post {@code price}, each with its own key: the median (theirs) is the index. */
    private void evilAt(String market, String price) {
        long now = System.currentTimeMillis();
        allAccepted(postPrices(
                quote(market, "evil-1", "\"" + price + "\"", now), quote(market, "evil-2", "\"" + price + "\"", now)));
    }

    @Test
    void excludingTheCompromisedSourcesFlagsExactlyTheBogusLiquidationsAndRefundsThemOnce() {
        IncidentScenario s = compromisedFeedScenario();
        SocketClient daveSocket = SocketClient.connect(port);
        daveSocket.ask("{\"op\":\"auth\",\"apiKey\":\"" + s.dave().apiKey() + "\"}", "authenticated");
        daveSocket.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");

        JsonNode report = audit(s, "\"excludeSources\":[\"evil-1\",\"evil-2\"]")
                .assertStatus(201)
                .json();

        assertThat(report.path("status").asString()).isEqualTo("PROPOSED");
        assertThat(report.path("paidSequence").isNull()).isTrue();
        // frank: 1367.5 − 800 = 567.5 < 642 at the honest 64200 too.
        JsonNode frank = liquidationOf(report, s.frank());
        assertThat(frank.path("verdict").asString()).isEqualTo("LEGITIMATE");
        assertDecimal(frank, "referencePrice", "64200");
        assertDecimal(frank, "equityAtReference", "567.5");
        assertDecimal(frank, "requirementAtReference", "642");
        assertDecimal(frank, "refund", "0");
        // dave at 63900: 1667.5 − 1100 = 567.5 < 639, all of it taken as fee; at 64200: 867.5 ≥ 642.
        JsonNode dave = liquidationOf(report, s.dave());
        assertThat(dave.path("verdict").asString()).isEqualTo("BOGUS");
        assertThat(dave.path("referenceSource").asString()).isEqualTo("INDEX_WITHOUT_EXCLUDED");
        assertDecimal(dave, "size", "1");
        assertDecimal(dave, "price", "63900");
        assertDecimal(dave, "markPrice", "63900");
        assertDecimal(dave, "indexPrice", "63900");
        assertDecimal(dave, "referencePrice", "64200");
        assertDecimal(dave, "equityAtMark", "567.5");
        assertDecimal(dave, "requirementAtMark", "639");
        assertDecimal(dave, "equityAtReference", "867.5");
        assertDecimal(dave, "requirementAtReference", "642");
        assertDecimal(dave, "fee", "567.5");
        assertDecimal(dave, "priceLoss", "300");
        assertDecimal(dave, "refund", "867.5");
        // erin at 63300: 2267.5 − 1700 = 567.5 < 633; refund 567.5 fee + 900 price loss.
        JsonNode erin = liquidationOf(report, s.erin());
        assertThat(erin.path("verdict").asString()).isEqualTo("BOGUS");
        assertDecimal(erin, "equityAtReference", "1467.5");
        assertDecimal(erin, "requirementAtReference", "642");
        assertDecimal(erin, "refund", "1467.5");
        assertThat(report.path("accounts")
                        .valueStream()
                        .map(a -> a.path("accountId").asString()))
                .containsExactly(s.dave().accountId(), s.erin().accountId());
        JsonNode totals = report.path("totals");
        assertThat(totals.path("liquidations").asInt()).isEqualTo(3);
        assertThat(totals.path("bogusLiquidations").asInt()).isEqualTo(2);
        assertThat(totals.path("undetermined").asInt()).isZero();
        assertDecimal(totals, "refund", "2335");

        String incident = report.path("incidentId").asString();
        assertThat(api.get("/api/v1/admin/incidents/" + incident, ADMIN_KEY)
                        .assertStatus(200)
                        .json())
                .isEqualTo(report);
        deposit("LIQUIDATOR_VAULT", "2335");
        BigDecimal vaultBefore = vaultBalance();

        JsonNode paid = api.post("/api/v1/admin/incidents/" + incident + "/refunds", ADMIN_KEY, "")
                .assertStatus(200)
                .json();
        JsonNode again = api.post("/api/v1/admin/incidents/" + incident + "/refunds", ADMIN_KEY, "")
                .assertStatus(200)
                .json();

        assertThat(paid.path("alreadyPaid").asBoolean()).isFalse();
        assertThat(again.path("alreadyPaid").asBoolean()).isTrue();
        assertDecimal(paid, "total", "2335");
        assertThat(again.path("paidSequence")).isEqualTo(paid.path("paidSequence"));
        assertThat(again.path("refunds")).isEqualTo(paid.path("refunds"));
        assertThat(paid.path("refunds")
                        .valueStream()
                        .map(r -> r.path("accountId").asString() + "="
                                + new BigDecimal(r.path("amount").asString())
                                        .stripTrailingZeros()
                                        .toPlainString()))
                .containsExactly(s.dave().accountId() + "=867.5", s.erin().accountId() + "=1467.5");
        assertThat(vaultBalance()).isEqualByComparingTo(vaultBefore.subtract(new BigDecimal("2335")));
        assertBalance(s.dave(), "867.5");
        assertBalance(s.erin(), "1467.5");
        assertBalance(s.frank(), "0");

        JsonNode refund = daveSocket.next("refund");
        assertThat(refund.path("channel").asString()).isEqualTo("account");
        assertThat(refund.path("accountId").asString()).isEqualTo(s.dave().accountId());
        assertThat(refund.path("incidentId").asString()).isEqualTo(incident);
        assertDecimal(refund, "amount", "867.5");
        assertThat(refund.path("sequence").asLong())
                .isEqualTo(paid.path("paidSequence").asLong());
        daveSocket.close();

        List<JsonNode> refunds = api.get("/api/v1/refunds", s.dave().apiKey())
                .assertStatus(200)
                .json()
                .valueStream()
                .toList();
        assertThat(refunds).hasSize(1);
        assertThat(refunds.getFirst().path("incidentId").asString()).isEqualTo(incident);
        assertThat(refunds.getFirst().path("reason").asString()).isEqualTo("compromised feed");
        assertDecimal(refunds.getFirst(), "amount", "867.5");
        assertThat(api.get("/api/v1/refunds", s.frank().apiKey()).json().size()).isZero();
        JsonNode ledger = api.get("/api/v1/account/ledger?limit=1", s.dave().apiKey())
                .assertStatus(200)
                .json()
                .get(0);
        assertThat(ledger.path("kind").asString()).isEqualTo("REFUND");
        assertThat(ledger.path("from").asString()).isEqualTo("LIQUIDATOR_VAULT");
        assertDecimal(ledger, "amount", "867.5");

        JsonNode after = api.get("/api/v1/admin/incidents/" + incident, ADMIN_KEY)
                .assertStatus(200)
                .json();
        assertThat(after.path("status").asString()).isEqualTo("PAID");
        assertThat(after.path("paidSequence")).isEqualTo(paid.path("paidSequence"));
        JsonNode integrity =
                api.get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200).json();
        assertThat(integrity.path("checks").valueStream())
                .filteredOn(c -> c.path("name").asString().equals("ledger-conservation"))
                .singleElement()
                .satisfies(c -> assertThat(c.path("ok").asBoolean()).isTrue());
    }

    @Test
    void operatorPricesAreUsedAtTheLatestTimestampBeforeEachEventAndTheReportExportsAsCsv() {
        IncidentScenario s = compromisedFeedScenario();
        String prices = "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":%d,\"price\":\"65000\"},"
                        .formatted(s.market(), s.crashTime() - 60_000)
                + "{\"market\":\"%s\",\"timestamp\":\"%s\",\"price\":\"64200\"}]"
                        .formatted(s.market(), java.time.Instant.ofEpochMilli(s.crashTime() - 1));

        JsonNode report = audit(s, prices).assertStatus(201).json();

        JsonNode dave = liquidationOf(report, s.dave());
        assertThat(dave.path("referenceSource").asString()).isEqualTo("OPERATOR");
        assertThat(dave.path("verdict").asString()).isEqualTo("BOGUS");
        assertDecimal(dave, "referencePrice", "64200");
        assertDecimal(dave, "refund", "867.5");
        assertThat(liquidationOf(report, s.frank()).path("verdict").asString()).isEqualTo("LEGITIMATE");
        assertDecimal(report.path("totals"), "refund", "2335");
        assertThat(report.path("referencePrices").get(1).path("timestamp").asString())
                .isEqualTo(java.time.Instant.ofEpochMilli(s.crashTime() - 1).toString());

        ApiClient.Response csv =
                api.get("/api/v1/admin/incidents/" + report.path("incidentId").asString() + "/report.csv", ADMIN_KEY);
        csv.assertStatus(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("incidentId,kind,sequence,time,accountId,market,size,price");
        assertThat(lines).hasSize(1 + 3);
        assertThat(lines)
                .filteredOn(l -> l.contains("," + s.dave().accountId() + "," + s.market() + ","))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith(report.path("incidentId").asString() + ",LIQUIDATION,")
                        .contains(",1,63900,63900,63900,64200,OPERATOR,567.5,639,867.5,642,567.5,0,300,")
                        .contains(",BOGUS,867.5,"));

        // Operator prices that all come after the events decide nothing.
        JsonNode late = audit(
                        s,
                        "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":%d,\"price\":\"64200\"}]"
                                .formatted(s.market(), System.currentTimeMillis() + 60_000))
                .assertStatus(201)
                .json();
        assertThat(late.path("liquidations").valueStream())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l.path("verdict").asString()).isEqualTo("UNDETERMINED"));
        assertThat(late.path("accounts").size()).isZero();
        assertThat(late.path("totals").path("undetermined").asInt()).isEqualTo(3);
    }

    @Test
    void refusesBadInputUnknownIncidentsAndOtherRoles() {
        String market = riskMarket(30);
        long last = lastSequence();
        String valid = "{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\",\"excludeSources\":[\"x\"]}";
        Trader trader = newFundedTrader("10");

        post("{\"fromSequence\":%d,\"toSequence\":%d,\"reason\":\"r\",\"excludeSources\":[\"x\"]}"
                        .formatted(last, last - 1))
                .assertProblem(400, "VALIDATION_FAILED");
        post("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\"}".formatted(last))
                .assertProblem(400, "VALIDATION_FAILED");
        post(("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\","
                                + "\"referencePrices\":[{\"market\":\"NOPE-USD-PERP\",\"timestamp\":1,\"price\":\"1\"}]}")
                        .formatted(last))
                .assertProblem(400, "VALIDATION_FAILED");
        post(("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\","
                                + "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":1,\"price\":\"0\"}]}")
                        .formatted(last, market))
                .assertProblem(400, "INVALID_PRICE");
        post(("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\","
                                + "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":1,\"price\":\"-5\"}]}")
                        .formatted(last, market))
                .assertProblem(400, "INVALID_PRICE");
        post(("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\","
                                + "\"referencePrices\":[{\"market\":\"%s\",\"timestamp\":\"soon\",\"price\":\"5\"}]}")
                        .formatted(last, market))
                .assertProblem(400, "VALIDATION_FAILED");
        post("{\"fromSequence\":1,\"toSequence\":%d,\"excludeSources\":[\"x\"]}".formatted(last))
                .assertProblem(400, "VALIDATION_FAILED");
        post("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\",\"excludeSources\":[\"x\"],\"extra\":1}"
                        .formatted(last))
                .assertProblem(400, "VALIDATION_FAILED");
        post("{\"fromSequence\":1,\"toSequence\":%d,\"reason\":\"r\",\"excludeSources\":[\"x\"]}"
                        .formatted(last + 1_000_000))
                .assertProblem(400, "VALIDATION_FAILED");

        api.get("/api/v1/admin/incidents/999999999", ADMIN_KEY).assertProblem(404, "INCIDENT_NOT_FOUND");
        api.get("/api/v1/admin/incidents/nope", ADMIN_KEY).assertProblem(404, "INCIDENT_NOT_FOUND");
        api.get("/api/v1/admin/incidents/999999999/report.csv", ADMIN_KEY).assertProblem(404, "INCIDENT_NOT_FOUND");
        api.post("/api/v1/admin/incidents/999999999/refunds", ADMIN_KEY, "").assertProblem(404, "INCIDENT_NOT_FOUND");

        api.post("/api/v1/admin/incidents", trader.apiKey(), valid.formatted(last))
                .assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/incidents/1", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/admin/incidents/1/refunds", trader.apiKey(), "").assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/refunds", ADMIN_KEY).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/refunds", null).assertProblem(401, "UNAUTHENTICATED");
    }

    private ApiClient.Response post(String body) {
        return api.post("/api/v1/admin/incidents", ADMIN_KEY, body);
    }

    private ApiClient.Response audit(IncidentScenario s, String comparison) {
        return post("{\"fromSequence\":%d,\"toSequence\":%d,\"reason\":\"compromised feed\",%s}"
                .formatted(s.fromSequence(), s.toSequence(), comparison));
    }

    private static void allAccepted(List<JsonNode> results) {
        assertThat(results)
                .allSatisfy(r ->
                        assertThat(r.path("accepted").asBoolean()).as("%s", r).isTrue());
    }

    private long lastSequence() {
        return api.get("/api/v1/system/status", null).get("sequence").asLong();
    }

    private BigDecimal vaultBalance() {
        return new BigDecimal(
                api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200).text("balance"));
    }
}
