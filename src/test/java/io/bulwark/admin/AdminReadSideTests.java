package io.bulwark.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The operator's read side over HTTP (SPEC section 12 v2): account search and lookup, cancelling an account's
 * orders on its behalf, the audit trail, and the log line of every operator act.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminReadSideTests extends TradingApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    private String adminKeyId() {
        awaitReadModels();
        return jdbc.queryForObject(
                "SELECT key_id FROM api_keys WHERE role = 'ADMIN' ORDER BY created_sequence LIMIT 1", String.class);
    }

    private String open(String name) {
        return api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + name + "\"}")
                .assertStatus(201)
                .text("accountId");
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.forEach(n -> ids.add(n.path(field).asString()));
        return ids;
    }

    @Test
    void findsAccountsByNamePrefixNewestFirstPageByPage() {
        String tag = "look" + System.nanoTime();
        String alice = open(tag + "-Alice");
        String alicia = open(tag + "-alicia");
        open(tag + "-bob");

        JsonNode found = api.get("/api/v1/admin/accounts?name=" + tag + "-ALI", ADMIN_KEY)
                .assertStatus(200)
                .json();
        assertThat(ids(found, "accountId")).containsExactly(alicia, alice);
        assertThat(found.get(1).path("name").asString()).isEqualTo(tag + "-Alice");
        assertThat(found.get(1).path("createdAt").asString()).isNotEmpty();

        assertThat(ids(
                        api.get("/api/v1/admin/accounts?name=" + tag + "-alicia", ADMIN_KEY)
                                .json(),
                        "accountId"))
                .containsExactly(alicia);
        JsonNode first = api.get("/api/v1/admin/accounts?limit=1&name=" + tag + "-ali", ADMIN_KEY)
                .json();
        assertThat(ids(first, "accountId")).containsExactly(alicia);
        JsonNode next = api.get("/api/v1/admin/accounts?limit=1&name=" + tag + "-ali&before=" + alicia, ADMIN_KEY)
                .json();
        assertThat(ids(next, "accountId")).containsExactly(alice);
        // LIKE wildcards are taken literally
        assertThat(api.get("/api/v1/admin/accounts?name=" + tag + "_%25", ADMIN_KEY)
                        .json())
                .isEmpty();
    }

    @Test
    void refusesBadSearches() {
        api.get("/api/v1/admin/accounts?limit=0", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/accounts?limit=501", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/accounts?limit=x", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/accounts?before=abc", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/accounts?name=" + "n".repeat(65), ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/accounts?name=tab%09here", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void showsAnAccountWithPositionsOrdersAndKeysButNoSecret() {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("100000");
        Trader other = newFundedTrader("100000");
        trade(other, trader, market, "0.5", "65000");
        JsonNode resting = placed(trader, Ticket.limit(market, "BUY", "0.1", "64000"));
        JsonNode extra = api.post(
                        "/api/v1/keys",
                        trader.apiKey(),
                        "{\"scopes\":[\"READ\"],\"label\":\"dashboard\",\"allowedIps\":[\"10.0.0.0/8\"]}")
                .assertStatus(201)
                .json();
        JsonNode revoked = api.post("/api/v1/keys", trader.apiKey(), "{\"scopes\":[\"READ\"]}")
                .assertStatus(201)
                .json();
        api.delete("/api/v1/keys/" + revoked.path("keyId").asString(), trader.apiKey())
                .assertStatus(204);

        ApiClient.Response answer = api.get("/api/v1/admin/accounts/" + trader.accountId(), ADMIN_KEY)
                .assertStatus(200);
        JsonNode account = answer.json();
        assertThat(account.path("accountId").asString()).isEqualTo(trader.accountId());
        assertThat(account.path("sequence").asLong()).isPositive();
        assertThat(account.path("account").path("balance").asString()).isNotEmpty();
        assertThat(account.path("positions")).hasSize(1);
        assertThat(account.path("positions").get(0).path("size").asString()).isEqualTo("0.5");
        assertThat(ids(account.path("openOrders"), "orderId"))
                .containsExactly(resting.path("orderId").asString());
        JsonNode keys = account.path("keys");
        assertThat(ids(keys, "keyId"))
                .containsExactly(trader.keyId(), extra.path("keyId").asString());
        assertThat(keys.get(1).path("label").asString()).isEqualTo("dashboard");
        assertThat(keys.get(1).path("scopes").get(0).asString()).isEqualTo("READ");
        assertThat(keys.get(1).path("allowedIps").get(0).asString()).isEqualTo("10.0.0.0/8");
        assertThat(keys.get(1).path("createdAt").asString()).isNotEmpty();

        awaitReadModels();
        String storedHash =
                jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE key_id = ?", String.class, trader.keyId());
        assertThat(answer.body())
                .doesNotContain(trader.apiKey())
                .doesNotContain(extra.path("apiKey").asString())
                .doesNotContain(revoked.path("keyId").asString())
                .doesNotContain(storedHash)
                .doesNotContainIgnoringCase("hash");

        api.get("/api/v1/admin/accounts/999999999", ADMIN_KEY).assertProblem(404, "ACCOUNT_NOT_FOUND");
        api.get("/api/v1/admin/accounts/not-an-id", ADMIN_KEY).assertProblem(404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void cancelsAnAccountsOrdersWithReasonAdminJournaledAsTheOperator() {
        String market = newMarket();
        String otherMarket = newMarket();
        markAt(market, "65000");
        markAt(otherMarket, "65000");
        Trader trader = newFundedTrader("100000");
        String inMarket = placed(trader, Ticket.limit(market, "BUY", "0.1", "64000"))
                .path("orderId")
                .asString();
        String inOther = placed(trader, Ticket.limit(otherMarket, "BUY", "0.1", "64000"))
                .path("orderId")
                .asString();

        JsonNode cancelled = api.delete(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/orders?market=" + market, ADMIN_KEY)
                .assertStatus(200)
                .json()
                .path("cancelled");
        assertThat(ids(cancelled, "orderId")).containsExactly(inMarket);
        assertThat(cancelled.get(0).path("cancelReason").asString()).isEqualTo("ADMIN");
        assertThat(liveOrderIds(trader)).containsExactly(inOther);

        api.delete("/api/v1/admin/accounts/" + trader.accountId() + "/orders", ADMIN_KEY)
                .assertStatus(200);
        JsonNode order = api.get("/api/v1/orders/" + inOther, trader.apiKey())
                .assertStatus(200)
                .json();
        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("cancelReason").asString()).isEqualTo("ADMIN");
        // nothing live: an answer, and no journal row
        assertThat(api.delete("/api/v1/admin/accounts/" + trader.accountId() + "/orders", ADMIN_KEY)
                        .assertStatus(200)
                        .json()
                        .path("cancelled"))
                .isEmpty();

        List<String> actors = jdbc.queryForList(
                "SELECT actor FROM journal WHERE command_type = 'CancelOrders' AND command->>'accountId' = ?"
                        + " ORDER BY sequence",
                String.class,
                trader.accountId());
        assertThat(actors).containsExactly(adminKeyId(), adminKeyId());

        JsonNode audit = api.get("/api/v1/admin/audit?actor=" + adminKeyId() + "&limit=20", ADMIN_KEY)
                .assertStatus(200)
                .json();
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.path("commandType").asString()).isEqualTo("CancelOrders");
            assertThat(e.path("command").path("accountId").asString()).isEqualTo(trader.accountId());
            assertThat(e.path("command").path("reason").asString()).isEqualTo("ADMIN");
            assertThat(e.path("events").path("OrderUpdated").asInt()).isEqualTo(1);
        });

        api.delete("/api/v1/admin/accounts/999999999/orders", ADMIN_KEY).assertProblem(404, "ACCOUNT_NOT_FOUND");
        api.delete("/api/v1/admin/accounts/" + trader.accountId() + "/orders?market=NOPE-PERP", ADMIN_KEY)
                .assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void theAuditTrailHasOperatorActsAndNoTraderCommandsOrSecrets() {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("100000");
        placed(trader, Ticket.limit(market, "BUY", "0.1", "64000"));
        api.post("/api/v1/keys", trader.apiKey(), "{\"scopes\":[\"READ\"]}").assertStatus(201);
        String reason = "audit-" + System.nanoTime();
        api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"POST_ONLY\",\"reason\":\"" + reason + "\"}")
                .assertStatus(200);

        ApiClient.Response answer =
                api.get("/api/v1/admin/audit?limit=500", ADMIN_KEY).assertStatus(200);
        JsonNode audit = answer.json();
        assertThat(audit)
                .anySatisfy(e -> {
                    assertThat(e.path("commandType").asString()).isEqualTo("ChangeTradingState");
                    assertThat(e.path("command").path("reason").asString()).isEqualTo(reason);
                    assertThat(e.path("actor").asString()).isEqualTo(adminKeyId());
                    assertThat(e.path("actorKind").asString()).isEqualTo("ADMIN");
                    assertThat(e.path("reverted").asBoolean()).isFalse();
                    assertThat(e.path("time").asString()).isNotEmpty();
                })
                .anySatisfy(e -> assertThat(e.path("commandType").asString()).isEqualTo("CreateAccount"))
                .allSatisfy(e -> {
                    assertThat(e.path("commandType").asString())
                            .isNotIn("PlaceOrder", "CancelOrder", "AmendOrder", "PostOraclePrices", "Withdraw");
                    assertThat(e.path("actor").asString())
                            .isNotEqualTo(trader.keyId())
                            .isNotEqualTo("system:clock");
                });
        List<Long> sequences = new ArrayList<>();
        audit.forEach(e -> sequences.add(e.path("sequence").asLong()));
        assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        awaitReadModels();
        String storedHash =
                jdbc.queryForObject("SELECT key_hash FROM api_keys WHERE key_id = ?", String.class, trader.keyId());
        assertThat(answer.body())
                .doesNotContain("keyHash")
                .doesNotContain(storedHash)
                .doesNotContain(trader.apiKey());

        // the trader's own key commands are not operator acts
        assertThat(api.get("/api/v1/admin/audit?actor=" + trader.keyId(), ADMIN_KEY)
                        .assertStatus(200)
                        .json())
                .isEmpty();
        // paging and time windows
        long newest = sequences.getFirst();
        assertThat(api.get("/api/v1/admin/audit?limit=1&before=" + newest, ADMIN_KEY)
                        .json()
                        .get(0)
                        .path("sequence")
                        .asLong())
                .isEqualTo(sequences.get(1));
        assertThat(api.get("/api/v1/admin/audit?to=1000", ADMIN_KEY).json()).isEmpty();
        assertThat(api.get("/api/v1/admin/audit?from=2020-01-01T00:00:00Z&actor=system:start", ADMIN_KEY)
                        .json())
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.path("commandType").asString()).isEqualTo("StartEngine");
                    assertThat(e.path("actorKind").asString()).isEqualTo("SYSTEM");
                });
    }

    @Test
    void refusesBadAuditQueries() {
        api.get("/api/v1/admin/audit?from=2026-12-05T12:00:00Z&to=2026-12-05T11:00:00Z", ADMIN_KEY)
                .assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?from=yesterday", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?limit=0", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?limit=501", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?actor=a%20b", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?actor=" + "a".repeat(65), ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/admin/audit?before=-1", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void traderKeysAreRefusedEverywhere() {
        Trader trader = newTrader();
        String account = "/api/v1/admin/accounts/" + trader.accountId();
        api.get("/api/v1/admin/accounts?name=trader", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.get(account, trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.delete(account + "/orders", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/audit", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/admin/audit", null).assertProblem(401, "UNAUTHENTICATED");
        api.get("/api/v1/admin/audit", operator.oracleKey()).assertProblem(403, "FORBIDDEN");
    }

    @Test
    void everyOperatorActIsLoggedWithActorCommandSequenceAndReason(CapturedOutput output) {
        String market = newMarket();
        markAt(market, "65000");
        Trader trader = newFundedTrader("1000");
        placed(trader, Ticket.limit(market, "BUY", "0.1", "64000"));
        String reason = "logged-" + System.nanoTime();
        api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"POST_ONLY\",\"reason\":\"" + reason + "\"}")
                .assertStatus(200);
        long sequence = jdbc.queryForObject(
                "SELECT sequence FROM journal WHERE command_type = 'ChangeTradingState' AND command->>'reason' = ?",
                Long.class,
                reason);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains("Operator act: actor=" + adminKeyId() + " command=ChangeTradingState sequence="
                                + sequence + " reason=" + reason));
        assertThat(output.getOut()).doesNotContain("actor=" + trader.keyId());
    }
}
