package io.bulwark.funding;

import io.bulwark.engine.EngineView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A market's funding now, from the engine (the last interval's rate, the cumulative index, when the current
 * interval ends, whether the write-time guard halted it and why), with its settled rates from the read model,
 * newest first ({@code history}; empty in an answer to a resume).
 */
record MarketFundingResponse(
        String market,
        BigDecimal rate,
        BigDecimal cumulativeIndex,
        Instant nextFundingTime,
        boolean halted,
        String haltReason,
        List<FundingRateResponse> history) {

    static MarketFundingResponse of(String market, EngineView.Funding funding, List<FundingRateResponse> history) {
        boolean halted = !funding.haltReason().isEmpty();
        return new MarketFundingResponse(
                market,
                funding.rate(),
                funding.cumulativeIndex(),
                // 0 until the market's first tick schedules an interval
                funding.nextFundingTime() == 0 ? null : Instant.ofEpochMilli(funding.nextFundingTime()),
                halted,
                halted ? funding.haltReason() : null,
                history);
    }
}
