package io.bulwark.engine.event;

import java.math.BigDecimal;

/** One account was refunded {@code amount} from the liquidator vault for an incident. */
public record RefundPaid(String incidentId, String accountId, BigDecimal amount) implements Event {}
