package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class IntegrityApiTests extends HttpApiTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyCheckPassesOnAHealthyExchangeAndAReadModelEditIsFound() {
        Trader alice = newFundedTrader("1234.5");
        var report = api.get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200);
        assertThat(report.get("ok").asBoolean()).as(report.body()).isTrue();
        assertThat(report.get("checks").valueStream().map(c -> c.path("name").asString()))
                .contains(
                        "ledger-conservation",
                        "open-interest-balance",
                        "settlement-account",
                        "prices-sane",
                        "replay-hash",
                        "read-models");

        jdbc.update("UPDATE balances SET balance = balance + 1 WHERE account = ?", alice.accountId());
        var broken = api.get("/api/v1/admin/integrity", ADMIN_KEY).assertStatus(200);
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("checks")
                        .valueStream()
                        .filter(c -> c.path("name").asString().equals("read-models"))
                        .findFirst()
                        .orElseThrow()
                        .path("detail")
                        .asString())
                .contains(alice.accountId() + ": table 1235.5");
        jdbc.update("UPDATE balances SET balance = balance - 1 WHERE account = ?", alice.accountId());
        assertThat(metrics()).contains("bulwark_integrity{check=\"replay-hash\"} 1.0");
    }

    @Test
    void onlyAdminsRunIt() {
        api.get("/api/v1/admin/integrity", newTrader().apiKey()).assertProblem(403, "FORBIDDEN");
    }
}
