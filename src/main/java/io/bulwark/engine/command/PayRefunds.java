package io.bulwark.engine.command;

import java.math.BigDecimal;
import java.util.List;

/**
 * Pays an incident's refunds from the liquidator vault (SPEC section 9), all or nothing and exactly
 * once per {@code incidentId}: a repeat is an idempotent no-op, remembered across snapshots.
 */
public record PayRefunds(String incidentId, List<Refund> refunds, String actor) implements Command {
    /**
     * What one account gets back, at ledger scale. {@code items} (v2) names each loss the amount refunds and
     * is the sum of: an item another incident already refunded is not paid again (SPEC section 9, once per
     * item). Null in rows journaled before v2: the amount is paid as it is, no item remembered.
     */
    public record Refund(String accountId, BigDecimal amount, List<Item> items) {
        public Refund {
            items = items == null ? null : List.copyOf(items);
        }

        public Refund(String accountId, BigDecimal amount) {
            this(accountId, amount, null);
        }
    }

    /** What a refunded loss was. */
    public enum Kind {
        /** A {@code Liquidated} event. */
        LIQUIDATION,
        /** A {@code FundingPaid} event. */
        FUNDING
    }

    /**
     * One loss refunded: the {@code kind} of event, the journal {@code sequence} it was recorded at and its
     * {@code market} (with the refund's account, its stable identity), and the {@code amount} refunded for it.
     */
    public record Item(Kind kind, long sequence, String market, BigDecimal amount) {}

    public PayRefunds {
        refunds = List.copyOf(refunds);
    }
}
