package io.bulwark.liquidation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code liquidations} read model. Read-only here; {@link LiquidationProjection} writes it. */
@Entity
@Table(name = "liquidations")
class LiquidationRow {
    @Id
    @Column(name = "liquidation_id")
    private String liquidationId;

    private long sequence;

    @Column(name = "event_index")
    private int eventIndex;

    @Column(name = "account_id")
    private String accountId;

    private String market;
    private BigDecimal size;
    private BigDecimal price;

    @Column(name = "mark_price")
    private BigDecimal markPrice;

    @Column(name = "index_price")
    private BigDecimal indexPrice;

    @Column(name = "equity_before")
    private BigDecimal equityBefore;

    @Column(name = "maintenance_requirement_before")
    private BigDecimal maintenanceRequirementBefore;

    private BigDecimal fee;

    @Column(name = "bad_debt")
    private BigDecimal badDebt;

    @Column(name = "price_healthy")
    private boolean priceHealthy;

    private boolean deleveraged;
    private Instant time;

    protected LiquidationRow() {}

    LiquidationResponse response() {
        return new LiquidationResponse(
                liquidationId,
                accountId,
                market,
                size,
                price,
                markPrice,
                indexPrice,
                equityBefore,
                maintenanceRequirementBefore,
                fee,
                badDebt,
                sequence,
                priceHealthy,
                deleveraged,
                time);
    }
}
