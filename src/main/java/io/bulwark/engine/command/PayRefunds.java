package io.bulwark.engine.command;

import java.math.BigDecimal;
import java.util.List;

/**
 * Pays an incident's refunds from the liquidator vault (SPEC section 9), all or nothing and exactly
 * once per {@code incidentId}: a repeat is an idempotent no-op, remembered across snapshots.
 */
public record PayRefunds(String incidentId, List<Refund> refunds, String actor) implements Command {
    /** What one account gets back, at ledger scale. */
    public record Refund(String accountId, BigDecimal amount) {}

    public PayRefunds {
        refunds = List.copyOf(refunds);
    }
}
