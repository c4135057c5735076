package io.bulwark.incident;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The payment of an incident's refunds: the same answer however often it is asked; {@code alreadyPaid} is
 * true when this call found it paid and paid nothing.
 */
record RefundPaymentResponse(
        String incidentId,
        String status,
        long paidSequence,
        Instant paidAt,
        BigDecimal total,
        boolean alreadyPaid,
        List<Payment> refunds) {

    record Payment(String accountId, BigDecimal amount) {}
}
