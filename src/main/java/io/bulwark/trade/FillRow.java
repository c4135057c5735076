package io.bulwark.trade;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code fills} read model. Read-only here; {@link TradeProjection} writes it. */
@Entity
@Table(name = "fills")
class FillRow {
    @Id
    @Column(name = "fill_id")
    private String fillId;

    @Column(name = "trade_id")
    private String tradeId;

    private long sequence;

    @Column(name = "trade_index")
    private int tradeIndex;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "order_id")
    private long orderId;

    private String market;
    private String side;
    private BigDecimal price;
    private BigDecimal size;
    private BigDecimal fee;
    private String liquidity;
    private Instant time;

    protected FillRow() {}

    String fillId() {
        return fillId;
    }

    String tradeId() {
        return tradeId;
    }

    long sequence() {
        return sequence;
    }

    int tradeIndex() {
        return tradeIndex;
    }

    String accountId() {
        return accountId;
    }

    long orderId() {
        return orderId;
    }

    String market() {
        return market;
    }

    String side() {
        return side;
    }

    BigDecimal price() {
        return price;
    }

    BigDecimal size() {
        return size;
    }

    BigDecimal fee() {
        return fee;
    }

    String liquidity() {
        return liquidity;
    }

    Instant time() {
        return time;
    }
}
