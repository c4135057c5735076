package io.bulwark.engine.event;

import io.bulwark.engine.command.PayRefunds;
import java.math.BigDecimal;
import java.util.List;

/**
 * One account was refunded {@code amount} from the liquidator vault for an incident; {@code items} are the
 * losses it refunds (null for a refund journaled before v2, which named none).
 */
public record RefundPaid(String incidentId, String accountId, BigDecimal amount, List<PayRefunds.Item> items)
        implements Event {
    public RefundPaid {
        items = items == null ? null : List.copyOf(items);
    }

    public RefundPaid(String incidentId, String accountId, BigDecimal amount) {
        this(incidentId, accountId, amount, null);
    }
}
