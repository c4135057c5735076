package io.bulwark.web.socket;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The markets that exist, kept from the engine (after recovery) and from {@code MarketCreated} events. */
final class KnownMarkets {
    private final Set<String> markets = ConcurrentHashMap.newKeySet();

    boolean contains(String market) {
        return markets.contains(market);
    }

    void add(String market) {
        markets.add(market);
    }

    synchronized void replaceWith(Collection<String> current) {
        markets.retainAll(current);
        markets.addAll(current);
    }
}
