package io.bulwark.engine.command;

import io.bulwark.engine.state.TradingState;

/**
 * Moves the exchange (market empty) or one market to another trading state. {@code actor} is who
 * asked: an admin key id, or {@code system:<component>}.
 */
public record ChangeTradingState(String market, TradingState state, String reason, String actor, boolean forced)
        implements Command {
    public static final String EXCHANGE = "";
}
