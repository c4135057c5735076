package io.bulwark.engine.desk.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.command.PayRefunds.Item;
import io.bulwark.engine.command.PayRefunds.Kind;
import io.bulwark.engine.command.PayRefunds.Refund;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.event.IncidentRefunded;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.RefundItemSkipped;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incident refunds: from the vault, all or nothing, exactly once, remembered across a snapshot; each loss
 * refunded once across incidents (SPEC section 9, v2).
 */
class RefundTests {
    private final TradingFloor floor = TradingFloor.empty();
    private final TradingFloor.Trader alice = floor.trader("alice");
    private final TradingFloor.Trader bob = floor.trader("bob");

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

    // ---- once per item, across incidents (v2) -------------------------------------------------

    private static Item liquidation(long sequence, String market, String amount) {
        return new Item(Kind.LIQUIDATION, sequence, market, new BigDecimal(amount));
    }

    private static Refund refund(TradingFloor.Trader trader, Item... items) {
        BigDecimal amount = List.of(items).stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Refund(trader.accountId, amount, List.of(items));
    }

    private static PayRefunds incident(String id, Refund... refunds) {
        return new PayRefunds(id, List.of(refunds), "admin");
    }

    @Test
    void aSecondIncidentOverTheSameLossPaysNothingAndNamesTheFirst() {
        fundVault("10000");
        Item daveLoss = liquidation(1, "BTC-USD-PERP", "2567.5");
        // Both audits were made before either was paid: both propose the same loss.
        PayRefunds first = incident("1", refund(alice, daveLoss));
        PayRefunds second = incident("2", refund(alice, liquidation(1, "BTC-USD-PERP", "2567.5")));

        floor.applied(first);
        Outcome.Applied again = floor.applied(second);

        assertThat(alice.balance()).isEqualByComparingTo("2567.5");
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("7432.5");
        assertThat(again.events())
                .containsExactly(
                        new RefundItemSkipped("2", alice.accountId, daveLoss, "1"),
                        new IncidentRefunded("2", new BigDecimal("0.000000"), 0, "admin"));
        String key = PaidIncidents.itemKey(Kind.LIQUIDATION, 1, alice.accountId, "BTC-USD-PERP");
        assertThat(floor.engine.refundedBy(List.of(key, "FUNDING/1/" + alice.accountId + "/BTC-USD-PERP")))
                .containsExactly(Map.entry(key, "1"));
        assertThat(floor.apply(second)).isInstanceOf(Outcome.AlreadyApplied.class);
        assertThat(floor.engine.integrityProblems()).isEmpty();
    }

    @Test
    void aPartialOverlapPaysOnlyTheLossesNotRefundedBefore() {
        fundVault("10000");
        Item shared = liquidation(1, "BTC-USD-PERP", "100");
        Item fresh = liquidation(2, "ETH-USD-PERP", "40");
        Item funding = new Item(Kind.FUNDING, 3, "BTC-USD-PERP", new BigDecimal("2.5"));
        floor.applied(incident("1", refund(alice, shared), refund(bob, funding)));

        Outcome.Applied second = floor.applied(incident(
                "2",
                refund(alice, shared, fresh),
                refund(bob, new Item(Kind.FUNDING, 3, "BTC-USD-PERP", new BigDecimal("3")))));

        assertThat(alice.balance()).isEqualByComparingTo("140");
        assertThat(bob.balance()).isEqualByComparingTo("2.5");
        assertThat(second.events())
                .contains(
                        new RefundItemSkipped("2", alice.accountId, shared, "1"),
                        new RefundPaid("2", alice.accountId, new BigDecimal("40.000000"), List.of(fresh)),
                        new RefundItemSkipped(
                                "2",
                                bob.accountId,
                                new Item(Kind.FUNDING, 3, "BTC-USD-PERP", new BigDecimal("3")),
                                "1"))
                .filteredOn(RefundPaid.class::isInstance)
                .hasSize(1);
        assertThat(second.events().getLast())
                .isEqualTo(new IncidentRefunded("2", new BigDecimal("40.000000"), 1, "admin"));
        // The same kind and sequence for another account, or another market, is another loss.
        floor.applied(incident(
                "3",
                refund(bob, liquidation(1, "BTC-USD-PERP", "1")),
                refund(alice, liquidation(1, "ETH-USD-PERP", "2"))));
        assertThat(alice.balance()).isEqualByComparingTo("142");
        assertThat(bob.balance()).isEqualByComparingTo("3.5");
    }

    @Test
    void itemsThatDoNotAddUpRepeatOrLieInTheFutureAreRefused() {
        fundVault("100");
        String before = floor.engine.stateHash();
        Item one = liquidation(1, "BTC-USD-PERP", "1");

        assertThat(floor.rejected(incident("4", new Refund(alice.accountId, new BigDecimal("2"), List.of(one))))
                        .message())
                .contains("add up to 1");
        assertThat(floor.rejected(incident("4", refund(alice, one, liquidation(1, "BTC-USD-PERP", "2"))))
                        .message())
                .contains("listed twice");
        assertThat(floor.rejected(incident("4", refund(alice, liquidation(1_000_000, "BTC-USD-PERP", "1"))))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.rejected(incident("4", refund(alice, one, liquidation(2, "BTC-USD-PERP", "0"))))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.rejected(incident("4", new Refund(alice.accountId, new BigDecimal("1"), List.of())))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.rejected(incident("4", refund(alice, new Item(null, 5, "BTC-USD-PERP", BigDecimal.ONE))))
                        .code())
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
        assertThat(floor.engine.stateHash()).isEqualTo(before);
    }

    @Test
    void theVaultCheckCountsOnlyWhatIsStillDue() {
        fundVault("150");
        Item big = liquidation(1, "BTC-USD-PERP", "100");
        floor.applied(incident("1", refund(alice, big)));

        // 100 + 60 would exceed the 50 left; only the 60 not refunded before is due: still too much.
        assertThat(floor.rejected(incident("2", refund(alice, big, liquidation(2, "BTC-USD-PERP", "60"))))
                        .code())
                .isEqualTo(Rejection.Code.VAULT_INSUFFICIENT);
        floor.applied(incident("2", refund(alice, big, liquidation(2, "BTC-USD-PERP", "50"))));
        assertThat(floor.engine.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("0");
        assertThat(alice.balance()).isEqualByComparingTo("150");
    }

    @Test
    void aRestoredEngineRemembersEveryRefundedItem() {
        fundVault("1000");
        floor.applied(incident("1", refund(alice, liquidation(1, "BTC-USD-PERP", "100"))));

        Engine restored = Engine.restore(floor.engine.serialize());

        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        Outcome second =
                restored.apply(incident("2", refund(alice, liquidation(1, "BTC-USD-PERP", "100"))), floor.now + 1000);
        assertThat(second)
                .isInstanceOfSatisfying(
                        Outcome.Applied.class,
                        a -> assertThat(a.events())
                                .filteredOn(RefundPaid.class::isInstance)
                                .isEmpty());
        assertThat(restored.balance(Ledger.LIQUIDATOR_VAULT)).isEqualByComparingTo("900");
    }

    @Test
    void aRefundWithoutItemsAsJournaledBeforeV2PaysItsAmountAndRemembersNoItem() {
        fundVault("1000");
        Outcome.Applied legacy =
                floor.applied(new PayRefunds("1", List.of(new Refund(alice.accountId, new BigDecimal("7"))), "admin"));

        assertThat(legacy.events()).contains(new RefundPaid("1", alice.accountId, new BigDecimal("7.000000")));
        floor.applied(incident("2", refund(alice, liquidation(1, "BTC-USD-PERP", "7"))));
        assertThat(alice.balance()).isEqualByComparingTo("14");
    }
}
