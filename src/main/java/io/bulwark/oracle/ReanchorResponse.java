package io.bulwark.oracle;

import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.oracle.ReanchorCause;
import io.bulwark.engine.oracle.SourcePrice;
import java.math.BigDecimal;
import java.util.List;

/**
 * A market's index set outside the jump limits, as the journal recorded it at {@code sequence}: from and to
 * which price, the mark and health after it, why, by whom, and the fresh source prices it rests on.
 */
record ReanchorResponse(
        String market,
        long sequence,
        BigDecimal fromPrice,
        BigDecimal toPrice,
        BigDecimal markPrice,
        boolean priceHealthy,
        ReanchorCause cause,
        String actor,
        String reason,
        List<SourcePrice> sources) {

    static ReanchorResponse of(long sequence, OracleReanchored r) {
        return new ReanchorResponse(
                r.market(),
                sequence,
                r.fromPrice(),
                r.toPrice(),
                r.markPrice(),
                r.priceHealthy(),
                r.cause(),
                r.actor(),
                r.reason(),
                r.sources());
    }
}
