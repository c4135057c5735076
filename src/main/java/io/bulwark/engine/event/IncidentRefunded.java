package io.bulwark.engine.event;

import java.math.BigDecimal;

/** Every refund of an incident was paid, {@code total} over {@code accounts} accounts; never again. */
public record IncidentRefunded(String incidentId, BigDecimal total, int accounts, String actor) implements Event {}
