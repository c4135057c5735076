package io.bulwark.order;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/orders/batch}: 1 to {@value OrderActions#MAX_PLACE_BATCH} orders, each the body of a {@code
 * POST /api/v1/orders}. Each is read and checked on its own, so one malformed order is that order's 400, not the
 * batch's.
 */
record OrderBatchRequest(
        @NotNull @Size(min = 1, max = OrderActions.MAX_PLACE_BATCH, message = "must hold 1 to 20 items")
        List<JsonNode> orders) {}
