package io.bulwark.web.socket;

import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads client frames strictly: a JSON object with a known {@code op}, exactly the fields that op takes,
 * each of the right type. Anything else is a {@link ProtocolException}, answered with an {@code error}
 * message; a frame never closes the session with a stack trace.
 */
final class ClientFrameParser {
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_KEY_LENGTH = 256;
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("op", "id", "channel", "market", "interval");
    private static final Set<String> AUTH_FIELDS = Set.of("op", "id", "apiKey", "cancelOnDisconnect");
    private static final Set<String> PING_FIELDS = Set.of("op", "id");
    private static final Set<String> PLACE_FIELDS = Set.of("op", "id", "order");
    private static final Set<String> CANCEL_FIELDS = Set.of("op", "id", "orderId", "clientOrderId");
    private static final Set<String> CANCEL_ALL_FIELDS = Set.of("op", "id", "market");

    private final JsonMapper json;

    ClientFrameParser(JsonMapper json) {
        this.json = json;
    }

    /** The frame as a JSON object. */
    JsonNode read(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JacksonException e) {
            throw bad("the frame is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw bad("a frame must be a JSON object such as {\"op\":\"ping\"}");
        }
        return tree;
    }

    /** The client's correlation {@code id} (a string or an integer), echoed in the reply; missing if absent. */
    JsonNode id(JsonNode frame) {
        JsonNode id = frame.path("id");
        if (id.isMissingNode() || id.isNull()) {
            return MissingNode.getInstance();
        }
        if ((id.isString() && id.stringValue().length() <= MAX_NAME_LENGTH) || id.isIntegralNumber()) {
            return id;
        }
        throw bad("id must be a string of at most " + MAX_NAME_LENGTH + " characters or an integer");
    }

    ClientOp op(JsonNode frame) {
        String op = requiredString(frame, "op", MAX_NAME_LENGTH);
        return switch (op) {
            case "subscribe" -> {
                onlyFields(frame, SUBSCRIPTION_FIELDS);
                Channel channel = channel(frame);
                yield new ClientOp.Subscribe(channel, market(frame, channel), interval(frame, channel));
            }
            case "unsubscribe" -> {
                onlyFields(frame, SUBSCRIPTION_FIELDS);
                Channel channel = channel(frame);
                yield new ClientOp.Unsubscribe(channel, market(frame, channel), interval(frame, channel));
            }
            case "auth" -> {
                onlyFields(frame, AUTH_FIELDS);
                yield new ClientOp.Auth(
                        requiredString(frame, "apiKey", MAX_KEY_LENGTH), optionalBoolean(frame, "cancelOnDisconnect"));
            }
            case "ping" -> {
                onlyFields(frame, PING_FIELDS);
                yield new ClientOp.Ping();
            }
            case "order.place", "order.batch", "order.cancel", "order.amend", "order.cancelAll" ->
                new ClientOp.Order(order(op, frame));
            default ->
                throw bad("unknown op '" + abbreviate(op)
                        + "'; expected subscribe, unsubscribe, auth, ping, order.place, order.batch, order.cancel,"
                        + " order.amend or order.cancelAll");
        };
    }

    /**
     * An {@code order.*} op: its envelope is checked here (an {@code id} to answer with, the ids it names); what
     * the REST call takes as its body ({@code order}; the rest of a batch or amend frame) is left to be read as
     * REST reads it, so a mistake there is the REST call's 400 in a {@code result}.
     */
    private static OrderOps.Request order(String op, JsonNode frame) {
        if (frame.path("id").isMissingNode() || frame.path("id").isNull()) {
            throw bad(op + " needs an id, echoed in its result");
        }
        return switch (op) {
            case "order.place" -> {
                onlyFields(frame, PLACE_FIELDS);
                yield new OrderOps.Place(frame.get("order"));
            }
            case "order.batch" -> new OrderOps.Batch(body(frame, "op", "id"));
            case "order.cancel" -> {
                onlyFields(frame, CANCEL_FIELDS);
                boolean byOrderId = frame.has("orderId");
                if (byOrderId == frame.has("clientOrderId")) {
                    throw bad("order.cancel takes one of orderId and clientOrderId");
                }
                yield byOrderId
                        ? new OrderOps.Cancel(requiredString(frame, "orderId", MAX_KEY_LENGTH), null)
                        : new OrderOps.Cancel(null, requiredString(frame, "clientOrderId", MAX_KEY_LENGTH));
            }
            case "order.amend" ->
                new OrderOps.Amend(
                        requiredString(frame, "orderId", MAX_KEY_LENGTH), body(frame, "op", "id", "orderId"));
            default -> {
                onlyFields(frame, CANCEL_ALL_FIELDS);
                JsonNode market = frame.path("market");
                yield new OrderOps.CancelAll(
                        market.isMissingNode() || market.isNull()
                                ? null
                                : requiredString(frame, "market", MAX_NAME_LENGTH));
            }
        };
    }

    /** The frame without its envelope fields: the body the REST call would take. */
    private static ObjectNode body(JsonNode frame, String... envelope) {
        ObjectNode body = ((ObjectNode) frame).deepCopy();
        body.remove(List.of(envelope));
        return body;
    }

    private static Channel channel(JsonNode frame) {
        String name = requiredString(frame, "channel", MAX_NAME_LENGTH);
        return Channel.byWireName(name)
                .orElseThrow(() -> new ProtocolException(
                        ErrorCode.UNKNOWN_CHANNEL, "unknown channel '" + name + "'; channels: " + Channel.wireNames()));
    }

    private static String market(JsonNode frame, Channel channel) {
        JsonNode market = frame.path("market");
        boolean absent = market.isMissingNode() || market.isNull();
        if (!channel.perMarket()) {
            if (!absent) {
                throw bad("the " + channel.wireName() + " channel takes no market");
            }
            return "";
        }
        if (absent) {
            throw bad("the " + channel.wireName() + " channel needs a market, e.g. \"market\":\"BTC-USD-PERP\"");
        }
        return requiredString(frame, "market", MAX_NAME_LENGTH);
    }

    private static String interval(JsonNode frame, Channel channel) {
        JsonNode interval = frame.path("interval");
        boolean absent = interval.isMissingNode() || interval.isNull();
        if (!channel.perInterval()) {
            if (!absent) {
                throw bad("the " + channel.wireName() + " channel takes no interval");
            }
            return "";
        }
        if (absent) {
            throw bad("the " + channel.wireName() + " channel needs an interval, e.g. \"interval\":\"1m\"");
        }
        return requiredString(frame, "interval", MAX_NAME_LENGTH);
    }

    private static String requiredString(JsonNode frame, String field, int maxLength) {
        JsonNode value = frame.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw bad("missing field '" + field + "'");
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw bad("'" + field + "' must be a non-empty string");
        }
        if (value.stringValue().length() > maxLength) {
            throw bad("'" + field + "' is longer than " + maxLength + " characters");
        }
        return value.stringValue();
    }

    private static boolean optionalBoolean(JsonNode frame, String field) {
        JsonNode value = frame.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw bad("'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static void onlyFields(JsonNode frame, Set<String> allowed) {
        for (String name : frame.propertyNames()) {
            if (!allowed.contains(name)) {
                throw bad("unknown field '" + abbreviate(name) + "'");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_NAME_LENGTH ? text : text.substring(0, MAX_NAME_LENGTH) + "...";
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }
}
