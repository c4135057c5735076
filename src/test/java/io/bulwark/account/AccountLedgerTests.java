package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/account} (engine state) and {@code GET /api/v1/account/ledger} (read model). */
class AccountLedgerTests extends HttpApiTestBase {

    @Test
    void accountShowsTheMarginPicture() {
        Trader trader = newFundedTrader("1234.5");
        ApiClient.Response account = api.get("/api/v1/account", trader.apiKey()).assertStatus(200);
        assertThat(account.text("accountId")).isEqualTo(trader.accountId());
        assertThat(account.text("balance")).isEqualTo("1234.5");
        assertThat(account.text("equity")).isEqualTo("1234.5");
        assertThat(account.text("unrealizedPnl")).isEqualTo("0");
        assertThat(account.text("initialMarginRequirement")).isEqualTo("0");
        assertThat(account.text("maintenanceMarginRequirement")).isEqualTo("0");
        assertThat(account.text("freeCollateral")).isEqualTo("1234.5");
        assertThat(account.text("marginRatio")).isEqualTo("0");
    }

    @Test
    void ledgerListsTheAccountsEntriesNewestFirst() {
        Trader trader = newTrader();
        deposit(trader.accountId(), "100");
        deposit(trader.accountId(), "50");
        api.post("/api/v1/withdrawals", trader.apiKey(), "{\"amount\":\"30\",\"reference\":\"wd-1\"}")
                .assertStatus(201);

        ApiClient.Response ledger =
                api.get("/api/v1/account/ledger", trader.apiKey()).assertStatus(200);
        List<JsonNode> entries = ledger.json().valueStream().toList();
        assertThat(entries).hasSize(3);
        assertThat(entries)
                .extracting(e -> e.path("kind").asString())
                .containsExactly("WITHDRAWAL", "DEPOSIT", "DEPOSIT");
        assertThat(entries).extracting(e -> e.path("amount").asString()).containsExactly("-30", "50", "100");
        assertThat(entries).extracting(e -> e.path("balance").asString()).containsExactly("120", "150", "100");
        JsonNode withdrawal = entries.getFirst();
        assertThat(withdrawal.path("from").asString()).isEqualTo(trader.accountId());
        assertThat(withdrawal.path("to").asString()).isEqualTo("EXTERNAL");
        assertThat(withdrawal.path("time").asString()).endsWith("Z");
        assertThat(withdrawal.path("cursor").asString()).matches("[0-9]+:[0-9]+");
        assertThat(entries.get(0).path("sequence").asLong())
                .isGreaterThan(entries.get(1).path("sequence").asLong());
    }

    @Test
    void ledgerPagesWithACursor() {
        Trader trader = newTrader();
        for (int i = 1; i <= 5; i++) {
            deposit(trader.accountId(), Integer.toString(i));
        }
        ApiClient.Response first =
                api.get("/api/v1/account/ledger?limit=2", trader.apiKey()).assertStatus(200);
        assertThat(first.json().valueStream().map(e -> e.path("amount").asString()))
                .containsExactly("5", "4");
        String cursor = first.json().get(1).path("cursor").asString();
        ApiClient.Response second = api.get("/api/v1/account/ledger?limit=2&before=" + cursor, trader.apiKey())
                .assertStatus(200);
        assertThat(second.json().valueStream().map(e -> e.path("amount").asString()))
                .containsExactly("3", "2");
        String sequenceOnly =
                Long.toString(second.json().get(1).path("sequence").asLong());
        ApiClient.Response third = api.get("/api/v1/account/ledger?before=" + sequenceOnly, trader.apiKey())
                .assertStatus(200);
        assertThat(third.json().valueStream().map(e -> e.path("amount").asString()))
                .containsExactly("1");
    }

    @Test
    void anotherAccountsEntriesAreUnreachable() {
        Trader alice = newFundedTrader("10");
        Trader bob = newFundedTrader("20");
        assertThat(api.get("/api/v1/account/ledger", alice.apiKey()).json().valueStream())
                .singleElement()
                .satisfies(e -> assertThat(e.path("to").asString()).isEqualTo(alice.accountId()));
        assertThat(api.get("/api/v1/account/ledger", bob.apiKey()).json().valueStream())
                .singleElement()
                .satisfies(e -> assertThat(e.path("to").asString()).isEqualTo(bob.accountId()));
        assertThat(api.get("/api/v1/account/ledger?account=" + bob.accountId(), alice.apiKey())
                        .json()
                        .valueStream())
                .singleElement()
                .satisfies(e -> assertThat(e.path("to").asString()).isEqualTo(alice.accountId()));
    }

    @Test
    void aNewAccountHasAnEmptyLedger() {
        Trader trader = newTrader();
        ApiClient.Response ledger =
                api.get("/api/v1/account/ledger", trader.apiKey()).assertStatus(200);
        assertThat(ledger.json().isArray()).isTrue();
        assertThat(ledger.json().size()).isZero();
    }
}
