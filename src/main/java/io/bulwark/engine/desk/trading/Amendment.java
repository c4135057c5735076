package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.command.Rejection.Code.MARKET_CLOSED;
import static io.bulwark.engine.command.Rejection.Code.ORDER_NOT_FOUND;
import static io.bulwark.engine.command.Rejection.Code.POST_ONLY_WOULD_CROSS;
import static io.bulwark.engine.command.Rejection.Code.PRICE_OUTSIDE_BAND;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Amending a live order (SPEC section 10): an amend is a new offer, so it passes the market state, the
 * bands, the margin and the worst case again, and must not trade; it keeps the order's place in the
 * queue only when the price stays and the size does not grow.
 */
final class Amendment {
    private final Markets markets;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final ExchangeStatus status;
    private final MarginCalculator margin;
    private final OrderMargin orderMargin;
    private final OrderChecks checks;
    private final OrderLimits limits;
    private final OrderAdmission admission;
    private final Execution execution;

    Amendment(
            Markets markets,
            Portfolios portfolios,
            LiveOrders live,
            ExchangeStatus status,
            MarginCalculator margin,
            OrderMargin orderMargin,
            OrderChecks checks,
            OrderLimits limits,
            OrderAdmission admission,
            Execution execution) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.live = live;
        this.status = status;
        this.margin = margin;
        this.orderMargin = orderMargin;
        this.checks = checks;
        this.limits = limits;
        this.admission = admission;
        this.execution = execution;
    }

    public Optional<Outcome> amend(AmendOrder c, long sequence, long now, List<Event> events) {
        Optional<Order> found =
                OrderChecks.parseId(c.orderId()).flatMap(live::get).filter(o -> o.accountId.equals(c.accountId()));
        if (found.isEmpty()) {
            return reject(ORDER_NOT_FOUND, "no live order " + c.orderId());
        }
        Order order = found.get();
        Market market = markets.get(order.market).orElseThrow();
        Optional<Outcome> invalid = checks.amend(c, order, market);
        if (invalid.isPresent()) {
            return invalid;
        }
        BigDecimal newPrice = c.price() != null ? c.price() : order.price;
        Optional<Outcome> refused = offerRefusal(order, market, newPrice);
        if (refused.isPresent()) {
            return refused;
        }
        long newSteps = c.size() != null ? market.steps(c.size()) : order.sizeSteps;
        refused = marginRefusal(order, market, newPrice, newSteps);
        if (refused.isPresent()) {
            return refused;
        }
        apply(order, market, newPrice, newSteps, new CommandContext(sequence, now, events));
        return Optional.empty();
    }

    /** An amend is a new offer: CLOSED takes none, POST_ONLY only inside its band, and it must not trade. */
    private Optional<Outcome> offerRefusal(Order order, Market market, BigDecimal newPrice) {
        TradingState state = status.state().stricter(market.state());
        if (state == TradingState.CLOSED) {
            return reject(MARKET_CLOSED, order.market + " is CLOSED: only cancels are accepted");
        }
        if (state == TradingState.POST_ONLY
                && (market.indexPrice() == null
                        || !OrderChecks.withinBand(
                                newPrice, market.indexPrice(), market.spec().postOnlyBandBps()))) {
            return reject(
                    PRICE_OUTSIDE_BAND,
                    "while POST_ONLY an amended price must be within "
                            + market.spec().postOnlyBandBps() + " bps of the index");
        }
        Optional<Outcome> outside = limits.restingBand(order, newPrice, market);
        if (outside.isPresent()) {
            return outside;
        }
        long newTicks = market.ticks(newPrice);
        if (newTicks != order.limitTicks && market.book().crosses(order.side, newTicks)) {
            return reject(POST_ONLY_WOULD_CROSS, "an amend must not trade: the new price crosses the book");
        }
        return Optional.empty();
    }

    /** The initial margin the amended order adds must be free, and the worst case must still hold. */
    private Optional<Outcome> marginRefusal(Order order, Market market, BigDecimal newPrice, long newSteps) {
        BigDecimal extra = order.reduceOnly
                ? BigDecimal.ZERO
                : newPrice.multiply(market.size(newSteps - order.filledSteps()))
                        .multiply(market.spec().initialMarginFraction())
                        .subtract(order.heldMargin);
        // Assessed once for both checks (nothing changes between them).
        AccountRisk risk = margin.assess(order.accountId);
        if (extra.signum() > 0 && risk.freeCollateral().compareTo(extra) < 0) {
            return reject(
                    INSUFFICIENT_MARGIN,
                    "the amended order needs " + extra.stripTrailingZeros().toPlainString()
                            + " more initial margin than is free");
        }
        return admission.admitWorstCase(order.accountId, risk, WorstCase.amending(order, newPrice, newSteps, market));
    }

    /** Keeps the order's place when the price stays and the size does not grow; else it rests anew. */
    private void apply(Order order, Market market, BigDecimal newPrice, long newSteps, CommandContext ctx) {
        Portfolio portfolio = portfolios.get(order.accountId).orElseThrow();
        long newTicks = market.ticks(newPrice);
        ctx.marketTouched(order.market);
        boolean keepsPlace = newTicks == order.limitTicks && newSteps <= order.sizeSteps;
        BigDecimal heldBefore = order.heldMargin;
        if (keepsPlace) {
            market.book().shrink(order, order.sizeSteps - newSteps);
            order.sizeSteps = newSteps;
        } else {
            market.book().remove(order);
            order.price = newPrice;
            order.limitTicks = newTicks;
            order.sizeSteps = newSteps;
            market.book().rest(order);
        }
        order.activate(ctx.now());
        orderMargin.rehold(order, market.spec(), portfolio, heldBefore);
        ctx.events().add(new OrderUpdated(order.state()));
        execution.finish(ctx);
    }
}
