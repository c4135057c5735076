package io.bulwark.engine.book;

import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Untriggered stop and take-profit orders of one market, ordered by trigger price. A stop buy and a
 * take-profit sell fire when the mark rises to their trigger; a stop sell and a take-profit buy when
 * it falls to it. Orders that fire together fire in order id (time) order.
 */
public final class TriggerBook {
    private static final Comparator<Order> BY_TRIGGER =
            Comparator.<Order>comparingLong(o -> o.triggerTicks).thenComparingLong(o -> o.id);

    private final TreeSet<Order> firesOnRise = new TreeSet<>(BY_TRIGGER);
    private final TreeSet<Order> firesOnFall = new TreeSet<>(BY_TRIGGER);

    private static boolean firesOnRise(Order order) {
        return order.type.isStop() == (order.side == Side.BUY);
    }

    public void add(Order order) {
        (firesOnRise(order) ? firesOnRise : firesOnFall).add(order);
    }

    public void remove(Order order) {
        (firesOnRise(order) ? firesOnRise : firesOnFall).remove(order);
    }

    /** Removes and returns every order due at {@code mark}, in order id order. */
    public List<Order> takeDue(BigDecimal mark, BigDecimal tickSize) {
        List<Order> due = new ArrayList<>();
        long floorTicks = mark.divide(tickSize, 0, RoundingMode.FLOOR).longValueExact();
        long ceilTicks = mark.divide(tickSize, 0, RoundingMode.CEILING).longValueExact();
        while (!firesOnRise.isEmpty() && firesOnRise.first().triggerTicks <= floorTicks) {
            due.add(firesOnRise.pollFirst());
        }
        while (!firesOnFall.isEmpty() && firesOnFall.last().triggerTicks >= ceilTicks) {
            due.add(firesOnFall.pollLast());
        }
        due.sort(Comparator.comparingLong(o -> o.id));
        return due;
    }

    public boolean isEmpty() {
        return firesOnRise.isEmpty() && firesOnFall.isEmpty();
    }
}
