package io.bulwark.engine.event;

import java.math.BigDecimal;

/** A funding interval ended: the rate, the mark it was applied at and the cumulative index after it. */
public record FundingSettled(
        String market,
        BigDecimal rate,
        BigDecimal markPrice,
        BigDecimal previousIndex,
        BigDecimal cumulativeIndex,
        long intervalEnd)
        implements Event {}
