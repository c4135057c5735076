package io.bulwark.order;

import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderState;
import io.bulwark.trade.FillResponse;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Places, cancels and amends orders through the engine, and answers with the orders as the command left
 * them: the state from the command's own events, the fills of earlier commands from the read model.
 */
@Service
class OrderService {
    private final EngineClient engine;
    private final OrderQueries queries;

    OrderService(EngineClient engine, OrderQueries queries) {
        this.engine = engine;
        this.queries = queries;
    }

    /** The order, and whether it is new (false: a retry with a client order id already used for it). */
    record Placement(OrderResponse order, boolean created) {}

    Placement place(String accountId, OrderRequest request, String actor) {
        PlaceOrder command = OrderValues.place(accountId, request);
        return placement(accountId, engine.submit(command, actor));
    }

    /**
     * Places orders already checked by {@link OrderValues#place} together: in order, in one journal commit.
     * Each answer is what {@link #place} gives that order alone.
     */
    List<OrderAnswer<Placement>> placeAll(String accountId, List<PlaceOrder> commands, String actor) {
        return engine.submitAll(List.copyOf(commands), actor).stream()
                .map(outcome -> switch (outcome) {
                    case Outcome.Accepted accepted -> {
                        Placement placement = placement(accountId, accepted);
                        yield OrderAnswer.of(placement.created() ? 201 : 200, placement);
                    }
                    case Outcome.Rejected rejected ->
                        OrderAnswer.<Placement>refused(ApiException.of(rejected.rejection()));
                })
                .toList();
    }

    private Placement placement(String accountId, Outcome.Accepted outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> new Placement(placed(applied), true);
            case Outcome.AlreadyApplied repeat ->
                new Placement(queries.get(accountId, repeat.id()).body(), false);
        };
    }

    OrderResponse cancel(String accountId, String orderId, String actor) {
        OrderQueries.requireOrderId(orderId);
        return cancelled(accountId, orderId, engine.apply(new CancelOrder(accountId, orderId), actor));
    }

    /**
     * Cancels orders by id together: in order, in one journal commit. Each answer is what {@link #cancel} gives
     * that id alone (an id that cannot name an order is refused without reaching the engine).
     */
    List<OrderAnswer<OrderResponse>> cancelAll(String accountId, List<String> orderIds, String actor) {
        List<Command> commands = orderIds.stream()
                .filter(OrderQueries::isOrderId)
                .<Command>map(id -> new CancelOrder(accountId, id))
                .toList();
        Iterator<Outcome> outcomes = engine.submitAll(commands, actor).iterator();
        List<OrderAnswer<OrderResponse>> answers = new ArrayList<>(orderIds.size());
        for (String orderId : orderIds) {
            if (!OrderQueries.isOrderId(orderId)) {
                answers.add(OrderAnswer.refused(OrderQueries.notFound(orderId)));
                continue;
            }
            answers.add(
                    switch (outcomes.next()) {
                        case Outcome.Applied applied -> OrderAnswer.of(200, cancelled(accountId, orderId, applied));
                        case Outcome.AlreadyApplied repeat ->
                            throw new IllegalStateException("unexpected idempotent repeat: " + repeat.detail());
                        case Outcome.Rejected rejected -> OrderAnswer.refused(ApiException.of(rejected.rejection()));
                    });
        }
        return answers;
    }

    private OrderResponse cancelled(String accountId, String orderId, Outcome.Applied applied) {
        return changed(accountId, applied).stream()
                .filter(o -> o.orderId().equals(orderId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cancel of " + orderId + " reported no update"));
    }

    /**
     * Cancels the account's live orders (in one market, or all). With nothing to cancel it answers at once
     * and journals nothing: a client that calls this often (on every logout, say) costs no journal rows.
     */
    CancelledOrdersResponse cancelAll(String accountId, String market, String actor) {
        return cancelAll(accountId, market, null, actor);
    }

    /**
     * As {@link #cancelAll(String, String, String)}, the orders ending with {@code reason} (null: the trader's own
     * cancel, {@code USER}).
     */
    CancelledOrdersResponse cancelAll(String accountId, String market, CancelReason reason, String actor) {
        String filter = market == null ? "" : market;
        // empty: no such market
        Optional<Boolean> anyLive =
                engine.query(view -> filter.isEmpty() || view.market(filter).isPresent()
                        ? Optional.of(!view.liveOrders(accountId, filter).isEmpty())
                        : Optional.empty());
        if (anyLive.isEmpty()) {
            throw ApiException.notFound("UNKNOWN_MARKET", "no market " + filter);
        }
        if (!anyLive.get()) {
            return new CancelledOrdersResponse(List.of());
        }
        Outcome.Applied applied = engine.apply(new CancelOrders(accountId, filter, reason), actor);
        return new CancelledOrdersResponse(changed(accountId, applied));
    }

    OrderResponse amend(String accountId, String orderId, AmendRequest request, String actor) {
        OrderQueries.requireOrderId(orderId);
        return changed(accountId, engine.apply(OrderValues.amend(accountId, orderId, request), actor)).stream()
                .filter(o -> o.orderId().equals(orderId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("amend of " + orderId + " reported no update"));
    }

    /**
     * A new order as its command left it: its last reported state (a trigger fired by the same command may
     * have traded against it after it was placed) and every trade it took part in.
     */
    private static OrderResponse placed(Outcome.Applied applied) {
        String orderId = EngineClient.event(applied, OrderPlaced.class).order().orderId();
        OrderState state = null;
        List<FillResponse> fills = new ArrayList<>();
        for (Event event : applied.events()) {
            switch (event) {
                case OrderPlaced p when p.order().orderId().equals(orderId) -> state = p.order();
                case OrderUpdated u when u.order().orderId().equals(orderId) -> state = u.order();
                case Traded t
                when t.takerOrderId().equals(orderId) || t.makerOrderId().equals(orderId) ->
                    FillResponse.of(t, applied.sequence(), applied.timestamp()).stream()
                            .filter(f -> f.orderId().equals(orderId))
                            .forEach(fills::add);
                default -> {}
            }
        }
        return OrderResponse.of(state, fills);
    }

    /** The account's orders a cancel or amend changed, in the state it left them, with their fills. */
    private List<OrderResponse> changed(String accountId, Outcome.Applied applied) {
        Map<String, OrderState> latest = new LinkedHashMap<>();
        for (Event event : applied.events()) {
            if (event instanceof OrderUpdated u && u.order().accountId().equals(accountId)) {
                latest.put(u.order().orderId(), u.order());
            }
        }
        return queries.withFills(accountId, List.copyOf(latest.values()), applied.sequence());
    }
}
