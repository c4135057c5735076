package io.bulwark.funding;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An account's funding for one interval in one market: {@code amount} > 0 was paid, < 0 received (longs pay
 * when the rate is positive). {@code paymentId} is {@code <sequence>-<n>}.
 */
record FundingPaymentResponse(
        String paymentId,
        String accountId,
        String market,
        BigDecimal positionSize,
        BigDecimal rate,
        BigDecimal amount,
        long sequence,
        Instant time) {}
