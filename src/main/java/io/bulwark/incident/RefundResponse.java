package io.bulwark.incident;

import java.math.BigDecimal;
import java.time.Instant;

/** A refund paid to the caller's account from the liquidator vault, with the incident it answers. */
record RefundResponse(String incidentId, BigDecimal amount, String reason, long sequence, Instant time) {}
