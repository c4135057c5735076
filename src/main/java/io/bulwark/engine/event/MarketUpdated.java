package io.bulwark.engine.event;

import io.bulwark.engine.market.MarketSpec;

public record MarketUpdated(MarketSpec spec) implements Event {}
