package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.DUPLICATE_CLIENT_ORDER_ID;
import static io.bulwark.engine.command.Rejection.Code.ORDER_NOT_FOUND;
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
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Limits;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders from acceptance to their end: checks in the order SPEC section 10 fixes (values, market,
 * state, price, business rules), matching, resting, cancelling, amending and triggering. Admission
 * ({@link OrderAdmission}), execution ({@link Execution}) and amending ({@link Amendment}) each have their
 * own class; this desk takes the commands and hands each to them.
 */
public final class OrderDesk implements OrderCancels {
    private final Markets markets;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final OrderChecks checks = new OrderChecks();
    private final WorstCase worstCase;
    private final ClientOrderIds clientOrderIds;
    private final OrderAdmission admission;
    private final Execution execution;
    private final Amendment amendment;

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
        this.markets = markets;
        this.portfolios = portfolios;
        this.live = live;
        this.clientOrderIds = new ClientOrderIds(portfolios, limits);
        OrderLimits orderLimits = new OrderLimits(limits, live);
        OrderMargin orderMargin = new OrderMargin();
        Matcher matcher = new Matcher(ledger, portfolios, live, orderMargin, clientOrderIds);
        this.worstCase = new WorstCase(markets, portfolios, live, margin);
        this.admission = new OrderAdmission(status, rules, orderLimits, margin, worstCase, live);
        this.execution =
                new Execution(markets, portfolios, live, status, orderMargin, matcher, breaker, clientOrderIds);
        this.amendment = new Amendment(
                markets, portfolios, live, status, margin, orderMargin, checks, orderLimits, admission, execution);
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
        Optional<Outcome> repeat = repeatedClientOrderId(c, portfolio.get(), now);
        if (repeat.isPresent()) {
            return repeat;
        }
        Optional<Outcome> invalid = checks.values(c, found);
        if (invalid.isPresent()) {
            return invalid;
        }
        if (found.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        Market market = found.get();
        Optional<Outcome> refused = admission.check(c, market, portfolio.get());
        if (refused.isPresent()) {
            return refused;
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
        Order order = newOrder(c, market, sequence, now);
        if (!c.clientOrderId().isEmpty()) {
            clientOrderIds.remember(portfolio.get(), c.clientOrderId(), order.id, OrderChecks.fingerprint(c));
        }
        if (order.type.isTriggered()) {
            execution.holdTrigger(market, order, portfolio.get());
        } else {
            execution.execute(market, order, ctx);
        }
        events.add(new OrderPlaced(order.state()));
        execution.fireTriggers(market, ctx);
        execution.finish(ctx);
        return Optional.empty();
    }

    /** A remembered client order id: the same order again is answered as placed, another is refused. */
    private Optional<Outcome> repeatedClientOrderId(PlaceOrder c, Portfolio portfolio, long now) {
        if (c.clientOrderId().isEmpty()) {
            return Optional.empty();
        }
        Optional<Portfolio.ClientOrder> earlier = clientOrderIds.find(portfolio, c.clientOrderId(), now);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        return earlier.get().fingerprint().equals(OrderChecks.fingerprint(c))
                ? Optional.of(new Outcome.AlreadyApplied(
                        "order already placed", Long.toString(earlier.get().orderId())))
                : reject(
                        DUPLICATE_CLIENT_ORDER_ID,
                        "clientOrderId " + c.clientOrderId() + " was used for another order");
    }

    private Order newOrder(PlaceOrder c, Market market, long id, long now) {
        MarketSpec spec = market.spec();
        long limitTicks = c.price() != null ? market.ticks(c.price()) : 0;
        if (c.type() == OrderType.MARKET) {
            limitTicks = Execution.bandEdgeTicks(market, c.side());
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

    public Optional<Outcome> cancel(CancelOrder c, long sequence, long now, List<Event> events) {
        Optional<Order> order =
                OrderChecks.parseId(c.orderId()).flatMap(live::get).filter(o -> o.accountId.equals(c.accountId()));
        if (order.isEmpty()) {
            return reject(ORDER_NOT_FOUND, "no live order " + c.orderId());
        }
        CommandContext ctx = new CommandContext(sequence, now, events);
        execution.cancelLive(order.get(), CancelReason.USER, ctx);
        execution.finish(ctx);
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
                execution.cancelLive(order, c.reasonOrUser(), ctx);
            }
        }
        execution.finish(ctx);
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
                execution.cancelLive(order, reason, ctx);
            }
        }
        execution.finish(ctx);
    }

    @Override
    public void cancelAccount(String accountId, CancelReason reason, long sequence, long now, List<Event> events) {
        CommandContext ctx = new CommandContext(sequence, now, events);
        for (Order order : new ArrayList<>(live.ofAccount(accountId))) {
            execution.cancelLive(order, reason, ctx);
        }
        execution.finish(ctx);
    }

    public Optional<Outcome> amend(AmendOrder c, long sequence, long now, List<Event> events) {
        return amendment.amend(c, sequence, now, events);
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
            execution.fireTriggers(market, ctx);
        }
        execution.finish(ctx);
        return Optional.empty();
    }

    /** A market's prices moved (an oracle update): fire what is now due. */
    public void onPriceChange(Market market, long sequence, long now, List<Event> events) {
        CommandContext ctx = new CommandContext(sequence, now, events);
        execution.fireTriggers(market, ctx);
        execution.finish(ctx);
    }
}
