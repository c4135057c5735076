package io.bulwark.engine.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A live order inside the engine. Prices and sizes are kept both as exact decimals (for clients and
 * money) and as integer ticks and steps (for the book). Mutable, owned by the engine thread.
 */
public final class Order {
    public final long id;
    public final String accountId;
    public final String market;
    public final Side side;
    public final OrderType type;
    public final TimeInForce timeInForce;
    /** Limit price; null for MARKET-like orders. Changed only by an amend. */
    public BigDecimal price;
    /** The price the order may trade at, in ticks: the limit, or the band edge for market orders. */
    public long limitTicks;

    public final BigDecimal triggerPrice;
    public final long triggerTicks;
    public final BigDecimal stepSize;
    /** Ordered size in steps. Changed only by an amend. */
    public long sizeSteps;

    public final boolean reduceOnly;
    public final String clientOrderId;
    public final long createdAt;
    long filledSteps;
    BigDecimal filledNotional = BigDecimal.ZERO;
    OrderStatus status;
    CancelReason cancelReason;
    long updatedAt;
    /** Initial margin this order holds while it rests (0 for reduce-only). */
    public BigDecimal heldMargin = BigDecimal.ZERO;

    // Intrusive links of the price level this order rests in: maintained by the order book only.
    private Order prev;
    private Order next;
    private Object level;

    public Order(
            long id,
            String accountId,
            String market,
            Side side,
            OrderType type,
            TimeInForce timeInForce,
            BigDecimal price,
            long limitTicks,
            BigDecimal triggerPrice,
            long triggerTicks,
            BigDecimal stepSize,
            long sizeSteps,
            boolean reduceOnly,
            String clientOrderId,
            long createdAt,
            OrderStatus status) {
        this.id = id;
        this.accountId = accountId;
        this.market = market;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.price = price;
        this.limitTicks = limitTicks;
        this.triggerPrice = triggerPrice;
        this.triggerTicks = triggerTicks;
        this.stepSize = stepSize;
        this.sizeSteps = sizeSteps;
        this.reduceOnly = reduceOnly;
        this.clientOrderId = clientOrderId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.status = status;
    }

    public long filledSteps() {
        return filledSteps;
    }

    public long remainingSteps() {
        return sizeSteps - filledSteps;
    }

    public BigDecimal filledNotional() {
        return filledNotional;
    }

    public OrderStatus status() {
        return status;
    }

    public CancelReason cancelReason() {
        return cancelReason;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public boolean isResting() {
        return level != null;
    }

    /** The book's link to the level this order rests in; null when it is not resting. */
    public Object level() {
        return level;
    }

    public Order nextInLevel() {
        return next;
    }

    public Order previousInLevel() {
        return prev;
    }

    /** Only the order book sets these. */
    public void setLinks(Object level, Order prev, Order next) {
        this.level = level;
        this.prev = prev;
        this.next = next;
    }

    public void recordFill(long steps, BigDecimal notional, long now) {
        filledSteps += steps;
        filledNotional = filledNotional.add(notional);
        status = filledSteps == sizeSteps ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        updatedAt = now;
    }

    public void activate(long now) {
        status = filledSteps > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        updatedAt = now;
    }

    public void cancel(CancelReason reason, long now) {
        status = OrderStatus.CANCELLED;
        cancelReason = reason;
        updatedAt = now;
    }

    /** Restores the mutable part from a snapshot. */
    public void restore(long filledSteps, BigDecimal filledNotional, OrderStatus status, long updatedAt) {
        this.filledSteps = filledSteps;
        this.filledNotional = filledNotional;
        this.status = status;
        this.updatedAt = updatedAt;
    }

    public OrderState state() {
        BigDecimal filledSize = stepSize.multiply(BigDecimal.valueOf(filledSteps));
        // Shown to 8 decimals, half-even: an average is a display value, no money moves on it.
        BigDecimal average = filledSteps == 0
                ? null
                : filledNotional.divide(filledSize, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return new OrderState(
                Long.toString(id),
                clientOrderId,
                accountId,
                market,
                side,
                type,
                timeInForce,
                price,
                triggerPrice,
                stepSize.multiply(BigDecimal.valueOf(sizeSteps)),
                filledSize,
                average,
                reduceOnly,
                status,
                cancelReason,
                createdAt,
                updatedAt);
    }
}
