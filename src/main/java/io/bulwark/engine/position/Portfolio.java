package io.bulwark.engine.position;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An account's trading state: positions by market, its live orders, the margin they hold, and the
 * client order ids it has used (kept so a retried request is recognised, until they are forgotten).
 */
public final class Portfolio {
    /**
     * A client order id's order, a fingerprint of the request that used it, and the engine time the order
     * ended at: {@link #NOT_ENDED} while it is live, and for an order that ended while ids were never
     * forgotten (its countdown starts when forgetting is turned on).
     */
    public record ClientOrder(long orderId, String fingerprint, long endedAt) {
        public static final long NOT_ENDED = Long.MIN_VALUE;

        /** A new order's id. */
        public ClientOrder(long orderId, String fingerprint) {
            this(orderId, fingerprint, NOT_ENDED);
        }

        public ClientOrder endedAt(long time) {
            return new ClientOrder(orderId, fingerprint, time);
        }

        public boolean ended() {
            return endedAt != NOT_ENDED;
        }
    }

    private final String accountId;
    private final Portfolios all;
    final TreeMap<String, Position> positions = new TreeMap<>();
    final TreeSet<Long> liveOrders = new TreeSet<>();
    final TreeMap<String, ClientOrder> clientOrders = new TreeMap<>();
    BigDecimal orderMargin = BigDecimal.ZERO;

    Portfolio(String accountId, Portfolios all) {
        this.accountId = accountId;
        this.all = all;
    }

    public Position position(String market) {
        return positions.computeIfAbsent(market, this::owned);
    }

    private Position owned(String market) {
        Position p = new Position(market);
        p.owner = this;
        return p;
    }

    /** A position read from a snapshot. */
    void restore(Position p) {
        p.owner = this;
        positions.put(p.market, p);
        all.positionChanged(accountId, p.market, 0, p.sizeSteps, false);
    }

    /** Every fill of one of this account's positions, after it is booked. */
    void positionChanged(String market, long fromSteps, long toSteps) {
        all.positionChanged(accountId, market, fromSteps, toSteps, true);
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

    public void forgetClientOrder(String clientOrderId) {
        clientOrders.remove(clientOrderId);
    }

    /** Every remembered client order id, in id order; read-only. */
    public java.util.SortedMap<String, ClientOrder> clientOrders() {
        return java.util.Collections.unmodifiableSortedMap(clientOrders);
    }

    /** Initial margin held by this account's resting orders. */
    public BigDecimal orderMargin() {
        return orderMargin;
    }

    public void adjustOrderMargin(BigDecimal delta) {
        orderMargin = orderMargin.add(delta);
    }
}
