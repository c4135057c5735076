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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

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
     * A market parameter added after the first build ({@link MarketSpec#ABSENT_MEANS}) is left out while it
     * holds the value a row without it means, so a market row written before it existed re-encodes to its
     * exact text (the hash chain) and reads back equal (MarketSpec turns its absence into that value).
     */
    private static final class LeaveOutWhatAbsenceMeans extends ValueSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(
                SerializationConfig config, BeanDescription.Supplier bean, List<BeanPropertyWriter> properties) {
            if (bean.getBeanClass() != MarketSpec.class) {
                return properties;
            }
            return properties.stream()
                    .map(p -> MarketSpec.ABSENT_MEANS.containsKey(p.getName())
                            ? new OmittedWhenEqual(p, MarketSpec.ABSENT_MEANS.get(p.getName()))
                            : p)
                    .toList();
        }
    }

    private static final class OmittedWhenEqual extends BeanPropertyWriter {
        private final Object absentMeans;

        OmittedWhenEqual(BeanPropertyWriter base, Object absentMeans) {
            super(base);
            this.absentMeans = absentMeans;
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator gen, SerializationContext ctxt) throws Exception {
            if (!absentMeans.equals(get(bean))) {
                super.serializeAsProperty(bean, gen, ctxt);
            }
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
                .addModule(new SimpleModule("market-parameters").setSerializerModifier(new LeaveOutWhatAbsenceMeans()))
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
