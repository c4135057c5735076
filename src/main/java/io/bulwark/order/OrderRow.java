package io.bulwark.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code orders} read model: an order's latest state. Read-only here; {@link OrderProjection} writes it. */
@Entity
@Table(name = "orders")
class OrderRow {
    @Id
    @Column(name = "order_id")
    private long orderId;

    @Column(name = "client_order_id")
    private String clientOrderId;

    @Column(name = "account_id")
    private String accountId;

    private String market;
    private String side;
    private String type;

    @Column(name = "time_in_force")
    private String timeInForce;

    private BigDecimal price;

    @Column(name = "trigger_price")
    private BigDecimal triggerPrice;

    private BigDecimal size;

    @Column(name = "filled_size")
    private BigDecimal filledSize;

    @Column(name = "average_fill_price")
    private BigDecimal averageFillPrice;

    @Column(name = "reduce_only")
    private boolean reduceOnly;

    private String status;

    @Column(name = "cancel_reason")
    private String cancelReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_sequence")
    private long updatedSequence;

    protected OrderRow() {}

    long orderId() {
        return orderId;
    }

    String clientOrderId() {
        return clientOrderId;
    }

    String accountId() {
        return accountId;
    }

    String market() {
        return market;
    }

    String side() {
        return side;
    }

    String type() {
        return type;
    }

    String timeInForce() {
        return timeInForce;
    }

    BigDecimal price() {
        return price;
    }

    BigDecimal triggerPrice() {
        return triggerPrice;
    }

    BigDecimal size() {
        return size;
    }

    BigDecimal filledSize() {
        return filledSize;
    }

    BigDecimal averageFillPrice() {
        return averageFillPrice;
    }

    boolean reduceOnly() {
        return reduceOnly;
    }

    String status() {
        return status;
    }

    String cancelReason() {
        return cancelReason;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long updatedSequence() {
        return updatedSequence;
    }
}
