package io.bulwark.engine.order;

/**
 * Why an order was cancelled (SPEC section 4). {@code REDUCE_ONLY} is ours: a resting reduce-only
 * order whose position is gone. {@code DEAD_MAN_SWITCH} and {@code DISCONNECT} (SPEC sections 10 and 11
 * v2): the account's cancel-after deadline passed, or a WebSocket connection that asked for
 * cancel-on-disconnect closed.
 */
public enum CancelReason {
    USER,
    MAINTENANCE,
    ROLLBACK,
    LIQUIDATION,
    IOC_REMAINDER,
    FOK_NOT_FILLABLE,
    SELF_TRADE,
    NO_LIQUIDITY,
    REDUCE_ONLY,
    DEAD_MAN_SWITCH,
    DISCONNECT
}
