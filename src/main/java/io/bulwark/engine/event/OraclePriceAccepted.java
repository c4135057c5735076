package io.bulwark.engine.event;

import java.math.BigDecimal;

/** An oracle update was accepted; the market's index, mark and health after it. */
public record OraclePriceAccepted(
        String market,
        String source,
        BigDecimal price,
        long timestamp,
        BigDecimal indexPrice,
        BigDecimal markPrice,
        boolean priceHealthy)
        implements Event {}
