package io.bulwark.engine.refund;

import static io.bulwark.engine.Outcome.reject;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.Rejection.Code.VAULT_INSUFFICIENT;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.IncidentRefunded;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.ledger.TransferKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pays incident refunds: one REFUND transfer from the liquidator vault to each account. Everything is
 * checked before anything moves, so an incident is paid entirely or not at all, and only once.
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
        BigDecimal total = Decimals.usd(BigDecimal.ZERO);
        TreeSet<String> seen = new TreeSet<>();
        for (PayRefunds.Refund r : c.refunds()) {
            if (accounts.account(r.accountId()).isEmpty()) {
                return reject(UNKNOWN_ACCOUNT, "no account " + r.accountId());
            }
            if (!seen.add(r.accountId())) {
                return reject(VALIDATION_FAILED, "account " + r.accountId() + " is refunded twice");
            }
            if (r.amount().signum() <= 0 || !Decimals.fitsScale(r.amount(), Decimals.USD_SCALE)) {
                return reject(VALIDATION_FAILED, "a refund must be positive at ledger scale: " + r.amount());
            }
            total = total.add(r.amount());
        }
        BigDecimal vault = ledger.balance(Ledger.LIQUIDATOR_VAULT);
        if (vault.compareTo(total) < 0) {
            return reject(
                    VAULT_INSUFFICIENT,
                    "the liquidator vault holds " + Decimals.plain(vault) + ", the refunds need "
                            + Decimals.plain(total));
        }
        String reference = "refund:" + c.incidentId();
        for (PayRefunds.Refund r : c.refunds()) {
            BigDecimal amount = Decimals.usd(r.amount());
            events.add(ledger.transfer(Ledger.LIQUIDATOR_VAULT, r.accountId(), amount, TransferKind.REFUND, reference));
            events.add(new RefundPaid(c.incidentId(), r.accountId(), amount));
        }
        paid.record(c.incidentId(), sequence);
        events.add(new IncidentRefunded(c.incidentId(), total, c.refunds().size(), c.actor()));
        return Optional.empty();
    }
}
