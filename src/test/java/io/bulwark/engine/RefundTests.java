package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.command.PayRefunds.Refund;
import io.bulwark.engine.event.IncidentRefunded;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.ledger.TransferKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Incident refunds: from the vault, all or nothing, exactly once, remembered across a snapshot. */
class RefundTests {
    private final EngineFixture floor = new EngineFixture();
    private final EngineFixture.Trader alice = floor.trader("alice");
    private final EngineFixture.Trader bob = floor.trader("bob");

    private void fundVault(String amount) {
        floor.applied(new Deposit(Ledger.LIQUIDATOR_VAULT, new BigDecimal(amount), "vault-" + amount));
    }

    private static PayRefunds incident(String id, String aliceId, String aliceAmount, String bobId, String bobAmount) {
        return new PayRefunds(
                id,
                List.of(new Refund(aliceId, new BigDecimal(aliceAmount)), new Refund(bobId, new BigDecimal(bobAmount))),
                "admin");
    }

    @Test
    void paysEachAccountFromTheVaultOnceAndAnswersARepeatWithTheFirstPayment() {
        fundVault("1000");
        Outcome.Applied paid = floor.applied(incident("7", alice.accountId, "100.5", bob.accountId, "0.000001"));

        assertThat(paid.events())
                .filteredOn(Transferred.class::isInstance)
                .hasSize(2)
                .allSatisfy(e -> {
                    Transferred t = (Transferred) e;
                    assertThat(t.from()).isEqualTo(Ledger.LIQUIDATOR_VAULT);
                    assertThat(t.kind()).isEqualTo(TransferKind.REFUND);
                    assertThat(t.reference()).isEqualTo("refund:7");
                });
        assertThat(paid.events()).filteredOn(RefundPaid.class::isInstance).hasSize(2);
        assertThat(paid.events().getLast())
                .isEqualTo(new IncidentRefunded("7", new BigDecimal("100.500001"), 2, "admin"));
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("899.499999");
        assertThat(alice.balance()).isEqualByComparingTo("100.5");

        Outcome repeat = floor.apply(incident("7", alice.accountId, "100.5", bob.accountId, "0.000001"));
        assertThat(repeat)
                .isEqualTo(new Outcome.AlreadyApplied(
                        "incident 7 was refunded at sequence " + paid.sequence(), Long.toString(paid.sequence())));
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("899.499999");
        assertThat(floor.engine.integrityProblems()).isEmpty();
    }

    @Test
    void aVaultThatCannotCoverTheTotalPaysNothing() {
        fundVault("100");
        String before = floor.engine.stateHash();

        Rejection refused = floor.rejected(incident("8", alice.accountId, "60", bob.accountId, "40.000001"));

        assertThat(refused.code()).isEqualTo(Rejection.Code.VAULT_INSUFFICIENT);
        assertThat(floor.engine.stateHash()).isEqualTo(before);
        floor.applied(incident("8", alice.accountId, "60", bob.accountId, "40"));
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("0");
    }

    @Test
    void refusesUnknownAccountsBadAmountsAndAccountsListedTwice() {
        fundVault("100");
        assertThat(floor.rejected(incident("9", alice.accountId, "1", "999", "1"))
                        .code())
                .isEqualTo(Rejection.Code.UNKNOWN_ACCOUNT);
        assertThat(floor.rejected(incident("9", alice.accountId, "1", bob.accountId, "0"))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.rejected(incident("9", alice.accountId, "1", bob.accountId, "0.0000001"))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.rejected(incident("9", alice.accountId, "1", alice.accountId, "1"))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("100");
    }

    @Test
    void aRestoredEngineRemembersWhichIncidentsItPaid() {
        fundVault("100");
        Outcome.Applied paid = floor.applied(incident("10", alice.accountId, "1", bob.accountId, "2"));

        Engine restored = Engine.restore(floor.engine.serialize());

        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.apply(incident("10", alice.accountId, "1", bob.accountId, "2"), floor.now + 1000))
                .isInstanceOfSatisfying(
                        Outcome.AlreadyApplied.class,
                        a -> assertThat(a.id()).isEqualTo(Long.toString(paid.sequence())));
        assertThat(restored.apply(incident("11", alice.accountId, "1", bob.accountId, "2"), floor.now + 2000))
                .isInstanceOf(Outcome.Applied.class);
    }
}
