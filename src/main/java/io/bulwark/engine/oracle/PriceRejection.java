package io.bulwark.engine.oracle;

/** Why an oracle price update was refused (SPEC section 6). A refused update never moves the index. */
public enum PriceRejection {
    UNKNOWN_MARKET,
    NOT_A_DECIMAL,
    NOT_POSITIVE,
    OFF_TICK,
    /** Absurdly large (more than 18 integer digits), e.g. 1e309. */
    OUT_OF_RANGE,
    STALE,
    FUTURE,
    /** Further than maxPriceJumpBps from the index: quarantined and counted, never applied. */
    PRICE_JUMP
}
