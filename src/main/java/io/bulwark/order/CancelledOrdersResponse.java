package io.bulwark.order;

import java.util.List;

/** {@code DELETE /api/v1/orders}: the orders this request cancelled (empty when none was live). */
record CancelledOrdersResponse(List<OrderResponse> cancelled) {}
