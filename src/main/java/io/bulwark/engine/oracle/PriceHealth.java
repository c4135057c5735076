package io.bulwark.engine.oracle;

/**
 * Whether a market's price may drive triggers, liquidations and funding, and if not, the first reason
 * why not in this order.
 */
public enum PriceHealth {
    HEALTHY,
    /** No accepted price yet. */
    NO_PRICE,
    /** No active source has given a fresh accepted price within maxPriceAgeSeconds. */
    STALE,
    /** The fresh active sources disagree by more than maxSourceDivergenceBps (highest vs lowest). */
    SOURCES_DIVERGE,
    /**
     * Fewer than {@link OracleFeed#HEALTHY_AFTER} consecutive accepted updates since the last anomaly
     * (a refused update, a start, a quarantine or an admin re-anchor).
     */
    UNCONFIRMED
}
