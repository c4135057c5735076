package io.bulwark.engine.command;

/** An admin resumes liquidations and triggers after the circuit breaker tripped. */
public record ResumeLiquidations(String actor) implements Command {}
