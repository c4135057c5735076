package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /api/v1/admin/accounts/{accountId}/deposits}: exact, bounded, idempotent by reference. */
class DepositTests extends HttpApiTestBase {

    private ApiClient.Response postDeposit(String accountId, String body) {
        return api.post("/api/v1/admin/accounts/" + accountId + "/deposits", ADMIN_KEY, body);
    }

    @Test
    void creditsTheAccount() {
        Trader trader = newTrader();
        String reference = reference();
        ApiClient.Response response = postDeposit(
                        trader.accountId(), "{\"amount\":\"1500.25\",\"reference\":\"" + reference + "\"}")
                .assertStatus(201);
        assertThat(response.text("accountId")).isEqualTo(trader.accountId());
        assertThat(response.text("amount")).isEqualTo("1500.25");
        assertThat(response.text("reference")).isEqualTo(reference);
        assertThat(response.text("balance")).isEqualTo("1500.25");
        assertThat(response.get("sequence").asLong()).isPositive();
        assertBalance(trader, "1500.25");

        ApiClient.Response second = postDeposit(
                        trader.accountId(), "{\"amount\":0.75,\"reference\":\"" + reference() + "\"}")
                .assertStatus(201);
        assertThat(second.text("balance")).isEqualTo("1501");
        assertThat(second.get("sequence").asLong())
                .isGreaterThan(response.get("sequence").asLong());
    }

    @Test
    void acceptsTheSmallestAndLargestAmounts() {
        Trader trader = newTrader();
        postDeposit(trader.accountId(), "{\"amount\":\"0.000001\",\"reference\":\"" + reference() + "\"}")
                .assertStatus(201);
        postDeposit(trader.accountId(), "{\"amount\":\"1000000000000000\",\"reference\":\"" + reference() + "\"}")
                .assertStatus(201);
        assertBalance(trader, "1000000000000000.000001");
    }

    @Test
    void aRepeatWithTheSameBodyAnswersTheOriginal() {
        Trader trader = newTrader();
        String body = "{\"amount\":\"100\",\"reference\":\"" + reference() + "\"}";
        ApiClient.Response first = postDeposit(trader.accountId(), body).assertStatus(201);
        postDeposit(trader.accountId(), "{\"amount\":\"5\",\"reference\":\"" + reference() + "\"}")
                .assertStatus(201);
        ApiClient.Response repeat = postDeposit(trader.accountId(), body).assertStatus(200);
        assertThat(repeat.json()).isEqualTo(first.json());
        assertBalance(trader, "105");
    }

    @Test
    void theSameReferenceForAnotherDepositIs409() {
        Trader trader = newTrader();
        Trader other = newTrader();
        String reference = reference();
        postDeposit(trader.accountId(), "{\"amount\":\"100\",\"reference\":\"" + reference + "\"}")
                .assertStatus(201);
        postDeposit(trader.accountId(), "{\"amount\":\"101\",\"reference\":\"" + reference + "\"}")
                .assertProblem(409, "DUPLICATE_DEPOSIT_REFERENCE");
        postDeposit(other.accountId(), "{\"amount\":\"100\",\"reference\":\"" + reference + "\"}")
                .assertProblem(409, "DUPLICATE_DEPOSIT_REFERENCE");
        assertBalance(trader, "100");
        assertBalance(other, "0");
    }

    @Test
    void unknownAccountIs404() {
        postDeposit("999999999", "{\"amount\":\"1\",\"reference\":\"" + reference() + "\"}")
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
        postDeposit("FEES", "{\"amount\":\"1\",\"reference\":\"" + reference() + "\"}")
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
        postDeposit("EXTERNAL", "{\"amount\":\"1\",\"reference\":\"" + reference() + "\"}")
                .assertProblem(404, "ACCOUNT_NOT_FOUND");
    }

    @Test
    void fundsTheLiquidatorVault() {
        String before = api.get("/api/v1/admin/vault", ADMIN_KEY).text("balance");
        ApiClient.Response response = postDeposit(
                        "LIQUIDATOR_VAULT", "{\"amount\":\"650000\",\"reference\":\"" + reference() + "\"}")
                .assertStatus(201);
        assertThat(response.text("accountId")).isEqualTo("LIQUIDATOR_VAULT");
        assertThat(new java.math.BigDecimal(
                        api.get("/api/v1/admin/vault", ADMIN_KEY).text("balance")))
                .isEqualByComparingTo(new java.math.BigDecimal(before).add(new java.math.BigDecimal("650000")));
    }

    static Stream<String> badAmounts() {
        return BadInput.amounts();
    }

    @ParameterizedTest(name = "amount {0}")
    @MethodSource("badAmounts")
    void refusesBadAmountsAndChangesNothing(String amount) {
        Trader trader = newFundedTrader("10");
        postDeposit(trader.accountId(), "{\"amount\":" + amount + ",\"reference\":\"" + reference() + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "10");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(
            strings = {
                "{\"reference\":\"r-1\"}",
                "{\"amount\":\"1\"}",
                "{\"amount\":\"1\",\"reference\":\"\"}",
                "{\"amount\":\"1\",\"reference\":\"has space\"}",
                "{\"amount\":\"1\",\"reference\":\"ünïcode\"}",
                "{\"amount\":\"1\",\"reference\":\"a/b\"}",
                "{\"amount\":\"1\",\"reference\":12345}",
                "{\"amount\":\"1\",\"reference\":\"r-2\",\"currency\":\"USD\"}",
                "{\"amount\":\"1\",\"reference\":\"r-3\",\"amount\":\"2\"}",
                "{}",
                "[]",
                "\"1\"",
                "amount=1&reference=r",
                ""
            })
    void refusesMalformedBodiesAndChangesNothing(String body) {
        Trader trader = newFundedTrader("10");
        postDeposit(trader.accountId(), body).assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "10");
    }

    @Test
    void refusesReferencesOver64Characters() {
        Trader trader = newFundedTrader("10");
        postDeposit(trader.accountId(), "{\"amount\":\"1\",\"reference\":\"" + "r".repeat(65) + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        postDeposit(
                        trader.accountId(),
                        "{\"amount\":\"1\",\"reference\":\"" + "r".repeat(32) + "."
                                + reference().substring(4, 35) + "\"}")
                .assertStatus(201);
        assertBalance(trader, "11");
    }

    @Test
    void refusesAHugeBodyAndChangesNothing() {
        Trader trader = newFundedTrader("10");
        String body =
                "{\"amount\":\"1\",\"reference\":\"" + reference() + "\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        postDeposit(trader.accountId(), body).assertProblem(413, "PAYLOAD_TOO_LARGE");
        assertBalance(trader, "10");
    }

    @Test
    void refusesNonJsonContentAndChangesNothing() {
        Trader trader = newFundedTrader("10");
        api.send(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/deposits",
                        ADMIN_KEY,
                        "POST",
                        "text/plain",
                        "{\"amount\":\"1\",\"reference\":\"" + reference() + "\"}")
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        assertBalance(trader, "10");
    }
}
