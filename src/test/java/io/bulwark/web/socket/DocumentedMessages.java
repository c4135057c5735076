package io.bulwark.web.socket;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The server messages {@code asyncapi.yaml} documents, as {@code type} and {@code channel} pairs read from the
 * {@code const} (or {@code enum}) of each message payload's properties, through {@code allOf} and schema
 * {@code $ref}s. {@link SocketClient} checks every frame it receives against them, so every WebSocket test
 * also checks that the contract names each message the server sends (SPEC section 11 v2).
 */
final class DocumentedMessages {
    private static final String ANY = "*";
    private static final Set<String> PAIRS = load(Path.of("asyncapi.yaml"));

    private DocumentedMessages() {}

    /** Whether {@code message}'s type (and channel, when it has one) is a documented server message. */
    static boolean documents(JsonNode message) {
        String type = message.path("type").asString("");
        String channel = message.path("channel").asString("");
        return PAIRS.contains(type + "|" + ANY) || (!channel.isEmpty() && PAIRS.contains(type + "|" + channel));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> load(Path path) {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(path)) {
            document = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
        Set<String> pairs = new HashSet<>();
        for (Object message : ((Map<String, Object>) components.get("messages")).values()) {
            Set<String> types = new HashSet<>();
            Set<String> channels = new HashSet<>();
            collect(((Map<String, Object>) message).get("payload"), schemas, types, channels);
            for (String type : types) {
                if (channels.isEmpty()) {
                    pairs.add(type + "|" + ANY);
                }
                channels.forEach(channel -> pairs.add(type + "|" + channel));
            }
        }
        return Set.copyOf(pairs);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object schema, Map<String, Object> schemas, Set<String> types, Set<String> channels) {
        if (!(schema instanceof Map<?, ?> map)) {
            return;
        }
        if (map.get("$ref") instanceof String ref) {
            collect(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)), schemas, types, channels);
        }
        if (map.get("allOf") instanceof List<?> parts) {
            parts.forEach(part -> collect(part, schemas, types, channels));
        }
        if (map.get("properties") instanceof Map<?, ?> properties) {
            values(properties.get("type"), types);
            Set<String> named = new HashSet<>();
            values(properties.get("channel"), named);
            // A const names the channel; an enum (a shared envelope's) only narrows it, so a const wins.
            if (properties.get("channel") instanceof Map<?, ?> channel && channel.containsKey("const")) {
                channels.clear();
                channels.addAll(named);
            } else if (channels.isEmpty()) {
                channels.addAll(named);
            }
        }
    }

    private static void values(Object property, Set<String> into) {
        if (property instanceof Map<?, ?> map) {
            if (map.get("const") instanceof String value) {
                into.add(value);
            }
            if (map.get("enum") instanceof List<?> values) {
                values.forEach(v -> into.add(String.valueOf(v)));
            }
        }
    }
}
