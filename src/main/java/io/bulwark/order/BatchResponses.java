package io.bulwark.order;

import java.util.List;

/** The answers of the batch endpoints: one result per order or id, in the request's order. */
final class BatchResponses {
    private BatchResponses() {}

    /** One order's answer: the status and body {@code POST /api/v1/orders} gives it (the order or the problem). */
    record PlaceResult(int status, Object body) {}

    /** {@code POST /api/v1/orders/batch}. */
    record Placed(List<PlaceResult> results) {
        static Placed of(List<OrderAnswer<OrderResponse>> answers) {
            return new Placed(answers.stream()
                    .map(a -> new PlaceResult(a.status(), a.body()))
                    .toList());
        }
    }

    /**
     * One id's answer: the id as given (one of {@code orderId} and {@code clientOrderId}, the other null) and the
     * status and body the single cancel gives it.
     */
    record CancelResult(String orderId, String clientOrderId, int status, Object body) {}

    /** {@code DELETE /api/v1/orders/batch}: the order ids' results first, then the client order ids'. */
    record Cancelled(List<CancelResult> results) {}
}
