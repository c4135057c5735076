package io.bulwark.trade;

/** Which side of a trade a fill was: the resting order (MAKER) or the arriving one (TAKER). */
public enum Liquidity {
    MAKER,
    TAKER
}
