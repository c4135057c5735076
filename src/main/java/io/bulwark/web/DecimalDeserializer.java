package io.bulwark.web;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a decimal from the text of a JSON string or number, never through a double. Only plain
 * notation is accepted ({@code "65000.5"}, {@code 65000.5}, {@code "-0.0002"}): no exponent, no NaN or
 * Infinity, and at most 24 digits on each side of the point, so no input can make a huge or
 * unbounded number. Ranges per field are checked afterwards by Bean Validation.
 */
final class DecimalDeserializer extends ValueDeserializer<BigDecimal> {
    static final String EXPECTED = "must be a decimal in plain notation, e.g. \"65000.5\"";
    private static final Pattern PLAIN = Pattern.compile("-?[0-9]{1,24}(\\.[0-9]{1,24})?");

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_STRING
                && token != JsonToken.VALUE_NUMBER_INT
                && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw MismatchedInputException.from(p, BigDecimal.class, EXPECTED);
        }
        String text = p.getString();
        if (text == null || !PLAIN.matcher(text).matches()) {
            throw MismatchedInputException.from(p, BigDecimal.class, EXPECTED);
        }
        return new BigDecimal(text);
    }
}
