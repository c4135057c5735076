package io.bulwark.order;

import io.bulwark.engine.order.OrderState;
import java.util.List;
import org.springframework.stereotype.Component;

/** Live orders as clients see them, for readers outside this package (the operator's account view). */
@Component
public class OpenOrders {
    private final OrderQueries queries;

    OpenOrders(OrderQueries queries) {
        this.queries = queries;
    }

    /** Engine states of {@code accountId}'s live orders, read at {@code sequence}, with their fills up to it. */
    public List<OrderResponse> withFills(String accountId, List<OrderState> live, long sequence) {
        return queries.withFills(accountId, live, sequence);
    }
}
