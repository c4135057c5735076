package io.bulwark.engine.command;

import io.bulwark.engine.market.MarketPatch;

public record UpdateMarket(String market, MarketPatch patch) implements Command {}
