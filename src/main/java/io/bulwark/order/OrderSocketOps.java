package io.bulwark.order;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import io.bulwark.web.ApiException;
import io.bulwark.web.Problems;
import io.bulwark.web.UnavailableProblems;
import io.bulwark.web.security.Caller;
import io.bulwark.web.security.KeyAuthenticator;
import io.bulwark.web.security.RequestCharges;
import io.bulwark.web.socket.OrderOps;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * WebSocket order entry (SPEC section 11 v2): {@code order.place}, {@code order.batch}, {@code order.cancel},
 * {@code order.amend} and {@code order.cancelAll}, each answered with the status and body the REST call gives:
 * through {@link OrderActions}, as the REST endpoints are. Before that, what the REST filters do for such a
 * request: the key must still be valid (not revoked, not expired: checked again for every op, so a key revoked
 * after {@code auth} stops trading at once), be a TRADER key with the TRADE scope (401 and 403 problems as REST
 * gives them), and the op spends from the account's request bucket as the REST call would (one token, a batch
 * one per order). Synchronous: it returns after the journal committed.
 */
@Component
public class OrderSocketOps implements OrderOps {
    private final OrderActions actions;
    private final KeyAuthenticator keys;
    private final RequestCharges charges;

    OrderSocketOps(OrderActions actions, KeyAuthenticator keys, RequestCharges charges) {
        this.actions = actions;
        this.keys = keys;
        this.charges = charges;
    }

    @Override
    public Result answer(Optional<ApiKey> key, Request request) {
        try {
            Caller caller = caller(key);
            charges.chargeRequest(caller);
            return result(
                    switch (request) {
                        case Place p -> actions.place(caller, p.order());
                        case Batch b -> batch(caller, b.body());
                        case Cancel c ->
                            c.orderId() != null
                                    ? actions.cancel(caller, c.orderId())
                                    : actions.cancelByClientOrderId(caller, c.clientOrderId());
                        case Amend a -> actions.amend(caller, a.orderId(), a.body());
                        case CancelAll c -> actions.cancelAll(caller, c.market());
                    });
        } catch (ApiException e) {
            return new Result(e.status().value(), e.problem());
        } catch (RuntimeException e) {
            // The 503s REST gives for the same failure (standby, recovering, timed out, commit failed...).
            Optional<ProblemDetail> problem = UnavailableProblems.of(e);
            if (problem.isEmpty()) {
                throw e;
            }
            return new Result(problem.get().getStatus(), problem.get());
        }
    }

    private OrderAnswer<BatchResponses.Placed> batch(Caller caller, JsonNode body) {
        OrderBatchRequest batch = actions.readBatch(body);
        // The first token was taken as for any request; the others as RequestCharges takes them for REST.
        charges.chargeMore(caller, batch.orders().size());
        List<OrderAnswer<OrderResponse>> answers = actions.placeAll(caller, batch.orders());
        return OrderAnswer.of(200, BatchResponses.Placed.of(answers));
    }

    private static Result result(OrderAnswer<?> answer) {
        return new Result(answer.status(), answer.body());
    }

    /** The caller as REST's filters would let it through to an order endpoint, or the 401 or 403 they answer. */
    private Caller caller(Optional<ApiKey> session) {
        ApiKey key = session.orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED,
                "UNAUTHENTICATED",
                "order entry needs {\"op\":\"auth\",\"apiKey\":...} first"));
        if (keys.revoked(key)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "the API key was revoked");
        }
        if (keys.expired(key)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "the API key has expired");
        }
        if (key.role() != Role.TRADER) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "this key's role may not use this endpoint");
        }
        if (!key.grant().has(Scope.TRADE)) {
            throw new ScopeRequired(Scope.TRADE);
        }
        return new Caller(
                key.keyId(),
                key.role(),
                key.accountId(),
                key.source(),
                key.grant().scopes());
    }

    /** 403 {@code SCOPE_REQUIRED} with the {@code scope} property, as REST's access-denied handler writes it. */
    private static final class ScopeRequired extends ApiException {
        private final Scope scope;

        ScopeRequired(Scope scope) {
            super(
                    HttpStatus.FORBIDDEN,
                    "SCOPE_REQUIRED",
                    "this API key lacks the " + scope + " scope this endpoint needs");
            this.scope = scope;
        }

        @Override
        public ProblemDetail problem() {
            ProblemDetail problem = Problems.of(status(), code(), getMessage());
            problem.setProperty("scope", scope.name());
            return problem;
        }
    }
}
