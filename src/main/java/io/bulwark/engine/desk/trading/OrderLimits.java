package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.PRICE_OUTSIDE_BAND;
import static io.bulwark.engine.command.Rejection.Code.TOO_MANY_OPEN_ORDERS;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.state.Limits;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SPEC v2 section 3's limits per account and market: how many orders may be live, and how far from the
 * mark a resting price may be. Only an order that may stay live is limited: one that waits for its trigger,
 * or a GTC or POST_ONLY limit order that the book cannot fill completely on arrival. IOC, FOK and MARKET
 * orders, and limit orders that fill at once, never rest and are never refused by them. Each is off while
 * {@link Limits} says so (journals of older builds).
 */
final class OrderLimits {
    private final Limits limits;
    private final LiveOrders live;

    OrderLimits(Limits limits, LiveOrders live) {
        this.limits = limits;
        this.live = live;
    }

    /** 409 TOO_MANY_OPEN_ORDERS when the order would be one live order too many in its market. */
    Optional<Outcome> openOrders(PlaceOrder c, Market market, Portfolio portfolio) {
        OptionalInt max = limits.maxOpenOrders();
        if (max.isEmpty() || liveIn(c.accountId(), c.market()) < max.getAsInt() || !mayStayLive(c, market)) {
            return Optional.empty();
        }
        return reject(
                TOO_MANY_OPEN_ORDERS,
                "an account may have at most " + max.getAsInt() + " live orders in " + c.market()
                        + "; cancel one first (orders that do not rest are still accepted)");
    }

    private int liveIn(String accountId, String market) {
        int count = 0;
        for (Order order : live.ofAccount(accountId)) {
            if (order.market.equals(market)) {
                count++;
            }
        }
        return count;
    }

    /**
     * 422 PRICE_OUTSIDE_BAND: a limit order that may rest must be priced within the resting band of the
     * mark; a stop or take-profit limit order, which rests only once the mark has reached its trigger,
     * within the band of its trigger price. A market that has never had a price has no mark to measure
     * against: resting orders need no price (SPEC section 8), so there the band does not apply yet.
     */
    Optional<Outcome> restingBand(PlaceOrder c, Market market) {
        OptionalInt band = limits.restingBandBps();
        if (band.isEmpty() || c.price() == null || !rests(c.timeInForce())) {
            return Optional.empty();
        }
        int bps = band.getAsInt();
        if (c.type().isTriggered()) {
            return OrderChecks.withinBand(c.price(), c.triggerPrice(), bps)
                    ? Optional.empty()
                    : reject(
                            PRICE_OUTSIDE_BAND,
                            "a resting limit price must be within " + bps + " bps of the trigger price "
                                    + c.triggerPrice().toPlainString());
        }
        BigDecimal mark = market.markPrice();
        if (mark == null || OrderChecks.withinBand(c.price(), mark, bps) || !mayStayLive(c, market)) {
            return Optional.empty();
        }
        return outside(bps, mark);
    }

    /** An amend to a new price: the same band around the mark. A size change alone is not checked. */
    Optional<Outcome> restingBand(Order order, BigDecimal newPrice, Market market) {
        OptionalInt band = limits.restingBandBps();
        BigDecimal mark = market.markPrice();
        if (band.isEmpty() || mark == null || newPrice.compareTo(order.price) == 0) {
            return Optional.empty();
        }
        return OrderChecks.withinBand(newPrice, mark, band.getAsInt())
                ? Optional.empty()
                : outside(band.getAsInt(), mark);
    }

    private static Optional<Outcome> outside(int bps, BigDecimal mark) {
        return reject(
                PRICE_OUTSIDE_BAND,
                "a resting limit price must be within " + bps + " bps of the mark " + mark.toPlainString());
    }

    private static boolean rests(TimeInForce tif) {
        return tif == TimeInForce.GTC || tif == TimeInForce.POST_ONLY;
    }

    /**
     * Whether the order may be live after its command: a trigger order always; a GTC or POST_ONLY limit
     * order unless the book surely fills it. {@link OrderBook#sweep} never counts more than matching fills
     * (it stops at the account's own orders and skips reduce-only makers), so "surely" holds.
     */
    private static boolean mayStayLive(PlaceOrder c, Market market) {
        if (c.type().isTriggered()) {
            return true;
        }
        if (c.type() != OrderType.LIMIT || !rests(c.timeInForce())) {
            return false;
        }
        long steps = market.steps(c.size());
        long sure = 0;
        for (OrderBook.Level level : market.book().sweep(c.side(), market.ticks(c.price()), c.accountId(), steps)) {
            sure += level.sizeSteps();
        }
        return sure < steps;
    }
}
