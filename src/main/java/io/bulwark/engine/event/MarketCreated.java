package io.bulwark.engine.event;

import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.state.TradingState;

public record MarketCreated(MarketSpec spec, TradingState state) implements Event {}
