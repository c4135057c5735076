package io.bulwark.engine.position;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An account's trading state: positions by market, its live orders, the margin they hold, and the
 * client order ids it has used (kept so a retried request is recognised).
 */
public final class Portfolio {
    /** A client order id and a fingerprint of the request that used it. */
    public record ClientOrder(long orderId, String fingerprint) {}

    final TreeMap<String, Position> positions = new TreeMap<>();
    final TreeSet<Long> liveOrders = new TreeSet<>();
    final TreeMap<String, ClientOrder> clientOrders = new TreeMap<>();
    BigDecimal orderMargin = BigDecimal.ZERO;

    public Position position(String market) {
        return positions.computeIfAbsent(market, Position::new);
    }

    public Optional<Position> existingPosition(String market) {
        return Optional.ofNullable(positions.get(market));
    }

    public Collection<Position> positions() {
        return positions.values();
    }

    public TreeSet<Long> liveOrders() {
        return liveOrders;
    }

    public Optional<ClientOrder> clientOrder(String clientOrderId) {
        return Optional.ofNullable(clientOrders.get(clientOrderId));
    }

    public void rememberClientOrder(String clientOrderId, ClientOrder order) {
        clientOrders.put(clientOrderId, order);
    }

    /** Initial margin held by this account's resting orders. */
    public BigDecimal orderMargin() {
        return orderMargin;
    }

    public void adjustOrderMargin(BigDecimal delta) {
        orderMargin = orderMargin.add(delta);
    }
}
