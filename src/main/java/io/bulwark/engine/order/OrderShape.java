package io.bulwark.engine.order;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The shape rules of an order, held once: which prices a type needs, where POST_ONLY applies, what an
 * amend must change, and the default time in force. The REST layer checks them before a request becomes
 * a command (400 with {@code VALIDATION_FAILED} or {@code INVALID_PRICE}); the engine checks them again
 * on every command it applies, including replayed ones, with the same codes and messages.
 */
public final class OrderShape {
    /** Why a POST_ONLY order of another type than LIMIT is refused. */
    public static final String POST_ONLY_LIMIT_ONLY = "POST_ONLY applies to LIMIT orders only";

    /** Why an amend that changes neither price nor size is refused. */
    public static final String EMPTY_AMEND = "an amend changes price, size or both";

    private OrderShape() {}

    /**
     * What is wrong with the prices given for {@code type} ({@code INVALID_PRICE}): a limit price exactly
     * when the type has one, a trigger price exactly when it is triggered; empty when both fit.
     */
    public static Optional<String> priceProblem(OrderType type, BigDecimal price, BigDecimal triggerPrice) {
        if (type.hasLimitPrice() != (price != null)) {
            return Optional.of(type.hasLimitPrice() ? type + " orders need a price" : type + " orders take no price");
        }
        if (type.isTriggered() != (triggerPrice != null)) {
            return Optional.of(
                    type.isTriggered() ? type + " orders need a triggerPrice" : type + " orders take no triggerPrice");
        }
        return Optional.empty();
    }

    /** Whether the pair breaks the POST_ONLY rule ({@code VALIDATION_FAILED}, {@link #POST_ONLY_LIMIT_ONLY}). */
    public static boolean misusesPostOnly(OrderType type, TimeInForce timeInForce) {
        return timeInForce == TimeInForce.POST_ONLY && type != OrderType.LIMIT;
    }

    /** Whether an amend changes nothing ({@code VALIDATION_FAILED}, {@link #EMPTY_AMEND}). */
    public static boolean changesNothing(BigDecimal price, BigDecimal size) {
        return price == null && size == null;
    }

    /** The time in force of a request that names none: IOC for MARKET, GTC otherwise. */
    public static TimeInForce defaultTimeInForce(OrderType type) {
        return type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
    }
}
