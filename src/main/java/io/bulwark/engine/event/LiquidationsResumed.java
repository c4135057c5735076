package io.bulwark.engine.event;

/** An admin resumed liquidations and triggers in {@code market}, or in every paused market when it is null. */
public record LiquidationsResumed(String actor, String market) implements Event {}
