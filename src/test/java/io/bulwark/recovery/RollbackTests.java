package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.JournalAudit;
import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
import io.bulwark.web.ApiClient;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * SPEC section 9 over HTTP and WebSocket, with a whole instance on its own database: a rollback restores
 * the state of a snapshot exactly, keeps the reverted commands in the journal, reports what it undid,
 * raises the epoch, and survives a restart with the same state hash.
 */
class RollbackTests {
    private static final String ADMIN = "bwk_rollback_admin_key_00000000000000000000000000";
    private static final String MARKET = "RBK-USD-PERP";
    private final AppInstances instances = new AppInstances(ADMIN);

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private record Trader(String accountId, String key) {}

    private record Seen(JsonNode account, JsonNode positions, JsonNode orders, JsonNode fills) {}

    @Test
    void rollsBackToThePreMaintenanceSnapshotAndSurvivesARestart() throws SQLException {
        ConfigurableApplicationContext app = instances.start("first");
        AppInstances.awaitWriter(app);
        ApiClient api = new ApiClient(AppInstances.port(app));
        createMarket(api);
        String oracle = OracleKeys.issue(api, ADMIN, "feed");
        healthyPrice(api, oracle);
        Trader alice = trader(api, "alice", "100000");
        Trader bob = trader(api, "bob", "100000");
        order(api, bob, "{\"side\":\"SELL\",\"type\":\"LIMIT\",\"size\":\"1\",\"price\":\"65000\"}");
        order(api, alice, "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"1\",\"price\":\"65000\"}");
        String stop = order(
                        api,
                        alice,
                        "{\"side\":\"SELL\",\"type\":\"STOP_MARKET\",\"size\":\"0.1\",\"triggerPrice\":\"50000\"}")
                .text("orderId");

        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"database upgrade\"}");
        JsonNode preMaintenance = api.get("/api/v1/admin/snapshots", ADMIN)
                .assertStatus(200)
                .json()
                .get(0);
        assertThat(preMaintenance.path("reason").asString()).startsWith("pre-maintenance");
        Seen aliceBefore = seen(api, alice);
        Seen bobBefore = seen(api, bob);

        // What the rollback must undo: a trade, a deposit, a withdrawal, a new account.
        changeState(api, "{\"state\":\"OPEN\",\"reason\":\"upgrade done\",\"force\":true}");
        healthyPrice(api, oracle);
        order(api, bob, "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.5\",\"price\":\"65000\"}");
        order(api, alice, "{\"side\":\"SELL\",\"type\":\"LIMIT\",\"size\":\"0.5\",\"price\":\"65000\"}");
        api.post(
                        "/api/v1/admin/accounts/" + alice.accountId() + "/deposits",
                        ADMIN,
                        "{\"amount\":\"500\",\"reference\":\"wire-after\"}")
                .assertStatus(201);
        api.post("/api/v1/withdrawals", bob.key(), "{\"amount\":\"100\",\"reference\":\"wd-1\"}")
                .assertStatus(201);
        Trader carol = trader(api, "carol", "1000");
        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"bad data found\"}");
        String laterSnapshot = api.get("/api/v1/admin/snapshots", ADMIN)
                .assertStatus(200)
                .json()
                .get(0)
                .path("snapshotId")
                .asString();

        SocketClient socket = SocketClient.connect(AppInstances.port(app));
        socket.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        String snapshotId = preMaintenance.path("snapshotId").asString();
        JsonNode answer = api.post(
                        "/api/v1/admin/rollback",
                        ADMIN,
                        "{\"snapshotId\":\"" + snapshotId + "\",\"reason\":\"bogus liquidations\"}")
                .assertStatus(200)
                .json();

        assertThat(answer.path("snapshotId").asString()).isEqualTo(snapshotId);
        assertThat(answer.path("snapshotSequence").asLong())
                .isEqualTo(preMaintenance.path("sequence").asLong());
        assertThat(answer.path("epoch").asLong()).isEqualTo(2);
        assertThat(answer.path("revertedCommands").asInt()).isPositive();
        Map<String, JsonNode> undone = byAccount(answer.path("accounts"));
        assertThat(undone.get(alice.accountId()).at("/fills/count").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(
                        undone.get(alice.accountId()).at("/deposits/total").asString()))
                .isEqualByComparingTo("500");
        assertThat(undone.get(alice.accountId())
                        .at("/deposits/items/0/reference")
                        .asString())
                .isEqualTo("wire-after");
        assertThat(undone.get(bob.accountId()).at("/fills/items/0/side").asString())
                .isEqualTo("BUY");
        assertThat(undone.get(bob.accountId()).at("/withdrawals/count").asInt()).isEqualTo(1);
        assertThat(new BigDecimal(
                        undone.get(bob.accountId()).at("/withdrawals/total").asString()))
                .isEqualByComparingTo("100");
        assertThat(undone.get(carol.accountId()).at("/deposits/count").asInt()).isEqualTo(1);

        JsonNode message = socket.next("rollback");
        assertThat(message.path("epoch").asLong()).isEqualTo(2);
        assertThat(message.path("snapshotId").asString()).isEqualTo(snapshotId);
        assertThat(message.path("snapshotSequence").asLong())
                .isEqualTo(preMaintenance.path("sequence").asLong());
        assertThat(message.path("sequence").asLong())
                .isEqualTo(answer.path("sequence").asLong());
        socket.close();

        assertThat(seen(api, alice)).as("alice as at the snapshot").isEqualTo(aliceBefore);
        assertThat(seen(api, bob)).as("bob as at the snapshot").isEqualTo(bobBefore);
        assertThat(aliceBefore.orders()).hasSize(1);
        assertThat(aliceBefore.orders().get(0).path("orderId").asString()).isEqualTo(stop);
        assertThat(api.get("/api/v1/account", carol.key()).status())
                .as("carol's account and key were created after the snapshot")
                .isEqualTo(401);
        JsonNode status =
                api.get("/api/v1/system/status", null).assertStatus(200).json();
        assertThat(status.path("epoch").asLong()).isEqualTo(2);
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        assertThat(StreamSupport.stream(
                                api.get("/api/v1/admin/snapshots", ADMIN)
                                        .assertStatus(200)
                                        .json()
                                        .spliterator(),
                                false)
                        .map(s -> s.path("snapshotId").asString()))
                .contains(snapshotId)
                .doesNotContain(laterSnapshot);
        api.post("/api/v1/admin/rollback", ADMIN, "{\"snapshotId\":\"" + laterSnapshot + "\",\"reason\":\"x\"}")
                .assertProblem(404, "SNAPSHOT_NOT_FOUND");
        assertThat(revertedRows(
                        preMaintenance.path("sequence").asLong(),
                        answer.path("sequence").asLong()))
                .as("the commands after the snapshot are kept, marked reverted")
                .isPositive();
        assertIntegrity(api);

        // A snapshot taken with a resting order open: the rollback cancels it (ROLLBACK), the stop survives.
        changeState(api, "{\"state\":\"OPEN\",\"reason\":\"reopen\",\"force\":true}");
        healthyPrice(api, oracle);
        String resting = order(api, alice, "{\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.2\",\"price\":\"64000\"}")
                .text("orderId");
        assertThat(publicBids(api)).isEqualTo("[[\"64000\",\"0.2\"]]");
        String withOrders = api.post("/api/v1/admin/snapshots", ADMIN, "{\"reason\":\"open book\"}")
                .assertStatus(201)
                .text("snapshotId");
        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"again\"}");
        JsonNode second = api.post(
                        "/api/v1/admin/rollback",
                        ADMIN,
                        "{\"snapshotId\":\"" + withOrders + "\",\"reason\":\"second\"}")
                .assertStatus(200)
                .json();
        assertThat(second.path("epoch").asLong()).isEqualTo(3);
        JsonNode cancelled = api.get("/api/v1/orders/" + resting, alice.key())
                .assertStatus(200)
                .json();
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString()).isEqualTo("ROLLBACK");
        assertThat(publicBids(api))
                .as("the public book, from the rolled-back state")
                .isEqualTo("[]");
        JsonNode survivor =
                api.get("/api/v1/orders/" + stop, alice.key()).assertStatus(200).json();
        assertThat(survivor.path("status").asString()).isEqualTo("UNTRIGGERED");
        assertIntegrity(api);
        Seen aliceAfter = seen(api, alice);

        instances.stop(app);
        ConfigurableApplicationContext restarted = instances.start("second");
        AppInstances.awaitWriter(restarted);
        ApiClient again = new ApiClient(AppInstances.port(restarted));
        JsonNode recovered =
                again.get("/api/v1/system/status", null).assertStatus(200).json();
        assertThat(recovered.at("/recovery/verified").asBoolean())
                .as(recovered.at("/recovery/detail").asString())
                .isTrue();
        assertThat(recovered.path("epoch").asLong()).isEqualTo(3);
        assertThat(restarted
                        .getBean(JournalAudit.class)
                        .replayThrough(second.path("sequence").asLong())
                        .stateHash())
                .as("replaying the journal through the rollback gives the state hash it answered")
                .isEqualTo(second.path("stateHash").asString());
        assertThat(seen(again, alice)).isEqualTo(aliceAfter);
        assertThat(publicBids(again))
                .as("the public book, from the recovered state")
                .isEqualTo("[]");
        assertIntegrity(again);
    }

    /**
     * Issue 11 item 6: a second rollback to the same snapshot used to restore that snapshot's epoch and
     * raise it to the same number again (1 -> 2 -> 2), so clients could not tell it happened.
     */
    @Test
    void aSecondRollbackToTheSameSnapshotRaisesTheEpochAgainAndARestartKeepsIt() {
        ConfigurableApplicationContext app = instances.start("first");
        AppInstances.awaitWriter(app);
        ApiClient api = new ApiClient(AppInstances.port(app));
        changeState(api, "{\"state\":\"CLOSED\",\"reason\":\"upgrade\"}");
        String snapshotId = api.get("/api/v1/admin/snapshots", ADMIN)
                .assertStatus(200)
                .json()
                .get(0)
                .path("snapshotId")
                .asString();
        assertThat(api.get("/api/v1/system/status", null).json().path("epoch").asLong())
                .isEqualTo(1);
        String body = "{\"snapshotId\":\"" + snapshotId + "\",\"reason\":\"again\"}";

        SocketClient socket = SocketClient.connect(AppInstances.port(app));
        socket.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        assertThat(api.post("/api/v1/admin/rollback", ADMIN, body)
                        .assertStatus(200)
                        .json()
                        .path("epoch")
                        .asLong())
                .isEqualTo(2);
        assertThat(socket.next("rollback").path("epoch").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/system/status", null).json().path("epoch").asLong())
                .isEqualTo(2);
        socket.close();

        SocketClient again = SocketClient.connect(AppInstances.port(app));
        again.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        assertThat(api.post("/api/v1/admin/rollback", ADMIN, body)
                        .assertStatus(200)
                        .json()
                        .path("epoch")
                        .asLong())
                .as("the same snapshot again: the epoch still rises")
                .isEqualTo(3);
        assertThat(again.next("rollback").path("epoch").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/system/status", null).json().path("epoch").asLong())
                .isEqualTo(3);
        again.close();

        instances.stop(app);
        ConfigurableApplicationContext restarted = instances.start("second");
        AppInstances.awaitWriter(restarted);
        JsonNode recovered = new ApiClient(AppInstances.port(restarted))
                .get("/api/v1/system/status", null)
                .assertStatus(200)
                .json();
        assertThat(recovered.at("/recovery/verified").asBoolean())
                .as(recovered.at("/recovery/detail").asString())
                .isTrue();
        assertThat(recovered.path("epoch").asLong()).isEqualTo(3);
    }

    /** The public order book's bids, as JSON text. */
    private static String publicBids(ApiClient api) {
        return api.get("/api/v1/markets/" + MARKET + "/orderbook", null)
                .assertStatus(200)
                .json()
                .path("bids")
                .toString();
    }

    private static void createMarket(ApiClient api) {
        api.post("/api/v1/admin/markets", ADMIN, MarketJson.btcLike(MARKET).json())
                .assertStatus(201);
    }

    private static void healthyPrice(ApiClient api, String oracle) {
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/oracle/prices", oracle, """
                            {"prices":[{"market":"%s","price":"65000","source":"feed","timestamp":%d}]}""".formatted(MARKET, System.currentTimeMillis()))
                    .assertStatus(200);
        }
    }

    private static Trader trader(ApiClient api, String name, String amount) {
        var created = api.post("/api/v1/admin/accounts", ADMIN, "{\"name\":\"" + name + "\"}")
                .assertStatus(201);
        String accountId = created.text("accountId");
        api.post(
                        "/api/v1/admin/accounts/" + accountId + "/deposits",
                        ADMIN,
                        "{\"amount\":\"" + amount + "\",\"reference\":\"wire-" + name + "\"}")
                .assertStatus(201);
        return new Trader(accountId, created.text("apiKey"));
    }

    private static ApiClient.Response order(ApiClient api, Trader trader, String fields) {
        return api.post("/api/v1/orders", trader.key(), "{\"market\":\"" + MARKET + "\"," + fields.substring(1))
                .assertStatus(201);
    }

    private static void changeState(ApiClient api, String body) {
        api.put("/api/v1/admin/exchange/state", ADMIN, body).assertStatus(200);
    }

    private static Seen seen(ApiClient api, Trader trader) {
        return new Seen(
                api.get("/api/v1/account", trader.key()).assertStatus(200).json(),
                api.get("/api/v1/positions", trader.key()).assertStatus(200).json(),
                api.get("/api/v1/orders?market=" + MARKET, trader.key())
                        .assertStatus(200)
                        .json(),
                api.get("/api/v1/fills", trader.key()).assertStatus(200).json());
    }

    private static Map<String, JsonNode> byAccount(JsonNode accounts) {
        Map<String, JsonNode> byId = new java.util.TreeMap<>();
        accounts.forEach(a -> byId.put(a.path("accountId").asString(), a));
        return byId;
    }

    private static void assertIntegrity(ApiClient api) {
        JsonNode report =
                api.get("/api/v1/admin/integrity", ADMIN).assertStatus(200).json();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
    }

    /** Rows in (after, rollback): all must be reverted; returns how many there are. */
    private long revertedRows(long after, long rollback) throws SQLException {
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FILTER (WHERE reverted), count(*) FILTER (WHERE NOT reverted) FROM journal"
                                + " WHERE sequence > " + after + " AND sequence < " + rollback)) {
            rs.next();
            assertThat(rs.getLong(2))
                    .as("nothing between the snapshot and the RollBack command stands")
                    .isZero();
            return rs.getLong(1);
        }
    }
}
