package io.bulwark.engine.desk;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Order;
import java.util.List;
import java.util.function.Predicate;

/**
 * What other desks may ask of the trading desk: cancel live orders (a liquidated account's, a market
 * entering CLOSED, a rollback's). Declared below the desks so that no desk reaches into another.
 */
public interface OrderCancels {

    /** Cancels every live order matching {@code which}, for {@code reason}, adding the events. */
    void cancelWhere(Predicate<Order> which, CancelReason reason, long sequence, long now, List<Event> events);

    /**
     * Cancels every live order of {@code accountId}, in id order, for {@code reason}: what {@code cancelWhere}
     * with that account's orders does, without passing over every other account's orders.
     */
    void cancelAccount(String accountId, CancelReason reason, long sequence, long now, List<Event> events);
}
