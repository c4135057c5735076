package io.bulwark.engine.command;

import io.bulwark.engine.state.TradingState;

/**
 * Moves the exchange (market empty) or one market to another trading state. {@code actor} is who
 * asked: an admin key id, or {@code system:<component>}.
 */
public record ChangeTradingState(String market, TradingState state, String reason, String actor, boolean forced)
        implements Command {
    public static final String EXCHANGE = "";
    /**
     * The actor of the CLOSED an unverified recovery imposes. It takes no pre-maintenance snapshot: an
     * unverified state must never become the next recovery's starting point.
     */
    public static final String RECOVERY = "system:recovery";
    /** The actor of the CLOSED a failing integrity check at start imposes; it takes no snapshot either. */
    public static final String INTEGRITY = "system:integrity";
}
