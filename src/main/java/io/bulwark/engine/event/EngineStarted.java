package io.bulwark.engine.event;

/** A writer term began; every market's price must be confirmed by fresh updates again. */
public record EngineStarted(String instance) implements Event {}
