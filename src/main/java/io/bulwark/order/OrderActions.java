package io.bulwark.order;

import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.web.ApiException;
import io.bulwark.web.JsonInputErrors;
import io.bulwark.web.security.Caller;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every order operation a trader can ask for, each answered as an {@link OrderAnswer} (the HTTP status and
 * the order or the problem): the REST endpoints, single and batch, and the WebSocket order entry call these,
 * so an order is checked and answered the same way whichever way it came. A batch is per order, not atomic
 * (SPEC section 10 v2: "one result per order"): its orders are checked one by one, and those that pass are
 * submitted together, applied in request order with no other command between them, and committed in one
 * journal commit; each result is what the single call, made at that point, answers.
 */
@Service
public class OrderActions {
    static final int MAX_PLACE_BATCH = 20;
    static final int MAX_CANCEL_BATCH = 100;

    private final OrderService service;
    private final OrderQueries queries;
    private final JsonMapper json;
    private final Validator validator;

    OrderActions(OrderService service, OrderQueries queries, JsonMapper json, Validator validator) {
        this.service = service;
        this.queries = queries;
        this.json = json;
        this.validator = validator;
    }

    /** An order already read and checked for shape: 201 new, 200 a retry of its client order id, or the problem. */
    public OrderAnswer<OrderResponse> place(Caller caller, OrderRequest request) {
        try {
            OrderService.Placement placement = service.place(caller.accountId(), request, caller.actor());
            return OrderAnswer.of(placement.created() ? 201 : 200, placement.order());
        } catch (ApiException e) {
            return OrderAnswer.refused(e);
        }
    }

    /** An order as JSON (a WebSocket {@code order.place}): read and checked as a {@code POST /orders} body. */
    public OrderAnswer<OrderResponse> place(Caller caller, JsonNode order) {
        try {
            return place(caller, read(order));
        } catch (ApiException e) {
            return OrderAnswer.refused(e);
        }
    }

    /** 1 to {@value #MAX_PLACE_BATCH} orders as JSON; one answer per order, in order. */
    public List<OrderAnswer<OrderResponse>> placeAll(Caller caller, List<JsonNode> orders) {
        requireBatchSize("orders", orders.size(), MAX_PLACE_BATCH);
        @SuppressWarnings("unchecked")
        OrderAnswer<OrderResponse>[] answers = new OrderAnswer[orders.size()];
        List<PlaceOrder> commands = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            try {
                commands.add(OrderValues.place(caller.accountId(), read(orders.get(i))));
                slots.add(i);
            } catch (ApiException e) {
                answers[i] = OrderAnswer.refused(e);
            }
        }
        List<OrderAnswer<OrderService.Placement>> placed =
                service.placeAll(caller.accountId(), commands, caller.actor());
        for (int k = 0; k < slots.size(); k++) {
            answers[slots.get(k)] = placed.get(k).map(OrderService.Placement::order);
        }
        return Arrays.asList(answers);
    }

    public OrderAnswer<OrderResponse> cancel(Caller caller, String orderId) {
        return OrderAnswer.of(200, () -> service.cancel(caller.accountId(), orderId, caller.actor()));
    }

    /** Cancels the live order with this client order id; none live (or another account's) is 404. */
    public OrderAnswer<OrderResponse> cancelByClientOrderId(Caller caller, String clientOrderId) {
        return OrderAnswer.of(200, () -> {
            OrderQueries.requireClientOrderId(clientOrderId);
            String orderId = queries.liveOrderIds(caller.accountId(), List.of(clientOrderId))
                    .get(clientOrderId);
            if (orderId == null) {
                throw OrderQueries.clientOrderIdNotFound(clientOrderId);
            }
            return service.cancel(caller.accountId(), orderId, caller.actor());
        });
    }

    /**
     * Cancels by order ids and client order ids, 1 to {@value #MAX_CANCEL_BATCH} in all: one answer per id, the
     * order ids' first, each what the single cancel answers at that point (an id given twice: the second finds
     * the order no longer live, 404).
     */
    public List<OrderAnswer<OrderResponse>> cancelAll(
            Caller caller, List<String> orderIds, List<String> clientOrderIds) {
        int count = orderIds.size() + clientOrderIds.size();
        requireBatchSize("orderIds, clientOrderIds", count, MAX_CANCEL_BATCH);
        Map<String, String> live =
                clientOrderIds.isEmpty() ? Map.of() : queries.liveOrderIds(caller.accountId(), clientOrderIds);
        List<String> targets = new ArrayList<>(orderIds);
        clientOrderIds.forEach(c -> targets.add(live.get(c)));
        List<String> known = targets.stream().filter(t -> t != null).toList();
        var cancelled =
                service.cancelAll(caller.accountId(), known, caller.actor()).iterator();
        List<OrderAnswer<OrderResponse>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            answers.add(
                    targets.get(i) != null
                            ? cancelled.next()
                            : OrderAnswer.refused(
                                    OrderQueries.clientOrderIdNotFound(clientOrderIds.get(i - orderIds.size()))));
        }
        return answers;
    }

    /** Cancels the account's live orders, in one market or all. */
    public OrderAnswer<CancelledOrdersResponse> cancelAll(Caller caller, String market) {
        return OrderAnswer.of(200, () -> service.cancelAll(caller.accountId(), market, caller.actor()));
    }

    public OrderAnswer<OrderResponse> amend(Caller caller, String orderId, AmendRequest request) {
        return OrderAnswer.of(200, () -> service.amend(caller.accountId(), orderId, request, caller.actor()));
    }

    /** An amend as JSON (a WebSocket {@code order.amend}): read as a {@code PATCH /orders/{orderId}} body. */
    public OrderAnswer<OrderResponse> amend(Caller caller, String orderId, JsonNode amend) {
        try {
            return amend(caller, orderId, read(amend, AmendRequest.class));
        } catch (ApiException e) {
            return OrderAnswer.refused(e);
        }
    }

    /**
     * A batch as JSON (a WebSocket {@code order.batch}): read and checked as a {@code POST /orders/batch} body, so a
     * batch of 21 or none is the same 400; its orders are then checked one by one by {@link #placeAll}.
     */
    OrderBatchRequest readBatch(JsonNode batch) {
        return read(batch, OrderBatchRequest.class);
    }

    /** 400 {@code VALIDATION_FAILED} unless a batch holds 1 to {@code max} items: nothing of it is applied. */
    static void requireBatchSize(String field, int size, int max) {
        if (size < 1 || size > max) {
            throw ApiException.badRequest(field + ": must hold 1 to " + max + " items, not " + size);
        }
    }

    /** Reads one order as the body of {@code POST /orders} is read: the same 400 for the same mistake. */
    private OrderRequest read(JsonNode order) {
        return read(order, OrderRequest.class);
    }

    /** Reads and checks a request body given as JSON, with the 400s Spring MVC gives the same body. */
    private <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            // What Spring MVC answers a missing (or null) request body.
            throw ApiException.badRequest(JsonInputErrors.MISSING_BODY);
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object");
        }
        T request;
        try {
            request = json.treeToValue(body, type);
        } catch (JacksonException e) {
            throw JsonInputErrors.unreadable(e);
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ApiException.invalidFields(violations.stream()
                    .map(v -> new ApiException.FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                    .toList());
        }
        return request;
    }
}
