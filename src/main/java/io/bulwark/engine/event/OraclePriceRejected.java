package io.bulwark.engine.event;

import io.bulwark.engine.oracle.PriceRejection;

/** An oracle update was refused and changed no price; the market is unhealthy until confirmed again. */
public record OraclePriceRejected(String market, String source, String price, long timestamp, PriceRejection reason)
        implements Event {}
