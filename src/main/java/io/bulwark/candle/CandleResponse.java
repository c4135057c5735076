package io.bulwark.candle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One candle (SPEC section 10 v2): the first, highest, lowest and last price of its interval, the size and
 * quote value (price x size) traded and the number of trades. Mark and index candles trade nothing: their
 * volumes and trades are 0.
 */
record CandleResponse(
        Instant openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades) {}
