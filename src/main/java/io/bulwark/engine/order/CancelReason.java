package io.bulwark.engine.order;

/**
 * Why an order was cancelled (SPEC section 4). {@code REDUCE_ONLY} is ours: a resting reduce-only
 * order whose position is gone.
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
    REDUCE_ONLY
}
