package io.bulwark.engine.event;

/** The circuit breaker tripped: liquidations and triggers pause exchange-wide until an admin resumes them. */
public record LiquidationsPaused(String reason) implements Event {}
