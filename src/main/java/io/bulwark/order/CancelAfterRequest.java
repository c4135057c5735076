package io.bulwark.order;

import io.bulwark.engine.desk.trading.DeadMansSwitch;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/v1/orders/cancel-after}: seconds until every live order is cancelled; 0 disarms. */
record CancelAfterRequest(
        @NotNull @Min(0) @Max(DeadMansSwitch.MAX_SECONDS) Integer seconds) {}
