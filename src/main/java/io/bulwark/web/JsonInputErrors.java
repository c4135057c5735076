package io.bulwark.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns an unreadable request body into a problem a client developer can act on: which field, and
 * what was expected. Never echoes Java class names or parser internals.
 */
public final class JsonInputErrors {
    private static final int MAX_DETAIL = 300;
    /** The detail of a request body that is missing (or JSON {@code null}) or cannot be parsed at all. */
    public static final String MISSING_BODY = "the request body is missing or is not valid JSON";

    private JsonInputErrors() {}

    static ProblemDetail describe(HttpMessageNotReadableException ex) {
        if (find(ex, PayloadTooLargeException.class) != null) {
            return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", BodySizeLimitFilter.TOO_LARGE);
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail(ex));
    }

    /**
     * 400 {@code VALIDATION_FAILED} for a JSON value (one element of a batch, say) that could not be read as
     * its type, with the same detail an unreadable request body of that type gets.
     */
    public static ApiException unreadable(JacksonException ex) {
        return ApiException.badRequest(detail(ex));
    }

    private static String detail(Throwable ex) {
        PropertyBindingException unknown = find(ex, PropertyBindingException.class);
        if (unknown != null) {
            return "unknown field '" + path(unknown) + "'; accepted fields: " + known(unknown);
        }
        MismatchedInputException mismatch = find(ex, MismatchedInputException.class);
        if (mismatch != null) {
            String field = path(mismatch);
            String expected = expected(mismatch);
            return field.isEmpty() ? "request body " + expected : "field '" + field + "' " + expected;
        }
        StreamReadException malformed = find(ex, StreamReadException.class);
        if (malformed != null) {
            String where = malformed.getLocation() == null
                    ? ""
                    : " at line " + malformed.getLocation().getLineNr() + ", column "
                            + malformed.getLocation().getColumnNr();
            return truncate("malformed JSON" + where + ": " + firstLine(malformed.getOriginalMessage()));
        }
        JacksonException other = find(ex, JacksonException.class);
        if (other != null && !path(other).isEmpty()) {
            return "field '" + path(other) + "' has an invalid value";
        }
        return MISSING_BODY;
    }

    private static String expected(MismatchedInputException ex) {
        String own = ex.getOriginalMessage();
        if (DecimalDeserializer.EXPECTED.equals(own)
                || TextDeserializer.NOT_A_STRING.equals(own)
                || TextDeserializer.NOT_TEXT.equals(own)) {
            return own;
        }
        Class<?> target = ex.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.toString(target.getEnumConstants());
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == BigDecimal.class) {
            return DecimalDeserializer.EXPECTED;
        }
        if (target == Integer.class
                || target == int.class
                || target == Long.class
                || target == long.class
                || target == BigInteger.class) {
            return "must be a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (List.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be a JSON object";
    }

    private static String known(PropertyBindingException ex) {
        if (ex.getKnownPropertyIds() == null) {
            return "none";
        }
        return ex.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** The JSON path of the failure, e.g. {@code prices[0].price}; empty for the root. */
    static String path(JacksonException ex) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
