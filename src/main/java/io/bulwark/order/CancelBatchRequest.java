package io.bulwark.order;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code DELETE /api/v1/orders/batch}: order ids, client order ids, or both; 1 to {@value
 * OrderActions#MAX_CANCEL_BATCH} ids in all. Absent or null lists are empty.
 */
record CancelBatchRequest(List<@NotNull String> orderIds, List<@NotNull String> clientOrderIds) {
    CancelBatchRequest {
        orderIds = orderIds == null ? List.of() : orderIds;
        clientOrderIds = clientOrderIds == null ? List.of() : clientOrderIds;
    }
}
