package io.bulwark.engine.command;

/** Records the complete engine state at this command's sequence. */
public record TakeSnapshot(String reason) implements Command {}
