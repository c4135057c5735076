package io.bulwark.web;

import io.bulwark.engine.money.Decimals;
import java.math.BigDecimal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes every decimal as a JSON string in canonical plain text ("65000.5"), so no client parses a double. */
final class DecimalSerializer extends ValueSerializer<BigDecimal> {
    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(Decimals.plain(value));
    }
}
