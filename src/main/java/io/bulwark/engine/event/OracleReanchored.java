package io.bulwark.engine.event;

import io.bulwark.engine.oracle.ReanchorCause;
import io.bulwark.engine.oracle.SourcePrice;
import java.math.BigDecimal;
import java.util.List;

/**
 * A market's index was set outside the jump limits: by the agreement of its sources, by an operator, or
 * recomputed without a quarantined source. {@code sources} are the fresh prices it now rests on; the
 * mark and health are those after it. {@code actor} and {@code reason} say who and why ({@code
 * system:oracle} for an agreement).
 */
public record OracleReanchored(
        String market,
        BigDecimal fromPrice,
        BigDecimal toPrice,
        BigDecimal markPrice,
        boolean priceHealthy,
        ReanchorCause cause,
        String actor,
        String reason,
        List<SourcePrice> sources)
        implements Event {
    public OracleReanchored {
        sources = List.copyOf(sources);
    }
}
