package io.bulwark.funding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code funding_rates} read model. Read-only here; {@link FundingProjection} writes it. */
@Entity
@Table(name = "funding_rates")
@IdClass(FundingRateRow.Key.class)
class FundingRateRow {
    @Id
    private String market;

    @Id
    private long sequence;

    private BigDecimal rate;

    @Column(name = "mark_price")
    private BigDecimal markPrice;

    @Column(name = "previous_index")
    private BigDecimal previousIndex;

    @Column(name = "cumulative_index")
    private BigDecimal cumulativeIndex;

    @Column(name = "interval_end")
    private Instant intervalEnd;

    private Instant time;

    protected FundingRateRow() {}

    record Key(String market, long sequence) implements Serializable {}

    FundingRateResponse response() {
        return new FundingRateResponse(
                market, rate, markPrice, previousIndex, cumulativeIndex, intervalEnd, sequence, time);
    }
}
