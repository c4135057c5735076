package io.bulwark.engine.event;

/** A new funding index failed the write-time guard: nothing was stored or paid, and the market stops accruing. */
public record FundingHalted(String market, String reason) implements Event {}
