package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.command.Rejection.Code.MARKET_CLOSED;
import static io.bulwark.engine.command.Rejection.Code.POST_ONLY_REQUIRED;
import static io.bulwark.engine.command.Rejection.Code.POST_ONLY_WOULD_CROSS;
import static io.bulwark.engine.command.Rejection.Code.PRICE_OUTSIDE_BAND;
import static io.bulwark.engine.command.Rejection.Code.PRICE_UNAVAILABLE;
import static io.bulwark.engine.command.Rejection.Code.REDUCE_ONLY_WOULD_INCREASE;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Whether a new order may be placed, after its values and market are known: the market state (409
 * MARKET_CLOSED), the price (409 PRICE_UNAVAILABLE), the account's live orders (409 TOO_MANY_OPEN_ORDERS),
 * the POST_ONLY rules, then the business rules (reduce-only, post-only, price band, margin, worst case),
 * in the order SPEC section 10 fixes. Changes nothing.
 */
final class OrderAdmission {
    private final ExchangeStatus status;
    private final RuleSet rules;
    private final OrderLimits limits;
    private final MarginCalculator margin;
    private final WorstCase worstCase;
    private final LiveOrders live;

    OrderAdmission(
            ExchangeStatus status,
            RuleSet rules,
            OrderLimits limits,
            MarginCalculator margin,
            WorstCase worstCase,
            LiveOrders live) {
        this.status = status;
        this.rules = rules;
        this.limits = limits;
        this.margin = margin;
        this.worstCase = worstCase;
        this.live = live;
    }

    /** A refusal, or empty when the order may be placed. */
    Optional<Outcome> check(PlaceOrder c, Market market, Portfolio portfolio) {
        Optional<Outcome> refused = checkState(c, market, portfolio);
        return refused.isPresent() ? refused : checkBusiness(c, market, portfolio);
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
        Optional<Outcome> refused = priceRefusal(c, market);
        if (refused.isPresent()) {
            return refused;
        }
        // Assessed once for both margin checks (nothing changes between them).
        AccountRisk risk = margin.assess(c.accountId());
        if (!c.reduceOnly()) {
            refused = marginRefusal(c, market, portfolio, risk, position, steps);
        }
        // A reduce-only order opens nothing, but filled first it lets the account's other orders on
        // this side open more: the worst case still holds it.
        return refused.isPresent() ? refused : admitWorstCase(c.accountId(), risk, WorstCase.placing(c, market));
    }

    /** A POST_ONLY order must not cross, one that trades must be within the band, one that rests too. */
    private Optional<Outcome> priceRefusal(PlaceOrder c, Market market) {
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
        return limits.restingBand(c, market);
    }

    /** What the order opens (beyond what closes the position) needs free initial margin. */
    private Optional<Outcome> marginRefusal(
            PlaceOrder c, Market market, Portfolio portfolio, AccountRisk risk, long position, long steps) {
        BigDecimal price = c.type() == OrderType.MARKET
                ? market.price(Execution.bandEdgeTicks(market, c.side()))
                : c.price() != null ? c.price() : c.triggerPrice();
        long closing = rules.v2()
                ? closingSteps(portfolio, c.market(), c.side(), position, steps)
                : Long.signum(position) == -c.side().sign() ? Math.min(steps, Math.abs(position)) : 0;
        if (closing < steps) {
            // Only the part that closes what the account's other orders on this side do not
            // already close is exempt (SPEC section 3 v2); the rest opens and needs initial margin.
            BigDecimal needed = price.multiply(market.size(steps - closing))
                    .multiply(market.spec().initialMarginFraction());
            BigDecimal free = risk.freeCollateral();
            if (free.compareTo(needed) < 0) {
                return reject(
                        INSUFFICIENT_MARGIN,
                        "the order needs " + needed.stripTrailingZeros().toPlainString()
                                + " of initial margin; free collateral is "
                                + free.stripTrailingZeros().toPlainString());
            }
        }
        return Optional.empty();
    }

    /** SPEC section 3 v2; journals of older builds replay without it (RuleSet). */
    Optional<Outcome> admitWorstCase(String accountId, AccountRisk risk, WorstCase.Proposal proposal) {
        return rules.v2() ? worstCase.admit(accountId, risk, proposal) : Optional.empty();
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
}
