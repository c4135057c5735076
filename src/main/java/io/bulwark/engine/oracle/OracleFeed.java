package io.bulwark.engine.oracle;

import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.oracle.FeedQuotes.SourceQuotes;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One market's oracle state (SPEC section 6): each source's latest accepted and offered price, the index
 * (median of the fresh accepted ones) and the price health.
 *
 * <p>An update is refused as a jump when it is further than maxPriceJumpBps from the index, or when the
 * index it would give is further than that from where the index stood at the start of any window of
 * priceJumpWindowSeconds ({@link IndexWindow}). A refused jump is a vote: when every fresh active source,
 * two or more, has a refused jump as its latest price and they agree within maxPriceJumpBps of each
 * other for {@link #REANCHOR_AFTER} updates in a row, the index re-anchors to their median. A lone
 * source never re-anchors a market by itself: that would let one key move the index anywhere.
 *
 * <p>Healthy means a fresh index, fresh sources that agree within maxSourceDivergenceBps, and at least
 * {@link #HEALTHY_AFTER} consecutive accepted updates since the last anomaly and since the engine last
 * started: a price carried over a restart is never trusted until fresh ones confirm it.
 */
public final class OracleFeed {
    public static final int HEALTHY_AFTER = 3;
    public static final int REANCHOR_AFTER = 3;
    /** Clock skew tolerated for a source's timestamp ahead of engine time. */
    public static final long FUTURE_TOLERANCE_MILLIS = 2_000;

    private final FeedQuotes sources = new FeedQuotes();
    private BigDecimal index;
    private long consecutiveAccepted;
    private long jumpsRefused;
    private long rejected;
    private int agreeingUpdates;
    private boolean v2Rules = true;
    private boolean canonicalPrices = true;

    private IndexWindow window = new IndexWindow();
    private Reanchor lastReanchor;

    public BigDecimal index() {
        return index;
    }

    public long rejected() {
        return rejected;
    }

    /** Accepted updates in a row since the last anomaly or start (healthy from {@link #HEALTHY_AFTER}). */
    public long consecutiveAccepted() {
        return consecutiveAccepted;
    }

    /** Consecutive refused jumps on which every fresh active source agreed (a re-anchor at 3). */
    public int agreeingUpdates() {
        return agreeingUpdates;
    }

    public Optional<Reanchor> lastReanchor() {
        return Optional.ofNullable(lastReanchor);
    }

    /**
     * Checks and applies one update from {@code source} at engine time {@code now}; {@code quarantined}
     * are the sources an operator quarantined. A refused update never moves the index.
     */
    public Verdict offer(
            String source, String priceText, long timestamp, long now, MarketSpec spec, Set<String> quarantined) {
        SourceQuotes quotes = sources.heard(source, now);
        Optional<PriceRejection> invalid = PriceChecks.invalid(priceText, timestamp, now, spec);
        if (quarantined.contains(source)) {
            if (invalid.isEmpty()) {
                quotes.offered = new Quote(price(priceText), timestamp); // shown to operators only
            }
            return refuse(quotes, PriceRejection.SOURCE_QUARANTINED, false);
        }
        if (invalid.isPresent()) {
            return refuse(quotes, invalid.get(), true);
        }
        Quote quote = new Quote(price(priceText), timestamp);
        quotes.offered = quote;
        if (index != null && jumps(source, quote, now, spec)) {
            return jumped(quotes, now, spec, quarantined);
        }
        accept(quotes, quote, now, spec);
        return Verdict.ACCEPTED;
    }

    /** A refused jump, or the vote that re-anchors the index when every fresh source agrees on it. */
    private Verdict jumped(SourceQuotes quotes, long now, MarketSpec spec, Set<String> quarantined) {
        if (!v2Rules) {
            return refuse(quotes, PriceRejection.PRICE_JUMP, true);
        }
        quotes.pending = true;
        agreeingUpdates = sourcesAgreeOnAJump(now, spec, quarantined) ? agreeingUpdates + 1 : 0;
        if (agreeingUpdates >= REANCHOR_AFTER) {
            reanchor(now, spec, quarantined, ReanchorCause.AGREEMENT);
            consecutiveAccepted = HEALTHY_AFTER; // the agreeing updates confirmed it
            return Verdict.REANCHORED;
        }
        jumpsRefused++;
        return refuse(quotes, PriceRejection.PRICE_JUMP, true);
    }

    /** The quote counts toward the index from now on, and the index is the median of the fresh ones. */
    private void accept(SourceQuotes quotes, Quote quote, long now, MarketSpec spec) {
        if (sources.freshAccepted(now, spec, null, null).isEmpty()) {
            // Every source had gone silent: a feed coming back is an anomaly, confirmed afresh.
            consecutiveAccepted = 0;
        }
        quotes.accepted = quote;
        quotes.pending = false;
        agreeingUpdates = 0;
        consecutiveAccepted++;
        BigDecimal before = index;
        index = median(sources.freshAccepted(now, spec, null, null)).orElse(index);
        if (before == null || before.compareTo(index) != 0) {
            window.moved(before, index, now, spec.priceJumpWindowSeconds());
        }
    }

    private Verdict refuse(SourceQuotes quotes, PriceRejection reason, boolean anomaly) {
        quotes.rejections++;
        rejected++;
        if (anomaly) {
            consecutiveAccepted = 0;
        }
        return Verdict.refused(reason);
    }

    /** Too far from the index, or it would move the index too far within the window. */
    private boolean jumps(String source, Quote quote, long now, MarketSpec spec) {
        if (PriceChecks.apart(index, quote.price(), spec.maxPriceJumpBps())) {
            return true;
        }
        if (!v2Rules) {
            return false;
        }
        BigDecimal candidate =
                median(sources.freshAccepted(now, spec, source, quote)).orElseThrow();
        return candidate.compareTo(index) != 0
                && !window.allows(candidate, index, now, spec.priceJumpWindowSeconds(), spec.maxPriceJumpBps());
    }

    /** Every fresh active source (two or more) has a refused jump as its latest price, and they agree. */
    private boolean sourcesAgreeOnAJump(long now, MarketSpec spec, Set<String> quarantined) {
        List<BigDecimal> votes = new ArrayList<>();
        for (SourceQuotes q : sources.freshOffers(now, spec, quarantined).values()) {
            if (!q.pending) {
                return false;
            }
            votes.add(q.offered.price());
        }
        return votes.size() >= 2 && !PriceChecks.spreadExceeds(votes, spec.maxPriceJumpBps());
    }

    /**
     * An operator's re-anchor: to the median of the fresh active sources' latest prices, accepted or not.
     * Unconfirmed until {@link #HEALTHY_AFTER} accepted updates follow. Empty (and nothing changes) when
     * no active source has a fresh price.
     */
    public Optional<BigDecimal> reanchorByOperator(long now, MarketSpec spec, Set<String> quarantined) {
        if (sources.freshOffers(now, spec, quarantined).isEmpty()) {
            return Optional.empty();
        }
        reanchor(now, spec, quarantined, ReanchorCause.ADMIN);
        consecutiveAccepted = 0;
        return Optional.of(index);
    }

    /** Every fresh active source's latest price becomes its accepted one, and their median the index. */
    private void reanchor(long now, MarketSpec spec, Set<String> quarantined, ReanchorCause cause) {
        sources.freshOffers(now, spec, quarantined).values().forEach(q -> {
            q.accepted = q.offered;
            q.pending = false;
        });
        setOutsideLimits(median(sources.freshAccepted(now, spec, null, null)).orElseThrow(), now, spec, cause);
    }

    private void setOutsideLimits(BigDecimal price, long now, MarketSpec spec, ReanchorCause cause) {
        lastReanchor = new Reanchor(now, index, price, cause);
        index = price;
        agreeingUpdates = 0;
        window.restart();
        window.moved(null, price, now, spec.priceJumpWindowSeconds());
    }

    /**
     * A source was quarantined: its prices stop counting at once and the index is recomputed from the
     * other fresh ones (kept when there are none). Returns whether the index changed.
     */
    public boolean quarantine(String source, long now, MarketSpec spec) {
        SourceQuotes quotes = sources.get(source);
        if (quotes == null) {
            return false;
        }
        boolean counted = quotes.accepted != null && FeedQuotes.fresh(quotes.accepted, now, spec);
        quotes.accepted = null;
        quotes.pending = false;
        if (!counted) {
            return false;
        }
        consecutiveAccepted = 0;
        agreeingUpdates = 0;
        BigDecimal recomputed =
                median(sources.freshAccepted(now, spec, null, null)).orElse(index);
        if (recomputed.compareTo(index) == 0) {
            return false;
        }
        setOutsideLimits(recomputed, now, spec, ReanchorCause.QUARANTINE);
        return true;
    }

    /** A source made ACTIVE again starts afresh: nothing it said before counts or votes. */
    public void activate(String source) {
        sources.activate(source);
    }

    public PriceHealth health(long now, MarketSpec spec) {
        if (index == null) {
            return PriceHealth.NO_PRICE;
        }
        List<BigDecimal> fresh = sources.freshAccepted(now, spec, null, null);
        if (fresh.isEmpty()) {
            return PriceHealth.STALE;
        }
        if (v2Rules && PriceChecks.spreadExceeds(fresh, spec.maxSourceDivergenceBps())) {
            return PriceHealth.SOURCES_DIVERGE;
        }
        return consecutiveAccepted >= HEALTHY_AFTER ? PriceHealth.HEALTHY : PriceHealth.UNCONFIRMED;
    }

    /** Whether the index is fresh at {@code now}, agreed on by its sources and confirmed by enough updates. */
    public boolean healthy(long now, MarketSpec spec) {
        return health(now, spec) == PriceHealth.HEALTHY;
    }

    /** The fresh accepted price of each source that counts toward the index, by source name. */
    public List<SourcePrice> freshPrices(long now, MarketSpec spec) {
        return sources.freshPrices(now, spec);
    }

    public List<SourceView> sources() {
        return sources.views();
    }

    /**
     * A start or recovery: nothing carried over is trusted until fresh updates confirm it, and votes for a
     * re-anchor cast before it do not count either.
     */
    public void distrust() {
        consecutiveAccepted = 0;
        agreeingUpdates = 0;
    }

    /**
     * Whether SPEC v2's oracle rules apply (the windowed jump limit, re-anchoring by agreement, diverging
     * sources unhealthy), and whether prices and the index are kept canonical (rules version 3): the
     * engine's rule set, so a journal of an older build replays as it ran. Derived from the engine's
     * snapshotted rule set, not itself state.
     */
    public void useRules(boolean v2, boolean canonicalPrices) {
        this.v2Rules = v2;
        this.canonicalPrices = canonicalPrices;
    }

    /**
     * A source's price as the index uses it. Kept canonical, as the snapshot stores it (rules version 3):
     * the mark's rounding follows the index's scale, so a padded price ("109.240") would otherwise give a
     * restored engine a different mark than the live one. Older rules kept the padding, and a journal of
     * an older build replays with it, to the marks it recorded.
     */
    private BigDecimal price(String priceText) {
        BigDecimal price = new BigDecimal(priceText);
        return canonicalPrices ? Decimals.canonical(price) : price;
    }

    /** The median of the prices, canonical under rules version 3 (see {@link #price}). */
    private Optional<BigDecimal> median(List<BigDecimal> prices) {
        Optional<BigDecimal> median = PriceChecks.median(prices);
        return canonicalPrices ? median.map(Decimals::canonical) : median;
    }

    /**
     * Whether each source's last update is timed, so that sources silent for the retention can be
     * forgotten: the engine's limits (Limits), so a journal of an older build replays as it ran. Turning it
     * on starts the silence of every source not yet timed now. Derived from the engine's snapshotted
     * limits, not itself state.
     */
    public void countSilence(boolean counted, long now) {
        sources.countSilence(counted, now);
    }

    /** Forgets the sources silent for {@code retentionMillis} that have no fresh price ({@link FeedQuotes}). */
    public void forgetSilentSources(long now, long retentionMillis, MarketSpec spec) {
        sources.forgetSilentSources(now, retentionMillis, spec);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeOptionalDecimal(index)
                .writeLong(consecutiveAccepted)
                .writeLong(jumpsRefused)
                .writeLong(rejected);
        sources.writeTo(out);
        out.writeInt(agreeingUpdates);
        window.writeTo(out);
        out.writeBoolean(lastReanchor != null);
        if (lastReanchor != null) {
            lastReanchor.writeTo(out);
        }
    }

    /** Format 3 added the offered prices, votes, window and last re-anchor; format 1-2 had one quote each. */
    public static OracleFeed readFrom(CanonicalReader in) {
        OracleFeed feed = new OracleFeed();
        feed.index = in.readOptionalDecimal();
        feed.consecutiveAccepted = in.readLong();
        feed.jumpsRefused = in.readLong();
        feed.rejected = in.readLong();
        feed.sources.readFrom(in);
        boolean v3 = in.formatVersion() >= 3;
        if (v3) {
            feed.agreeingUpdates = in.readInt();
            feed.window = IndexWindow.readFrom(in);
            if (in.readBoolean()) {
                feed.lastReanchor = Reanchor.readFrom(in);
            }
        }
        return feed;
    }
}
