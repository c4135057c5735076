package io.bulwark.engine.desk.trading;

import io.bulwark.engine.order.Order;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolio.ClientOrder;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.Limits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The client order ids each account has used (SPEC section 4): a repeat is recognised while its order is
 * live and for the retention after the order ended, in engine time; then the id is forgotten and may name
 * a new order, so the state does not grow with every order ever placed. With no retention (rows of older
 * builds) nothing is forgotten, and no end time is kept either: the countdown of an order that ended then
 * starts at the StartEngine that sets a retention, whichever way (snapshot or full replay) the engine got
 * there. The ids live in each account's {@link Portfolio} (snapshotted there); the queue of ended ones is
 * rebuilt from them.
 */
final class ClientOrderIds {
    private record Ended(long endedAt, String accountId, String clientOrderId, long orderId) {}

    private final Portfolios portfolios;
    private final Limits limits;
    /** Oldest end first: engine time never runs backwards, so appending keeps the order. */
    private final ArrayDeque<Ended> ended = new ArrayDeque<>();

    ClientOrderIds(Portfolios portfolios, Limits limits) {
        this.portfolios = portfolios;
        this.limits = limits;
        List<Ended> counting = new ArrayList<>();
        for (Map.Entry<String, Portfolio> p : portfolios.entries()) {
            p.getValue().clientOrders().forEach((cid, co) -> {
                if (co.ended()) {
                    counting.add(new Ended(co.endedAt(), p.getKey(), cid, co.orderId()));
                }
            });
        }
        counting.sort(Comparator.comparingLong(Ended::endedAt));
        ended.addAll(counting);
    }

    /** The order {@code clientOrderId} names for the account at {@code now}, unless it was forgotten by then. */
    Optional<ClientOrder> find(Portfolio portfolio, String clientOrderId, long now) {
        return portfolio.clientOrder(clientOrderId).filter(co -> !expired(co, now));
    }

    /** A new order took {@code clientOrderId} (a forgotten earlier one's entry is replaced). */
    void remember(Portfolio portfolio, String clientOrderId, long orderId, String fingerprint) {
        portfolio.rememberClientOrder(clientOrderId, new ClientOrder(orderId, fingerprint));
    }

    /** The order is no longer live (filled or cancelled) at {@code now}: its id's countdown starts. */
    void ended(Order order, long now) {
        if (order.clientOrderId.isEmpty()
                || limits.clientOrderIdRetentionMillis().isEmpty()) {
            return;
        }
        Portfolio portfolio = portfolios.get(order.accountId).orElseThrow();
        portfolio
                .clientOrder(order.clientOrderId)
                .filter(co -> co.orderId() == order.id && !co.ended())
                .ifPresent(co -> stamp(order.accountId, portfolio, order.clientOrderId, co, now));
    }

    private void stamp(String accountId, Portfolio portfolio, String clientOrderId, ClientOrder co, long now) {
        portfolio.rememberClientOrder(clientOrderId, co.endedAt(now));
        ended.addLast(new Ended(now, accountId, clientOrderId, co.orderId()));
    }

    /**
     * A StartEngine set the retention: the ids of orders that ended while none was set start counting down
     * now. Nothing to do when a retention was set all along.
     */
    void startCountdowns(LiveOrders live, long now) {
        if (limits.clientOrderIdRetentionMillis().isEmpty()) {
            return;
        }
        for (Map.Entry<String, Portfolio> p : portfolios.entries()) {
            Portfolio portfolio = p.getValue();
            List<Map.Entry<String, ClientOrder>> waiting = portfolio.clientOrders().entrySet().stream()
                    .filter(e -> !e.getValue().ended()
                            && live.get(e.getValue().orderId()).isEmpty())
                    .toList();
            waiting.forEach(e -> stamp(p.getKey(), portfolio, e.getKey(), e.getValue(), now));
        }
    }

    /** Forgets the ids whose retention has passed at {@code now}. Only after a command that is applied. */
    void forget(long now) {
        while (!ended.isEmpty() && expired(ended.peekFirst().endedAt(), now)) {
            Ended e = ended.pollFirst();
            portfolios
                    .get(e.accountId())
                    .ifPresent(p -> p.clientOrder(e.clientOrderId())
                            .filter(co -> co.orderId() == e.orderId())
                            .ifPresent(co -> p.forgetClientOrder(e.clientOrderId())));
        }
    }

    private boolean expired(ClientOrder co, long now) {
        return co.ended() && expired(co.endedAt(), now);
    }

    private boolean expired(long endedAt, long now) {
        OptionalLong retention = limits.clientOrderIdRetentionMillis();
        return retention.isPresent() && now - endedAt >= retention.getAsLong();
    }
}
