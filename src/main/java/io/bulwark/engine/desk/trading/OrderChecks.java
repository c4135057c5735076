package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.INVALID_PRICE;
import static io.bulwark.engine.command.Rejection.Code.INVALID_SIZE;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderShape;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The value checks of an order request (all 400s), and the price-band arithmetic. The shape rules it
 * shares with the REST layer live in {@link OrderShape}; tick, step, minimum size and the unit bound
 * need the market and are checked only here.
 */
final class OrderChecks {
    /** No price or size may exceed this many ticks or steps: keeps every product far from overflow. */
    static final long MAX_UNITS = 1_000_000_000_000_000L;

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    Optional<Outcome> values(PlaceOrder c, Optional<Market> market) {
        if (c.size() == null || c.size().signum() <= 0) {
            return reject(INVALID_SIZE, "size must be greater than 0");
        }
        Optional<String> prices = OrderShape.priceProblem(c.type(), c.price(), c.triggerPrice());
        if (prices.isPresent()) {
            return reject(INVALID_PRICE, prices.get());
        }
        for (BigDecimal price : new BigDecimal[] {c.price(), c.triggerPrice()}) {
            if (price != null && price.signum() <= 0) {
                return reject(INVALID_PRICE, "prices must be greater than 0");
            }
        }
        if (OrderShape.misusesPostOnly(c.type(), c.timeInForce())) {
            return reject(VALIDATION_FAILED, OrderShape.POST_ONLY_LIMIT_ONLY);
        }
        return checkSpec(c, market);
    }

    private Optional<Outcome> checkSpec(PlaceOrder c, Optional<Market> market) {
        if (market.isEmpty()) {
            return Optional.empty();
        }
        MarketSpec spec = market.get().spec();
        if (!Decimals.isMultipleOf(c.size(), spec.stepSize()) || c.size().compareTo(spec.minSize()) < 0) {
            return reject(
                    INVALID_SIZE,
                    "size must be a multiple of " + Decimals.plain(spec.stepSize()) + " and at least "
                            + Decimals.plain(spec.minSize()));
        }
        if (c.size().divide(spec.stepSize(), 0, RoundingMode.DOWN).compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
            return reject(INVALID_SIZE, "size is too large");
        }
        for (BigDecimal price : new BigDecimal[] {c.price(), c.triggerPrice()}) {
            if (price == null) {
                continue;
            }
            if (!Decimals.isMultipleOf(price, spec.tickSize())) {
                return reject(
                        INVALID_PRICE, "prices must be multiples of the tick size " + Decimals.plain(spec.tickSize()));
            }
            if (price.divide(spec.tickSize(), 0, RoundingMode.DOWN).compareTo(BigDecimal.valueOf(MAX_UNITS)) > 0) {
                return reject(INVALID_PRICE, "price is too large");
            }
        }
        return Optional.empty();
    }

    Optional<Outcome> amend(AmendOrder c, Order order, Market market) {
        if (OrderShape.changesNothing(c.price(), c.size())) {
            return reject(VALIDATION_FAILED, OrderShape.EMPTY_AMEND);
        }
        if (order.type != OrderType.LIMIT || !order.isResting()) {
            return reject(VALIDATION_FAILED, "only resting LIMIT orders can be amended");
        }
        MarketSpec spec = market.spec();
        if (c.price() != null
                && (c.price().signum() <= 0
                        || !Decimals.isMultipleOf(c.price(), spec.tickSize())
                        || c.price()
                                        .divide(spec.tickSize(), 0, RoundingMode.DOWN)
                                        .compareTo(BigDecimal.valueOf(MAX_UNITS))
                                > 0)) {
            return reject(INVALID_PRICE, "price must be a positive multiple of " + Decimals.plain(spec.tickSize()));
        }
        if (c.size() != null) {
            if (c.size().signum() <= 0
                    || !Decimals.isMultipleOf(c.size(), spec.stepSize())
                    || c.size().compareTo(spec.minSize()) < 0
                    || c.size().divide(spec.stepSize(), 0, RoundingMode.DOWN).compareTo(BigDecimal.valueOf(MAX_UNITS))
                            > 0) {
                return reject(
                        INVALID_SIZE,
                        "size must be a multiple of " + Decimals.plain(spec.stepSize()) + " and at least "
                                + Decimals.plain(spec.minSize()));
            }
            if (market.steps(c.size()) <= order.filledSteps()) {
                return reject(INVALID_SIZE, "size must stay above what is already filled");
            }
        }
        return Optional.empty();
    }

    /** Identifies an order request so a retry with the same client order id is recognised. */
    static String fingerprint(PlaceOrder c) {
        return String.join(
                "|",
                c.market(),
                c.side().name(),
                c.type().name(),
                c.timeInForce().name(),
                c.price() == null ? "" : Decimals.plain(c.price()),
                c.triggerPrice() == null ? "" : Decimals.plain(c.triggerPrice()),
                Decimals.plain(c.size()),
                Boolean.toString(c.reduceOnly()));
    }

    static Optional<Long> parseId(String orderId) {
        if (orderId.isEmpty() || orderId.length() > 18 || !orderId.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(orderId));
    }

    /** Whether {@code price} lies within ±{@code bps} of {@code reference}. */
    static boolean withinBand(BigDecimal price, BigDecimal reference, int bps) {
        BigDecimal allowed = reference.multiply(BigDecimal.valueOf(bps)).divide(BPS);
        return price.subtract(reference).abs().compareTo(allowed) <= 0;
    }

    /**
     * The band edge a market order on {@code side} may reach, in ticks, rounded inward so it never
     * leaves the band (a buy rounds down, a sell up).
     */
    static long bandEdgeTicks(BigDecimal mark, MarketSpec spec, Side side) {
        BigDecimal factor = BigDecimal.ONE.add(
                BigDecimal.valueOf((long) side.sign() * spec.priceBandBps()).divide(BPS));
        BigDecimal edge = mark.multiply(factor)
                .divide(spec.tickSize(), 0, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
        return Math.max(1, edge.longValueExact());
    }
}
