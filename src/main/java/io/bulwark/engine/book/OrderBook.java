package io.bulwark.engine.book;

import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One market's limit-order book with price-time priority. Prices are integer ticks, sizes integer
 * steps. Orders link into their level (intrusive list), so cancelling any order is O(log levels).
 * The book records which levels changed so the engine can publish compact book updates.
 */
public final class OrderBook {
    private final TreeMap<Long, PriceLevel> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, PriceLevel> asks = new TreeMap<>();
    private final TreeSet<Long> changedBids = new TreeSet<>(Collections.reverseOrder());
    private final TreeSet<Long> changedAsks = new TreeSet<>();
    /** Counts level changes; not state (never serialized): the public view rebuilds a book's depth when it moved. */
    private long version;

    /** A level as published: price in ticks, total size in steps (0 when the level is gone). */
    public record Level(long priceTicks, long sizeSteps) {}

    private TreeMap<Long, PriceLevel> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private void changed(Side side, long priceTicks) {
        (side == Side.BUY ? changedBids : changedAsks).add(priceTicks);
        version++;
    }

    /** Changes so far to any level of this book (in this process): equal versions mean an equal book. */
    public long version() {
        return version;
    }

    /** Appends the order at the back of its price level. */
    public void rest(Order order) {
        PriceLevel level = side(order.side).computeIfAbsent(order.limitTicks, PriceLevel::new);
        OrderLinks.append(level, order);
        level.totalSteps += order.remainingSteps();
        level.count++;
        changed(order.side, order.limitTicks);
    }

    /** Takes a resting order off the book. */
    public void remove(Order order) {
        PriceLevel level = OrderLinks.levelOf(order);
        level.totalSteps -= order.remainingSteps();
        level.count--;
        OrderLinks.unlink(level, order);
        if (level.count == 0) {
            side(order.side).remove(level.priceTicks);
        }
        changed(order.side, level.priceTicks);
    }

    /** A resting order's remaining size shrank by {@code steps} (a fill or an amend down): it keeps its place. */
    public void shrink(Order order, long steps) {
        PriceLevel level = OrderLinks.levelOf(order);
        level.totalSteps -= steps;
        changed(order.side, level.priceTicks);
    }

    /** Best level on {@code side}, or null when that side is empty. */
    public PriceLevel best(Side side) {
        Map.Entry<Long, PriceLevel> first = side(side).firstEntry();
        return first == null ? null : first.getValue();
    }

    /** Whether an order on {@code takerSide} at {@code limitTicks} would trade against the book now. */
    public boolean crosses(Side takerSide, long limitTicks) {
        PriceLevel best = best(takerSide.opposite());
        return best != null && reaches(takerSide, limitTicks, best.priceTicks);
    }

    /** Whether a taker limit reaches a maker price. */
    public static boolean reaches(Side takerSide, long limitTicks, long makerTicks) {
        return takerSide == Side.BUY ? makerTicks <= limitTicks : makerTicks >= limitTicks;
    }

    /**
     * The size a taker could fill up to {@code limitTicks} before its own resting order would stop it
     * (self-trade prevention), capped at {@code wanted}: what a FOK order checks before it trades.
     */
    public long fillable(Side takerSide, long limitTicks, String takerAccount, long wanted) {
        long total = 0;
        for (PriceLevel level : side(takerSide.opposite()).values()) {
            if (!reaches(takerSide, limitTicks, level.priceTicks)) {
                break;
            }
            for (Order maker = level.head; maker != null; maker = OrderLinks.next(maker)) {
                if (maker.accountId.equals(takerAccount)) {
                    return total;
                }
                total += maker.remainingSteps();
                if (total >= wanted) {
                    return wanted;
                }
            }
        }
        return total;
    }

    /**
     * The fills a taker would get up to {@code limitTicks}, best first, as {@link Level}s of maker
     * price and size, capped at {@code wanted}: stops at the taker's own resting order (self-trade
     * prevention) and skips reduce-only makers (matching may cancel them), so what matching really
     * fills is never priced worse than this for the taker.
     */
    public List<Level> sweep(Side takerSide, long limitTicks, String takerAccount, long wanted) {
        List<Level> fills = new ArrayList<>();
        long left = wanted;
        for (PriceLevel level : side(takerSide.opposite()).values()) {
            if (left == 0 || !reaches(takerSide, limitTicks, level.priceTicks)) {
                break;
            }
            long here = 0;
            for (Order maker = level.head; maker != null && left > here; maker = OrderLinks.next(maker)) {
                if (maker.accountId.equals(takerAccount)) {
                    left = here; // matching stops here; the rest is the taker's remainder
                    break;
                }
                if (!maker.reduceOnly) {
                    here += Math.min(maker.remainingSteps(), left - here);
                }
            }
            if (here > 0) {
                fills.add(new Level(level.priceTicks, here));
            }
            left -= here;
        }
        return fills;
    }

    /** Up to {@code depth} levels of one side, best first. */
    public List<Level> depth(Side side, int depth) {
        List<Level> out = new ArrayList<>(Math.min(depth, 64));
        for (PriceLevel level : side(side).values()) {
            if (out.size() == depth) {
                break;
            }
            out.add(new Level(level.priceTicks, level.totalSteps));
        }
        return out;
    }

    /** Levels changed since the last call, with their current size; clears the record. */
    public List<Level> drainChanges(Side side) {
        TreeSet<Long> changed = side == Side.BUY ? changedBids : changedAsks;
        if (changed.isEmpty()) {
            return List.of();
        }
        List<Level> out = new ArrayList<>(changed.size());
        NavigableMap<Long, PriceLevel> levels = side(side);
        for (long price : changed) {
            PriceLevel level = levels.get(price);
            out.add(new Level(price, level == null ? 0 : level.totalSteps));
        }
        changed.clear();
        return out;
    }

    /** Every resting order in priority order (bids best first, then asks best first). */
    public void forEachResting(Consumer<Order> action) {
        for (TreeMap<Long, PriceLevel> book : List.of(bids, asks)) {
            for (PriceLevel level : book.values()) {
                for (Order o = level.head; o != null; o = OrderLinks.next(o)) {
                    action.accept(o);
                }
            }
        }
    }

    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }
}
