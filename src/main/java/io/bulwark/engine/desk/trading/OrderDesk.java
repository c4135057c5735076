package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.DUPLICATE_CLIENT_ORDER_ID;
import static io.bulwark.engine.command.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.command.Rejection.Code.MARKET_CLOSED;
import static io.bulwark.engine.command.Rejection.Code.ORDER_NOT_FOUND;
import static io.bulwark.engine.command.Rejection.Code.POST_ONLY_REQUIRED;
import static io.bulwark.engine.command.Rejection.Code.POST_ONLY_WOULD_CROSS;
import static io.bulwark.engine.command.Rejection.Code.PRICE_OUTSIDE_BAND;
import static io.bulwark.engine.command.Rejection.Code.PRICE_UNAVAILABLE;
import static io.bulwark.engine.command.Rejection.Code.REDUCE_ONLY_WOULD_INCREASE;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.desk.OrderCancels;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Limits;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders from acceptance to their end: checks in the order SPEC section 10 fixes (values, market,
 * state, price, business rules), matching, resting, cancelling, amending and triggering.
 */
public final class OrderDesk implements OrderCancels {
    private final Markets markets;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final ExchangeStatus status;
    private final MarginCalculator margin;
    private final OrderMargin orderMargin = new OrderMargin();
    private final OrderChecks checks;
    private final Matcher matcher;
    private final CircuitBreaker breaker;
    private final WorstCase worstCase;
    private final RuleSet rules;
    private final ClientOrderIds clientOrderIds;
    private final OrderLimits limits;

    public OrderDesk(
            Markets markets,
            Portfolios portfolios,
            LiveOrders live,
            ExchangeStatus status,
            MarginCalculator margin,
            io.bulwark.engine.ledger.Ledger ledger,
            CircuitBreaker breaker,
            RuleSet rules,
            Limits limits) {
        this.rules = rules;
        this.breaker = breaker;
        this.markets = markets;
        this.portfolios = portfolios;
        this.live = live;
        this.status = status;
        this.margin = margin;
        this.checks = new OrderChecks();
        this.clientOrderIds = new ClientOrderIds(portfolios, limits);
        this.limits = new OrderLimits(limits, live);
        this.matcher = new Matcher(ledger, portfolios, live, orderMargin, clientOrderIds);
        this.worstCase = new WorstCase(markets, portfolios, live, margin);
    }

    /** What the account's live orders could cost it: withdrawals must leave it covered. */
    public io.bulwark.engine.risk.OrderExposure exposure() {
        return worstCase;
    }

    public Optional<Outcome> place(PlaceOrder c, long sequence, long now, List<Event> events) {
        Optional<Market> found = markets.get(c.market());
        Optional<Portfolio> portfolio = portfolios.get(c.accountId());
        if (portfolio.isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        if (!c.clientOrderId().isEmpty()) {
            Optional<Portfolio.ClientOrder> earlier = clientOrderIds.find(portfolio.get(), c.clientOrderId(), now);
            if (earlier.isPresent()) {
                return earlier.get().fingerprint().equals(OrderChecks.fingerprint(c))
                        ? Optional.of(new Outcome.AlreadyApplied(
                                "order already placed",
                                Long.toString(earlier.get().orderId())))
                        : reject(
                                DUPLICATE_CLIENT_ORDER_ID,
                                "clientOrderId " + c.clientOrderId() + " was used for another order");
            }
        }
        Optional<Outcome> invalid = checks.values(c, found);
        if (invalid.isPresent()) {
            return invalid;
        }
        if (found.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        Market market = found.get();
        Optional<Outcome> refused = checkState(c, market, portfolio.get());
        if (refused.isEmpty()) {
            refused = checkBusiness(c, market, portfolio.get());
        }
        if (refused.isPresent()) {
            return refused;
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
        Order order = newOrder(c, market, sequence, now);
        if (!c.clientOrderId().isEmpty()) {
            clientOrderIds.remember(portfolio.get(), c.clientOrderId(), order.id, OrderChecks.fingerprint(c));
        }
        if (order.type.isTriggered()) {
            order.heldMargin = orderMargin.required(order, market.spec());
            live.register(order, portfolio.get());
            market.triggers().add(order);
        } else {
            execute(market, order, ctx);
        }
        events.add(new OrderPlaced(order.state()));
        fireTriggers(market, ctx);
        finish(ctx);
        return Optional.empty();
    }

    private Order newOrder(PlaceOrder c, Market market, long id, long now) {
        MarketSpec spec = market.spec();
        long limitTicks = c.price() != null ? market.ticks(c.price()) : 0;
        if (c.type() == OrderType.MARKET) {
            limitTicks = bandEdgeTicks(market, c.side());
        }
        long triggerTicks = c.triggerPrice() != null ? market.ticks(c.triggerPrice()) : 0;
        TimeInForce tif =
                c.type() == OrderType.MARKET && c.timeInForce() == TimeInForce.GTC ? TimeInForce.IOC : c.timeInForce();
        return new Order(
                id,
                c.accountId(),
                c.market(),
                c.side(),
                c.type(),
                tif,
                c.price(),
                limitTicks,
                c.triggerPrice(),
                triggerTicks,
                spec.stepSize(),
                market.steps(c.size()),
                c.reduceOnly(),
                c.clientOrderId(),
                now,
                c.type().isTriggered() ? OrderStatus.UNTRIGGERED : OrderStatus.OPEN);
    }

    /**
     * The market state (409 MARKET_CLOSED), then the price (409 PRICE_UNAVAILABLE), then the account's
     * live orders in the market (409 TOO_MANY_OPEN_ORDERS), then the POST_ONLY rules (422), in the order
     * SPEC section 10 fixes.
     */
    private Optional<Outcome> checkState(PlaceOrder c, Market market, Portfolio portfolio) {
        TradingState state = status.state().stricter(market.state());
        if (state == TradingState.CLOSED) {
            return reject(MARKET_CLOSED, c.market() + " is CLOSED: only cancels are accepted");
        }
        if (needsPrice(c, market, state) && !priceAvailable(market)) {
            return reject(
                    PRICE_UNAVAILABLE,
                    c.market() + " has never had a healthy price: orders that need one wait for "
                            + io.bulwark.engine.oracle.OracleFeed.HEALTHY_AFTER
                            + " consecutive accepted oracle updates");
        }
        Optional<Outcome> full = limits.openOrders(c, market, portfolio);
        if (full.isPresent()) {
            return full;
        }
        if (state == TradingState.POST_ONLY) {
            if (c.type() != OrderType.LIMIT || c.timeInForce() != TimeInForce.POST_ONLY) {
                return reject(POST_ONLY_REQUIRED, c.market() + " accepts only POST_ONLY limit orders now");
            }
            BigDecimal reference = market.indexPrice();
            if (!OrderChecks.withinBand(c.price(), reference, market.spec().postOnlyBandBps())) {
                return reject(
                        PRICE_OUTSIDE_BAND,
                        "price must be within " + market.spec().postOnlyBandBps() + " bps of " + reference
                                + " while POST_ONLY");
            }
        }
        return Optional.empty();
    }

    /**
     * Orders whose acceptance needs a trusted price: in POST_ONLY every order (its band is around the
     * index); when OPEN a MARKET order and a LIMIT order that would take liquidity. A resting LIMIT and a
     * stop or take-profit order do not: a trigger order rests UNTRIGGERED and fires only on a healthy price.
     */
    private static boolean needsPrice(PlaceOrder c, Market market, TradingState state) {
        return state == TradingState.POST_ONLY || c.type() == OrderType.MARKET || takesLiquidity(c, market);
    }

    /**
     * Whether orders that need a price may have one: once the price was ever healthy (SPEC section 8
     * v2); journals of older builds replay under version 1, where any mark price did (RuleSet).
     */
    private boolean priceAvailable(Market market) {
        return rules.v2() ? market.priceEverHealthy() : market.markPrice() != null;
    }

    private static boolean takesLiquidity(PlaceOrder c, Market market) {
        return c.type() == OrderType.LIMIT && market.book().crosses(c.side(), market.ticks(c.price()));
    }

    private Optional<Outcome> checkBusiness(PlaceOrder c, Market market, Portfolio portfolio) {
        long position =
                portfolio.existingPosition(c.market()).map(Position::sizeSteps).orElse(0L);
        long steps = market.steps(c.size());
        if (c.reduceOnly() && !(Long.signum(position) == -c.side().sign() && steps <= Math.abs(position))) {
            return reject(
                    REDUCE_ONLY_WOULD_INCREASE,
                    "a reduce-only order must be smaller than and opposite to the position");
        }
        boolean immediate = !c.type().isTriggered() && c.type() != OrderType.MARKET;
        long limitTicks = c.price() != null ? market.ticks(c.price()) : 0;
        if (immediate
                && c.timeInForce() == TimeInForce.POST_ONLY
                && market.book().crosses(c.side(), limitTicks)) {
            return reject(POST_ONLY_WOULD_CROSS, "a POST_ONLY order must not trade on arrival");
        }
        BigDecimal mark = market.markPrice();
        if (immediate
                && mark != null
                && market.book().crosses(c.side(), limitTicks)
                && !OrderChecks.withinBand(c.price(), mark, market.spec().priceBandBps())) {
            return reject(
                    PRICE_OUTSIDE_BAND,
                    "an order that trades must be priced within "
                            + market.spec().priceBandBps() + " bps of the mark " + mark);
        }
        Optional<Outcome> outside = limits.restingBand(c, market);
        if (outside.isPresent()) {
            return outside;
        }
        if (c.reduceOnly()) {
            // It opens nothing, but filled first it lets the account's other orders on this side
            // open more: the worst case still holds it.
            return admitWorstCase(c.accountId(), WorstCase.placing(c, market));
        }
        BigDecimal price = c.type() == OrderType.MARKET
                ? market.price(bandEdgeTicks(market, c.side()))
                : c.price() != null ? c.price() : c.triggerPrice();
        long closing = rules.v2()
                ? closingSteps(portfolio, c.market(), c.side(), position, steps)
                : Long.signum(position) == -c.side().sign() ? Math.min(steps, Math.abs(position)) : 0;
        if (closing < steps) {
            // Only the part that closes what the account's other orders on this side do not
            // already close is exempt (SPEC section 3 v2); the rest opens and needs initial margin.
            BigDecimal needed = price.multiply(market.size(steps - closing))
                    .multiply(market.spec().initialMarginFraction());
            BigDecimal free = margin.assess(c.accountId()).freeCollateral();
            if (free.compareTo(needed) < 0) {
                return reject(
                        INSUFFICIENT_MARGIN,
                        "the order needs " + needed.stripTrailingZeros().toPlainString()
                                + " of initial margin; free collateral is "
                                + free.stripTrailingZeros().toPlainString());
            }
        }
        return admitWorstCase(c.accountId(), WorstCase.placing(c, market));
    }

    /** SPEC section 3 v2; journals of older builds replay without it (RuleSet). */
    private Optional<Outcome> admitWorstCase(String accountId, WorstCase.Proposal proposal) {
        return rules.v2() ? worstCase.admit(accountId, proposal) : Optional.empty();
    }

    /**
     * How much of an order closes the position: no more than the position less what the account's
     * live orders on the same side would already close if they filled.
     */
    private long closingSteps(Portfolio portfolio, String market, Side side, long position, long steps) {
        if (Long.signum(position) != -side.sign()) {
            return 0;
        }
        long covered = 0;
        for (long id : portfolio.liveOrders()) {
            Order other = live.get(id).orElseThrow();
            if (other.market.equals(market) && other.side == side) {
                covered += other.remainingSteps();
            }
        }
        return Math.max(0, Math.min(steps, Math.abs(position) - covered));
    }

    /** The furthest price a market order may trade at: the price band's edge around the mark. */
    private static long bandEdgeTicks(Market market, io.bulwark.engine.order.Side side) {
        return OrderChecks.bandEdgeTicks(market.markPrice(), market.spec(), side);
    }

    /** Runs an active order as a taker, then rests or cancels what is left according to its time in force. */
    private void execute(Market market, Order order, CommandContext ctx) {
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

    public Optional<Outcome> cancel(CancelOrder c, long sequence, long now, List<Event> events) {
        Optional<Order> order =
                OrderChecks.parseId(c.orderId()).flatMap(live::get).filter(o -> o.accountId.equals(c.accountId()));
        if (order.isEmpty()) {
            return reject(ORDER_NOT_FOUND, "no live order " + c.orderId());
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
        cancelLive(order.get(), CancelReason.USER, ctx);
        finish(ctx);
        return Optional.empty();
    }

    public Optional<Outcome> cancelAll(CancelOrders c, long sequence, long now, List<Event> events) {
        Optional<Portfolio> portfolio = portfolios.get(c.accountId());
        if (portfolio.isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        if (!c.market().isEmpty() && !markets.contains(c.market())) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
        for (long id : new ArrayList<>(portfolio.get().liveOrders())) {
            Order order = live.get(id).orElseThrow();
            if (c.market().isEmpty() || order.market.equals(c.market())) {
                cancelLive(order, CancelReason.USER, ctx);
            }
        }
        finish(ctx);
        return Optional.empty();
    }

    /** Cancels every live order matching {@code which}, for {@code reason} (maintenance, rollback, liquidation). */
    @Override
    public void cancelWhere(
            java.util.function.Predicate<Order> which,
            CancelReason reason,
            long sequence,
            long now,
            List<Event> events) {
        CommandContext ctx = new CommandContext(sequence, now, events);
        for (Order order : new ArrayList<>(live.all())) {
            if (which.test(order)) {
                cancelLive(order, reason, ctx);
            }
        }
        finish(ctx);
    }

    private void cancelLive(Order order, CancelReason reason, CommandContext ctx) {
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
        // An amend is a new offer: CLOSED takes none, POST_ONLY only inside its band around the index.
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
        long newSteps = c.size() != null ? market.steps(c.size()) : order.sizeSteps;
        long newTicks = market.ticks(newPrice);
        if (newTicks != order.limitTicks && market.book().crosses(order.side, newTicks)) {
            return reject(POST_ONLY_WOULD_CROSS, "an amend must not trade: the new price crosses the book");
        }
        Portfolio portfolio = portfolios.get(order.accountId).orElseThrow();
        BigDecimal extra = order.reduceOnly
                ? BigDecimal.ZERO
                : newPrice.multiply(market.size(newSteps - order.filledSteps()))
                        .multiply(market.spec().initialMarginFraction())
                        .subtract(order.heldMargin);
        if (extra.signum() > 0
                && margin.assess(order.accountId).freeCollateral().compareTo(extra) < 0) {
            return reject(
                    INSUFFICIENT_MARGIN,
                    "the amended order needs " + extra.stripTrailingZeros().toPlainString()
                            + " more initial margin than is free");
        }
        Optional<Outcome> refused =
                admitWorstCase(order.accountId, WorstCase.amending(order, newPrice, newSteps, market));
        if (refused.isPresent()) {
            return refused;
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
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
        order.activate(now);
        orderMargin.rehold(order, market.spec(), portfolio, heldBefore);
        events.add(new OrderUpdated(order.state()));
        finish(ctx);
        return Optional.empty();
    }

    /**
     * A StartEngine applied new limits: the client order ids of orders that ended while ids were never
     * forgotten start their countdown now.
     */
    public void limitsChanged(long now) {
        clientOrderIds.startCountdowns(live, now);
    }

    /** After every applied command: forgets the client order ids whose retention has passed. */
    public void forgetEnded(long now) {
        clientOrderIds.forget(now);
    }

    /** Time passed: fire trigger orders whose mark has been reached while their market was not OPEN. */
    public Optional<Outcome> onTick(long sequence, long now, List<Event> events) {
        CommandContext ctx = new CommandContext(sequence, now, events);
        for (Market market : markets.all()) {
            fireTriggers(market, ctx);
        }
        finish(ctx);
        return Optional.empty();
    }

    /** A market's prices moved (an oracle update): fire what is now due. */
    public void onPriceChange(Market market, long sequence, long now, List<Event> events) {
        CommandContext ctx = new CommandContext(sequence, now, events);
        fireTriggers(market, ctx);
        finish(ctx);
    }

    /**
     * Fires due trigger orders while the market is OPEN with a healthy price and the breaker has not
     * paused it; a fill can set off more.
     */
    private void fireTriggers(Market market, CommandContext ctx) {
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
    private void finish(CommandContext ctx) {
        TradingEvents.positions(ctx, portfolios, markets);
        TradingEvents.books(ctx, markets);
    }
}
