package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Outcome;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/v1/withdrawals}: up to free collateral, never while CLOSED. */
class WithdrawalTests extends HttpApiTestBase {

    @Autowired
    EngineGateway gateway;

    private ApiClient.Response withdraw(Trader trader, String body) {
        return api.post("/api/v1/withdrawals", trader.apiKey(), body);
    }

    @Test
    void paysOutFromTheCallersAccount() {
        Trader trader = newFundedTrader("100");
        ApiClient.Response response = withdraw(trader, "{\"amount\":\"30.5\"}").assertStatus(201);
        assertThat(response.text("withdrawalId")).isNotBlank();
        assertThat(response.text("amount")).isEqualTo("30.5");
        assertThat(response.text("balance")).isEqualTo("69.5");
        assertThat(response.get("sequence").asLong()).isPositive();
        assertBalance(trader, "69.5");
        withdraw(trader, "{\"amount\":69.5}").assertStatus(201);
        assertBalance(trader, "0");
    }

    @Test
    void moreThanFreeCollateralIs422() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "{\"amount\":\"100.000001\"}").assertProblem(422, "INSUFFICIENT_MARGIN");
        assertBalance(trader, "100");
        Trader empty = newTrader();
        withdraw(empty, "{\"amount\":\"1\"}").assertProblem(422, "INSUFFICIENT_MARGIN");
    }

    @Test
    void whileTheExchangeIsClosedIs409() {
        Trader trader = newFundedTrader("100");
        change(TradingState.CLOSED);
        try {
            withdraw(trader, "{\"amount\":\"1\"}").assertProblem(409, "WITHDRAWALS_PAUSED");
            assertThat(api.get("/api/v1/system/status", null).text("state")).isEqualTo("CLOSED");
        } finally {
            change(TradingState.OPEN);
        }
        assertBalance(trader, "100");
        withdraw(trader, "{\"amount\":\"1\"}").assertStatus(201);
    }

    private void change(TradingState state) {
        Outcome outcome = gateway.submit(
                new ChangeTradingState(ChangeTradingState.EXCHANGE, state, "withdrawal test", "test", true), "test");
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void onlyTradersWithdraw() {
        api.post("/api/v1/withdrawals", ADMIN_KEY, "{\"amount\":\"1\"}").assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/withdrawals", null, "{\"amount\":\"1\"}").assertProblem(401, "UNAUTHENTICATED");
    }

    static Stream<String> badAmounts() {
        return BadInput.amounts();
    }

    @ParameterizedTest(name = "amount {0}")
    @MethodSource("badAmounts")
    void refusesBadAmountsAndChangesNothing(String amount) {
        Trader trader = newFundedTrader("10");
        withdraw(trader, "{\"amount\":" + amount + "}").assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "10");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(
            strings = {
                "{}",
                "{\"amount\":\"1\",\"accountId\":\"1\"}",
                "{\"amount\":\"1\",\"to\":\"elsewhere\"}",
                "{\"amount\":\"1\"",
                "[\"1\"]",
                "1",
                "nonsense",
                ""
            })
    void refusesMalformedBodiesAndChangesNothing(String body) {
        Trader trader = newFundedTrader("10");
        withdraw(trader, body).assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "10");
    }

    @Test
    void refusesHugeAndNonJsonBodiesAndChangesNothing() {
        Trader trader = newFundedTrader("10");
        withdraw(trader, "{\"amount\":\"1\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}")
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        api.send("/api/v1/withdrawals", trader.apiKey(), "POST", "application/xml", "<amount>1</amount>")
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        assertBalance(trader, "10");
    }
}
