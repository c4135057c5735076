package io.bulwark.funding;

import java.math.BigDecimal;
import java.time.Instant;

/** A settled funding interval: the rate, the mark it was applied at, and the cumulative index before and after. */
record FundingRateResponse(
        String market,
        BigDecimal rate,
        BigDecimal markPrice,
        BigDecimal previousIndex,
        BigDecimal cumulativeIndex,
        Instant intervalEnd,
        long sequence,
        Instant time) {}
