package io.bulwark.engine.order;

public enum TimeInForce {
    GTC,
    IOC,
    FOK,
    POST_ONLY
}
