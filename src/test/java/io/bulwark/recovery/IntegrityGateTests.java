package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 9: the integrity checks run at start (a failure keeps the exchange CLOSED, journaled as
 * {@code system:integrity}) and before leaving CLOSED (refused, naming the failing check, unless forced).
 */
class IntegrityGateTests {
    private static final String ADMIN_KEY = "bwk_integrity_admin_key_000000000000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private static final String MARKET = "IG-USD-PERP";

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private static String postOnly(boolean force) {
        return "{\"state\":\"POST_ONLY\",\"reason\":\"reopening\",\"force\":" + force + "}";
    }

    @Test
    void aReadModelThatDisagreesAtStartKeepsTheExchangeClosedUntilItIsRepaired() throws SQLException {
        Exchange first = instances.startWriter("first", MARKET);
        first.trader("alice", "1000");
        instances.stopLatest();
        instances.update("UPDATE balances SET balance = balance + 1 WHERE balance = 1000");

        Exchange second = instances.startWriter("second", MARKET);
        var status = second.status();
        assertThat(status.path("recovery").path("verified").asBoolean())
                .as("the journal itself is fine")
                .isTrue();
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        assertThat(status.path("reason").asString())
                .startsWith("integrity checks failed at start: read-models:")
                .contains("table 1001");
        var integrity = second.api().get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200);
        assertThat(integrity.get("ok").asBoolean()).isFalse();

        second.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, postOnly(false))
                .assertProblem(409, "INVALID_TRANSITION");
        assertThat(second.api()
                        .put("/api/v1/admin/exchange/state", ADMIN_KEY, postOnly(false))
                        .text("detail"))
                .contains("read-models");
        assertThat(second.status().path("state").asString()).isEqualTo("CLOSED");

        instances.update("UPDATE balances SET balance = balance - 1 WHERE balance = 1001");
        second.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, postOnly(false))
                .assertStatus(200);
        assertThat(second.status().path("state").asString()).isEqualTo("POST_ONLY");
    }

    @Test
    void aForcedReopeningSkipsTheChecksAndIsRecordedAsForced() throws SQLException {
        Exchange first = instances.startWriter("first", MARKET);
        first.trader("bob", "500");
        first.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"ops\"}")
                .assertStatus(200);
        instances.update("UPDATE balances SET balance = balance + 1 WHERE balance = 500");
        first.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, postOnly(false))
                .assertProblem(409, "INVALID_TRANSITION");
        first.api()
                .put("/api/v1/admin/exchange/state", ADMIN_KEY, postOnly(true))
                .assertStatus(200);
        assertThat(first.status().path("state").asString()).isEqualTo("POST_ONLY");
    }
}
