package io.bulwark.order;

import io.bulwark.engine.order.OrderStatus;
import io.bulwark.web.security.Caller;
import io.bulwark.web.security.RequestCharges;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.ArrayList;
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
    private final OrderActions actions;
    private final OrderQueries queries;
    private final RequestCharges charges;

    OrderController(OrderActions actions, OrderQueries queries, RequestCharges charges) {
        this.actions = actions;
        this.queries = queries;
        this.charges = charges;
    }

    /** 201 for a new order; 200 with the original, as it stands now, for a retry of a used clientOrderId. */
    @PostMapping
    ResponseEntity<OrderResponse> place(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody OrderRequest request) {
        OrderAnswer<OrderResponse> answer = actions.place(caller, request);
        OrderResponse order = answer.orThrow();
        if (answer.status() != 201) {
            return ResponseEntity.ok(order);
        }
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.orderId()))
                .body(order);
    }

    /**
     * 200 with one result per order, in order, each the status and body {@code POST /orders} gives it. Costs one
     * request of the rate limit per order.
     */
    @PostMapping("/batch")
    BatchResponses.Placed placeBatch(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody OrderBatchRequest request,
            HttpServletResponse response) {
        charges.charge(caller, request.orders().size(), response);
        return BatchResponses.Placed.of(actions.placeAll(caller, request.orders()));
    }

    /**
     * 200 with one result per id (order ids first, then client order ids), each the status and body the single
     * cancel gives it. Costs one request of the rate limit per id.
     */
    @DeleteMapping("/batch")
    BatchResponses.Cancelled cancelBatch(
            @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CancelBatchRequest request,
            HttpServletResponse response) {
        int count = request.orderIds().size() + request.clientOrderIds().size();
        OrderActions.requireBatchSize("orderIds, clientOrderIds", count, OrderActions.MAX_CANCEL_BATCH);
        charges.charge(caller, count, response);
        List<OrderAnswer<OrderResponse>> answers =
                actions.cancelAll(caller, request.orderIds(), request.clientOrderIds());
        List<BatchResponses.CancelResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            OrderAnswer<OrderResponse> a = answers.get(i);
            boolean byOrderId = i < request.orderIds().size();
            results.add(new BatchResponses.CancelResult(
                    byOrderId ? request.orderIds().get(i) : null,
                    byOrderId
                            ? null
                            : request.clientOrderIds()
                                    .get(i - request.orderIds().size()),
                    a.status(),
                    a.body()));
        }
        return new BatchResponses.Cancelled(results);
    }

    @GetMapping("/by-client-id/{clientOrderId}")
    ResponseEntity<OrderResponse> getByClientOrderId(
            @AuthenticationPrincipal Caller caller, @PathVariable String clientOrderId) {
        return queries.byClientOrderId(caller.accountId(), clientOrderId).response();
    }

    @DeleteMapping("/by-client-id/{clientOrderId}")
    OrderResponse cancelByClientOrderId(@AuthenticationPrincipal Caller caller, @PathVariable String clientOrderId) {
        return actions.cancelByClientOrderId(caller, clientOrderId).orThrow();
    }

    @GetMapping
    ResponseEntity<List<OrderResponse>> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String market,
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(defaultValue = "" + OrderQueries.DEFAULT_LIMIT) @Min(1) @Max(OrderQueries.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return queries.list(caller.accountId(), market, status, limit, before, OrderQueries.timeRange(from, to))
                .response();
    }

    @GetMapping("/{orderId}")
    ResponseEntity<OrderResponse> get(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return queries.get(caller.accountId(), orderId).response();
    }

    @DeleteMapping("/{orderId}")
    OrderResponse cancel(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return actions.cancel(caller, orderId).orThrow();
    }

    @DeleteMapping
    CancelledOrdersResponse cancelAll(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String market) {
        return actions.cancelAll(caller, market).orThrow();
    }

    @PatchMapping("/{orderId}")
    OrderResponse amend(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String orderId,
            @Valid @RequestBody AmendRequest request) {
        return actions.amend(caller, orderId, request).orThrow();
    }
}
