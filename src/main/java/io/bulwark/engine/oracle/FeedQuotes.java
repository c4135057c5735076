package io.bulwark.engine.oracle;

import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each source's quotes in one market's oracle feed, by source name: the latest accepted and offered
 * price, whether the offer is a pending jump, and when the source was last heard. Which of them are fresh
 * decides the index, its health and a re-anchor ({@link OracleFeed}).
 */
final class FeedQuotes {
    private final TreeMap<String, SourceQuotes> sources = new TreeMap<>();
    /** Whether each source's last update time is kept, for forgetting silent ones (Limits). Not itself state. */
    private boolean silenceCounted;

    /** The source's quotes, new when it was never heard (or forgotten); heard at {@code now}. */
    SourceQuotes heard(String source, long now) {
        SourceQuotes quotes = sources.computeIfAbsent(source, k -> new SourceQuotes());
        if (silenceCounted) {
            quotes.lastHeard = now;
        }
        return quotes;
    }

    /** The source's quotes; null when it was never heard (or forgotten). */
    SourceQuotes get(String source) {
        return sources.get(source);
    }

    /** A source made ACTIVE again starts afresh: nothing it said before counts or votes. */
    void activate(String source) {
        SourceQuotes quotes = sources.get(source);
        if (quotes != null) {
            quotes.accepted = null;
            quotes.offered = null;
            quotes.pending = false;
        }
    }

    /** The fresh accepted price of each source that counts toward the index, by source name. */
    List<SourcePrice> freshPrices(long now, MarketSpec spec) {
        List<SourcePrice> out = new ArrayList<>();
        sources.forEach((name, q) -> {
            if (q.accepted != null && fresh(q.accepted, now, spec)) {
                out.add(new SourcePrice(name, q.accepted.price()));
            }
        });
        return out;
    }

    List<SourceView> views() {
        List<SourceView> out = new ArrayList<>();
        sources.forEach((name, q) -> out.add(new SourceView(name, q.accepted, q.offered, q.pending, q.rejections)));
        return out;
    }

    /** The fresh accepted prices, with {@code source}'s replaced by {@code quote} when given. */
    List<BigDecimal> freshAccepted(long now, MarketSpec spec, String source, Quote quote) {
        List<BigDecimal> fresh = new ArrayList<>();
        sources.forEach((name, q) -> {
            Quote accepted = name.equals(source) ? quote : q.accepted;
            if (accepted != null && fresh(accepted, now, spec)) {
                fresh.add(accepted.price());
            }
        });
        return fresh;
    }

    /** The active sources whose latest offered price is fresh. */
    Map<String, SourceQuotes> freshOffers(long now, MarketSpec spec, Set<String> quarantined) {
        TreeMap<String, SourceQuotes> out = new TreeMap<>();
        sources.forEach((name, q) -> {
            if (!quarantined.contains(name) && q.offered != null && fresh(q.offered, now, spec)) {
                out.put(name, q);
            }
        });
        return out;
    }

    static boolean fresh(Quote quote, long now, MarketSpec spec) {
        return quote.timestamp() >= now - spec.maxPriceAgeSeconds() * 1000;
    }

    /**
     * Whether each source's last update is timed, so that sources silent for the retention can be
     * forgotten: the engine's limits (Limits), so a journal of an older build replays as it ran. Turning it
     * on starts the silence of every source not yet timed now. Derived from the engine's snapshotted
     * limits, not itself state.
     */
    void countSilence(boolean counted, long now) {
        silenceCounted = counted;
        if (counted) {
            sources.values().stream()
                    .filter(q -> q.lastHeard == SourceQuotes.NOT_TIMED)
                    .forEach(q -> q.lastHeard = now);
        }
    }

    /**
     * Forgets the sources that have sent nothing for {@code retentionMillis} and have no fresh price: the
     * per-source memory is bounded by the sources heard from lately, not by every name ever used. A
     * forgotten source had no say in the index, its health or a re-anchor (only fresh prices have one), so
     * nothing but the operators' list of sources changes; a source that speaks again starts afresh.
     */
    void forgetSilentSources(long now, long retentionMillis, MarketSpec spec) {
        sources.values()
                .removeIf(q -> q.lastHeard != SourceQuotes.NOT_TIMED
                        && now - q.lastHeard >= retentionMillis
                        && (q.accepted == null || !fresh(q.accepted, now, spec))
                        && (q.offered == null || !fresh(q.offered, now, spec)));
    }

    /** The sources part of the feed's snapshot: each source's quotes, in name order. */
    void writeTo(CanonicalWriter out) {
        out.writeInt(sources.size());
        sources.forEach((source, q) -> {
            out.writeString(source);
            writeQuote(out, q.accepted);
            writeQuote(out, q.offered);
            out.writeBoolean(q.pending).writeLong(q.rejections).writeLong(q.lastHeard);
        });
    }

    /** Format 3 added the offered prices and votes; format 1-2 had one quote each. */
    void readFrom(CanonicalReader in) {
        boolean v3 = in.formatVersion() >= 3;
        for (int i = 0, n = in.readInt(); i < n; i++) {
            SourceQuotes q = new SourceQuotes();
            String source = in.readString();
            if (v3) {
                q.accepted = readQuote(in);
                q.offered = readQuote(in);
                q.pending = in.readBoolean();
                q.rejections = in.readLong();
                // Format 4 added it; older builds never forgot a source, so none was timed.
                q.lastHeard = in.formatVersion() >= 5 ? in.readLong() : SourceQuotes.NOT_TIMED;
            } else {
                q.accepted = new Quote(in.readDecimal(), in.readLong());
                q.offered = q.accepted;
            }
            sources.put(source, q);
        }
    }

    private static void writeQuote(CanonicalWriter out, Quote quote) {
        out.writeBoolean(quote != null);
        if (quote != null) {
            out.writeDecimal(quote.price()).writeLong(quote.timestamp());
        }
    }

    private static Quote readQuote(CanonicalReader in) {
        return in.readBoolean() ? new Quote(in.readDecimal(), in.readLong()) : null;
    }

    /** One source's prices in this market; mutable, owned by the feed. */
    static final class SourceQuotes {
        /** Counts toward the index while fresh; null when it never had one or it was forgotten. */
        Quote accepted;
        /** The latest valid price it gave, accepted or not. */
        Quote offered;
        /** {@link #offered} was refused as a jump: a vote for re-anchoring there. */
        boolean pending;

        long rejections;

        static final long NOT_TIMED = Long.MIN_VALUE;

        /** Engine time of its last update, valid or not; NOT_TIMED while silence is not counted. */
        long lastHeard = NOT_TIMED;
    }
}
