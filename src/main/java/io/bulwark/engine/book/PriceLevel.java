package io.bulwark.engine.book;

import io.bulwark.engine.order.Order;

/** The orders resting at one price, oldest first, and their total size in steps. */
public final class PriceLevel {
    final long priceTicks;
    long totalSteps;
    int count;
    Order head;
    Order tail;

    PriceLevel(long priceTicks) {
        this.priceTicks = priceTicks;
    }

    public long priceTicks() {
        return priceTicks;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** The oldest order at this price: the next to trade. */
    public Order first() {
        return head;
    }
}
