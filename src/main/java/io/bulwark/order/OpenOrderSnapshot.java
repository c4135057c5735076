package io.bulwark.order;

import io.bulwark.engine.EngineView;
import io.bulwark.web.socket.AccountSnapshotPart;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code orders} in the account channel's snapshot: the account's live orders (open, partially filled,
 * untriggered) as {@code GET /orders} gives them, oldest first, with their fills up to the snapshot's sequence.
 */
@Component
@Order(3)
class OpenOrderSnapshot implements AccountSnapshotPart {
    private final OrderQueries queries;

    OpenOrderSnapshot(OrderQueries queries) {
        this.queries = queries;
    }

    @Override
    public String field() {
        return "orders";
    }

    @Override
    public Supplier<Object> read(EngineView view, String accountId) {
        return queries.openOrders(view, accountId);
    }
}
