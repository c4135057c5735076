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
    /**
     * Further than maxPriceJumpBps from the index, or would move the index further than that within
     * priceJumpWindowSeconds: quarantined and counted, never applied (until the sources agree on it).
     */
    PRICE_JUMP,
    /** The key that posted it is bound to another source (or to none): never reaches a market. */
    SOURCE_NOT_ALLOWED,
    /** An operator quarantined the source: its prices do not count until it is made ACTIVE again. */
    SOURCE_QUARANTINED
}
