package io.bulwark.order;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.OrderShape;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.web.ApiException;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The value checks an order request passes before it reaches the engine (SPEC section 10: values come
 * right after the shape), in the engine's own order and with its codes: size, then which prices the type
 * needs, then the prices. The shape rules it shares with the engine live in {@link OrderShape}. Bounds hold for every market: no market has a tick or step with more than
 * {@value #MAX_DECIMALS} decimals, and no price or size needs to exceed {@value #MAX}.
 */
final class OrderValues {
    static final int MAX_DECIMALS = 12;
    static final String MAX = "1000000000000000";
    private static final BigDecimal LIMIT = new BigDecimal(MAX);

    private OrderValues() {}

    static PlaceOrder place(String accountId, OrderRequest r) {
        checkSize(r.size());
        OrderType type = r.type();
        Optional<String> prices = OrderShape.priceProblem(type, r.price(), r.triggerPrice());
        if (prices.isPresent()) {
            throw invalidPrice(prices.get());
        }
        checkPrice("price", r.price());
        checkPrice("triggerPrice", r.triggerPrice());
        TimeInForce tif = r.timeInForce() != null ? r.timeInForce() : OrderShape.defaultTimeInForce(type);
        if (OrderShape.misusesPostOnly(type, tif)) {
            throw ApiException.badRequest("timeInForce: " + OrderShape.POST_ONLY_LIMIT_ONLY);
        }
        return new PlaceOrder(
                accountId,
                r.market(),
                r.side(),
                type,
                tif,
                canonical(r.price()),
                canonical(r.triggerPrice()),
                canonical(r.size()),
                Boolean.TRUE.equals(r.reduceOnly()),
                r.clientOrderId() == null ? "" : r.clientOrderId());
    }

    static AmendOrder amend(String accountId, String orderId, AmendRequest r) {
        if (OrderShape.changesNothing(r.price(), r.size())) {
            throw ApiException.badRequest(OrderShape.EMPTY_AMEND);
        }
        if (r.size() != null) {
            checkSize(r.size());
        }
        checkPrice("price", r.price());
        return new AmendOrder(accountId, orderId, canonical(r.price()), canonical(r.size()));
    }

    private static void checkSize(BigDecimal size) {
        String problem = problem(size);
        if (problem != null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_SIZE", "size " + problem);
        }
    }

    private static void checkPrice(String field, BigDecimal price) {
        String problem = price == null ? null : problem(price);
        if (problem != null) {
            throw invalidPrice(field + " " + problem);
        }
    }

    private static String problem(BigDecimal value) {
        if (value.signum() <= 0) {
            return "must be greater than 0";
        }
        if (value.compareTo(LIMIT) > 0) {
            return "must be at most " + MAX;
        }
        if (!Decimals.fitsScale(value, MAX_DECIMALS)) {
            return "must have at most " + MAX_DECIMALS + " decimals";
        }
        return null;
    }

    private static ApiException invalidPrice(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "INVALID_PRICE", detail);
    }

    /** The value without trailing zeros: the journal keeps "65000.5", not "65000.500000". */
    private static BigDecimal canonical(BigDecimal value) {
        return value == null ? null : new BigDecimal(Decimals.plain(value));
    }
}
