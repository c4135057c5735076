package io.bulwark.engine.event;

import io.bulwark.engine.command.PayRefunds;

/**
 * An item of an incident's refund to {@code accountId} was not paid: incident {@code refundedBy} had
 * already refunded that loss (SPEC section 9, once per item across incidents).
 */
public record RefundItemSkipped(String incidentId, String accountId, PayRefunds.Item item, String refundedBy)
        implements Event {}
