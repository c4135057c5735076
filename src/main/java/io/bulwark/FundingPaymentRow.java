package io.bulwark.funding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code funding_payments} read model. Read-only here; {@link FundingProjection} writes it. */
@Entity
@Table(name = "funding_payments")
class FundingPaymentRow {
    @Id
    @Column(name = "payment_id")
    private String paymentId;

    private long sequence;

    @Column(name = "event_index")
    private int eventIndex;

    @Column(name = "account_id")
    private String accountId;

    private String market;

    @Column(name = "position_size")
    private BigDecimal positionSize;

    private BigDecimal rate;
    private BigDecimal amount;
    private Instant time;

    protected FundingPaymentRow() {}

    FundingPaymentResponse response() {
        return new FundingPaymentResponse(paymentId, accountId, market, positionSize, rate, amount, sequence, time);
    }
}
