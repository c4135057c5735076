package io.bulwark.engine.event;

/**
 * A maintenance window's start came. {@code closedExchange} is false when the exchange was CLOSED
 * already (its reason is then kept, and no second pre-maintenance snapshot is taken).
 */
public record MaintenanceStarted(String windowId, long start, long end, String reason, boolean closedExchange)
        implements Event {}
