package io.bulwark.order;

import io.bulwark.engine.order.CancelReason;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: cancel an account's live orders on the trader's behalf (SPEC section 12 v2), with reason {@code ADMIN}:
 * one journaled {@code CancelOrders} whose actor is the operator's key. Nothing live journals nothing.
 */
@RestController
@RequestMapping("/api/v1/admin/accounts/{accountId}/orders")
class AdminOrderController {
    private final OrderService orders;
    private final EngineClient engine;

    AdminOrderController(OrderService orders, EngineClient engine) {
        this.orders = orders;
        this.engine = engine;
    }

    @DeleteMapping
    CancelledOrdersResponse cancelAll(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String accountId,
            @RequestParam(required = false) String market) {
        if (!engine.query(view -> view.account(accountId).isPresent())) {
            throw ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountId);
        }
        return orders.cancelAll(accountId, market, CancelReason.ADMIN, caller.actor());
    }
}
