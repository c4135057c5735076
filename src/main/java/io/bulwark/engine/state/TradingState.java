package io.bulwark.engine.state;

/** Exchange and market trading states (SPEC section 8), ordered from strictest to most open. */
public enum TradingState {
    CLOSED,
    POST_ONLY,
    OPEN;

    /** The effective state of a market is the stricter of the exchange's and its own. */
    public TradingState stricter(TradingState other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
