package io.bulwark.engine.desk.trading;

import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every live order (resting or untriggered) by id, kept in step with the books, the trigger books and
 * each account's portfolio (its live order ids and the margin they hold).
 */
public final class LiveOrders {
    private final TreeMap<Long, Order> orders = new TreeMap<>();
    /** The same orders by hash, for the look-ups of every cancel, amend and fill (the tree keeps id order). */
    private final LinkedHashMap<Long, Order> byId = new LinkedHashMap<>();
    /**
     * The same orders by account, in id order (the order of the account's portfolio's live order ids):
     * the margin and limit checks of every place and amend walk an account's orders without looking
     * each one up among all of them (issue 15). Derived: not in snapshots, rebuilt by {@link #register}.
     */
    private final LinkedHashMap<String, TreeMap<Long, Order>> byAccount = new LinkedHashMap<>();

    public Optional<Order> get(long orderId) {
        return Optional.ofNullable(byId.get(orderId));
    }

    /** The account's live orders in id order; read-only. */
    Collection<Order> ofAccount(String accountId) {
        TreeMap<Long, Order> mine = byAccount.get(accountId);
        return mine == null ? List.of() : java.util.Collections.unmodifiableCollection(mine.values());
    }

    public Collection<Order> all() {
        return orders.values();
    }

    public int size() {
        return orders.size();
    }

    void register(Order order, Portfolio portfolio) {
        orders.put(order.id, order);
        byId.put(order.id, order);
        byAccount.computeIfAbsent(order.accountId, a -> new TreeMap<>()).put(order.id, order);
        portfolio.liveOrders().add(order.id);
        portfolio.adjustOrderMargin(order.heldMargin);
    }

    void unregister(Order order, Portfolio portfolio) {
        orders.remove(order.id);
        byId.remove(order.id);
        TreeMap<Long, Order> mine = byAccount.get(order.accountId);
        if (mine != null && mine.remove(order.id) != null && mine.isEmpty()) {
            byAccount.remove(order.accountId);
        }
        portfolio.liveOrders().remove(order.id);
        portfolio.adjustOrderMargin(order.heldMargin.negate());
        order.heldMargin = java.math.BigDecimal.ZERO;
    }

    /** Orders by id, then each book's resting orders in priority order (which an amend can reorder). */
    public void writeTo(CanonicalWriter out, Markets markets) {
        out.writeInt(orders.size());
        for (Order o : orders.values()) {
            out.writeLong(o.id)
                    .writeString(o.accountId)
                    .writeString(o.market)
                    .writeEnum(o.side)
                    .writeEnum(o.type)
                    .writeEnum(o.timeInForce)
                    .writeOptionalDecimal(o.price)
                    .writeLong(o.limitTicks)
                    .writeOptionalDecimal(o.triggerPrice)
                    .writeLong(o.triggerTicks)
                    .writeDecimal(o.stepSize)
                    .writeLong(o.sizeSteps)
                    .writeBoolean(o.reduceOnly)
                    .writeString(o.clientOrderId)
                    .writeLong(o.createdAt)
                    .writeLong(o.filledSteps())
                    .writeDecimal(o.filledNotional())
                    .writeEnum(o.status())
                    .writeLong(o.updatedAt())
                    .writeDecimal(o.heldMargin);
        }
        for (Market market : markets.all()) {
            List<Long> resting = new ArrayList<>();
            market.book().forEachResting(o -> resting.add(o.id));
            out.writeInt(resting.size());
            resting.forEach(out::writeLong);
        }
    }

    public static LiveOrders readFrom(CanonicalReader in, Markets markets, Portfolios portfolios) {
        LiveOrders live = new LiveOrders();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            Order o = new Order(
                    in.readLong(),
                    in.readString(),
                    in.readString(),
                    in.readEnum(Side.class),
                    in.readEnum(OrderType.class),
                    in.readEnum(TimeInForce.class),
                    in.readOptionalDecimal(),
                    in.readLong(),
                    in.readOptionalDecimal(),
                    in.readLong(),
                    in.readDecimal(),
                    in.readLong(),
                    in.readBoolean(),
                    in.readString(),
                    in.readLong(),
                    OrderStatus.OPEN);
            o.restore(in.readLong(), in.readDecimal(), in.readEnum(OrderStatus.class), in.readLong());
            o.heldMargin = in.readDecimal();
            live.register(o, portfolios.open(o.accountId));
            if (o.status() == OrderStatus.UNTRIGGERED) {
                markets.get(o.market).orElseThrow().triggers().add(o);
            }
        }
        for (Market market : markets.all()) {
            for (int i = 0, n = in.readInt(); i < n; i++) {
                market.book().rest(live.orders.get(in.readLong()));
            }
            market.book().drainChanges(Side.BUY);
            market.book().drainChanges(Side.SELL);
        }
        return live;
    }
}
