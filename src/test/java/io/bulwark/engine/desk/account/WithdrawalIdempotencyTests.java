package io.bulwark.engine.desk.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.account.WithdrawalReferences;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Withdrawals by reference (SPEC section 10 v2): a repeat pays nothing, in the engine, so a retry after
 * a request that timed out at the API but was applied anyway is safe.
 */
class WithdrawalIdempotencyTests {
    private final TradingFloor exchange = TradingFloor.empty();
    private final TradingFloor.Trader alice = funded("alice", "100");

    private TradingFloor.Trader funded(String name, String amount) {
        TradingFloor.Trader trader = exchange.trader(name);
        trader.deposits(amount, "dep-" + name);
        return trader;
    }

    private static String withdrawalId(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return ((Outcome.Applied) outcome)
                .events().stream()
                        .filter(Transferred.class::isInstance)
                        .map(e -> ((Transferred) e).reference())
                        .findFirst()
                        .orElseThrow();
    }

    private static Code code(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }

    @Test
    void theSameWithdrawalAppliedTwiceIsPaidOnce() {
        // The API timed out (503) but the engine applied it; the client retries the same request.
        Withdraw request = new Withdraw(alice.accountId, new BigDecimal("30"), "payout-1");
        String first = withdrawalId(exchange.apply(request));
        long sequence = exchange.engine.lastSequence();
        String hash = exchange.engine.stateHash();

        Outcome retry = exchange.apply(request);

        assertThat(retry).isEqualTo(new Outcome.AlreadyApplied("withdrawal payout-1 already paid", first));
        assertThat(alice.balance()).isEqualByComparingTo("70");
        assertThat(exchange.engine.balance(Ledger.EXTERNAL)).isEqualByComparingTo("-70"); // 100 in, 30 out
        assertThat(exchange.engine.lastSequence()).isEqualTo(sequence);
        assertThat(exchange.engine.stateHash()).isEqualTo(hash);
        assertThat(alice.withdraws("30.000000", "payout-1")).isInstanceOf(Outcome.AlreadyApplied.class);
    }

    @Test
    void aReferenceReusedWithAnotherAmountIsRefusedAndPaysNothing() {
        alice.withdraws("30", "payout-1");
        String hash = exchange.engine.stateHash();

        assertThat(code(alice.withdraws("31", "payout-1"))).isEqualTo(Code.DUPLICATE_REFERENCE);
        assertThat(code(alice.withdraws("29.999999", "payout-1"))).isEqualTo(Code.DUPLICATE_REFERENCE);
        assertThat(alice.balance()).isEqualByComparingTo("70");
        assertThat(exchange.engine.stateHash()).isEqualTo(hash);
    }

    @Test
    void eachAccountHasItsOwnReferences() {
        TradingFloor.Trader bob = funded("bob", "100");
        String alices = withdrawalId(alice.withdraws("30", "payout-1"));
        String bobs = withdrawalId(bob.withdraws("40", "payout-1"));

        assertThat(bobs).isNotEqualTo(alices);
        assertThat(bob.balance()).isEqualByComparingTo("60");
        // A repeat names the caller's own withdrawal, never the other account's.
        assertThat(((Outcome.AlreadyApplied) bob.withdraws("40", "payout-1")).id())
                .isEqualTo(bobs);
        assertThat(code(bob.withdraws("30", "payout-1"))).isEqualTo(Code.DUPLICATE_REFERENCE);
        assertThat(alice.balance()).isEqualByComparingTo("70");
    }

    @Test
    void aPausedWithdrawalDoesNotBurnItsReference() {
        exchange.applied(new ChangeTradingState("", TradingState.CLOSED, "maintenance", "admin", false));
        assertThat(code(alice.withdraws("30", "payout-1"))).isEqualTo(Code.WITHDRAWALS_PAUSED);
        exchange.applied(new ChangeTradingState("", TradingState.OPEN, "reopen", "admin", true));

        withdrawalId(alice.withdraws("30", "payout-1"));
        assertThat(alice.balance()).isEqualByComparingTo("70");
    }

    @Test
    void aRepeatWhileClosedStillAnswersTheOriginal() {
        String first = withdrawalId(alice.withdraws("30", "payout-1"));
        exchange.applied(new ChangeTradingState("", TradingState.CLOSED, "maintenance", "admin", false));

        assertThat(((Outcome.AlreadyApplied) alice.withdraws("30", "payout-1")).id())
                .isEqualTo(first);
        assertThat(code(alice.withdraws("1", "payout-2"))).isEqualTo(Code.WITHDRAWALS_PAUSED);
    }

    @Test
    void aWithdrawalRefusedForMarginDoesNotBurnItsReference() {
        assertThat(code(alice.withdraws("150", "payout-1"))).isEqualTo(Code.INSUFFICIENT_MARGIN);
        exchange.applied(new Deposit(alice.accountId, new BigDecimal("50"), "dep-more"));

        withdrawalId(alice.withdraws("150", "payout-1"));
        assertThat(alice.balance()).isZero();
    }

    @ParameterizedTest(name = "reference \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "a b",
                "x/y",
                "ü",
                "payout-1\n",
                "0123456789012345678901234567890123456789012345678901234567890123x"
            })
    void malformedReferencesAreRefusedAndChangeNothing(String reference) {
        String hash = exchange.engine.stateHash();
        assertThat(code(alice.withdraws("1", reference))).isEqualTo(Code.VALIDATION_FAILED);
        assertThat(exchange.engine.stateHash()).isEqualTo(hash);
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"0", "-1", "0.0000001", "-0.000001"})
    void badAmountsAreRefusedAndDoNotBurnTheReference(String amount) {
        assertThat(code(alice.withdraws(amount, "payout-1"))).isEqualTo(Code.VALIDATION_FAILED);
        withdrawalId(alice.withdraws("1", "payout-1"));
    }

    @Test
    void aReferenceOf64AllowedCharactersIsAccepted() {
        String reference = "Az09_.:-".repeat(8);
        withdrawalId(alice.withdraws("1", reference));
        assertThat(alice.withdraws("1", reference)).isInstanceOf(Outcome.AlreadyApplied.class);
    }

    @Test
    void withoutAReferenceAsInJournalsBeforeReferencesEveryWithdrawalPays() {
        Withdraw old = new Withdraw(alice.accountId, new BigDecimal("10"), null);
        withdrawalId(exchange.apply(old));
        withdrawalId(exchange.apply(old));
        assertThat(alice.balance()).isEqualByComparingTo("80");
    }

    @Test
    void referencesSurviveASnapshotAndAreForgottenAfterRetention() {
        String first = withdrawalId(alice.withdraws("10", "payout-1"));
        Engine restored = Engine.restore(exchange.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(exchange.engine.stateHash());

        Withdraw repeat = new Withdraw(alice.accountId, new BigDecimal("10"), "payout-1");
        assertThat(((Outcome.AlreadyApplied) restored.apply(repeat, exchange.now + 1000)).id())
                .isEqualTo(first);
        long later = exchange.now + WithdrawalReferences.RETENTION_MILLIS;
        assertThat(restored.apply(repeat, later)).isInstanceOf(Outcome.Applied.class);
        assertThat(restored.balance(alice.accountId)).isEqualByComparingTo("80");
    }

    @Test
    void anAccountHasABoundedNumberOfRememberedReferences() {
        for (int i = 0; i < WithdrawalReferences.MAX_PER_ACCOUNT; i++) {
            withdrawalId(alice.withdraws("0.000001", "p-" + i));
        }
        String hash = exchange.engine.stateHash();
        int remembering = exchange.engine.serialize().length;

        assertThat(code(alice.withdraws("0.000001", "one-more"))).isEqualTo(Code.TOO_MANY_WITHDRAWALS);
        assertThat(alice.withdraws("0.000001", "p-0"))
                .as("a repeat is still recognised")
                .isInstanceOf(Outcome.AlreadyApplied.class);
        assertThat(exchange.engine.stateHash()).isEqualTo(hash);
        TradingFloor.Trader bob = funded("bob", "1");
        withdrawalId(bob.withdraws("0.000001", "one-more"));

        exchange.now += WithdrawalReferences.RETENTION_MILLIS;
        withdrawalId(alice.withdraws("0.000001", "one-more"));
        assertThat(exchange.engine.serialize().length)
                .as("the expired references are forgotten: the state does not grow with every withdrawal")
                .isLessThan(remembering - WithdrawalReferences.MAX_PER_ACCOUNT * 20);
    }
}
