package io.bulwark.order;

import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Reads the plain order body a trading client sends ({@code {"market":"BTC-USD-PERP","side":"BUY",...}}) without
 * Jackson's databind, which cost about a sixth of the order-entry request under load (issue 15, W3). It reads
 * only what it is sure the application's strict JSON mapper reads the same way, and gives the same {@link
 * OrderRequest}: one flat object of known keys, each at most once; printable ASCII strings without escapes;
 * enum constants by their exact names; decimals in plain notation (as {@code DecimalDeserializer} accepts them,
 * from a JSON string or number) kept as their exact text; {@code true}, {@code false} and {@code null}. On
 * anything else (an unknown or repeated key, an escape, non-ASCII text, an exponent, a nested value, trailing
 * bytes) it declines with {@code null} and the caller reads the same bytes with Jackson, so no body is ever
 * read differently (OrderBodyReaderTests compares the two on generated and mutated bodies).
 */
final class OrderBodyReader {
    /** As {@code DecimalDeserializer}: at most 24 digits on either side of the point. */
    private static final int MAX_DIGITS = 24;

    private static final int END = -1;

    private final byte[] in;
    private int at;
    /** Set when a value is not one this reader is sure of; the whole body is then declined. */
    private boolean declined;

    private String market;
    private Side side;
    private OrderType type;
    private TimeInForce timeInForce;
    private BigDecimal price;
    private BigDecimal triggerPrice;
    private BigDecimal size;
    private Boolean reduceOnly;
    private String clientOrderId;

    private OrderBodyReader(byte[] in) {
        this.in = in;
    }

    /** The order the body holds, or null when this reader declines it (Jackson must then read it). */
    static OrderRequest read(byte[] body) {
        OrderBodyReader reader = new OrderBodyReader(body);
        return reader.object() ? reader.order() : null;
    }

    private OrderRequest order() {
        return new OrderRequest(market, side, type, timeInForce, price, triggerPrice, size, reduceOnly, clientOrderId);
    }

    private boolean object() {
        skipSpace();
        if (!take('{')) {
            return false;
        }
        skipSpace();
        if (!take('}')) {
            int seen = 0;
            do {
                skipSpace();
                int field = field(plainText());
                if (field < 0 || (seen & (1 << field)) != 0) {
                    return false;
                }
                seen |= 1 << field;
                skipSpace();
                if (!take(':')) {
                    return false;
                }
                skipSpace();
                value(field);
                if (declined) {
                    return false;
                }
                skipSpace();
            } while (take(','));
            if (!take('}')) {
                return false;
            }
        }
        skipSpace();
        return at == in.length;
    }

    private static int field(String key) {
        if (key == null) {
            return -1;
        }
        return switch (key) {
            case "market" -> 0;
            case "side" -> 1;
            case "type" -> 2;
            case "timeInForce" -> 3;
            case "price" -> 4;
            case "triggerPrice" -> 5;
            case "size" -> 6;
            case "reduceOnly" -> 7;
            case "clientOrderId" -> 8;
            default -> -1;
        };
    }

    private void value(int field) {
        if (literal("null")) {
            return;
        }
        switch (field) {
            case 0 -> market = text();
            case 1 -> side = constant(Side.values());
            case 2 -> type = constant(OrderType.values());
            case 3 -> timeInForce = constant(TimeInForce.values());
            case 4 -> price = decimal();
            case 5 -> triggerPrice = decimal();
            case 6 -> size = decimal();
            case 7 -> reduceOnly = flag();
            default -> clientOrderId = text();
        }
    }

    private String text() {
        String text = plainText();
        declined |= text == null;
        return text;
    }

    private <E extends Enum<E>> E constant(E[] constants) {
        String name = text();
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        declined = true;
        return null;
    }

    private Boolean flag() {
        if (literal("true")) {
            return Boolean.TRUE;
        }
        if (literal("false")) {
            return Boolean.FALSE;
        }
        declined = true;
        return null;
    }

    /**
     * A decimal from a string ({@code "65000.5"}, leading zeros allowed, as {@code DecimalDeserializer} reads the
     * text) or a number (JSON's grammar: no leading zero, no exponent here), with the digits it wrote.
     */
    private BigDecimal decimal() {
        boolean quoted = take('"');
        int start = at;
        take('-');
        int whole = digits();
        if (whole == 0 || whole > MAX_DIGITS || (!quoted && whole > 1 && in[at - whole] == '0')) {
            declined = true;
            return null;
        }
        if (take('.')) {
            int fraction = digits();
            if (fraction == 0 || fraction > MAX_DIGITS) {
                declined = true;
                return null;
            }
        }
        int end = at;
        if (quoted ? !take('"') : isNumberPart(peek())) {
            declined = true;
            return null;
        }
        return new BigDecimal(new String(in, start, end - start, StandardCharsets.US_ASCII));
    }

    private static boolean isNumberPart(int b) {
        return (b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-';
    }

    private int digits() {
        int start = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            at++;
        }
        return at - start;
    }

    /** A string of printable ASCII without escapes, or null for anything else. */
    private String plainText() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < in.length && in[at] != '"') {
            byte b = in[at];
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return null;
            }
            at++;
        }
        if (!take('"')) {
            return null;
        }
        return new String(in, start, at - 1 - start, StandardCharsets.US_ASCII);
    }

    /** The literal, followed by something that cannot continue a JSON token. */
    private boolean literal(String word) {
        int n = word.length();
        if (at + n > in.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        int next = at + n < in.length ? in[at + n] : END;
        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9')) {
            return false;
        }
        at += n;
        return true;
    }

    private void skipSpace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
    }

    private int peek() {
        return at < in.length ? in[at] : END;
    }

    private boolean take(char c) {
        if (at < in.length && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }
}
