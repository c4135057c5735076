package io.bulwark.engine.trading;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.Rejection;
import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.market.Market;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.market.Markets;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SPEC section 3 (v2), "closing is not a loophole": how far an account's equity would fall short
 * of its initial margin requirement at mark if its own live orders filled at their prices. Per
 * market the worse of two cases counts: every order on the buy side filled, or every order on the
 * sell side, or any part of it (reduce-only orders first, only as far as they close, then the
 * rest); the markets add up, since each fills on its own book. A fill loses its price's distance
 * from the mark when that is against the account (a better price is never counted as a gain) and
 * its fee, and moves the position's requirement with its size.
 *
 * <p>An order is accepted only if this shortfall stays zero with it, or if it strictly narrows a
 * shortfall the account already has (closing an under-margined position). So no sequence of an
 * account's own orders, filled by whoever, leaves it under water at an unchanged mark, and the
 * liquidator vault never covers bad debt made that way.
 */
final class WorstCase {
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
     * margin requirement, unless it strictly narrows the shortfall the account has without it.
     */
    Optional<Outcome> admit(String accountId, Proposal proposal) {
        Worst with = worst(accountId, Optional.of(proposal));
        if (with.shortfall().signum() == 0) {
            return Optional.empty();
        }
        Worst without = worst(accountId, Optional.empty());
        if (with.ownSide().compareTo(without.ownSide(proposal)) < 0) {
            return Optional.empty(); // it narrows its own side's worst case: it closes
        }
        return Outcome.reject(
                Rejection.Code.INSUFFICIENT_MARGIN,
                "if this account's orders on one side filled at their prices, its equity would fall "
                        + Decimals.plain(with.shortfall().setScale(Decimals.USD_SCALE, RoundingMode.UP))
                        + " short of the initial margin requirement");
    }

    /** A new order as it would stand: what it would fill now against the book, and what it would rest. */
    static Proposal placing(PlaceOrder c, Market market) {
        MarketSpec spec = market.spec();
        long steps = market.steps(c.size());
        List<Leg> legs = new ArrayList<>();
        if (c.type().isTriggered()) {
            BigDecimal price = c.price() != null
                    ? c.price()
                    : market.price(OrderChecks.bandEdgeTicks(c.triggerPrice(), spec, c.side()));
            legs.add(new Leg(steps, price, false));
            return new Proposal(market, c.side(), legs, 0);
        }
        long limitTicks = c.type() == OrderType.MARKET
                ? OrderChecks.bandEdgeTicks(market.markPrice(), spec, c.side())
                : market.ticks(c.price());
        long left = steps;
        if (c.timeInForce() != TimeInForce.POST_ONLY) {
            for (OrderBook.Level fill : market.book().sweep(c.side(), limitTicks, c.accountId(), steps)) {
                legs.add(new Leg(fill.sizeSteps(), market.price(fill.priceTicks()), false));
                left -= fill.sizeSteps();
            }
        }
        // What the book does not fill now rests at the limit, or is cancelled: either way no worse.
        if (left > 0) {
            legs.add(new Leg(left, market.price(limitTicks), false));
        }
        return new Proposal(market, c.side(), legs, 0);
    }

    /** A live order amended to {@code price} and {@code sizeSteps} (an amend never trades). */
    static Proposal amending(Order order, BigDecimal price, long sizeSteps, Market market) {
        long remaining = sizeSteps - order.filledSteps();
        return new Proposal(market, order.side, List.of(new Leg(remaining, price, order.reduceOnly)), order.id);
    }

    /**
     * The account's worst case: its shortfall (zero or more), the net change that filling every
     * order on the proposal's side of its market would make, and those net changes per market and
     * side.
     */
    record Worst(BigDecimal shortfall, BigDecimal ownSide, java.util.Map<String, BigDecimal[]> changes) {
        BigDecimal ownSide(Proposal p) {
            BigDecimal[] change = changes.get(p.market().spec().market());
            return change == null ? BigDecimal.ZERO : change[p.side().ordinal()];
        }
    }

    /** The shortfall (zero or more) of the account as it stands, or with {@code proposal} in place. */
    BigDecimal shortfall(String accountId, Optional<Proposal> proposal) {
        return worst(accountId, proposal).shortfall();
    }

    private Worst worst(String accountId, Optional<Proposal> proposal) {
        AccountRisk risk = margin.assess(accountId);
        Portfolio portfolio = portfolios.get(accountId).orElseThrow();
        TreeMap<String, List<Order>> ordersByMarket = new TreeMap<>();
        long replaces = proposal.map(Proposal::replaces).orElse(0L);
        for (long id : portfolio.liveOrders()) {
            Order order = live.get(id).orElseThrow();
            if (order.id != replaces) {
                ordersByMarket
                        .computeIfAbsent(order.market, m -> new ArrayList<>())
                        .add(order);
            }
        }
        proposal.ifPresent(p -> ordersByMarket.computeIfAbsent(p.market().spec().market(), m -> new ArrayList<>()));
        // Orders that do not fill hold margin only as a reservation: the free-collateral check
        // counts it; here only the positions' requirement and the fills' value count.
        BigDecimal gap = risk.initialMarginRequirement()
                .subtract(portfolio.orderMargin())
                .subtract(risk.equity());
        BigDecimal own = BigDecimal.ZERO;
        java.util.Map<String, BigDecimal[]> changes = new TreeMap<>();
        for (Market market : markets.all()) {
            String name = market.spec().market();
            boolean hasPosition =
                    portfolio.existingPosition(name).filter(p -> !p.isFlat()).isPresent();
            if (!ordersByMarket.containsKey(name) && !hasPosition) {
                continue;
            }
            List<Order> orders = ordersByMarket.getOrDefault(name, List.of());
            BigDecimal[] bySide = new BigDecimal[Side.values().length];
            BigDecimal worst = BigDecimal.ZERO;
            for (Side side : Side.values()) {
                Optional<Proposal> here = proposal.filter(p -> p.market() == market && p.side() == side);
                SideCase sideCase = change(
                        portfolio,
                        market,
                        side,
                        orders,
                        here.map(Proposal::legs).orElse(List.of()));
                bySide[side.ordinal()] = sideCase.net();
                worst = worst.max(sideCase.bound());
                if (here.isPresent()) {
                    own = sideCase.net();
                }
            }
            changes.put(name, bySide);
            gap = gap.add(worst);
        }
        return new Worst(gap.max(BigDecimal.ZERO), own, changes);
    }

    /** How much every order on {@code side} of {@code market} filling raises requirement minus equity. */
    /**
     * One side of one market filling: {@code bound} is the most that any part of it filling can
     * raise requirement minus equity (what must stay covered); {@code net} is what all of it
     * filling does (what a closing order must strictly lower).
     */
    record SideCase(BigDecimal bound, BigDecimal net) {}

    private static SideCase change(Portfolio portfolio, Market market, Side side, List<Order> orders, List<Leg> extra) {
        MarketSpec spec = market.spec();
        Optional<Position> position = portfolio.existingPosition(spec.market()).filter(p -> !p.isFlat());
        long size = position.map(Position::sizeSteps).orElse(0L);
        BigDecimal mark = market.markPrice();
        // Valued as MarginCalculator values it: at mark, or at the entry price before there is one.
        BigDecimal value = mark != null
                ? mark
                : position.map(p -> p.costBasis().divide(p.size(spec.stepSize()), 12, RoundingMode.HALF_EVEN))
                        .orElse(null);
        BigDecimal before = value == null ? BigDecimal.ZERO : requirement(size, value, spec);

        List<Leg> reducing = new ArrayList<>();
        List<Leg> others = new ArrayList<>(extra);
        for (Order order : orders) {
            if (order.side != side) {
                continue;
            }
            Leg leg = new Leg(order.remainingSteps(), fillPrice(order, market), order.reduceOnly);
            (order.reduceOnly ? reducing : others).add(leg);
        }
        // Reduce-only orders fill first at their worst prices: they close, then the rest opens.
        reducing.sort(Comparator.comparing(
                Leg::price, side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder()));
        long closable = Long.signum(size) == -side.sign() ? Math.abs(size) : 0;
        long hypothetical = size;
        BigDecimal lossesAndFees = BigDecimal.ZERO;
        BigDecimal highest = value;
        BigDecimal feeRate = spec.takerFee().max(spec.makerFee()).max(BigDecimal.ZERO);
        for (Leg leg : concat(reducing, others)) {
            long steps = leg.reduceOnly() ? Math.min(leg.steps(), closable) : leg.steps();
            if (leg.reduceOnly()) {
                closable -= steps;
            }
            if (steps == 0) {
                continue;
            }
            hypothetical += side.sign() * steps;
            BigDecimal notional = Position.notional(leg.price(), steps, spec.stepSize());
            if (mark != null) {
                // A fill better than the mark gains nothing here: the counterparty chooses which
                // orders to fill, so a generous order never pays for a giveaway one.
                BigDecimal atMark = Position.notional(mark, steps, spec.stepSize());
                BigDecimal loss = side == Side.BUY ? notional.subtract(atMark) : atMark.subtract(notional);
                lossesAndFees = lossesAndFees.add(loss.max(BigDecimal.ZERO));
            }
            lossesAndFees = lossesAndFees.add(feeBound(notional, feeRate, steps));
            highest = highest == null ? leg.price() : highest.max(leg.price());
        }
        BigDecimal after =
                highest == null ? BigDecimal.ZERO : requirement(hypothetical, mark != null ? mark : highest, spec);
        BigDecimal requirementChange = after.subtract(before);
        // Any part of the side may fill: the requirement in between lies between before and
        // after (the legs all move the position one way), so the bound takes the larger.
        return new SideCase(
                requirementChange.max(BigDecimal.ZERO).add(lossesAndFees), requirementChange.add(lossesAndFees));
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

    /** Where a live order fills at worst: its limit, or for a market-type trigger the band edge around its trigger. */
    static BigDecimal fillPrice(Order order, Market market) {
        if (order.price != null) {
            return order.price;
        }
        return market.price(OrderChecks.bandEdgeTicks(order.triggerPrice, market.spec(), order.side));
    }

    private static List<Leg> concat(List<Leg> a, List<Leg> b) {
        List<Leg> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
