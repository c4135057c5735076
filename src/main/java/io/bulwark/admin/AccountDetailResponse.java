package io.bulwark.admin;

import io.bulwark.account.AccountResponse;
import io.bulwark.account.TraderKeyResponse;
import io.bulwark.order.OrderResponse;
import io.bulwark.position.PositionResponse;
import java.util.List;

/**
 * {@code GET /api/v1/admin/accounts/{accountId}}: the account as its trader sees it ({@code account}: balance,
 * equity, margin), its positions, its live orders and its keys, all read from the engine at {@code sequence}.
 */
record AccountDetailResponse(
        String accountId,
        String name,
        long sequence,
        AccountResponse account,
        List<PositionResponse> positions,
        List<OrderResponse> openOrders,
        List<TraderKeyResponse> keys) {}
