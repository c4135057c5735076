package io.bulwark.order;

import java.math.BigDecimal;

/** {@code PATCH /api/v1/orders/{orderId}}: a new price, a new size, or both (absent or null: unchanged). */
record AmendRequest(BigDecimal price, BigDecimal size) {}
