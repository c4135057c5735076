package io.bulwark.engine.order;

public enum OrderType {
    LIMIT,
    MARKET,
    STOP_MARKET,
    STOP_LIMIT,
    TAKE_PROFIT_MARKET,
    TAKE_PROFIT_LIMIT;

    /** Rests UNTRIGGERED until the mark price reaches its trigger price. */
    public boolean isTriggered() {
        return this != LIMIT && this != MARKET;
    }

    /** Carries a limit price (when triggered, for the trigger types). */
    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT || this == TAKE_PROFIT_LIMIT;
    }

    public boolean isStop() {
        return this == STOP_MARKET || this == STOP_LIMIT;
    }
}
