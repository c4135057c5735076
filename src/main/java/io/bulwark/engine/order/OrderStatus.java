package io.bulwark.engine.order;

public enum OrderStatus {
    UNTRIGGERED,
    OPEN,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED;

    public boolean isLive() {
        return this == UNTRIGGERED || this == OPEN || this == PARTIALLY_FILLED;
    }
}
