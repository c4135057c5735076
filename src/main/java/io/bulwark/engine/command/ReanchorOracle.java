package io.bulwark.engine.command;

/**
 * An operator re-anchors a market's index to the median of its fresh active sources' latest prices,
 * accepted or refused as jumps; the price stays unhealthy until fresh updates confirm it.
 */
public record ReanchorOracle(String market, String reason, String actor) implements Command {}
