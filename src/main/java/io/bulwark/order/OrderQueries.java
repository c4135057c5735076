package io.bulwark.order;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.trade.FillResponse;
import io.bulwark.trade.Fills;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.Sequenced;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;

/**
 * Reads an account's orders: live ones (open, partially filled, untriggered) from the engine, finished
 * ones (filled, cancelled) from the {@code orders} read model. Fills always come from the read model, up to
 * the sequence the order's state is from, so an answer never shows a fill its order does not count yet.
 */
@Service
class OrderQueries {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** Order ids as the engine writes them: digits without leading zeros ("0042" names no order). */
    private static final Pattern ORDER_ID = Pattern.compile("0|[1-9][0-9]{0,17}");

    private static final Pattern CURSOR = Pattern.compile("[0-9]{1,18}");
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    /** The end of an open time range: later than any order's time. */
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

    /** Orders created from {@code from} (inclusive) until {@code to} (exclusive). */
    record TimeRange(Instant from, Instant to) {
        static final TimeRange ALL = new TimeRange(Instant.EPOCH, NEVER);

        boolean contains(long epochMillis) {
            return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
        }
    }

    private final EngineClient engine;
    private final OrderRowRepository orders;
    private final Fills fills;

    OrderQueries(EngineClient engine, OrderRowRepository orders, Fills fills) {
        this.engine = engine;
        this.orders = orders;
        this.fills = fills;
    }

    private record LiveOrders(List<OrderState> orders, long sequence) {}

    /** One of the account's orders; another account's order is as unknown as one that never existed. */
    /**
     * One of the account's orders; another account's order is as unknown as one that never existed. The
     * sequence is the engine's: an order not live there was finished by then, and its row written.
     */
    Sequenced<OrderResponse> get(String accountId, String orderId) {
        requireOrderId(orderId);
        LiveOrders live = engine.query(view ->
                new LiveOrders(view.liveOrder(accountId, orderId).stream().toList(), view.lastSequence()));
        if (!live.orders().isEmpty()) {
            return new Sequenced<>(
                    withFills(accountId, live.orders(), live.sequence()).getFirst(), live.sequence());
        }
        OrderRow row = orders.findByOrderIdAndAccountId(Long.parseLong(orderId), accountId)
                .orElseThrow(() -> notFound(orderId));
        return new Sequenced<>(rowsWithFills(accountId, List.of(row)).getFirst(), live.sequence());
    }

    /**
     * The account's order with this client order id: the live one, else the newest finished one (after the
     * engine forgot an id, it may have named several orders). Another account's is as unknown as none.
     */
    Sequenced<OrderResponse> byClientOrderId(String accountId, String clientOrderId) {
        requireClientOrderId(clientOrderId);
        LiveOrders live = engine.query(view -> new LiveOrders(
                view.liveOrders(accountId, "").stream()
                        .filter(o -> o.clientOrderId().equals(clientOrderId))
                        .toList(),
                view.lastSequence()));
        if (!live.orders().isEmpty()) {
            return new Sequenced<>(
                    withFills(accountId, live.orders(), live.sequence()).getFirst(), live.sequence());
        }
        OrderRow row = orders.findFirstByAccountIdAndClientOrderIdOrderByOrderIdDesc(accountId, clientOrderId)
                .orElseThrow(() -> clientOrderIdNotFound(clientOrderId));
        return new Sequenced<>(rowsWithFills(accountId, List.of(row)).getFirst(), live.sequence());
    }

    /** The ids of the account's live orders named by these client order ids; one not live is absent. */
    Map<String, String> liveOrderIds(String accountId, Collection<String> clientOrderIds) {
        Set<String> wanted = Set.copyOf(clientOrderIds);
        return engine.query(view -> view.liveOrders(accountId, "").stream()
                .filter(o -> wanted.contains(o.clientOrderId()))
                .collect(Collectors.toUnmodifiableMap(OrderState::clientOrderId, OrderState::orderId)));
    }

    /**
     * The account's orders, newest first, with ids below {@code before}, created within {@code range}: live
     * ones (all, or those in a live {@code status}) from the engine, FILLED or CANCELLED ones from the read
     * model; with the sequence they reflect.
     */
    Sequenced<List<OrderResponse>> list(
            String accountId, String market, OrderStatus status, int limit, String before, TimeRange range) {
        String filter = market == null ? "" : market;
        long below = cursor(before);
        if (!filter.isEmpty() && !engine.query(view -> view.market(filter).isPresent())) {
            throw ApiException.notFound("UNKNOWN_MARKET", "no market " + filter);
        }
        return status == null || status.isLive()
                ? live(accountId, filter, status, limit, below, range)
                : finished(accountId, filter, status, limit, below, range);
    }

    /** {@code from} and {@code to} as given (ISO-8601 instants or epoch milliseconds, each optional). */
    static TimeRange timeRange(String from, String to) {
        Instant start = from == null || from.isEmpty() ? TimeRange.ALL.from() : instant("from", from);
        Instant end = to == null || to.isEmpty() ? TimeRange.ALL.to() : instant("to", to);
        if (start.isAfter(end)) {
            throw ApiException.badRequest("from: must not be after to");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String text) {
        try {
            Instant instant = EPOCH_MILLIS.matcher(text).matches()
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
            if (instant.isBefore(Instant.EPOCH) || instant.isAfter(NEVER)) {
                throw new DateTimeException("out of range");
            }
            return instant;
        } catch (DateTimeException e) {
            throw ApiException.badRequest(
                    name + ": must be an ISO-8601 time (2026-12-05T12:00:00Z) or epoch milliseconds");
        }
    }

    private Sequenced<List<OrderResponse>> live(
            String accountId, String market, OrderStatus status, int limit, long below, TimeRange range) {
        LiveOrders live = engine.query(view -> new LiveOrders(view.liveOrders(accountId, market), view.lastSequence()));
        List<OrderState> page = live.orders().stream()
                .filter(o -> status == null || o.status() == status)
                .filter(o -> Long.parseLong(o.orderId()) < below)
                .filter(o -> range.contains(o.createdAt()))
                .sorted(Comparator.comparingLong((OrderState o) -> Long.parseLong(o.orderId()))
                        .reversed())
                .limit(limit)
                .toList();
        return new Sequenced<>(withFills(accountId, page, live.sequence()), live.sequence());
    }

    private Sequenced<List<OrderResponse>> finished(
            String accountId, String market, OrderStatus status, int limit, long below, TimeRange range) {
        // Taken before the read: the rows reflect at least this sequence.
        long committed = engine.committedSequence();
        return new Sequenced<>(
                rowsWithFills(
                        accountId,
                        orders.findHistory(
                                accountId, status.name(), market, below, range.from(), range.to(), Limit.of(limit))),
                committed);
    }

    /** The account's live orders as {@code view} has them, oldest first, with their fills up to its sequence. */
    Supplier<Object> openOrders(EngineView view, String accountId) {
        List<OrderState> states = view.liveOrders(accountId, "").stream()
                .sorted(Comparator.comparingLong((OrderState o) -> Long.parseLong(o.orderId())))
                .toList();
        long sequence = view.lastSequence();
        return () -> withFills(accountId, states, sequence);
    }

    /** Read-model orders with their fills; an order with nothing filled has none, so it is not looked up. */
    private List<OrderResponse> rowsWithFills(String accountId, List<OrderRow> rows) {
        List<String> ids = rows.stream()
                .filter(r -> r.filledSize().signum() > 0)
                .map(r -> Long.toString(r.orderId()))
                .toList();
        // Every fill of an order updates it, so no fill of these orders comes after their last update.
        long upTo = rows.stream().mapToLong(OrderRow::updatedSequence).max().orElse(0);
        Map<String, List<FillResponse>> byOrder = fills.ofOrders(accountId, ids, upTo);
        return rows.stream()
                .map(r -> OrderResponse.of(r, byOrder.getOrDefault(Long.toString(r.orderId()), List.of())))
                .toList();
    }

    /** Engine states with their fills up to {@code sequence}, the sequence the states are from. */
    List<OrderResponse> withFills(String accountId, List<OrderState> states, long sequence) {
        // An order with nothing filled has no fills: a cancel of a resting order needs no read at all.
        Map<String, List<FillResponse>> byOrder = fills.ofOrders(
                accountId,
                states.stream()
                        .filter(o -> o.filledSize().signum() > 0)
                        .map(OrderState::orderId)
                        .toList(),
                sequence);
        return states.stream()
                .map(o -> OrderResponse.of(o, byOrder.getOrDefault(o.orderId(), List.of())))
                .toList();
    }

    private static long cursor(String before) {
        if (before == null || before.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (!CURSOR.matcher(before).matches()) {
            throw ApiException.badRequest("before: must be an order id");
        }
        return Long.parseLong(before);
    }

    /** Refuses, as not found, a text that cannot be an order id. */
    static void requireOrderId(String orderId) {
        if (!isOrderId(orderId)) {
            throw notFound(orderId);
        }
    }

    /** Refuses, as not found, a text that cannot be a client order id. */
    static void requireClientOrderId(String clientOrderId) {
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw clientOrderIdNotFound(clientOrderId);
        }
    }

    static ApiException clientOrderIdNotFound(String clientOrderId) {
        return ApiException.notFound("ORDER_NOT_FOUND", "no order with clientOrderId " + clientOrderId);
    }

    static boolean isOrderId(String orderId) {
        return ORDER_ID.matcher(orderId).matches();
    }

    static ApiException notFound(String orderId) {
        return ApiException.notFound("ORDER_NOT_FOUND", "no order " + orderId);
    }
}
