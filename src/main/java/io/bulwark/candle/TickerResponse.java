package io.bulwark.candle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A market's ticker (SPEC section 10 v2). The 24 h figures come from the one-minute trade candles that opened in
 * the 24 h before {@code time} (the engine time of {@code sequence}): the trades of the last 23 h 59 m to 24 h;
 * they are null (volumes and trades 0) when nothing traded then. {@code lastPrice} is the last trade ever (null
 * before the first); {@code priceChange24h} is {@code lastPrice - open24h} and {@code priceChangePercent24h} that
 * as a percentage of {@code open24h}, rounded half-even to 2 places. Book, prices, funding and open interest are
 * those of the view the engine published after committing {@code sequence}; best bid and ask are null on an
 * empty side.
 */
record TickerResponse(
        String market,
        BigDecimal lastPrice,
        BigDecimal bestBid,
        BigDecimal bestAsk,
        BigDecimal markPrice,
        BigDecimal indexPrice,
        BigDecimal fundingRate,
        Instant nextFundingTime,
        BigDecimal openInterest,
        BigDecimal volume24h,
        BigDecimal quoteVolume24h,
        BigDecimal high24h,
        BigDecimal low24h,
        BigDecimal open24h,
        BigDecimal priceChange24h,
        BigDecimal priceChangePercent24h,
        long trades24h,
        long sequence,
        Instant time) {}
