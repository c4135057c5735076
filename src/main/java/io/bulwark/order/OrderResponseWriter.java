package io.bulwark.order;

import io.bulwark.engine.money.Decimals;
import io.bulwark.trade.FillResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes the order-entry shortcut's answer, an {@link OrderResponse}, as the bytes the application's JSON mapper
 * writes for it, without Jackson's per-request serializer lookups and reflection (issue 15, W3): the record's
 * fields in declaration order, nulls written, decimals as canonical plain strings ({@code DecimalSerializer}),
 * enums by name, instants in ISO-8601 UTC. It writes only strings it needs no escape for (printable ASCII
 * without {@code "} or {@code \}); for any other it declines with {@code null} and the caller asks Jackson.
 * OrderResponseWriterTests compares the bytes with Jackson's.
 */
final class OrderResponseWriter {
    private final StringBuilder out = new StringBuilder(512);
    private boolean declined;

    private OrderResponseWriter() {}

    /** The JSON of the order, or null when a string in it would need an escape. */
    static byte[] write(OrderResponse order) {
        OrderResponseWriter writer = new OrderResponseWriter();
        writer.order(order);
        return writer.declined ? null : writer.out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void order(OrderResponse o) {
        out.append('{');
        text("orderId", o.orderId());
        text(",\"clientOrderId", o.clientOrderId());
        text(",\"accountId", o.accountId());
        text(",\"market", o.market());
        constant(",\"side", o.side());
        constant(",\"type", o.type());
        constant(",\"timeInForce", o.timeInForce());
        decimal(",\"price", o.price());
        decimal(",\"triggerPrice", o.triggerPrice());
        decimal(",\"size", o.size());
        decimal(",\"filledSize", o.filledSize());
        decimal(",\"averageFillPrice", o.averageFillPrice());
        key(",\"reduceOnly").append(o.reduceOnly());
        constant(",\"status", o.status());
        constant(",\"cancelReason", o.cancelReason());
        instant(",\"createdAt", o.createdAt());
        instant(",\"updatedAt", o.updatedAt());
        key(",\"fills").append('[');
        for (int i = 0; i < o.fills().size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            fill(o.fills().get(i));
        }
        out.append("]}");
    }

    private void fill(FillResponse f) {
        out.append('{');
        text("fillId", f.fillId());
        text(",\"tradeId", f.tradeId());
        text(",\"orderId", f.orderId());
        text(",\"market", f.market());
        constant(",\"side", f.side());
        decimal(",\"price", f.price());
        decimal(",\"size", f.size());
        decimal(",\"fee", f.fee());
        constant(",\"liquidity", f.liquidity());
        key(",\"sequence").append(f.sequence());
        instant(",\"time", f.time());
        out.append('}');
    }

    /** The key, given without its opening quote after a comma (so that the literals stay readable). */
    private StringBuilder key(String key) {
        if (key.charAt(0) != ',') {
            out.append('"');
        }
        return out.append(key).append("\":");
    }

    private void text(String key, String value) {
        key(key);
        if (value == null) {
            out.append("null");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                declined = true;
                return;
            }
        }
        out.append('"').append(value).append('"');
    }

    private void constant(String key, Enum<?> value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"').append(value.name()).append('"');
        }
    }

    private void decimal(String key, BigDecimal value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"').append(Decimals.plain(value)).append('"');
        }
    }

    private void instant(String key, Instant value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"');
            DateTimeFormatter.ISO_INSTANT.formatTo(value, out);
            out.append('"');
        }
    }
}
