package io.bulwark.journal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.market.MarketSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

/**
 * JSON form of commands and events in the journal. The engine stays free of Jackson: type names come
 * from the sealed hierarchies (the record's simple name) through mix-ins, in the property {@code @type}
 * (never {@code type}: commands such as PlaceOrder have a field of that name). Decimals are written as
 * plain strings so a round trip keeps their exact text, which the row-hash chain relies on.
 */
public final class JournalCodec {
    private static final TypeReference<List<Event>> EVENT_LIST = new TypeReference<>() {};

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private interface TypedByName {}

    /**
     * The v2 market parameters are left out while they hold the value a row without them means, so a
     * market row written before they existed re-encodes to its exact text (the hash chain) and reads back
     * equal (MarketSpec turns their absence into that value).
     */
    private abstract static class MarketSpecV2Defaults {
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultPriceJumpWindow.class)
        abstract Long priceJumpWindowSeconds();

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultSourceDivergence.class)
        abstract Integer maxSourceDivergenceBps();
    }

    /** Jackson's value filter: equal to it means "leave the property out". */
    private static final class DefaultPriceJumpWindow {
        @Override
        public boolean equals(Object value) {
            return value instanceof Long l && l == MarketSpec.DEFAULT_PRICE_JUMP_WINDOW_SECONDS;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(MarketSpec.DEFAULT_PRICE_JUMP_WINDOW_SECONDS);
        }
    }

    private static final class DefaultSourceDivergence {
        @Override
        public boolean equals(Object value) {
            return value instanceof Integer i && i == MarketSpec.DEFAULT_MAX_SOURCE_DIVERGENCE_BPS;
        }

        @Override
        public int hashCode() {
            return MarketSpec.DEFAULT_MAX_SOURCE_DIVERGENCE_BPS;
        }
    }

    private final JsonMapper mapper;
    // Built once: every journal row is encoded on the commit path and decoded again in recovery.
    private final ObjectWriter commandWriter;
    private final ObjectWriter eventsWriter;
    private final ObjectReader commandReader;
    private final ObjectReader eventsReader;

    public JournalCodec() {
        JsonMapper.Builder builder = JsonMapper.builder()
                .addMixIn(Command.class, TypedByName.class)
                .addMixIn(Event.class, TypedByName.class)
                .addMixIn(MarketSpec.class, MarketSpecV2Defaults.class)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
                .withConfigOverride(
                        BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
        for (Class<?> type : concat(Command.class.getPermittedSubclasses(), Event.class.getPermittedSubclasses())) {
            builder.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
        this.mapper = builder.build();
        this.commandWriter = mapper.writerFor(Command.class);
        this.eventsWriter = mapper.writerFor(EVENT_LIST);
        this.commandReader = mapper.readerFor(Command.class);
        this.eventsReader = mapper.readerFor(EVENT_LIST);
    }

    private static Class<?>[] concat(Class<?>[] a, Class<?>[] b) {
        Class<?>[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    public String writeCommand(Command command) {
        return commandWriter.writeValueAsString(command);
    }

    public Command readCommand(String json) {
        return commandReader.readValue(json);
    }

    public String writeEvents(List<Event> events) {
        return eventsWriter.writeValueAsString(events);
    }

    public List<Event> readEvents(String json) {
        return eventsReader.readValue(json);
    }

    public static String typeName(Command command) {
        return command.getClass().getSimpleName();
    }
}
