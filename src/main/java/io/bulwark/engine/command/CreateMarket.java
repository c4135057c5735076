package io.bulwark.engine.command;

import io.bulwark.engine.market.MarketSpec;

public record CreateMarket(MarketSpec spec) implements Command {}
