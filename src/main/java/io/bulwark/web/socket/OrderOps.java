package io.bulwark.web.socket;

import io.bulwark.engine.account.ApiKey;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * WebSocket order entry (SPEC section 11 v2): {@code order.place}, {@code order.batch}, {@code order.cancel},
 * {@code order.amend} and {@code order.cancelAll}, each answered with the status and body of the REST call. The
 * order feature carries them out; the socket layer only reads the frames, queues the ops ({@link OrderEntry}) and
 * sends the {@code result}s.
 */
@FunctionalInterface
public interface OrderOps {
    /** What a client asked for; the JSON parts are read exactly as the REST bodies are. */
    sealed interface Request {}

    /** {@code POST /orders} with {@code order} as the body. */
    record Place(JsonNode order) implements Request {}

    /** {@code POST /orders/batch} with {@code body} ({@code {"orders":[...]}}) as the body. */
    record Batch(JsonNode body) implements Request {}

    /** {@code DELETE /orders/{orderId}} or, when {@code orderId} is null, {@code DELETE /orders/by-client-id/..}. */
    record Cancel(String orderId, String clientOrderId) implements Request {}

    /** {@code PATCH /orders/{orderId}} with {@code body} ({@code {"price":..,"size":..}}) as the body. */
    record Amend(String orderId, JsonNode body) implements Request {}

    /** {@code DELETE /orders?market=}; {@code market} null for all markets. */
    record CancelAll(String market) implements Request {}

    /** The answer: the HTTP status and body the REST call gives (the value, or the problem). */
    record Result(int status, Object body) {}

    /**
     * Carries out {@code request} for the session's key ({@code key} empty: the session has not authenticated, or
     * its key was revoked), after the journal committed it.
     */
    Result answer(Optional<ApiKey> key, Request request);
}
