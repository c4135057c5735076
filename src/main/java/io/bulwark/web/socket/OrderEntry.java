package io.bulwark.web.socket;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a session's {@code order.*} ops ({@link OrderOps}) off the container's receive thread, which must not
 * wait for the engine and the journal: one at a time per session, in the order they came (a cancel sent after a
 * place finds the order), each on a virtual thread, at most {@value #MAX_IN_FLIGHT} waiting or running per session
 * (more: an {@code error} {@code TOO_MANY_REQUESTS}, not carried out). Each is answered, after the commit, with a
 * {@code result} message: {@code {type, id, status, body}}, the status and body the REST call gives. An op still
 * waiting when its session closes is not carried out.
 */
final class OrderEntry {
    static final int MAX_IN_FLIGHT = 64;
    private static final Logger log = LoggerFactory.getLogger(OrderEntry.class);

    /** Looked up at the first op: the order feature depends on the engine, which feeds this package. */
    private final Supplier<OrderOps> ops;

    private final JsonMapper json;
    /** The sessions with ops in flight, each with its ops (the running one first); no entry once none is left. */
    private final Map<String, ArrayDeque<Runnable>> lanes = new ConcurrentHashMap<>();

    OrderEntry(Supplier<OrderOps> ops, JsonMapper json) {
        this.ops = ops;
        this.json = json;
    }

    /** Queues {@code request} behind the session's earlier ops; refused when it has too many in flight. */
    void submit(ClientSession session, OrderOps.Request request, JsonNode id) {
        Runnable op = () -> {
            if (session.isOpen()) {
                session.send(answer(session, request, id));
            }
        };
        boolean[] queued = {false};
        boolean[] first = {false};
        lanes.compute(session.id(), (k, lane) -> {
            ArrayDeque<Runnable> ops = lane == null ? new ArrayDeque<>() : lane;
            if (ops.size() < MAX_IN_FLIGHT) {
                ops.add(op);
                queued[0] = true;
                first[0] = ops.size() == 1;
            }
            return ops;
        });
        if (!queued[0]) {
            throw new ProtocolException(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "a session may have at most " + MAX_IN_FLIGHT + " order ops in flight; wait for their results");
        }
        if (first[0]) {
            Thread.ofVirtual().name("ws-orders-" + session.id()).start(() -> drain(session.id(), op));
        }
    }

    /**
     * Runs {@code action} once the session's op running now (if any) has finished: the closing of a connection
     * with {@code cancelOnDisconnect} cancels after it, so an order placed by the op does not outlive the
     * connection. The session's ops still waiting are not carried out, as it is closed.
     */
    void afterOps(ClientSession session, Runnable action) {
        boolean[] queued = {false};
        lanes.computeIfPresent(session.id(), (k, ops) -> {
            ops.add(action);
            queued[0] = true;
            return ops;
        });
        if (!queued[0]) {
            action.run();
        }
    }

    /** Runs the session's ops in order until none is left. */
    private void drain(String sessionId, Runnable first) {
        Runnable next = first;
        while (next != null) {
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("WebSocket order op failed on session {}", sessionId, e);
            }
            Runnable[] following = {null};
            lanes.computeIfPresent(sessionId, (k, ops) -> {
                ops.poll();
                following[0] = ops.peek();
                return ops.isEmpty() ? null : ops;
            });
            next = following[0];
        }
    }

    private String answer(ClientSession session, OrderOps.Request request, JsonNode id) {
        ObjectNode message = json.createObjectNode().put("type", "result");
        message.set("id", id);
        try {
            OrderOps.Result result = ops.get().answer(session.key(), request);
            message.put("status", result.status());
            message.set("body", json.valueToTree(result.body()));
            return json.writeValueAsString(message);
        } catch (RuntimeException e) {
            // The frame is not logged: nothing of the order is.
            log.warn("WebSocket order op failed on session {}", session.id(), e);
            ObjectNode error = json.createObjectNode().put("type", "error");
            error.set("id", id);
            return json.writeValueAsString(error.put("code", ErrorCode.UNAVAILABLE.name())
                    .put("message", "the request could not be carried out; check your orders before retrying"));
        }
    }
}
