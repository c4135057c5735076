package io.bulwark.engine.desk.trading;

import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;

/**
 * Runs orders once admitted: an active order trades as a taker and rests or ends by its time in force,
 * a due trigger order fires, a live order is cancelled; then the positions and book levels that moved
 * are reported.
 */
final class Execution {
    private final Markets markets;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final ExchangeStatus status;
    private final OrderMargin orderMargin;
    private final Matcher matcher;
    private final CircuitBreaker breaker;
    private final ClientOrderIds clientOrderIds;

    Execution(
            Markets markets,
            Portfolios portfolios,
            LiveOrders live,
            ExchangeStatus status,
            OrderMargin orderMargin,
            Matcher matcher,
            CircuitBreaker breaker,
            ClientOrderIds clientOrderIds) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.live = live;
        this.status = status;
        this.orderMargin = orderMargin;
        this.matcher = matcher;
        this.breaker = breaker;
        this.clientOrderIds = clientOrderIds;
    }

    /** The furthest price a market order may trade at: the price band's edge around the mark. */
    static long bandEdgeTicks(Market market, Side side) {
        return OrderChecks.bandEdgeTicks(market.markPrice(), market.spec(), side);
    }

    /** A stop or take-profit order rests UNTRIGGERED, its margin held, until its trigger price is reached. */
    void holdTrigger(Market market, Order order, Portfolio portfolio) {
        order.heldMargin = orderMargin.required(order, market.spec());
        live.register(order, portfolio);
        market.triggers().add(order);
    }

    /** Runs an active order as a taker, then rests or cancels what is left according to its time in force. */
    void execute(Market market, Order order, CommandContext ctx) {
        ctx.marketTouched(market.spec().market());
        Portfolio portfolio = portfolios.get(order.accountId).orElseThrow();
        if (order.timeInForce == TimeInForce.FOK
                && market.book().fillable(order.side, order.limitTicks, order.accountId, order.remainingSteps())
                        < order.remainingSteps()) {
            end(order, CancelReason.FOK_NOT_FILLABLE, portfolio, ctx);
            return;
        }
        Matcher.Stop stop = matcher.match(market, order, ctx);
        if (order.remainingSteps() == 0) {
            end(order, null, portfolio, ctx);
        } else if (stop == Matcher.Stop.SELF_TRADE) {
            end(order, CancelReason.SELF_TRADE, portfolio, ctx);
        } else if (stop == Matcher.Stop.REDUCE_ONLY) {
            end(order, CancelReason.REDUCE_ONLY, portfolio, ctx);
        } else if (order.price != null
                && (order.timeInForce == TimeInForce.GTC || order.timeInForce == TimeInForce.POST_ONLY)) {
            BigDecimal heldBefore = order.heldMargin;
            if (live.get(order.id).isEmpty()) {
                order.heldMargin = orderMargin.required(order, market.spec());
                live.register(order, portfolio);
            } else {
                orderMargin.rehold(order, market.spec(), portfolio, heldBefore);
            }
            market.book().rest(order);
        } else {
            end(
                    order,
                    order.filledSteps() == 0 && order.price == null
                            ? CancelReason.NO_LIQUIDITY
                            : CancelReason.IOC_REMAINDER,
                    portfolio,
                    ctx);
        }
    }

    /** The order is done: filled (reason null) or cancelled for {@code reason}. */
    private void end(Order order, CancelReason reason, Portfolio portfolio, CommandContext ctx) {
        if (reason != null) {
            order.cancel(reason, ctx.now());
        }
        if (live.get(order.id).isPresent()) {
            live.unregister(order, portfolio);
        }
        clientOrderIds.ended(order, ctx.now());
    }

    void cancelLive(Order order, CancelReason reason, CommandContext ctx) {
        Market market = markets.get(order.market).orElseThrow();
        if (order.isResting()) {
            market.book().remove(order);
            ctx.marketTouched(order.market);
        }
        if (order.status() == OrderStatus.UNTRIGGERED) {
            market.triggers().remove(order);
        }
        matcher.retire(order, reason, ctx);
    }

    /**
     * Fires due trigger orders while the market is OPEN with a healthy price and the breaker has not
     * paused it; a fill can set off more.
     */
    void fireTriggers(Market market, CommandContext ctx) {
        while (status.state().stricter(market.state()) == TradingState.OPEN
                && market.priceHealthy(ctx.now())
                && !breaker.paused(market.spec().market())) {
            List<Order> due =
                    market.triggers().takeDue(market.markPrice(), market.spec().tickSize());
            if (due.isEmpty()) {
                return;
            }
            for (Order order : due) {
                order.activate(ctx.now());
                if (order.price == null) {
                    order.limitTicks = bandEdgeTicks(market, order.side);
                }
                execute(market, order, ctx);
                ctx.events().add(new OrderUpdated(order.state()));
            }
        }
    }

    /** Reports the positions and book levels this command changed. */
    void finish(CommandContext ctx) {
        TradingEvents.positions(ctx, portfolios, markets);
        TradingEvents.books(ctx, markets);
    }
}
