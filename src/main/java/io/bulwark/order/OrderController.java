package io.bulwark.order;

import io.bulwark.engine.order.OrderStatus;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's own orders. Every answer is given after the engine applied and the journal committed. */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {
    private final OrderService service;
    private final OrderQueries queries;

    OrderController(OrderService service, OrderQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    /** 201 for a new order; 200 with the original, as it stands now, for a retry of a used clientOrderId. */
    @PostMapping
    ResponseEntity<OrderResponse> place(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody OrderRequest request) {
        OrderService.Placement placement = service.place(caller.accountId(), request, caller.actor());
        if (!placement.created()) {
            return ResponseEntity.ok(placement.order());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/orders/" + placement.order().orderId()))
                .body(placement.order());
    }

    @GetMapping
    List<OrderResponse> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String market,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "" + OrderQueries.DEFAULT_LIMIT) @Min(1) @Max(OrderQueries.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return queries.list(caller.accountId(), market, status, limit, before);
    }

    @GetMapping("/{orderId}")
    OrderResponse get(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return queries.get(caller.accountId(), orderId);
    }

    @DeleteMapping("/{orderId}")
    OrderResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return service.cancel(caller.accountId(), orderId, caller.actor());
    }

    @DeleteMapping
    CancelledOrdersResponse cancelAll(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String market) {
        return service.cancelAll(caller.accountId(), market, caller.actor());
    }

    @PatchMapping("/{orderId}")
    OrderResponse amend(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String orderId,
            @Valid @RequestBody AmendRequest request) {
        return service.amend(caller.accountId(), orderId, request, caller.actor());
    }
}
