package io.bulwark.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads a JSON string, and only a string (no number or boolean turned into text). Refuses text that
 * PostgreSQL cannot store faithfully: a NUL character, or an unpaired UTF-16 surrogate (a JSON escape
 * like {@code "\ud800"}), which would be journaled differently from what the engine holds and break
 * the replay hash.
 */
final class TextDeserializer extends ValueDeserializer<String> {
    static final String NOT_A_STRING = "must be a string";
    static final String NOT_TEXT = "must be valid Unicode text without NUL characters";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw MismatchedInputException.from(p, String.class, NOT_A_STRING);
        }
        String text = p.getString();
        if (!isStorable(text)) {
            throw MismatchedInputException.from(p, String.class, NOT_TEXT);
        }
        return text;
    }

    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
