package io.bulwark.engine.desk.refund;

import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.command.Rejection.Code.VAULT_INSUFFICIENT;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.IncidentRefunded;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.RefundItemSkipped;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pays incident refunds: one REFUND transfer from the liquidator vault to each account. Everything is
 * checked before anything moves, so an incident is paid entirely or not at all, and only once. A refund
 * that names its items (v2) pays only the items no paid incident refunded yet, and remembers them: two
 * incidents over the same losses, audited in any order and paid in any order, pay each loss once.
 */
public final class RefundDesk {
    private final Accounts accounts;
    private final Ledger ledger;
    private final PaidIncidents paid;

    public RefundDesk(Accounts accounts, Ledger ledger, PaidIncidents paid) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.paid = paid;
    }

    /** One account's share of a payment: what it is paid now, for which items, and which it is not. */
    private record Payable(
            PayRefunds.Refund refund, BigDecimal amount, List<PayRefunds.Item> items, List<PayRefunds.Item> skipped) {}

    public Optional<Outcome> pay(PayRefunds c, long sequence, List<Event> events) {
        if (c.incidentId().isBlank()) {
            return reject(VALIDATION_FAILED, "an incident id is required");
        }
        Optional<Long> earlier = paid.paidAt(c.incidentId());
        if (earlier.isPresent()) {
            return Optional.of(new Outcome.AlreadyApplied(
                    "incident " + c.incidentId() + " was refunded at sequence " + earlier.get(),
                    Long.toString(earlier.get())));
        }
        Optional<Outcome> invalid = validate(c, sequence);
        if (invalid.isPresent()) {
            return invalid;
        }
        List<Payable> payables = c.refunds().stream().map(this::payable).toList();
        BigDecimal total =
                payables.stream().map(Payable::amount).reduce(Decimals.usd(BigDecimal.ZERO), BigDecimal::add);
        BigDecimal vault = ledger.balance(Ledger.LIQUIDATOR_VAULT);
        if (vault.compareTo(total) < 0) {
            return reject(
                    VAULT_INSUFFICIENT,
                    "the liquidator vault holds " + Decimals.plain(vault) + ", the refunds need "
                            + Decimals.plain(total));
        }
        int accountsPaid = 0;
        for (Payable p : payables) {
            accountsPaid += transfer(c, p, events);
        }
        paid.record(c.incidentId(), sequence);
        events.add(new IncidentRefunded(c.incidentId(), total, accountsPaid, c.actor()));
        return Optional.empty();
    }

    private Optional<Outcome> validate(PayRefunds c, long sequence) {
        TreeSet<String> seen = new TreeSet<>();
        for (PayRefunds.Refund r : c.refunds()) {
            if (accounts.account(r.accountId()).isEmpty()) {
                return reject(UNKNOWN_ACCOUNT, "no account " + r.accountId());
            }
            if (!seen.add(r.accountId())) {
                return reject(VALIDATION_FAILED, "account " + r.accountId() + " is refunded twice");
            }
            if (!positiveAtLedgerScale(r.amount())) {
                return reject(VALIDATION_FAILED, "a refund must be positive at ledger scale: " + r.amount());
            }
            if (r.items() != null) {
                Optional<String> bad = badItems(r, sequence);
                if (bad.isPresent()) {
                    return reject(VALIDATION_FAILED, "refund to account " + r.accountId() + ": " + bad.get());
                }
            }
        }
        return Optional.empty();
    }

    /** Each item a distinct, earlier loss with a positive amount; together exactly the refund's amount. */
    private static Optional<String> badItems(PayRefunds.Refund r, long sequence) {
        TreeSet<String> keys = new TreeSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (PayRefunds.Item item : r.items()) {
            if (item.kind() == null || item.market() == null || item.market().isBlank() || item.amount() == null) {
                return Optional.of("an item needs a kind, a market and an amount");
            }
            if (item.sequence() < 1 || item.sequence() >= sequence) {
                return Optional.of("item sequence " + item.sequence() + " is not an earlier journal row");
            }
            if (!positiveAtLedgerScale(item.amount())) {
                return Optional.of("an item's amount must be positive at ledger scale: " + item.amount());
            }
            if (!keys.add(key(item, r.accountId()))) {
                return Optional.of("item " + key(item, r.accountId()) + " is listed twice");
            }
            sum = sum.add(item.amount());
        }
        return sum.compareTo(r.amount()) == 0
                ? Optional.empty()
                : Optional.of("the items add up to " + Decimals.plain(sum) + ", not " + Decimals.plain(r.amount()));
    }

    private Payable payable(PayRefunds.Refund r) {
        if (r.items() == null) {
            return new Payable(r, Decimals.usd(r.amount()), List.of(), List.of());
        }
        List<PayRefunds.Item> due = new ArrayList<>();
        List<PayRefunds.Item> skipped = new ArrayList<>();
        BigDecimal amount = Decimals.usd(BigDecimal.ZERO);
        for (PayRefunds.Item item : r.items()) {
            if (paid.refundedBy(key(item, r.accountId())).isPresent()) {
                skipped.add(item);
            } else {
                due.add(item);
                amount = amount.add(item.amount());
            }
        }
        return new Payable(r, Decimals.usd(amount), List.copyOf(due), List.copyOf(skipped));
    }

    /** Pays one account its share (nothing when every item was refunded before); 1 when it was paid. */
    private int transfer(PayRefunds c, Payable p, List<Event> events) {
        String account = p.refund().accountId();
        for (PayRefunds.Item item : p.skipped()) {
            String by = paid.refundedBy(key(item, account)).orElseThrow();
            events.add(new RefundItemSkipped(c.incidentId(), account, item, by));
        }
        p.items().forEach(item -> paid.recordItem(key(item, account), c.incidentId()));
        if (p.amount().signum() == 0) {
            return 0;
        }
        String reference = "refund:" + c.incidentId();
        events.add(ledger.transfer(Ledger.LIQUIDATOR_VAULT, account, p.amount(), TransferKind.REFUND, reference));
        events.add(
                new RefundPaid(c.incidentId(), account, p.amount(), p.refund().items() == null ? null : p.items()));
        return 1;
    }

    private static String key(PayRefunds.Item item, String accountId) {
        return PaidIncidents.itemKey(item.kind(), item.sequence(), accountId, item.market());
    }

    private static boolean positiveAtLedgerScale(BigDecimal amount) {
        return amount.signum() > 0 && Decimals.fitsScale(amount, Decimals.USD_SCALE);
    }
}
