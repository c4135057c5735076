package io.bulwark.order;

import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/orders}. Presence and types are checked here (400 {@code VALIDATION_FAILED}); the
 * values by {@link OrderValues} (400 {@code INVALID_PRICE} / {@code INVALID_SIZE}); tick, step and minimum
 * size by the engine, which knows the market. {@code timeInForce} defaults to GTC (IOC for MARKET),
 * {@code reduceOnly} to false.
 */
record OrderRequest(
        @NotBlank @Size(max = 64) String market,
        @NotNull Side side,
        @NotNull OrderType type,
        TimeInForce timeInForce,
        BigDecimal price,
        BigDecimal triggerPrice,
        @NotNull BigDecimal size,
        Boolean reduceOnly,

        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 characters of A-Z a-z 0-9 _ -")
        String clientOrderId) {}
