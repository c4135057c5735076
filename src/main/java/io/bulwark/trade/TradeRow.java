package io.bulwark.trade;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code trades} read model. Read-only here; {@link TradeProjection} writes it. */
@Entity
@Table(name = "trades")
class TradeRow {
    @Id
    @Column(name = "trade_id")
    private String tradeId;

    private long sequence;

    @Column(name = "trade_index")
    private int tradeIndex;

    private String market;
    private BigDecimal price;
    private BigDecimal size;

    @Column(name = "taker_side")
    private String takerSide;

    @Column(name = "taker_order_id")
    private long takerOrderId;

    @Column(name = "maker_order_id")
    private long makerOrderId;

    private Instant time;

    protected TradeRow() {}

    String tradeId() {
        return tradeId;
    }

    long sequence() {
        return sequence;
    }

    String market() {
        return market;
    }

    BigDecimal price() {
        return price;
    }

    BigDecimal size() {
        return size;
    }

    String takerSide() {
        return takerSide;
    }

    Instant time() {
        return time;
    }
}
