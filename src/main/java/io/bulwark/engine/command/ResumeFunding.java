package io.bulwark.engine.command;

/** An operator restarts funding in a market halted by the write-time guard, after checking its prices. */
public record ResumeFunding(String market, String actor) implements Command {}
