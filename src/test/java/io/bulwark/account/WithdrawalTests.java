package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.EngineGateway;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/v1/withdrawals}: up to free collateral, never while CLOSED, idempotent by the
 * account's own {@code reference} (SPEC section 10 v2).
 */
class WithdrawalTests extends HttpApiTestBase {

    @Autowired
    EngineGateway gateway;

    private ApiClient.Response withdraw(Trader trader, String body) {
        return api.post("/api/v1/withdrawals", trader.apiKey(), body);
    }

    private ApiClient.Response withdraw(Trader trader, String amount, String reference) {
        return withdraw(trader, "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
    }

    @Test
    void paysOutFromTheCallersAccount() {
        Trader trader = newFundedTrader("100");
        ApiClient.Response response = withdraw(trader, "30.5", "payout-1").assertStatus(201);
        assertThat(response.text("withdrawalId")).isNotBlank();
        assertThat(response.text("accountId")).isEqualTo(trader.accountId());
        assertThat(response.text("reference")).isEqualTo("payout-1");
        assertThat(response.text("amount")).isEqualTo("30.5");
        assertThat(response.text("balance")).isEqualTo("69.5");
        assertThat(response.get("sequence").asLong()).isPositive();
        assertThat(response.text("time")).endsWith("Z");
        assertBalance(trader, "69.5");
        withdraw(trader, "{\"amount\":69.5,\"reference\":\"payout-2\"}").assertStatus(201);
        assertBalance(trader, "0");
    }

    /**
     * The attack of issue 11 item 4: the same request sent twice (a retry after a timeout or a 503)
     * paid twice. Now the repeat answers 200 with the original and pays nothing.
     */
    @Test
    void aRepeatedRequestIsPaidOnceAndAnswersTheOriginal() {
        Trader trader = newFundedTrader("100");
        ApiClient.Response first = withdraw(trader, "30", "payout-1").assertStatus(201);

        ApiClient.Response repeat = withdraw(trader, "30.000", "payout-1").assertStatus(200);

        assertBalance(trader, "70");
        for (String field : List.of("withdrawalId", "accountId", "reference", "amount", "balance", "time")) {
            assertThat(repeat.text(field)).as(field).isEqualTo(first.text(field));
        }
        assertThat(repeat.get("sequence").asLong())
                .isEqualTo(first.get("sequence").asLong());
    }

    /**
     * The request that answered 503 after the reply timeout but was applied anyway: here the engine
     * applies it without any HTTP caller hearing of it, and the client's retry is answered with it.
     */
    @Test
    void aWithdrawalAppliedAfterTheClientGaveUpIsNotPaidAgainByItsRetry() {
        Trader trader = newFundedTrader("100");
        Outcome unseen =
                gateway.submit(new Withdraw(trader.accountId(), new BigDecimal("30"), "payout-1"), trader.keyId());
        assertThat(unseen).isInstanceOf(Outcome.Applied.class);
        long sequence = ((Outcome.Applied) unseen).sequence();

        ApiClient.Response retry = withdraw(trader, "30", "payout-1").assertStatus(200);

        assertThat(retry.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(retry.text("withdrawalId")).isEqualTo("W" + sequence);
        assertThat(retry.text("balance")).isEqualTo("70");
        assertBalance(trader, "70");
    }

    @Test
    void concurrentIdenticalRequestsArePaidOnce() {
        Trader trader = newFundedTrader("100");
        int copies = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<ApiClient.Response> answers;
        try (ExecutorService clients = Executors.newFixedThreadPool(copies)) {
            List<Future<ApiClient.Response>> sent = IntStream.range(0, copies)
                    .mapToObj(i -> clients.submit(() -> {
                        start.await();
                        return withdraw(trader, "30", "payout-1");
                    }))
                    .toList();
            start.countDown();
            answers = sent.stream().map(WithdrawalTests::answer).toList();
        }

        assertThat(answers).extracting(ApiClient.Response::status).containsOnly(200, 201);
        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers)
                .extracting(r -> r.text("withdrawalId"))
                .containsOnly(answers.getFirst().text("withdrawalId"));
        assertBalance(trader, "70");
    }

    private static ApiClient.Response answer(Future<ApiClient.Response> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Test
    void aReferenceReusedWithAnotherAmountIs409AndPaysNothing() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "30", "payout-1").assertStatus(201);

        withdraw(trader, "31", "payout-1").assertProblem(409, "DUPLICATE_REFERENCE");
        withdraw(trader, "70", "payout-1").assertProblem(409, "DUPLICATE_REFERENCE");
        assertBalance(trader, "70");
    }

    /** Each account has its own references; a repeat never reveals another account's withdrawal. */
    @Test
    void theSameReferenceFromTwoAccountsPaysEachAndLeaksNothing() {
        Trader alice = newFundedTrader("100");
        Trader mallory = newFundedTrader("100");
        ApiClient.Response alices = withdraw(alice, "30", "payout-1").assertStatus(201);

        ApiClient.Response mallorys = withdraw(mallory, "30", "payout-1").assertStatus(201);
        assertThat(mallorys.text("withdrawalId")).isNotEqualTo(alices.text("withdrawalId"));
        assertThat(mallorys.text("accountId")).isEqualTo(mallory.accountId());
        assertThat(mallorys.text("balance")).isEqualTo("70");
        ApiClient.Response mallorysRepeat = withdraw(mallory, "30", "payout-1").assertStatus(200);
        assertThat(mallorysRepeat.text("withdrawalId")).isEqualTo(mallorys.text("withdrawalId"));
        withdraw(mallory, "29", "payout-1").assertProblem(409, "DUPLICATE_REFERENCE");

        assertBalance(alice, "70");
        assertBalance(mallory, "70");
    }

    @Test
    void aReferenceIsRequired() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "{\"amount\":\"1\"}").assertProblem(400, "VALIDATION_FAILED");
        withdraw(trader, "{\"amount\":\"1\",\"reference\":null}").assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "100");
    }

    static Stream<String> badReferences() {
        return Stream.of(
                "\"\"",
                "\"a b\"",
                "\"x/y\"",
                "\"pay\\u00fcut\"",
                "\"payout-1\\n\"",
                "\"" + "x".repeat(65) + "\"",
                "\"%\"",
                "1",
                "[\"payout-1\"]",
                "{}");
    }

    @ParameterizedTest(name = "reference {0}")
    @MethodSource("badReferences")
    void refusesBadReferencesAndChangesNothing(String reference) {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "{\"amount\":\"1\",\"reference\":" + reference + "}").assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "100");
    }

    @Test
    void aReferenceOf64AllowedCharactersIsAccepted() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "1", "Az09_.:-".repeat(8)).assertStatus(201);
        withdraw(trader, "1", "Az09_.:-".repeat(8)).assertStatus(200);
        assertBalance(trader, "99");
    }

    @Test
    void moreThanFreeCollateralIs422AndDoesNotBurnTheReference() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "100.000001", "payout-1").assertProblem(422, "INSUFFICIENT_MARGIN");
        assertBalance(trader, "100");
        deposit(trader.accountId(), "1");
        withdraw(trader, "100.000001", "payout-1").assertStatus(201);
        assertBalance(trader, "0.999999");
        Trader empty = newTrader();
        withdraw(empty, "1", "payout-1").assertProblem(422, "INSUFFICIENT_MARGIN");
    }

    @Test
    void whileTheExchangeIsClosedIs409AndDoesNotBurnTheReference() {
        Trader trader = newFundedTrader("100");
        withdraw(trader, "5", "paid-before").assertStatus(201);
        change(TradingState.CLOSED);
        try {
            withdraw(trader, "1", "payout-1").assertProblem(409, "WITHDRAWALS_PAUSED");
            withdraw(trader, "5", "paid-before").assertStatus(200); // a retry of a paid one is still answered
            assertThat(api.get("/api/v1/system/status", null).text("state")).isEqualTo("CLOSED");
        } finally {
            change(TradingState.OPEN);
        }
        assertBalance(trader, "95");
        withdraw(trader, "1", "payout-1").assertStatus(201);
        assertBalance(trader, "94");
    }

    private void change(TradingState state) {
        Outcome outcome = gateway.submit(
                new ChangeTradingState(ChangeTradingState.EXCHANGE, state, "withdrawal test", "test", true), "test");
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void onlyTradersWithdraw() {
        String body = "{\"amount\":\"1\",\"reference\":\"payout-1\"}";
        api.post("/api/v1/withdrawals", ADMIN_KEY, body).assertProblem(403, "FORBIDDEN");
        api.post("/api/v1/withdrawals", null, body).assertProblem(401, "UNAUTHENTICATED");
    }

    static Stream<String> badAmounts() {
        return BadInput.amounts();
    }

    @ParameterizedTest(name = "amount {0}")
    @MethodSource("badAmounts")
    void refusesBadAmountsAndChangesNothing(String amount) {
        Trader trader = newFundedTrader("10");
        withdraw(trader, "{\"amount\":" + amount + ",\"reference\":\"payout-1\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertBalance(trader, "10");
        withdraw(trader, "1", "payout-1").assertStatus(201); // the reference was not used up
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(
            strings = {
                "{}",
                "{\"amount\":\"1\",\"reference\":\"r-1\",\"accountId\":\"1\"}",
                "{\"amount\":\"1\",\"reference\":\"r-1\",\"to\":\"elsewhere\"}",
                "{\"amount\":\"1\",\"reference\":\"r-1\",\"reference\":\"r-2\"}",
                "{\"amount\":\"1\",\"reference\":\"r-1\"",
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
        withdraw(trader, "{\"amount\":\"1\",\"reference\":\"r-1\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}")
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        api.send("/api/v1/withdrawals", trader.apiKey(), "POST", "application/xml", "<amount>1</amount>")
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        assertBalance(trader, "10");
    }
}
