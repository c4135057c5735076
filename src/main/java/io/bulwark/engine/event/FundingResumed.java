package io.bulwark.engine.event;

public record FundingResumed(String market, String actor) implements Event {}
