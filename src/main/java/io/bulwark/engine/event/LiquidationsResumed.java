package io.bulwark.engine.event;

public record LiquidationsResumed(String actor) implements Event {}
