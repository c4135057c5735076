package io.bulwark.engine.desk.trading;

import io.bulwark.engine.event.Event;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one trading command collects while it runs: its events, the positions and books it touched
 * (reported once, at the end), and the numbering of its trades.
 */
final class CommandContext {
    private final long sequence;
    private final long now;
    private final List<Event> events;
    private final Set<String> touchedPositions = new LinkedHashSet<>();
    private final TreeSet<String> touchedMarkets = new TreeSet<>();
    private int trades;

    CommandContext(long sequence, long now, List<Event> events) {
        this.sequence = sequence;
        this.now = now;
        this.events = events;
    }

    long sequence() {
        return sequence;
    }

    long now() {
        return now;
    }

    List<Event> events() {
        return events;
    }

    String reference() {
        return "seq:" + sequence;
    }

    String nextTradeId() {
        return sequence + "-" + ++trades;
    }

    void positionTouched(String accountId, String market) {
        touchedPositions.add(accountId + '\n' + market);
    }

    Set<String> touchedPositions() {
        return touchedPositions;
    }

    void marketTouched(String market) {
        touchedMarkets.add(market);
    }

    Set<String> touchedMarkets() {
        return touchedMarkets;
    }
}
