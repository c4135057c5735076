package io.bulwark.recovery;

import static io.bulwark.recovery.ExpectedAudit.assertMicros;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.recovery.DrillExchange.Trader;
import io.bulwark.web.ApiClient;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Steps 5 and 6 of the January drill: the incident audit of the range since reopening against the operator's
 * reference prices (other venues stayed at 64200 after the real move: every feed repeated the compromised
 * upstream, so no source can be excluded), and the refunds it proposes paid exactly once. Expected amounts
 * come from {@link ExpectedAudit}.
 */
final class DrillIncidentSteps {
    private static final String REASON = "January drill: compromised upstream";
    /** Where other venues traded from the real move on. */
    static final String REFERENCE_PRICE = "64200";

    private final DrillExchange x;
    private final int port;
    private final Map<Trader, JsonNode> liquidations;
    private final Map<Trader, ExpectedAudit> expected;

    DrillIncidentSteps(
            DrillExchange x, int port, Map<Trader, JsonNode> liquidations, Map<Trader, ExpectedAudit> expected) {
        this.x = x;
        this.port = port;
        this.liquidations = liquidations;
        this.expected = expected;
    }

    /**
     * Audits [from, last] against the reference price from {@code referenceTime} (epoch ms, before the real
     * move): exactly the bogus liquidations found, with their evidence; the CSV row by row.
     */
    JsonNode audit(long from, long referenceTime) {
        long to = x.sequence();
        JsonNode report = x.api()
                .post("/api/v1/admin/incidents", x.adminKey(), """
                        {"fromSequence":%d,"toSequence":%d,"reason":"%s",
                         "referencePrices":[{"market":"%s","timestamp":%d,"price":"%s"}]}""".formatted(
                                from, to, REASON, DrillExchange.MARKET, referenceTime, REFERENCE_PRICE))
                .assertStatus(201)
                .json();
        assertThat(report.path("status").asString()).isEqualTo("PROPOSED");
        assertThat(report.path("fromSequence").asLong()).isEqualTo(from);
        assertThat(report.path("toSequence").asLong()).isEqualTo(to);

        List<JsonNode> items = report.path("liquidations").valueStream().toList();
        assertThat(items).as("every liquidation in the range is examined").hasSize(liquidations.size());
        liquidations.forEach((t, liquidation) -> expected.get(t).assertAudited(itemOf(items, t), liquidation));
        List<Trader> bogus = expected.values().stream()
                .filter(ExpectedAudit::bogus)
                .map(ExpectedAudit::trader)
                .toList();
        assertThat(bogus).as("the drill's design").extracting(Trader::name).containsExactly("dave", "erin");
        assertThat(report.path("accounts")
                        .valueStream()
                        .map(a -> a.path("accountId").asString()))
                .as("exactly the bogusly liquidated accounts")
                .containsExactlyInAnyOrderElementsOf(
                        bogus.stream().map(Trader::accountId).toList());
        report.path("accounts").forEach(account -> {
            ExpectedAudit e = expected.values().stream()
                    .filter(a -> a.trader()
                            .accountId()
                            .equals(account.path("accountId").asString()))
                    .findFirst()
                    .orElseThrow();
            assertMicros(account, "refund", e.refund());
            assertMicros(account, "liquidationRefund", e.refund());
            assertMicros(account, "fundingRefund", BigDecimal.ZERO);
            assertThat(account.path("bogusLiquidations").asInt()).isEqualTo(1);
        });
        JsonNode totals = report.path("totals");
        assertThat(totals.path("liquidations").asInt()).isEqualTo(liquidations.size());
        assertThat(totals.path("bogusLiquidations").asInt()).isEqualTo(bogus.size());
        assertThat(totals.path("undetermined").asInt()).isZero();
        assertMicros(totals, "refund", total());

        String incidentId = report.path("incidentId").asString();
        assertThat(x.api()
                        .get("/api/v1/admin/incidents/" + incidentId, x.adminKey())
                        .assertStatus(200)
                        .json())
                .isEqualTo(report);
        ApiClient.Response csv = x.api().get("/api/v1/admin/incidents/" + incidentId + "/report.csv", x.adminKey());
        csv.assertStatus(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        int examined = items.size() + report.path("fundingPayments").size();
        assertThat(lines).as("a header and one row per examined item").hasSize(1 + examined);
        assertThat(lines.getFirst()).startsWith("incidentId,kind,sequence,time,accountId,market");
        liquidations
                .keySet()
                .forEach(t -> assertThat(lines)
                        .filteredOn(l -> l.contains("," + t.accountId() + "," + DrillExchange.MARKET + ","))
                        .singleElement()
                        .satisfies(l -> assertThat(l)
                                .startsWith(incidentId + ",LIQUIDATION,")
                                .contains(expected.get(t).bogus() ? ",BOGUS," : ",LEGITIMATE,")));
        return report;
    }

    /** Pays once (a repeat pays nothing), from the vault; the traders see it over HTTP and WebSocket. */
    void refund(JsonNode report) {
        String incidentId = report.path("incidentId").asString();
        Map<Trader, SocketClient> sockets = new LinkedHashMap<>();
        expected.values().stream().filter(ExpectedAudit::bogus).forEach(e -> {
            SocketClient socket = SocketClient.connect(port);
            socket.ask("{\"op\":\"auth\",\"apiKey\":\"" + e.trader().key() + "\"}", "authenticated");
            socket.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");
            sockets.put(e.trader(), socket);
        });
        Map<Trader, BigDecimal> balances = new LinkedHashMap<>();
        expected.keySet().forEach(t -> balances.put(t, balance(t)));
        BigDecimal vault = x.vault();

        JsonNode paid = pay(incidentId);
        JsonNode again = pay(incidentId);

        assertThat(paid.path("alreadyPaid").asBoolean()).isFalse();
        assertThat(again.path("alreadyPaid").asBoolean()).isTrue();
        assertMicros(paid, "total", total());
        assertThat(again.path("paidSequence")).isEqualTo(paid.path("paidSequence"));
        assertThat(again.path("refunds")).isEqualTo(paid.path("refunds"));
        assertThat(x.vault()).as("the vault paid the total once").isEqualByComparingTo(vault.subtract(total()));
        expected.forEach((t, e) -> assertThat(balance(t))
                .as("%s's balance", t.name())
                .isEqualByComparingTo(balances.get(t).add(e.refund())));
        sockets.forEach((t, socket) -> {
            JsonNode message = socket.next("refund");
            socket.close();
            assertThat(message.path("accountId").asString()).isEqualTo(t.accountId());
            assertThat(message.path("incidentId").asString()).isEqualTo(incidentId);
            assertThat(message.path("sequence").asLong())
                    .isEqualTo(paid.path("paidSequence").asLong());
            assertMicros(message, "amount", expected.get(t).refund());
        });
        expected.forEach((t, e) -> {
            List<JsonNode> refunds = x.api()
                    .get("/api/v1/refunds", t.key())
                    .assertStatus(200)
                    .json()
                    .valueStream()
                    .toList();
            if (e.bogus()) {
                assertThat(refunds).singleElement().satisfies(r -> {
                    assertThat(r.path("incidentId").asString()).isEqualTo(incidentId);
                    assertThat(r.path("reason").asString()).isEqualTo(REASON);
                    assertMicros(r, "amount", e.refund());
                });
            } else {
                assertThat(refunds)
                        .as("%s was liquidated by a real move", t.name())
                        .isEmpty();
            }
        });
        assertThat(x.api()
                        .get("/api/v1/admin/incidents/" + incidentId, x.adminKey())
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("PAID");
        x.assertIntegrity();
    }

    private JsonNode pay(String incidentId) {
        return x.api()
                .post("/api/v1/admin/incidents/" + incidentId + "/refunds", x.adminKey(), "")
                .assertStatus(200)
                .json();
    }

    private BigDecimal total() {
        return expected.values().stream().map(ExpectedAudit::refund).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal balance(Trader t) {
        return new BigDecimal(
                x.api().get("/api/v1/account", t.key()).assertStatus(200).text("balance"));
    }

    private static JsonNode itemOf(List<JsonNode> items, Trader t) {
        return items.stream()
                .filter(i -> i.path("accountId").asString().equals(t.accountId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit item for " + t.name() + " in " + items));
    }
}
