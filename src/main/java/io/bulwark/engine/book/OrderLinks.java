package io.bulwark.engine.book;

import io.bulwark.engine.order.Order;

/** The doubly linked FIFO of orders inside a price level. */
final class OrderLinks {
    private OrderLinks() {}

    static void append(PriceLevel level, Order order) {
        Order tail = level.tail;
        order.setLinks(level, tail, null);
        if (tail == null) {
            level.head = order;
        } else {
            tail.setLinks(level, tail.previousInLevel(), order);
        }
        level.tail = order;
    }

    static void unlink(PriceLevel level, Order order) {
        Order prev = order.previousInLevel();
        Order next = order.nextInLevel();
        if (prev == null) {
            level.head = next;
        } else {
            prev.setLinks(level, prev.previousInLevel(), next);
        }
        if (next == null) {
            level.tail = prev;
        } else {
            next.setLinks(level, prev, next.nextInLevel());
        }
        order.setLinks(null, null, null);
    }

    static PriceLevel levelOf(Order order) {
        if (!(order.level() instanceof PriceLevel level)) {
            throw new IllegalStateException("order " + order.id + " is not resting");
        }
        return level;
    }

    static Order next(Order order) {
        return order.nextInLevel();
    }
}
