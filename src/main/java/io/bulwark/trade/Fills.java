package io.bulwark.trade;

import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.EventCursor;
import io.bulwark.web.Sequenced;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An account's fills, from the {@code fills} read model: by order (for order answers) and as a history. */
@Service
public class Fills {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final FillRowRepository fills;
    private final EngineClient engine;

    Fills(FillRowRepository fills, EngineClient engine) {
        this.fills = fills;
        this.engine = engine;
    }

    /**
     * The fills of the account's {@code orderIds} made up to {@code sequence} (inclusive), oldest first, by
     * order id. Passing the engine's sequence of an order's state keeps the fills consistent with it.
     */
    @Transactional(readOnly = true)
    public Map<String, List<FillResponse>> ofOrders(String accountId, Collection<String> orderIds, long sequence) {
        Map<String, List<FillResponse>> byOrder = new LinkedHashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        List<Long> ids = orderIds.stream().map(Long::parseLong).toList();
        for (FillRow row : fills.findOfOrders(accountId, ids, sequence)) {
            byOrder.computeIfAbsent(Long.toString(row.orderId()), k -> new ArrayList<>())
                    .add(FillResponse.of(row));
        }
        return byOrder;
    }

    /**
     * A page of the account's fills, newest first, strictly before the cursor {@code before}, with a sequence
     * they reflect.
     */
    @Transactional(readOnly = true)
    Sequenced<List<FillResponse>> page(String accountId, String market, int limit, String before) {
        EventCursor cursor = EventCursor.beforeTrade(before);
        String filter = market == null ? "" : market;
        if (!filter.isEmpty() && !engine.query(view -> view.market(filter).isPresent())) {
            throw ApiException.notFound("UNKNOWN_MARKET", "no market " + filter);
        }
        // Taken before the read: the rows reflect at least this sequence.
        long committed = engine.committedSequence();
        return new Sequenced<>(
                fills.findBefore(accountId, filter, cursor.sequence(), cursor.index(), Limit.of(limit)).stream()
                        .map(FillResponse::of)
                        .toList(),
                committed);
    }
}
