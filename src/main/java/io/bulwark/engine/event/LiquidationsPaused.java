package io.bulwark.engine.event;

/**
 * The circuit breaker tripped in {@code market}: liquidations and triggers pause there until an admin
 * resumes them. {@code market} is null in rows written while the breaker was exchange-wide.
 */
public record LiquidationsPaused(String reason, String market) implements Event {}
