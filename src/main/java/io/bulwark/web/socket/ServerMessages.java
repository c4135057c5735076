package io.bulwark.web.socket;

import io.bulwark.engine.account.ApiKey;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the server's messages. Every message is a JSON object with a {@code type}; replies echo the
 * client's {@code id}; channel messages start with {@code type, channel} (and {@code market},
 * {@code sequence}, {@code time}) and continue with the payload's own fields, the envelope winning a
 * name clash.
 */
final class ServerMessages {
    private final JsonMapper json;

    ServerMessages(JsonMapper json) {
        this.json = json;
    }

    String subscribed(Subscription subscription, JsonNode id) {
        return write(reply("subscribed", subscription, id));
    }

    String unsubscribed(Subscription subscription, JsonNode id) {
        return write(reply("unsubscribed", subscription, id));
    }

    String authenticated(ApiKey key, JsonNode id) {
        ObjectNode message = json.createObjectNode().put("type", "authenticated");
        withId(message, id).put("keyId", key.keyId()).put("role", key.role().name());
        if (!key.accountId().isEmpty()) {
            message.put("accountId", key.accountId());
        }
        return write(message);
    }

    String pong(JsonNode id) {
        return write(withId(json.createObjectNode().put("type", "pong"), id));
    }

    String error(ErrorCode code, String message, JsonNode id) {
        ObjectNode error = json.createObjectNode().put("type", "error");
        return write(withId(error, id).put("code", code.name()).put("message", message));
    }

    /** An error about one subscription, e.g. a snapshot that could not be taken. */
    String error(ErrorCode code, String message, Subscription subscription, JsonNode id) {
        ObjectNode error = reply("error", subscription, id);
        return write(error.put("code", code.name()).put("message", message));
    }

    /** The start of a channel message: {@code type}, {@code channel} and, when not empty, {@code market}. */
    ObjectNode envelope(String type, Channel channel, String market) {
        ObjectNode message = json.createObjectNode().put("type", type).put("channel", channel.wireName());
        if (!market.isEmpty()) {
            message.put("market", market);
        }
        return message;
    }

    /** Adds {@code time} (ISO-8601, from the journal timestamp) and then the payload's fields. */
    String channelMessage(ObjectNode envelope, long timestamp, Object payload) {
        return channelMessage(envelope, timestamp, fields(payload));
    }

    /** Adds {@code time} (ISO-8601, from the journal timestamp) and then {@code fields}. */
    String channelMessage(ObjectNode envelope, long timestamp, ObjectNode fields) {
        envelope.put("time", Instant.ofEpochMilli(timestamp).toString());
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!envelope.has(field.getKey())) {
                envelope.set(field.getKey(), field.getValue());
            }
        }
        return write(envelope);
    }

    /** A payload as JSON fields. */
    ObjectNode fields(Object payload) {
        if (json.valueToTree(payload) instanceof ObjectNode fields) {
            return fields;
        }
        throw new IllegalArgumentException("a channel payload must serialize to a JSON object: " + payload);
    }

    private ObjectNode reply(String type, Subscription subscription, JsonNode id) {
        ObjectNode message = withId(json.createObjectNode().put("type", type), id);
        message.put("channel", subscription.channel().wireName());
        if (!subscription.market().isEmpty()) {
            message.put("market", subscription.market());
        }
        if (!subscription.interval().isEmpty()) {
            message.put("interval", subscription.interval());
        }
        return message;
    }

    private static ObjectNode withId(ObjectNode message, JsonNode id) {
        if (!id.isMissingNode()) {
            message.set("id", id);
        }
        return message;
    }

    private String write(ObjectNode message) {
        return json.writeValueAsString(message);
    }
}
