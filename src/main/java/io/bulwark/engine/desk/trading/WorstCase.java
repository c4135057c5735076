package io.bulwark.engine.desk.trading;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.risk.OrderExposure;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SPEC section 3 (v2), "closing is not a loophole": how far an account's equity could fall short of
 * the initial margin requirement of its positions at mark if its own live orders filled at their
 * prices: any of them, in any order. Per market, the position can reach at most its furthest point
 * each way (every order on that side filled; reduce-only orders only back toward zero), and every
 * fill may cost its price's distance from the mark when that is against the account (a better
 * price is never counted as a gain) and the taker fee; the markets add up, since each fills on its
 * own book.
 *
 * <p>An order is accepted only if this shortfall stays zero with it, or if it strictly narrows
 * what all of its side filling would do to an account already short (closing an under-margined
 * position). So no sequence of an account's own orders, filled by whoever, leaves it under water
 * at an unchanged mark, and the liquidator vault never covers bad debt made that way.
 */
final class WorstCase implements OrderExposure {
    /** A hypothetical fill of {@code steps} at {@code price}. */
    record Leg(long steps, BigDecimal price, boolean reduceOnly) {}

    /** An order as it would stand: its fills on one side of a market, and the live order it replaces (an amend) or 0. */
    record Proposal(Market market, Side side, List<Leg> legs, long replaces) {}

    private final Markets markets;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final MarginCalculator margin;

    WorstCase(Markets markets, Portfolios portfolios, LiveOrders live, MarginCalculator margin) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.live = live;
        this.margin = margin;
    }

    /**
     * Refuses {@code proposal} when the account's worst case with it falls short of its initial
     * margin requirement, unless it strictly narrows the shortfall the account has without it. {@code risk}
     * is the account's {@link MarginCalculator#assess} as it stands (the caller's, assessed once per command).
     */
    Optional<Outcome> admit(String accountId, AccountRisk risk, Proposal proposal) {
        Worst with = worst(accountId, risk, proposal);
        if (with.shortfall().signum() == 0) {
            return Optional.empty();
        }
        Worst without = worst(accountId, risk, null);
        if (with.net(proposal).compareTo(without.net(proposal)) < 0) {
            return Optional.empty(); // it narrows its own side's worst case: it closes
        }
        return Outcome.reject(
                Rejection.Code.INSUFFICIENT_MARGIN,
                "if this account's orders filled at their prices, its equity could fall "
                        + Decimals.plain(with.shortfall().setScale(Decimals.USD_SCALE, RoundingMode.UP))
                        + " short of the initial margin requirement");
    }

    /** A new order as it would stand: what it would fill now against the book, and what it would rest. */
    static Proposal placing(PlaceOrder c, Market market) {
        MarketSpec spec = market.spec();
        long steps = market.steps(c.size());
        List<Leg> legs = new ArrayList<>();
        if (c.type().isTriggered()) {
            BigDecimal price = c.price() != null ? c.price() : triggeredEdge(c.triggerPrice(), c.side(), market);
            legs.add(new Leg(steps, price, c.reduceOnly()));
            return new Proposal(market, c.side(), legs, 0);
        }
        long limitTicks = c.type() == OrderType.MARKET
                ? OrderChecks.bandEdgeTicks(market.markPrice(), spec, c.side())
                : market.ticks(c.price());
        long left = steps;
        if (c.timeInForce() != TimeInForce.POST_ONLY) {
            for (OrderBook.Level fill : market.book().sweep(c.side(), limitTicks, c.accountId(), steps)) {
                legs.add(new Leg(fill.sizeSteps(), market.price(fill.priceTicks()), c.reduceOnly()));
                left -= fill.sizeSteps();
            }
        }
        // What the book does not fill now rests at the limit, or is cancelled: either way no worse.
        if (left > 0) {
            legs.add(new Leg(left, market.price(limitTicks), c.reduceOnly()));
        }
        return new Proposal(market, c.side(), legs, 0);
    }

    /** A live order amended to {@code price} and {@code sizeSteps} (an amend never trades). */
    static Proposal amending(Order order, BigDecimal price, long sizeSteps, Market market) {
        long remaining = sizeSteps - order.filledSteps();
        return new Proposal(market, order.side, List.of(new Leg(remaining, price, order.reduceOnly)), order.id);
    }

    /**
     * The account's worst case: its shortfall (zero or more), and per market and side the net
     * change that all of that side filling would make.
     */
    record Worst(BigDecimal gap, Map<String, BigDecimal[]> net) {
        BigDecimal shortfall() {
            return gap.max(BigDecimal.ZERO);
        }

        BigDecimal net(Proposal p) {
            BigDecimal[] bySide = net.get(p.market().spec().market());
            return bySide == null ? BigDecimal.ZERO : bySide[p.side().ordinal()];
        }
    }

    @Override
    public BigDecimal headroom(String accountId) {
        return worst(accountId, margin.assess(accountId), null).gap().negate();
    }

    /**
     * The account's worst case as it stands ({@code risk}), or with {@code proposal} (nullable) in place.
     * On every place and amend (issue 15): the account's orders come from the per-account index, and each
     * order's market is looked up once per run of orders in the same market, not once per order.
     */
    private Worst worst(String accountId, AccountRisk risk, Proposal proposal) {
        Portfolio portfolio = portfolios.get(accountId).orElseThrow();
        TreeMap<String, List<Leg>[]> legs = new TreeMap<>();
        long replaces = proposal == null ? 0L : proposal.replaces();
        String marketName = null;
        Market orderMarket = null;
        List<Leg>[] marketLegs = null;
        for (Order order : live.ofAccount(accountId)) {
            if (order.id != replaces) {
                if (!order.market.equals(marketName)) {
                    marketName = order.market;
                    orderMarket = markets.get(marketName).orElseThrow();
                    marketLegs = sides(legs, marketName);
                }
                marketLegs[order.side.ordinal()].add(
                        new Leg(order.remainingSteps(), fillPrice(order, orderMarket), order.reduceOnly));
            }
        }
        if (proposal != null) {
            sides(legs, proposal.market().spec().market())[proposal.side().ordinal()].addAll(proposal.legs());
        }
        // Orders that do not fill hold margin only as a reservation: the free-collateral check
        // counts it; here only the positions' requirement and the fills' cost count.
        BigDecimal gap = risk.initialMarginRequirement()
                .subtract(portfolio.orderMargin())
                .subtract(risk.equity());
        Map<String, BigDecimal[]> net = new TreeMap<>();
        for (Market market : markets.all()) {
            String name = market.spec().market();
            Optional<Position> position = portfolio.existingPosition(name).filter(p -> !p.isFlat());
            if (legs.containsKey(name) || position.isPresent()) {
                MarketCase worst = marketCase(market, position, sides(legs, name));
                gap = gap.add(worst.bound());
                net.put(name, worst.net());
            }
        }
        return new Worst(gap, net);
    }

    @SuppressWarnings("unchecked")
    private static List<Leg>[] sides(Map<String, List<Leg>[]> legs, String market) {
        return legs.computeIfAbsent(market, m -> new List[] {new ArrayList<Leg>(), new ArrayList<Leg>()});
    }

    /**
     * One market: {@code bound} is the most that any of the account's orders there filling, in any
     * order, can raise requirement minus equity (what must stay covered); {@code net} per side is
     * what all of that side filling does (what a closing order must strictly lower).
     */
    record MarketCase(BigDecimal bound, BigDecimal[] net) {}

    private static MarketCase marketCase(Market market, Optional<Position> position, List<Leg>[] legs) {
        MarketSpec spec = market.spec();
        long size = position.map(Position::sizeSteps).orElse(0L);
        BigDecimal mark = market.markPrice();
        // Valued as MarginCalculator values it: at mark, or at the entry price before there is one.
        BigDecimal value = mark != null
                ? mark
                : position.map(p -> p.costBasis().divide(p.size(spec.stepSize()), 12, RoundingMode.HALF_EVEN))
                        .orElse(null);
        if (mark == null) {
            // No mark yet: value the position at the highest price it could be filled at.
            for (List<Leg> side : legs) {
                for (Leg leg : side) {
                    value = value == null ? leg.price() : value.max(leg.price());
                }
            }
        }
        if (value == null) {
            return new MarketCase(BigDecimal.ZERO, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        }
        BigDecimal before = requirement(size, value, spec);
        long[] open = new long[2];
        long[] reduceOnly = new long[2];
        BigDecimal[] cost = new BigDecimal[2];
        BigDecimal feeRate = spec.takerFee().max(spec.makerFee()).max(BigDecimal.ZERO);
        for (Side side : Side.values()) {
            int s = side.ordinal();
            for (Leg leg : legs[s]) {
                if (leg.reduceOnly()) {
                    reduceOnly[s] += leg.steps();
                } else {
                    open[s] += leg.steps();
                }
            }
            cost[s] = cost(legs[s], side, mark, spec, feeRate);
        }
        int buy = Side.BUY.ordinal();
        int sell = Side.SELL.ordinal();
        // The furthest the position can go each way, fills in any order: reduce-only orders only
        // bring it back toward zero (after the other side has pushed it further out, at most).
        long longest = Math.min(
                Math.max(size, 0) + open[buy],
                size + open[buy] + Math.min(reduceOnly[buy], Math.max(0, -size) + open[sell] + reduceOnly[sell]));
        long shortest = Math.max(
                Math.min(size, 0) - open[sell],
                size - open[sell] - Math.min(reduceOnly[sell], Math.max(0, size) + open[buy] + reduceOnly[buy]));
        BigDecimal furthest = requirement(longest, value, spec).max(requirement(shortest, value, spec));
        BigDecimal bound =
                furthest.subtract(before).max(BigDecimal.ZERO).add(cost[buy]).add(cost[sell]);
        BigDecimal[] net = new BigDecimal[2];
        long closesLong = Math.min(reduceOnly[sell], Math.max(size, 0));
        long closesShort = Math.min(reduceOnly[buy], Math.max(-size, 0));
        net[buy] = requirement(size + closesShort + open[buy], value, spec)
                .subtract(before)
                .add(cost[buy]);
        net[sell] = requirement(size - closesLong - open[sell], value, spec)
                .subtract(before)
                .add(cost[sell]);
        return new MarketCase(bound, net);
    }

    /**
     * What the fills of one side cost at worst: each price's distance from the mark when that is against
     * the account (a better price gains nothing here: the counterparty chooses which orders to fill, so
     * a generous order never pays for a giveaway one), and the fees. The fee bound is taken once over
     * the side's summed notional and steps: BigDecimal addition and multiplication are exact, so this is
     * the same value, at the same scale, as the sum of each fill's bound (issue 15: fewer allocations on
     * every place and amend).
     */
    private static BigDecimal cost(List<Leg> legs, Side side, BigDecimal mark, MarketSpec spec, BigDecimal feeRate) {
        if (legs.isEmpty()) {
            return BigDecimal.ZERO;
        }
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal notional = null;
        long steps = 0;
        for (Leg leg : legs) {
            BigDecimal legNotional = Position.notional(leg.price(), leg.steps(), spec.stepSize());
            if (mark != null) {
                BigDecimal atMark = Position.notional(mark, leg.steps(), spec.stepSize());
                loss = loss.add((side == Side.BUY ? legNotional.subtract(atMark) : atMark.subtract(legNotional))
                        .max(BigDecimal.ZERO));
            }
            notional = notional == null ? legNotional : notional.add(legNotional);
            steps += leg.steps();
        }
        return loss.add(feeBound(notional, feeRate, steps));
    }

    private static BigDecimal requirement(long steps, BigDecimal price, MarketSpec spec) {
        return Position.notional(price, Math.abs(steps), spec.stepSize()).multiply(spec.initialMarginFraction());
    }

    /**
     * The most the fills of {@code steps} can cost in fees: each fill rounds its fee up to the
     * ledger unit, and a leg of n steps fills at most n times, so one unit per fill bounds it.
     */
    private static BigDecimal feeBound(BigDecimal notional, BigDecimal rate, long steps) {
        if (rate.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return notional.multiply(rate).add(BigDecimal.valueOf(steps, Decimals.USD_SCALE));
    }

    /** Where a live order fills at worst: its limit, or for a market-type trigger see {@link #triggeredEdge}. */
    private static BigDecimal fillPrice(Order order, Market market) {
        return order.price != null ? order.price : triggeredEdge(order.triggerPrice, order.side, market);
    }

    /**
     * A market-type trigger trades up to the price band's edge around the mark when it fires: the
     * mark is then at its trigger, or already past it (it fires at once), whichever is worse.
     */
    private static BigDecimal triggeredEdge(BigDecimal trigger, Side side, Market market) {
        BigDecimal mark = market.markPrice();
        BigDecimal reference = mark == null ? trigger : side == Side.BUY ? trigger.max(mark) : trigger.min(mark);
        return market.price(OrderChecks.bandEdgeTicks(reference, market.spec(), side));
    }
}
