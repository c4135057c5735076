package io.bulwark.order;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.order.OrderState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest state of every order in {@code orders}, from OrderPlaced and OrderUpdated (both carry
 * the whole state). {@link SqlBatch#addLatest} writes one row per order per group commit, the last state
 * (an order placed and filled in one commit is written once, as filled); the sequence guard keeps a row
 * from ever going back to an older state, and the INSERT ... SELECT form is one the driver never folds into
 * a multi-row INSERT.
 */
@Component
class OrderProjection implements Projection {
    static final String UPSERT = """
            INSERT INTO orders AS o (order_id, client_order_id, account_id, market, side, type, time_in_force, price,
                                     trigger_price, size, filled_size, average_fill_price, reduce_only, status,
                                     cancel_reason, created_at, updated_at, updated_sequence)
            SELECT ?::bigint, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::numeric, ?::numeric,
                   ?::numeric, ?::numeric, ?::numeric, ?::boolean, ?::text, ?::text, ?::timestamptz, ?::timestamptz,
                   ?::bigint
            ON CONFLICT (order_id) DO UPDATE SET
                price = EXCLUDED.price,
                size = EXCLUDED.size,
                filled_size = EXCLUDED.filled_size,
                average_fill_price = EXCLUDED.average_fill_price,
                status = EXCLUDED.status,
                cancel_reason = EXCLUDED.cancel_reason,
                updated_at = EXCLUDED.updated_at,
                updated_sequence = EXCLUDED.updated_sequence
            WHERE o.updated_sequence <= EXCLUDED.updated_sequence
            """;

    @Override
    public List<String> tables() {
        return List.of("orders");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            switch (event) {
                case OrderPlaced p -> upsert(batch, p.order(), entry.sequence());
                case OrderUpdated u -> upsert(batch, u.order(), entry.sequence());
                default -> {}
            }
        }
    }

    private static void upsert(SqlBatch batch, OrderState order, long sequence) {
        batch.addLatest(UPSERT, order.orderId(), row(order, sequence));
    }

    static Object[] row(OrderState o, long sequence) {
        return new Object[] {
            Long.parseLong(o.orderId()),
            o.clientOrderId(),
            o.accountId(),
            o.market(),
            o.side().name(),
            o.type().name(),
            o.timeInForce().name(),
            o.price(),
            o.triggerPrice(),
            o.size(),
            o.filledSize(),
            o.averageFillPrice(),
            o.reduceOnly(),
            o.status().name(),
            o.cancelReason() == null ? null : o.cancelReason().name(),
            time(o.createdAt()),
            time(o.updatedAt()),
            sequence
        };
    }

    private static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
