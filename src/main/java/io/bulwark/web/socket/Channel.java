package io.bulwark.web.socket;

import java.util.Arrays;
import java.util.Optional;

/** The channels a client may subscribe to (SPEC section 11). */
enum Channel {
    STATUS("status", false),
    ACCOUNT("account", false),
    ORDERBOOK("orderbook", true),
    TRADES("trades", true),
    PRICES("prices", true),
    TICKER("ticker", true);

    private final String wireName;
    private final boolean perMarket;

    Channel(String wireName, boolean perMarket) {
        this.wireName = wireName;
        this.perMarket = perMarket;
    }

    /** The name on the wire ({@code "orderbook"}). */
    String wireName() {
        return wireName;
    }

    /** Whether a subscription names a market. */
    boolean perMarket() {
        return perMarket;
    }

    static Optional<Channel> byWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
