package io.bulwark.engine.event;

import io.bulwark.engine.state.TradingState;

/** The exchange (market empty) or a market changed trading state. */
public record TradingStateChanged(
        String market, TradingState from, TradingState to, String reason, String actor, boolean forced)
        implements Event {}
